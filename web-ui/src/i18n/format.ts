/** Dates and money by the UI's language, with Intl (XAF has no decimals: Intl knows, the server agrees). */
export type Lang = 'en' | 'fr';
export const LANGS: Lang[] = ['en', 'fr'];

/** Cameroon first: its English and French formats (FCFA, spaces between thousands in French). */
export function intlLocale(lang: Lang): string {
  return lang === 'fr' ? 'fr-CM' : 'en-CM';
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number | null | undefined, currency: string, lang: Lang): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) {
    return '—';
  }
  const key = `${lang}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency });
    } catch {
      format = new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 4 });
    }
    moneyFormats.set(key, format);
  }
  return format.format(amount);
}

export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  return new Intl.NumberFormat(intlLocale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '—';
  }
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'medium' }).format(date);
}

/** A month key from the server (`2026-03`) as "Mar 2026". */
export function formatMonthKey(key: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  if (!match) {
    return key;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(intlLocale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number | null | undefined, lang: Lang): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) {
    return '—';
  }
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, lang, unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}
