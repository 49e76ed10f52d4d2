import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/instance';
import type { Vehicle } from '../../api/types';
import { ProtectedImage } from '../../components/media';
import { Badge, EmptyState, ErrorState, Field, Notice, Pager, ProblemAlert, RowSkeletons, useStatusLabel } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { countryName } from '../renter/SearchPage';

function PendingVehicle({ vehicle }: { vehicle: Vehicle }) {
  const { t, money, lang } = useI18n();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const decide = useMutation({
    mutationFn: (status: 'ACTIVE' | 'REJECTED') => api.admin.verifyVehicle(vehicle.id, status, status === 'REJECTED' ? reason : undefined),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['pending-vehicles'] }),
  });
  const name = `${vehicle.make} ${vehicle.model} ${vehicle.year}`;
  return (
    <li className="panel" data-testid="pending-vehicle" data-vehicle-id={vehicle.id}>
      <h2>{name}</h2>
      <p className="muted small">
        {vehicle.licensePlate} · VIN {vehicle.vin} · {vehicle.location.city}, {countryName(vehicle.location.country, lang)} ·{' '}
        {t('search.perDay', { price: money(vehicle.basePricePerDay, vehicle.currency) })} · {t('search.seatsCount', { count: vehicle.seats })}
      </p>
      {vehicle.description && <p className="description">{vehicle.description}</p>}
      {vehicle.photos.length === 0 ? (
        <p className="muted">{t('partner.vehicle.noPhotos')}</p>
      ) : (
        <ul className="photo-grid">
          {vehicle.photos.map((photo, i) => (
            <li key={photo.id}>
              <ProtectedImage path={photo.url} alt={`${t('search.photoOf', { name })} – ${t('vehicle.photo', { index: i + 1, count: vehicle.photos.length })}`} />
            </li>
          ))}
        </ul>
      )}
      <ProblemAlert error={decide.error} />
      <div className="actions">
        <button type="button" className="button primary" onClick={() => decide.mutate('ACTIVE')} disabled={decide.isPending} data-testid="approve-vehicle">
          {t('admin.vehicles.approve')}
        </button>
        <button type="button" className="button danger-outline" aria-expanded={rejecting} onClick={() => setRejecting(!rejecting)} data-testid="reject-vehicle">
          {t('admin.vehicles.reject')}
        </button>
      </div>
      {rejecting && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            decide.mutate('REJECTED');
          }}
        >
          <Field label={t('common.reason')} name="reason" error={decide.error}>
            {(p) => <textarea {...p} required maxLength={500} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="vehicle-reject-reason" />}
          </Field>
          <button type="submit" className="button danger" disabled={decide.isPending || !reason.trim()} data-testid="vehicle-reject-confirm">
            {t('admin.vehicles.reject')}
          </button>
        </form>
      )}
    </li>
  );
}

/** Suspend an active vehicle or reactivate a suspended one, by id (from a booking or a report). */
function StatusChange() {
  const { t } = useI18n();
  const label = useStatusLabel();
  const [id, setId] = useState('');
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: (status: 'ACTIVE' | 'SUSPENDED') => api.admin.vehicleStatus(id.trim(), status, reason || undefined),
  });
  const submit = (status: 'ACTIVE' | 'SUSPENDED') => (e: FormEvent) => {
    e.preventDefault();
    change.mutate(status);
  };
  return (
    <section className="panel" aria-labelledby="status-change-title">
      <h2 id="status-change-title">{t('admin.vehicles.lookupTitle')}</h2>
      <form className="two-columns" onSubmit={submit('SUSPENDED')}>
        <Field label={t('admin.vehicles.lookup')} name="id" error={change.error}>
          {(p) => <input {...p} required pattern="[0-9a-fA-F-]{36}" value={id} onChange={(e) => setId(e.target.value)} data-testid="status-vehicle-id" />}
        </Field>
        <Field label={t('common.reason')} name="reason" error={change.error}>
          {(p) => <input {...p} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="status-reason" />}
        </Field>
        <div className="actions">
          <button type="submit" className="button danger" disabled={change.isPending} data-testid="suspend-vehicle">
            {t('admin.vehicles.suspend')}
          </button>
          <button type="button" className="button secondary" disabled={change.isPending} onClick={() => id && change.mutate('ACTIVE')} data-testid="reactivate-vehicle">
            {t('admin.vehicles.reactivate')}
          </button>
        </div>
      </form>
      <ProblemAlert error={change.error} />
      {change.isSuccess && (
        <Notice tone="success">
          {change.data.make} {change.data.model}: <Badge status={change.data.status} label={label('vstatus.', change.data.status)} />
        </Notice>
      )}
    </section>
  );
}

export function VehiclesReviewPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(0);
  const pending = useQuery({ queryKey: ['pending-vehicles', page], queryFn: () => api.admin.pendingVehicles(page, 10) });
  return (
    <section aria-labelledby="vreview-title">
      <h1 id="vreview-title">{t('admin.vehicles.title')}</h1>
      {pending.isPending && <RowSkeletons rows={3} columns={3} />}
      {pending.isError && <ErrorState error={pending.error} onRetry={() => pending.refetch()} />}
      {pending.isSuccess && pending.data.items.length === 0 && (
        <EmptyState title={t('admin.vehicles.empty')} hint={t('admin.vehicles.emptyHint')} />
      )}
      {pending.isSuccess && pending.data.items.length > 0 && (
        <>
          <ul className="plain" data-testid="pending-vehicles">
            {pending.data.items.map((v) => (
              <PendingVehicle key={v.id} vehicle={v} />
            ))}
          </ul>
          <Pager page={pending.data.page} totalPages={pending.data.totalPages} onPage={setPage} />
        </>
      )}
      <StatusChange />
    </section>
  );
}
