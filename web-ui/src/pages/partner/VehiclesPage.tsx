import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/instance';
import type { Vehicle } from '../../api/types';
import { Badge, ConfirmDialog, EmptyState, ErrorState, Pager, ProblemAlert, RowSkeletons, useStatusLabel } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';

export function VehiclesPage() {
  const { t, money } = useI18n();
  const label = useStatusLabel();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(0);
  const [retiring, setRetiring] = useState<Vehicle | null>(null);
  const vehicles = useQuery({ queryKey: ['my-vehicles', page], queryFn: () => api.vehicles.mine(page) });
  const retire = useMutation({
    mutationFn: (id: string) => api.vehicles.retire(id),
    onSuccess: () => {
      setRetiring(null);
      return queryClient.invalidateQueries({ queryKey: ['my-vehicles'] });
    },
  });
  const close = useCallback(() => setRetiring(null), []);

  return (
    <section aria-labelledby="vehicles-title">
      <div className="actions">
        <h1 id="vehicles-title">{t('partner.vehicles.title')}</h1>
        <Link to="/partner/vehicles/new" className="button primary" data-testid="add-vehicle">
          {t('partner.vehicles.add')}
        </Link>
      </div>
      {vehicles.isPending && <RowSkeletons rows={4} columns={5} />}
      {vehicles.isError && <ErrorState error={vehicles.error} onRetry={() => vehicles.refetch()} />}
      {vehicles.isSuccess && vehicles.data.items.length === 0 && (
        <EmptyState title={t('partner.vehicles.empty')} hint={t('partner.vehicles.emptyHint')} />
      )}
      {vehicles.isSuccess && vehicles.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table data-testid="vehicles-table">
              <thead>
                <tr>
                  <th scope="col">{t('trip.vehicle')}</th>
                  <th scope="col">{t('common.status')}</th>
                  <th scope="col" className="num">{t('partner.vehicle.price')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {vehicles.data.items.map((v) => (
                  <tr key={v.id} data-testid="vehicle-row" data-vehicle-id={v.id} data-status={v.status}>
                    <td>
                      <Link to={`/partner/vehicles/${v.id}`}>
                        {v.make} {v.model} {v.year}
                      </Link>
                      <div className="muted small">
                        {v.licensePlate} · {v.location.city}
                      </div>
                    </td>
                    <td>
                      <Badge status={v.status} label={label('vstatus.', v.status)} testId="vehicle-status" />
                      {v.statusReason && <div className="small muted">{v.statusReason}</div>}
                    </td>
                    <td className="num">{money(v.basePricePerDay, v.currency)}</td>
                    <td>
                      {v.status !== 'RETIRED' && (
                        <button type="button" className="button danger-outline small" onClick={() => setRetiring(v)} data-testid="retire-vehicle">
                          {t('partner.vehicles.retire')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={vehicles.data.page} totalPages={vehicles.data.totalPages} onPage={setPage} />
        </>
      )}
      {retiring && (
        <ConfirmDialog
          title={`${t('partner.vehicles.retire')}: ${retiring.make} ${retiring.model}`}
          confirmLabel={t('partner.vehicles.retire')}
          onConfirm={() => retire.mutate(retiring.id)}
          onCancel={close}
          busy={retire.isPending}
          testId="retire-dialog"
        >
          <p>{t('partner.vehicles.retireConfirm')}</p>
          <ProblemAlert error={retire.error} />
        </ConfirmDialog>
      )}
    </section>
  );
}
