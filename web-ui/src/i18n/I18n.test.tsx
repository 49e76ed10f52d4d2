import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { I18nProvider, translate, useI18n } from './I18n';

afterEach(cleanup);
beforeEach(() => localStorage.clear());

function Probe() {
  const { t, lang, setLang, money } = useI18n();
  return (
    <div>
      <p data-testid="text">{t('nav.trips')}</p>
      <p data-testid="money">{money(45000, 'XAF')}</p>
      <button type="button" onClick={() => setLang(lang === 'en' ? 'fr' : 'en')}>
        switch
      </button>
    </div>
  );
}

describe('language', () => {
  it('fills in values', () => {
    expect(translate('fr', 'search.totalFor', { total: '45 000 FCFA', days: 3 })).toBe('45 000 FCFA au total pour 3 jours');
  });

  it('is kept per user: switching while signed in is remembered for that user', () => {
    localStorage.setItem('smartlink.lang', 'en');
    const { rerender } = render(
      <I18nProvider userId="user-1">
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByTestId('text').textContent).toBe('My trips');
    act(() => screen.getByRole('button').click());
    expect(screen.getByTestId('text').textContent).toBe('Mes trajets');
    expect(screen.getByTestId('money').textContent).toMatch(/FCFA/);
    expect(document.documentElement.lang).toBe('fr');
    expect(localStorage.getItem('smartlink.lang.user-1')).toBe('fr');

    // another user on this browser picks English; the first one gets French back when they sign in again
    rerender(
      <I18nProvider userId="user-2">
        <Probe />
      </I18nProvider>,
    );
    act(() => screen.getByRole('button').click());
    expect(screen.getByTestId('text').textContent).toBe('My trips');
    rerender(
      <I18nProvider userId="user-1">
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByTestId('text').textContent).toBe('Mes trajets');
  });
});
