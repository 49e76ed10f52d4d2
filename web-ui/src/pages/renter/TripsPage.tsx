import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/instance';
import { Badge, EmptyState, ErrorState, Pager, RowSkeletons, useStatusLabel } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { VehicleName } from './TripPage';

export function TripsPage() {
  const { t, money, dateTime } = useI18n();
  const label = useStatusLabel();
  const [params, setParams] = useSearchParams();
  const when = params.get('when') === 'past' ? 'past' : 'upcoming';
  const page = Number(params.get('page') ?? '0') || 0;
  const trips = useQuery({ queryKey: ['trips', when, page], queryFn: () => api.bookings.mine(when, page) });

  return (
    <section className="page" aria-labelledby="trips-title">
      <h1 id="trips-title">{t('trips.title')}</h1>
      <div className="tabs" role="group" aria-label={t('trips.title')}>
        {(['upcoming', 'past'] as const).map((w) => (
          <button key={w} type="button" className={`tab${w === when ? ' current' : ''}`} aria-pressed={w === when} onClick={() => setParams({ when: w })} data-testid={`trips-${w}`}>
            {t(w === 'upcoming' ? 'trips.upcoming' : 'trips.past')}
          </button>
        ))}
      </div>

      {trips.isSuccess && trips.data.totals.length > 0 && (
        <p className="muted" data-testid="trips-totals">
          {trips.data.totals.map((c) => (
            <span key={c.currency} className="total-line">
              {t('trips.totals', { paid: money(c.paid, c.currency), refunded: money(c.refunded, c.currency) })}
            </span>
          ))}
        </p>
      )}

      {trips.isPending && <RowSkeletons rows={4} columns={4} />}
      {trips.isError && <ErrorState error={trips.error} onRetry={() => trips.refetch()} />}
      {trips.isSuccess && trips.data.items.length === 0 && (
        <EmptyState
          title={t('trips.empty')}
          hint={t('trips.emptyHint')}
          action={
            <Link to="/" className="button primary">
              {t('nav.search')}
            </Link>
          }
        />
      )}
      {trips.isSuccess && trips.data.items.length > 0 && (
        <>
          <ul className="list" data-testid="trips-list">
            {trips.data.items.map((b) => (
              <li key={b.id} className="list-item" data-testid="trip-row" data-booking-id={b.id} data-status={b.status}>
                <div>
                  <p className="strong">
                    <VehicleName id={b.vehicleId} />
                  </p>
                  <p className="muted small">
                    {dateTime(b.pickupAt)} – {dateTime(b.returnAt)}
                  </p>
                </div>
                <div className="list-meta">
                  <Badge status={b.status} label={label('status.', b.status)} testId="trip-status" />
                  <span>{money(b.total, b.currency)}</span>
                  {b.refundAmount !== null && (
                    <span className="small" data-testid="trip-refund">
                      {t('trip.refundAmount', { amount: money(b.refundAmount, b.currency) })}
                    </span>
                  )}
                  <Link to={`/trips/${b.id}`} className="button secondary small" aria-label={`${t('trips.open')} ${dateTime(b.pickupAt)}`}>
                    {t('trips.open')}
                  </Link>
                </div>
              </li>
            ))}
          </ul>
          <Pager page={trips.data.page} totalPages={trips.data.totalPages} onPage={(p) => setParams({ when, page: String(p) })} />
        </>
      )}
    </section>
  );
}
