import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../../api/instance';
import type { AdminOverview, CurrencyRevenueSummary } from '../../api/types';
import { ErrorState, Loading, Skeleton, useStatusLabel } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';

type PartName = 'users' | 'vehicles' | 'bookings' | 'revenue' | 'storage';

function Part({ name, part, children }: { name: PartName; part: AdminOverview[PartName]; children: ReactNode }) {
  const { t, dateTime } = useI18n();
  const available = part.status === 'AVAILABLE';
  return (
    <section className={`panel${available ? '' : ' part-unavailable'}`} aria-labelledby={`part-${name}`} data-testid={`overview-${name}`} data-status={part.status}>
      <h2 id={`part-${name}`}>{t(`admin.overview.${name}`)}</h2>
      {available ? (
        <>
          {children}
          {part.asOf && <p className="muted small">{t('admin.overview.asOf', { time: dateTime(part.asOf) })}</p>}
        </>
      ) : (
        <p role="status" data-testid="part-unavailable">
          {t('admin.overview.unavailable', { reason: part.reason ?? '—' })}
        </p>
      )}
    </section>
  );
}

function Stat({ value, label, testId }: { value: ReactNode; label: string; testId?: string }) {
  return (
    <div className="stat">
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

function Counts({ counts }: { counts?: Record<string, number> }) {
  const label = useStatusLabel();
  if (!counts) {
    return null;
  }
  return (
    <ul className="tags">
      {Object.entries(counts).map(([status, count]) => (
        <li key={status} data-testid={`count-${status}`}>
          {label('status.', status)}: {count}
        </li>
      ))}
    </ul>
  );
}

function RevenueLines({ currencies }: { currencies?: CurrencyRevenueSummary[] }) {
  const { t, money } = useI18n();
  if (!currencies || currencies.length === 0) {
    return <p className="muted">{t('admin.overview.noRevenue')}</p>;
  }
  return (
    <ul className="plain">
      {currencies.map((c) => (
        <li key={c.currency} data-testid={`revenue-${c.currency}`}>
          {t('partner.earnings.gross')} <strong>{money(c.gross, c.currency)}</strong> · {t('partner.earnings.net')} {money(c.net, c.currency)} · {t('admin.revenue.payments')} {c.payments}
        </li>
      ))}
    </ul>
  );
}

export function OverviewPage() {
  const { t, number, percent } = useI18n();
  const overview = useQuery({ queryKey: ['admin-overview'], queryFn: api.admin.overview, refetchInterval: 30_000 });

  if (overview.isPending) {
    return (
      <Loading>
        <div className="stats" aria-hidden="true">
          {Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="panel">
              <Skeleton className="skeleton-title" />
              <Skeleton className="skeleton-line" />
              <Skeleton className="skeleton-line short" />
            </div>
          ))}
        </div>
      </Loading>
    );
  }
  if (overview.isError) {
    return <ErrorState error={overview.error} onRetry={() => overview.refetch()} />;
  }
  const o = overview.data;
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('admin.nav.overview')}</h1>
      <Part name="users" part={o.users}>
        <div className="stats">
          <Stat value={number(o.users.total)} label={t('admin.overview.totalUsers')} testId="users-total" />
          <Stat value={number(o.users.pendingPartners)} label={t('admin.overview.pendingPartners')} testId="users-pending-partners" />
          {Object.entries(o.users.byRole ?? {}).map(([role, count]) => (
            <Stat key={role} value={number(count)} label={role} testId={`users-role-${role}`} />
          ))}
        </div>
      </Part>
      <Part name="vehicles" part={o.vehicles}>
        <div className="stats">
          <Stat value={number(o.vehicles.total)} label={t('admin.overview.totalVehicles')} testId="vehicles-total" />
          <Stat value={number(o.vehicles.bookable)} label={t('admin.overview.bookable')} testId="vehicles-bookable" />
          <Stat value={number(o.vehicles.pending)} label={t('admin.overview.pendingVehicles')} testId="vehicles-pending" />
        </div>
      </Part>
      <Part name="bookings" part={o.bookings}>
        <h3>{t('admin.overview.today')}</h3>
        <Counts counts={o.bookings.today} />
        <h3>{t('admin.overview.thisMonth')}</h3>
        <Counts counts={o.bookings.thisMonth} />
      </Part>
      <Part name="revenue" part={o.revenue}>
        <h3>{t('admin.overview.thisMonth')}</h3>
        <RevenueLines currencies={o.revenue.thisMonth?.currencies} />
        <h3>{t('admin.overview.lastMonth')}</h3>
        <RevenueLines currencies={o.revenue.lastMonth?.currencies} />
      </Part>
      <Part name="storage" part={o.storage}>
        <div className="stats">
          <Stat value={o.storage.nodes ? `${o.storage.nodes.live} / ${o.storage.nodes.total}` : '—'} label={t('admin.overview.nodes')} testId="storage-nodes" />
          <Stat value={number(o.storage.files)} label={t('admin.overview.files')} testId="storage-files" />
          <Stat value={number(o.storage.underReplicatedChunks)} label={t('admin.overview.underReplicated')} testId="storage-under-replicated" />
          <Stat value={number(o.storage.unavailableChunks)} label={t('admin.overview.unavailableChunks')} testId="storage-unavailable" />
          <Stat value={percent(o.storage.storageUtilisationPercent)} label={t('admin.overview.utilisation')} />
        </div>
      </Part>
    </section>
  );
}
