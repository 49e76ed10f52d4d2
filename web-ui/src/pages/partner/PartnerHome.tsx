import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/instance';
import { useAuth } from '../../auth/Auth';
import { Badge, BlockSkeleton, EmptyState, ErrorState, Notice, ProblemAlert, RowSkeletons, useStatusLabel } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';

function Verification() {
  const { t, dateTime } = useI18n();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: ['me', auth.userId], queryFn: api.users.me });
  const resubmit = useMutation({
    mutationFn: api.partner.resubmit,
    onSuccess: (user) => queryClient.setQueryData(['me', user.id], user),
  });
  if (me.isPending) {
    return <BlockSkeleton lines={2} />;
  }
  if (me.isError) {
    return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  }
  const status = me.data.verificationStatus ?? 'PENDING';
  return (
    <section className="panel" aria-labelledby="verification-title" data-testid="verification" data-status={status}>
      <h2 id="verification-title">
        {t('partner.status.title')}: <Badge status={status} label={t(`partner.status.${status}`)} testId="verification-status" />
      </h2>
      {status === 'PENDING' && (
        <p>
          {t('partner.status.pendingHint')} <Link to="/partner/documents">{t('partner.nav.documents')}</Link>
        </p>
      )}
      {status === 'VERIFIED' && <p>{t('partner.status.verifiedHint')}</p>}
      {status === 'REJECTED' && (
        <>
          <Notice tone="warning" testId="rejection-reason">
            {t('partner.status.rejectedHint', { reason: me.data.verificationReason ?? '—' })}
          </Notice>
          <ProblemAlert error={resubmit.error} />
          <button type="button" className="button primary" onClick={() => resubmit.mutate()} disabled={resubmit.isPending} data-testid="resubmit">
            {t('partner.status.resubmit')}
          </button>
        </>
      )}
      {me.data.verificationChangedAt && <p className="muted small">{t('common.updated', { time: dateTime(me.data.verificationChangedAt) })}</p>}
    </section>
  );
}

function FleetStatus() {
  const { t, dateTime } = useI18n();
  const label = useStatusLabel();
  const fleet = useQuery({ queryKey: ['fleet'], queryFn: () => api.bookings.fleet(0, 50) });
  if (fleet.isPending) {
    return <RowSkeletons rows={3} columns={4} />;
  }
  if (fleet.isError) {
    return <ErrorState error={fleet.error} onRetry={() => fleet.refetch()} />;
  }
  const f = fleet.data;
  return (
    <>
      <div className="stats" data-testid="fleet-counts">
        <div className="stat">
          <span className="stat-value">{f.counts.vehicles}</span>
          <span className="stat-label">{t('partner.fleet.vehicles')}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{f.counts.onRent}</span>
          <span className="stat-label">{t('partner.fleet.onRent')}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{f.counts.upcomingBookings}</span>
          <span className="stat-label">{t('partner.fleet.upcoming')}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{f.counts.pendingHolds}</span>
          <span className="stat-label">{t('partner.fleet.holds')}</span>
        </div>
      </div>
      {f.items.length === 0 ? (
        <EmptyState
          title={t('partner.vehicles.empty')}
          hint={t('partner.vehicles.emptyHint')}
          action={
            <Link to="/partner/vehicles/new" className="button primary">
              {t('partner.vehicles.add')}
            </Link>
          }
        />
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('trip.vehicle')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('partner.fleet.onRent')}</th>
                <th scope="col">{t('partner.fleet.upcoming')}</th>
                <th scope="col" className="num">{t('partner.fleet.holds')}</th>
              </tr>
            </thead>
            <tbody>
              {f.items.map((v) => (
                <tr key={v.vehicleId}>
                  <td>
                    <Link to={`/partner/vehicles/${v.vehicleId}`}>
                      {v.make} {v.model} {v.year}
                    </Link>
                    <div className="muted small">{v.licensePlate} · {v.city}</div>
                  </td>
                  <td>
                    <Badge status={v.status} label={label('vstatus.', v.status)} />
                  </td>
                  <td>{v.onRent ? `${dateTime(v.onRent.pickupAt)} – ${dateTime(v.onRent.returnAt)}` : '—'}</td>
                  <td>{v.nextBooking ? dateTime(v.nextBooking.pickupAt) : '—'}</td>
                  <td className="num">{v.pendingHoldCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function PartnerHome() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="partner-title">
      <h1 id="partner-title">{t('partner.title')}</h1>
      <Verification />
      <FleetStatus />
    </section>
  );
}
