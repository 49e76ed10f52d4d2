import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ProblemTexts } from '../api/problem';
import { en, type MessageKey } from './en';
import * as f from './format';
import { fr } from './fr';

const CATALOGS: Record<f.Lang, Record<MessageKey, string>> = { en, fr };
const DEVICE_KEY = 'smartlink.lang';
const userKey = (userId: string) => `smartlink.lang.${userId}`;

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface I18n {
  lang: f.Lang;
  setLang(lang: f.Lang): void;
  t: Translate;
  money(amount: number | null | undefined, currency: string): string;
  dateTime(iso: string | null | undefined): string;
  date(iso: string | null | undefined): string;
  number(value: number | null | undefined, digits?: number): string;
  percent(value: number | null | undefined): string;
  bytes(value: number | null | undefined): string;
  month(key: string): string;
  problems: ProblemTexts;
}

function read(key: string): f.Lang | null {
  try {
    const value = localStorage.getItem(key);
    return value === 'en' || value === 'fr' ? value : null;
  } catch {
    return null;
  }
}

function write(key: string, lang: f.Lang): void {
  try {
    localStorage.setItem(key, lang);
  } catch {
    // not kept: private mode
  }
}

/** The browser's preferred language when it is one of ours; English otherwise. */
function browserLang(): f.Lang {
  const languages = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  for (const language of languages) {
    const base = language.toLowerCase().slice(0, 2);
    if (base === 'fr' || base === 'en') {
      return base;
    }
  }
  return 'en';
}

export function translate(lang: f.Lang, key: MessageKey, values?: Record<string, string | number>): string {
  const template = CATALOGS[lang][key] ?? en[key];
  if (!values) {
    return template;
  }
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

const Context = createContext<I18n | null>(null);

/**
 * The UI's language: the signed-in user's choice (kept per user in this browser: user-service's profile has no
 * locale field), else this device's last choice, else the browser's.
 */
export function I18nProvider({ userId, children }: { userId: string | null; children: ReactNode }) {
  const [lang, setLangState] = useState<f.Lang>(() => (userId && read(userKey(userId))) || read(DEVICE_KEY) || browserLang());
  const [seenUser, setSeenUser] = useState(userId);
  if (userId !== seenUser) {
    // a user signed in (or out): their own choice wins when they made one here before
    setSeenUser(userId);
    const own = userId ? read(userKey(userId)) : null;
    if (own && own !== lang) {
      setLangState(own);
    }
  }

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback(
    (next: f.Lang) => {
      setLangState(next);
      write(DEVICE_KEY, next);
      if (userId) {
        write(userKey(userId), next);
      }
    },
    [userId],
  );

  const value = useMemo<I18n>(() => {
    const t: Translate = (key, values) => translate(lang, key, values);
    return {
      lang,
      setLang,
      t,
      money: (amount, currency) => f.formatMoney(amount, currency, lang),
      dateTime: (iso) => f.formatDateTime(iso, lang),
      date: (iso) => f.formatDate(iso, lang),
      number: (value, digits) => f.formatNumber(value, lang, digits),
      percent: (value) => f.formatPercent(value, lang),
      bytes: (value) => f.formatBytes(value, lang),
      month: (key) => f.formatMonthKey(key, lang),
      problems: {
        network: t('error.network'),
        unavailable: t('error.unavailable'),
        tooMany: t('error.tooMany'),
        unexpected: t('error.unexpected'),
        sessionExpired: t('error.sessionExpired'),
      },
    };
  }, [lang, setLang]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) {
    throw new Error('useI18n outside I18nProvider');
  }
  return value;
}
