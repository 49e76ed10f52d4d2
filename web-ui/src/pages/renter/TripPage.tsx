import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/instance';
import { ApiError } from '../../api/problem';
import type { Booking } from '../../api/types';
import {
  Badge,
  BlockSkeleton,
  ConfirmDialog,
  Countdown,
  ErrorState,
  Loading,
  Notice,
  ProblemAlert,
  Skeleton,
  useNow,
  useStatusLabel,
} from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { CancelRefundPreview } from './CancelRefundPreview';

/**
 * Where a checkout may send the renter: the sandbox's page on our own origin, or Stripe's hosted checkout. Anything
 * else (a tampered answer) is refused rather than followed.
 */
export function safeCheckoutUrl(url: string, origin: string): string | null {
  try {
    const parsed = new URL(url, origin);
    if (parsed.origin === origin && parsed.pathname.startsWith('/payments/sandbox/')) {
      return parsed.href;
    }
    if (parsed.protocol === 'https:' && (parsed.hostname === 'checkout.stripe.com' || parsed.hostname.endsWith('.stripe.com'))) {
      return parsed.href;
    }
    // the sandbox as configured (smartlink.payments public URL) seen from another loopback name or the dev server
    const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost';
    if (loopback && parsed.protocol === 'http:' && parsed.pathname.startsWith('/payments/sandbox/')) {
      return parsed.href;
    }
    return null;
  } catch {
    return null;
  }
}

export function VehicleName({ id }: { id: string }) {
  const vehicle = useQuery({ queryKey: ['vehicle', id], queryFn: () => api.vehicles.get(id), retry: false, staleTime: 300_000 });
  if (vehicle.isSuccess) {
    return (
      <>
        {vehicle.data.make} {vehicle.data.model} {vehicle.data.year}
      </>
    );
  }
  return <span className="muted">{id.slice(0, 8)}</span>;
}

function Payments({ booking }: { booking: Booking }) {
  const { t, money } = useI18n();
  const payments = useQuery({
    queryKey: ['payments', booking.id, booking.status],
    queryFn: () => api.payments.ofBooking(booking.id),
    retry: false,
    // only bookings that were paid have payments (asking for others is a 404 by design)
    enabled: booking.status === 'CONFIRMED' || booking.status === 'COMPLETED' || booking.refundAmount !== null,
  });
  if (!payments.isSuccess) {
    // 404 until a checkout was started: nothing to show
    return null;
  }
  const p = payments.data;
  return (
    <div data-testid="booking-payments">
      <dt>{t('trip.paid')}</dt>
      <dd data-testid="paid-amount">{money(p.captured, p.currency)}</dd>
      {p.refunded > 0 && (
        <>
          <dt>{t('trip.refunded')}</dt>
          <dd data-testid="refunded-amount">{money(p.refunded, p.currency)}</dd>
        </>
      )}
    </div>
  );
}

function CancelSection({ booking, onCancelled }: { booking: Booking; onCancelled(b: Booking): void }) {
  const { t, money } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  // the refund the cancel would give, asked when the dialog opens and again each minute it stays open (the policy's
  // edge may pass meanwhile); never kept once the dialog is closed
  const preview = useQuery({
    queryKey: ['cancellation', booking.id],
    queryFn: () => api.bookings.cancellation(booking.id),
    enabled: open,
    retry: false,
    gcTime: 0,
    refetchInterval: 60_000,
  });
  const cancel = useMutation({
    mutationFn: () => api.bookings.cancel(booking.id, reason.trim() || undefined),
    onSuccess: (b) => {
      setOpen(false);
      onCancelled(b);
    },
  });
  const close = useCallback(() => setOpen(false), []);
  const now = useNow(30_000);
  const cancellable =
    (booking.status === 'HELD' || booking.status === 'CONFIRMED') && new Date(booking.pickupAt).getTime() > now;
  if (!cancellable) {
    return null;
  }
  // confirming waits for the preview: the renter agrees to the refund they were shown (a preview that failed falls
  // back to the policy's words; the cancel itself still decides)
  const refused = preview.isSuccess && !preview.data.cancellable;
  return (
    <>
      <button type="button" className="button danger-outline" onClick={() => setOpen(true)} data-testid="cancel-button">
        {t('trip.cancel')}
      </button>
      {open && (
        <ConfirmDialog
          title={t('trip.cancelTitle')}
          confirmLabel={t('trip.cancelConfirm')}
          onConfirm={() => cancel.mutate()}
          onCancel={close}
          busy={cancel.isPending || preview.isPending || refused}
          testId="cancel-dialog"
        >
          {preview.isPending && (
            <Loading label={t('trip.refundPreviewLoading')}>
              <p className="refund-preview" aria-hidden="true">
                <Skeleton className="skeleton-line" />
                <Skeleton className="skeleton-line short" />
              </p>
            </Loading>
          )}
          {preview.isSuccess && <CancelRefundPreview preview={preview.data} />}
          {preview.isError && (
            <>
              <p data-testid="cancel-policy">
                {booking.status === 'HELD'
                  ? t('trip.cancelHeld')
                  : t('trip.cancelConfirmed', { total: money(booking.total, booking.currency) })}
              </p>
              <ProblemAlert error={preview.error} />
            </>
          )}
          {!refused && (
            <div className="field">
              <label htmlFor="cancel-reason">
                {t('trip.cancelReason')} <span className="muted">{t('common.optional')}</span>
              </label>
              <textarea id="cancel-reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
            </div>
          )}
          <ProblemAlert error={cancel.error} />
        </ConfirmDialog>
      )}
    </>
  );
}

