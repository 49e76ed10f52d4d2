import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/instance';
import { BarChart, MoneyTotals } from '../../components/charts';
import { EmptyState, ErrorState, RowSkeletons, Skeleton } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { monthsAgoUtc, startOfNextMonthUtc } from '../../lib/dates';
import { VehicleName } from '../renter/TripPage';

/** The partner's earnings over the last 12 UTC months: the server's figures (payment ledger), shown as they come. */
export function EarningsPage() {
  const { t, money, month, number, percent } = useI18n();
  const [window] = useState(() => ({ from: monthsAgoUtc(11), to: startOfNextMonthUtc() }));
  const byMonth = useQuery({ queryKey: ['earnings', 'month', window], queryFn: () => api.bookings.earnings(window.from, window.to, 'month') });
  const byVehicle = useQuery({ queryKey: ['earnings', 'vehicle', window], queryFn: () => api.bookings.earnings(window.from, window.to, 'vehicle') });

  return (
    <section aria-labelledby="earnings-title">
      <h1 id="earnings-title">{t('partner.earnings.title')}</h1>
      <p className="muted">{t('partner.earnings.window')}</p>
      {byMonth.isPending && (
        <>
          <Skeleton className="skeleton-gallery" />
          <RowSkeletons rows={4} columns={5} />
        </>
      )}
      {byMonth.isError && <ErrorState error={byMonth.error} onRetry={() => byMonth.refetch()} />}
      {byMonth.isSuccess && byMonth.data.currencies.length === 0 && (
        <EmptyState title={t('partner.earnings.empty')} hint={t('partner.earnings.emptyHint')} />
      )}
      {byMonth.isSuccess &&
        byMonth.data.currencies.map((c) => (
          <section key={c.currency} className="panel" data-testid="earnings-currency" data-currency={c.currency}>
            <MoneyTotals totals={c.totals} currency={c.currency} commissionPercent={byMonth.data.commissionPercent} testIdPrefix="earnings" />
            <BarChart
              title={t('partner.earnings.chart', { currency: c.currency })}
              testId="earnings-chart"
              bars={c.groups.map((g) => ({ key: g.key, label: month(g.key), value: g.net, text: money(g.net, c.currency) }))}
            />
            <h2>{t('partner.earnings.byMonth')}</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('common.from')}</th>
                    <th scope="col" className="num">{t('partner.earnings.gross')}</th>
                    <th scope="col" className="num">{t('partner.earnings.refunds')}</th>
                    <th scope="col" className="num">{t('partner.earnings.net')}</th>
                    <th scope="col" className="num">{t('partner.earnings.rentals')}</th>
                    <th scope="col" className="num">{t('partner.earnings.rentedDays')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.groups.map((g) => (
                    <tr key={g.key}>
                      <th scope="row">{month(g.key)}</th>
                      <td className="num">{money(g.gross, c.currency)}</td>
                      <td className="num">{money(g.refunds, c.currency)}</td>
                      <td className="num">{money(g.net, c.currency)}</td>
                      <td className="num">{g.rentals}</td>
                      <td className="num">{number(g.rentedDays, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}

      <h2>{t('partner.earnings.byVehicle')}</h2>
      {byVehicle.isPending && <RowSkeletons rows={3} columns={4} />}
      {byVehicle.isError && <ErrorState error={byVehicle.error} onRetry={() => byVehicle.refetch()} />}
      {byVehicle.isSuccess && byVehicle.data.vehicles.length === 0 && <EmptyState title={t('partner.earnings.empty')} />}
      {byVehicle.isSuccess && byVehicle.data.vehicles.length > 0 && (
        <div className="table-wrap">
          <table data-testid="earnings-vehicles">
            <thead>
              <tr>
                <th scope="col">{t('trip.vehicle')}</th>
                {byVehicle.data.currencies.map((c) => (
                  <th key={c.currency} scope="col" className="num">
                    {t('partner.earnings.net')} ({c.currency})
                  </th>
                ))}
                <th scope="col" className="num">{t('partner.earnings.rentals')}</th>
                <th scope="col" className="num">{t('partner.earnings.rentedDays')}</th>
                <th scope="col" className="num">{t('partner.earnings.utilisation')}</th>
              </tr>
            </thead>
            <tbody>
              {byVehicle.data.vehicles.map((v) => (
                <tr key={v.vehicleId}>
                  <th scope="row">
                    <VehicleName id={v.vehicleId} />
                  </th>
                  {byVehicle.data.currencies.map((c) => {
                    const group = c.groups.find((g) => g.key === v.vehicleId);
                    return (
                      <td key={c.currency} className="num">
                        {group ? money(group.net, c.currency) : '—'}
                      </td>
                    );
                  })}
                  <td className="num">{v.rentals}</td>
                  <td className="num">{number(v.rentedDays, 2)}</td>
                  <td className="num">{percent(v.utilisation * 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
