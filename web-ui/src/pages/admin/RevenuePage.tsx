import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/instance';
import { BarChart, MoneyTotals } from '../../components/charts';
import { EmptyState, ErrorState, RowSkeletons, Skeleton } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { monthsAgoUtc, startOfNextMonthUtc } from '../../lib/dates';

export function RevenuePage() {
  const { t, money, month, percent } = useI18n();
  const [window] = useState(() => ({ from: monthsAgoUtc(11), to: startOfNextMonthUtc() }));
  const revenue = useQuery({ queryKey: ['admin-revenue', window], queryFn: () => api.admin.revenue(window.from, window.to, 'month') });
  return (
    <section aria-labelledby="revenue-title">
      <h1 id="revenue-title">{t('admin.revenue.title')}</h1>
      <p className="muted">{t('admin.revenue.window')}</p>
      {revenue.isPending && (
        <>
          <Skeleton className="skeleton-gallery" />
          <RowSkeletons rows={4} columns={5} />
        </>
      )}
      {revenue.isError && <ErrorState error={revenue.error} onRetry={() => revenue.refetch()} />}
      {revenue.isSuccess && revenue.data.currencies.length === 0 && <EmptyState title={t('admin.revenue.empty')} hint={t('admin.revenue.emptyHint')} />}
      {revenue.isSuccess &&
        revenue.data.currencies.map((c) => (
          <section key={c.currency} className="panel" data-testid="revenue-currency" data-currency={c.currency}>
            <MoneyTotals totals={c.totals} currency={c.currency} commissionPercent={revenue.data.commissionPercent} testIdPrefix="revenue">
              <div className="stat">
                <span className="stat-value">{c.totals.payments}</span>
                <span className="stat-label">{t('admin.revenue.payments')}</span>
              </div>
            </MoneyTotals>
            <BarChart
              title={t('admin.revenue.chart', { currency: c.currency })}
              testId="revenue-chart"
              bars={c.groups.map((g) => ({ key: g.key, label: month(g.key), value: g.gross, text: money(g.gross, c.currency) }))}
            />
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('common.from')}</th>
                    <th scope="col" className="num">{t('partner.earnings.gross')}</th>
                    <th scope="col" className="num">{t('partner.earnings.refunds')}</th>
                    <th scope="col" className="num">{t('partner.earnings.commission', { percent: percent(revenue.data.commissionPercent) })}</th>
                    <th scope="col" className="num">{t('partner.earnings.net')}</th>
                    <th scope="col" className="num">{t('admin.revenue.payments')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.groups.map((g) => (
                    <tr key={g.key}>
                      <th scope="row">{month(g.key)}</th>
                      <td className="num">{money(g.gross, c.currency)}</td>
                      <td className="num">{money(g.refunds, c.currency)}</td>
                      <td className="num">{money(g.commission, c.currency)}</td>
                      <td className="num">{money(g.net, c.currency)}</td>
                      <td className="num">{g.payments}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
    </section>
  );
}