export function TripPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t, money, dateTime } = useI18n();
  const label = useStatusLabel();
  const queryClient = useQueryClient();
  const returned = params.get('checkout');
  const [cancelled, setCancelled] = useState<Booking | null>(null);
  const now = useNow(1000);

  const booking = useQuery({
    queryKey: ['booking', id],
    queryFn: () => api.bookings.get(id),
    // while HELD: back from the payment page, poll briskly until the webhook confirmed it; otherwise now and then
    refetchInterval: (query) => (query.state.data?.status === 'HELD' ? (returned === 'success' ? 2000 : 15_000) : false),
  });

  const checkout = useMutation({
    mutationFn: () => api.payments.checkout(id),
    onSuccess: (session) => {
      const url = safeCheckoutUrl(session.checkoutUrl, window.location.origin);
      if (!url) {
        throw new ApiError({ status: 0, title: 'Invalid checkout URL', kind: 'http' });
      }
      window.location.assign(url);
    },
  });

  const expired = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['booking', id] });
  }, [queryClient, id]);

  if (booking.isPending) {
    return (
      <section className="page narrow">
        <BlockSkeleton lines={6} />
      </section>
    );
  }
  if (booking.isError) {
    return (
      <section className="page narrow">
        <ErrorState error={booking.error} onRetry={() => booking.refetch()} />
      </section>
    );
  }
  const b = cancelled ?? booking.data;
  const held = b.status === 'HELD' && b.holdExpiresAt !== null && new Date(b.holdExpiresAt).getTime() > now;
  // the hold ran out here before the server's sweeper marked it EXPIRED: nothing left to pay
  const lapsed = b.status === 'HELD' && !held;
  return (
    <section className="page narrow" aria-labelledby="trip-title">
      <h1 id="trip-title">{t('trip.title')}</h1>
      <p>
        <Badge status={b.status} label={label('status.', b.status)} testId="booking-status" />
      </p>

      {b.status === 'CONFIRMED' && <Notice tone="success" testId="booking-confirmed">{t('trip.confirmed')}</Notice>}
      {held && returned === 'success' && <Notice testId="awaiting-confirmation">{t('trip.waiting')}</Notice>}
      {held && returned === 'cancelled' && <Notice tone="warning">{t('trip.checkoutCancelled')}</Notice>}
      {(b.status === 'EXPIRED' || lapsed) && <Notice tone="warning" testId="booking-expired">{t('trip.expired')}</Notice>}
      {b.status === 'CANCELLED' && (
        <Notice tone="info" testId="booking-cancelled">
          {t('trip.cancelled')}{' '}
          <span data-testid="refund-amount">
            {b.refundAmount !== null && b.refundAmount > 0
              ? t('trip.refundAmount', { amount: money(b.refundAmount, b.currency) })
              : t('trip.noRefund')}
          </span>
        </Notice>
      )}

      {held && b.holdExpiresAt && (
        <div className="panel hold-panel" data-testid="hold-panel">
          <p>
            {t('trip.heldUntil')} <Countdown to={b.holdExpiresAt} onDone={expired} />
          </p>
          <ProblemAlert error={checkout.error} />
          <button type="button" className="button primary wide" onClick={() => checkout.mutate()} disabled={checkout.isPending} data-testid="pay-button">
            {checkout.isPending ? t('trip.paying') : t('trip.pay', { amount: money(b.total, b.currency) })}
          </button>
        </div>
      )}

      <dl className="details panel">
        <div>
          <dt>{t('trip.vehicle')}</dt>
          <dd>
            <Link to={`/vehicles/${b.vehicleId}`}>
              <VehicleName id={b.vehicleId} />
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t('trip.dates')}</dt>
          <dd>
            {dateTime(b.pickupAt)} – {dateTime(b.returnAt)}
          </dd>
        </div>
        <div>
          <dt>{t('vehicle.quoteDays', { days: b.days, price: money(b.pricePerDay, b.currency) })}</dt>
          <dd>{money(b.subtotal, b.currency)}</dd>
        </div>
        <div>
          <dt>{t('vehicle.serviceFee')}</dt>
          <dd>{money(b.serviceFee, b.currency)}</dd>
        </div>
        <div>
          <dt>{t('vehicle.total')}</dt>
          <dd data-testid="booking-total">{money(b.total, b.currency)}</dd>
        </div>
        <Payments booking={b} />
      </dl>

      <div className="actions">
        <CancelSection
          booking={b}
          onCancelled={(next) => {
            setCancelled(next);
            queryClient.setQueryData(['booking', id], next);
            void queryClient.invalidateQueries({ queryKey: ['trips'] });
          }}
        />
        <Link to="/trips" className="button secondary" data-testid="view-trips">
          {t('trip.viewTrips')}
        </Link>
      </div>
    </section>
  );
}
