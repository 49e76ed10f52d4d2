import type { CancellationPreview } from '../../api/types';
import { useI18n } from '../../i18n/I18n';

/**
 * booking-service's answer to "what if I cancel now?", as the confirm dialog shows it before the renter confirms:
 * the refund (`cancel-refund-preview`, with the amount in `data-refund-amount`) and the policy's terms for this
 * booking (`cancel-policy`). Every figure is the server's (GET /api/bookings/{id}/cancellation, the rule the cancel
 * applies); nothing is computed here but the formatting.
 */
export function CancelRefundPreview({ preview }: { preview: CancellationPreview }) {
  const { t, money, percent, dateTime, number } = useI18n();
  const p = preview.policy;
  const pickup = dateTime(p.cancellableUntil);
  let refund: string;
  if (!preview.cancellable) {
    refund = preview.reason ? t(`trip.notCancellable.${preview.reason}`) : (preview.detail ?? '');
  } else if (preview.refundAmount === null) {
    refund = t('trip.cancelHeld');
  } else {
    refund = t('trip.refundPreview', {
      refund: money(preview.refundAmount, preview.currency),
      percent: percent(preview.refundPercent),
      paid: money(preview.paidAmount, preview.currency),
    });
  }
  // still inside the full refund's window at the server's instant: say until when; else what is left of the policy
  const fullWindow = new Date(preview.asOf).getTime() <= new Date(p.fullRefundUntil).getTime();
  const terms = fullWindow
    ? t('trip.policyFullUntil', {
        full: percent(p.fullRefundPercent),
        until: dateTime(p.fullRefundUntil),
        late: percent(p.lateRefundPercent),
        pickup,
      })
    : t('trip.policyLate', { hours: number(p.fullRefundHoursBefore, 2), late: percent(p.lateRefundPercent), pickup });
  return (
    <>
      <p
        className={preview.cancellable ? 'refund-preview' : 'refund-preview muted'}
        data-testid="cancel-refund-preview"
        data-cancellable={preview.cancellable}
        data-refund-amount={preview.refundAmount ?? ''}
        data-currency={preview.currency}
      >
        <strong>{refund}</strong>
      </p>
      {preview.cancellable && (
        <p className="small" data-testid="cancel-policy">
          {terms} <span className="muted">{t('trip.refundPreviewAsOf', { time: dateTime(preview.asOf) })}</span>
        </p>
      )}
    </>
  );
}
