import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CancellationPreview } from '../../api/types';
import { I18nProvider } from '../../i18n/I18n';
import { CancelRefundPreview } from './CancelRefundPreview';

afterEach(cleanup);

function preview(overrides: Partial<CancellationPreview>): CancellationPreview {
  return {
    bookingId: 'b1',
    status: 'CONFIRMED',
    cancellable: true,
    reason: null,
    detail: null,
    refundAmount: 25_000,
    refundPercent: 100,
    currency: 'XAF',
    paidAmount: 25_000,
    policy: {
      fullRefundHoursBefore: 24,
      fullRefundPercent: 100,
      lateRefundPercent: 50,
      fullRefundUntil: '2026-12-09T09:00:00Z',
      cancellableUntil: '2026-12-10T09:00:00Z',
    },
    asOf: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

function show(lang: 'en' | 'fr', value: CancellationPreview) {
  localStorage.setItem('smartlink.lang', lang);
  render(
    <I18nProvider userId={null}>
      <CancelRefundPreview preview={value} />
    </I18nProvider>,
  );
}

// Intl puts narrow no-break spaces in French amounts and percents: compare with plain spaces
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('the previewed refund in the cancel dialog', () => {
  it('shows the full refund in XAF and until when it lasts, in English', () => {
    show('en', preview({}));
    const refund = screen.getByTestId('cancel-refund-preview');
    expect(refund.dataset.refundAmount).toBe('25000');
    expect(refund.dataset.cancellable).toBe('true');
    expect(plain(refund.textContent)).toMatch(/If you cancel now, you get FCFA\s?25,000 back \(100% of the FCFA\s?25,000 you paid\)\./);
    expect(plain(screen.getByTestId('cancel-policy').textContent)).toContain('Full refund (100%) until');
  });

  it('shows the late half in French, formatted the French way', () => {
    show('fr', preview({ refundAmount: 12_500, refundPercent: 50, asOf: '2026-12-09T20:00:00Z' }));
    const refund = plain(screen.getByTestId('cancel-refund-preview').textContent);
    expect(refund).toContain('Si vous annulez maintenant, vous récupérez 12 500 FCFA (50 % des 25 000 FCFA payés).');
    expect(plain(screen.getByTestId('cancel-policy').textContent)).toContain('À moins de 24 h de la prise en charge, 50 % du total');
  });

  it('keeps the decimals of euros', () => {
    show('en', preview({ currency: 'EUR', refundAmount: 27.45, refundPercent: 50, paidAmount: 54.89, asOf: '2026-12-09T20:00:00Z' }));
    expect(screen.getByTestId('cancel-refund-preview').textContent).toContain('€27.45');
    expect(screen.getByTestId('cancel-refund-preview').textContent).toContain('€54.89');
  });

  it('says a hold costs nothing', () => {
    show('en', preview({ status: 'HELD', refundAmount: null, refundPercent: null, paidAmount: 0 }));
    const refund = screen.getByTestId('cancel-refund-preview');
    expect(refund.textContent).toBe('Nothing has been charged: the reservation is simply released.');
    expect(refund.dataset.refundAmount).toBe('');
  });

  it('says why it cannot be cancelled, without the policy', () => {
    show('fr', preview({ cancellable: false, reason: 'RENTAL_STARTED', refundAmount: null, refundPercent: null, detail: 'A CONFIRMED booking cannot be cancelled once its pickup time has come.' }));
    const refund = screen.getByTestId('cancel-refund-preview');
    expect(refund.dataset.cancellable).toBe('false');
    expect(refund.textContent).toBe('La location a commencé : elle ne peut plus être annulée.');
    expect(screen.queryByTestId('cancel-policy')).toBeNull();
  });
});
