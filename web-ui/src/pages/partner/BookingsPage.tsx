import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/instance';
import { BOOKING_STATUSES, type Booking } from '../../api/types';
import { Badge, EmptyState, ErrorState, Pager, RowSkeletons, useStatusLabel } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { VehicleName } from '../renter/TripPage';

/** A table of bookings (the partner's, or any for admins). */
export function BookingsTable({ items, showRenter }: { items: Booking[]; showRenter?: boolean }) {
  const { t, money, dateTime } = useI18n();
  const label = useStatusLabel();
  return (
    <div className="table-wrap">
      <table data-testid="bookings-table">
        <thead>
          <tr>
            <th scope="col">{t('trip.vehicle')}</th>
            <th scope="col">{t('trip.dates')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col" className="num">{t('common.total')}</th>
            <th scope="col" className="num">{t('trip.refund')}</th>
            {showRenter && <th scope="col">{t('admin.bookings.renter')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((b) => (
            <tr key={b.id} data-testid="booking-row" data-booking-id={b.id} data-status={b.status}>
              <td>
                <VehicleName id={b.vehicleId} />
              </td>
              <td>
                {dateTime(b.pickupAt)} – {dateTime(b.returnAt)}
              </td>
              <td>
                <Badge status={b.status} label={label('status.', b.status)} />
              </td>
              <td className="num">{money(b.total, b.currency)}</td>
              <td className="num">{b.refundAmount !== null ? money(b.refundAmount, b.currency) : '—'}</td>
              {showRenter && <td className="small">{b.renterId}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatusFilter({ value, onChange, id }: { value: string; onChange(v: string): void; id: string }) {
  const { t } = useI18n();
  const label = useStatusLabel();
  return (
    <div className="field">
      <label htmlFor={id}>{t('common.status')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid="status-filter">
        <option value="">{t('common.all')}</option>
        {BOOKING_STATUSES.map((s) => (
          <option key={s} value={s}>
            {label('status.', s)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function PartnerBookingsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(0);
  const bookings = useQuery({
    queryKey: ['partner-bookings', status, page],
    queryFn: () => api.bookings.ofPartner({ status: status || undefined, page }),
  });
  return (
    <section aria-labelledby="pbookings-title">
      <h1 id="pbookings-title">{t('partner.bookings.title')}</h1>
      <div className="panel">
        <StatusFilter id="pb-status" value={status} onChange={(v) => {
          setStatus(v);
          setPage(0);
        }} />
      </div>
      {bookings.isPending && <RowSkeletons rows={4} columns={5} />}
      {bookings.isError && <ErrorState error={bookings.error} onRetry={() => bookings.refetch()} />}
      {bookings.isSuccess && bookings.data.items.length === 0 && (
        <EmptyState title={t('partner.bookings.empty')} hint={t('partner.bookings.emptyHint')} />
      )}
      {bookings.isSuccess && bookings.data.items.length > 0 && (
        <>
          <BookingsTable items={bookings.data.items} />
          <Pager page={bookings.data.page} totalPages={bookings.data.totalPages} onPage={setPage} />
        </>
      )}
    </section>
  );
}
