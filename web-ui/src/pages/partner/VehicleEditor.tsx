import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/instance';
import { FUEL_TYPES, TRANSMISSIONS, type Blackout, type FuelType, type ListVehicleRequest, type Transmission, type Vehicle } from '../../api/types';
import { ProtectedImage, useBlobUrl } from '../../components/media';
import { Badge, BlockSkeleton, EmptyState, ErrorState, Field, Notice, ProblemAlert, useStatusLabel } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { fromLocalInput, toLocalInput } from '../../lib/dates';

interface Form {
  make: string;
  model: string;
  year: string;
  vin: string;
  licensePlate: string;
  basePricePerDay: string;
  currency: string;
  city: string;
  country: string;
  latitude: string;
  longitude: string;
  seats: string;
  transmission: Transmission;
  fuelType: FuelType;
  description: string;
  features: string;
  turnaroundMinutes: string;
}

/** Douala: where a new listing starts (the first market), changed by the partner. */
const EMPTY: Form = {
  make: '',
  model: '',
  year: String(new Date().getFullYear()),
  vin: '',
  licensePlate: '',
  basePricePerDay: '',
  currency: 'XAF',
  city: 'Douala',
  country: 'CM',
  latitude: '4.0511',
  longitude: '9.7679',
  seats: '5',
  transmission: 'MANUAL',
  fuelType: 'PETROL',
  description: '',
  features: '',
  turnaroundMinutes: '60',
};

function formOf(v: Vehicle): Form {
  return {
    make: v.make,
    model: v.model,
    year: String(v.year),
    vin: v.vin ?? '',
    licensePlate: v.licensePlate ?? '',
    basePricePerDay: String(v.basePricePerDay),
    currency: v.currency,
    city: v.location.city,
    country: v.location.country,
    latitude: String(v.location.latitude),
    longitude: String(v.location.longitude),
    seats: String(v.seats),
    transmission: v.transmission,
    fuelType: v.fuelType,
    description: v.description ?? '',
    features: v.features.join(', '),
    turnaroundMinutes: String(v.turnaroundMinutes),
  };
}

function features(text: string): string[] {
  return text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
}

function VehicleForm({ vehicle }: { vehicle?: Vehicle }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => (vehicle ? formOf(vehicle) : EMPTY));
  const editing = vehicle !== undefined;
  const location = () => ({ city: form.city, country: form.country.toUpperCase(), latitude: Number(form.latitude), longitude: Number(form.longitude) });
  const save = useMutation({
    mutationFn: () => {
      if (vehicle) {
        return api.vehicles.update(vehicle.id, {
          basePricePerDay: form.basePricePerDay,
          description: form.description,
          features: features(form.features),
          location: location(),
          turnaroundMinutes: Number(form.turnaroundMinutes),
        });
      }
      const body: ListVehicleRequest = {
        make: form.make,
        model: form.model,
        year: Number(form.year),
        vin: form.vin.trim().toUpperCase(),
        licensePlate: form.licensePlate.trim(),
        basePricePerDay: form.basePricePerDay,
        currency: form.currency.toUpperCase(),
        location: location(),
        seats: Number(form.seats),
        transmission: form.transmission,
        fuelType: form.fuelType,
        description: form.description || undefined,
        features: features(form.features),
        turnaroundMinutes: Number(form.turnaroundMinutes),
      };
      return api.vehicles.list(body);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(['my-vehicle', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['my-vehicles'] });
      if (!editing) {
        navigate(`/partner/vehicles/${saved.id}`, { replace: true });
      }
    },
  });
  const set = (field: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const err = save.error;
  return (
    <form className="panel stack" onSubmit={submit} data-testid="vehicle-form">
      <div className="two-columns">
        <Field label={t('partner.vehicle.make')} name="make" error={err}>
          {(p) => <input {...p} required maxLength={60} disabled={editing} value={form.make} onChange={set('make')} data-testid="vehicle-make" />}
        </Field>
        <Field label={t('partner.vehicle.model')} name="model" error={err}>
          {(p) => <input {...p} required maxLength={60} disabled={editing} value={form.model} onChange={set('model')} data-testid="vehicle-model" />}
        </Field>
        <Field label={t('partner.vehicle.year')} name="year" error={err}>
          {(p) => <input {...p} type="number" required min={1990} max={2100} disabled={editing} value={form.year} onChange={set('year')} data-testid="vehicle-year" />}
        </Field>
        <Field label={t('partner.vehicle.vin')} name="vin" error={err}>
          {(p) => <input {...p} required minLength={17} maxLength={17} disabled={editing} value={form.vin} onChange={set('vin')} data-testid="vehicle-vin" />}
        </Field>
        <Field label={t('partner.vehicle.plate')} name="licensePlate" error={err}>
          {(p) => <input {...p} required maxLength={16} disabled={editing} value={form.licensePlate} onChange={set('licensePlate')} data-testid="vehicle-plate" />}
        </Field>
        <Field label={t('partner.vehicle.seats')} name="seats" error={err}>
          {(p) => <input {...p} type="number" required min={1} max={9} disabled={editing} value={form.seats} onChange={set('seats')} data-testid="vehicle-seats" />}
        </Field>
        <Field label={t('search.transmission')} name="transmission" error={err}>
          {(p) => (
            <select {...p} disabled={editing} value={form.transmission} onChange={set('transmission')} data-testid="vehicle-transmission">
              {TRANSMISSIONS.map((v) => (
                <option key={v} value={v}>
                  {t(`transmission.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('search.fuel')} name="fuelType" error={err}>
          {(p) => (
            <select {...p} disabled={editing} value={form.fuelType} onChange={set('fuelType')} data-testid="vehicle-fuel">
              {FUEL_TYPES.map((v) => (
                <option key={v} value={v}>
                  {t(`fuel.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('partner.vehicle.price')} name="basePricePerDay" error={err}>
          {(p) => <input {...p} type="number" required min={0} step="any" inputMode="decimal" value={form.basePricePerDay} onChange={set('basePricePerDay')} data-testid="vehicle-price" />}
        </Field>
        <Field label={t('partner.vehicle.currency')} name="currency" error={err}>
          {(p) => <input {...p} required pattern="[A-Za-z]{3}" maxLength={3} disabled={editing} value={form.currency} onChange={set('currency')} data-testid="vehicle-currency" />}
        </Field>
        <Field label={t('partner.vehicle.city')} name="location.city" error={err}>
          {(p) => <input {...p} required maxLength={80} value={form.city} onChange={set('city')} data-testid="vehicle-city" />}
        </Field>
        <Field label={t('partner.vehicle.country')} name="location.country" error={err}>
          {(p) => <input {...p} required pattern="[A-Za-z]{2}" maxLength={2} value={form.country} onChange={set('country')} data-testid="vehicle-country" />}
        </Field>
        <Field label={t('partner.vehicle.latitude')} name="location.latitude" error={err}>
          {(p) => <input {...p} type="number" required min={-90} max={90} step="any" value={form.latitude} onChange={set('latitude')} />}
        </Field>
        <Field label={t('partner.vehicle.longitude')} name="location.longitude" error={err}>
          {(p) => <input {...p} type="number" required min={-180} max={180} step="any" value={form.longitude} onChange={set('longitude')} />}
        </Field>
        <Field label={t('partner.vehicle.turnaround')} name="turnaroundMinutes" error={err}>
          {(p) => <input {...p} type="number" min={0} max={1440} value={form.turnaroundMinutes} onChange={set('turnaroundMinutes')} />}
        </Field>
        <Field label={t('partner.vehicle.features')} name="features" error={err}>
          {(p) => <input {...p} value={form.features} onChange={set('features')} />}
        </Field>
      </div>
      <Field label={t('partner.vehicle.description')} name="description" error={err}>
        {(p) => <textarea {...p} rows={4} maxLength={4000} value={form.description} onChange={set('description')} />}
      </Field>
      <ProblemAlert error={err} />
      {save.isSuccess && editing && <Notice tone="success">{t('common.saved')}</Notice>}
      <button type="submit" className="button primary" disabled={save.isPending} data-testid="vehicle-submit">
        {editing ? t('common.save') : t('partner.vehicle.submit')}
      </button>
    </form>
  );
}

function Photos({ vehicle }: { vehicle: Vehicle }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const preview = useBlobUrl(file);
  const input = useRef<HTMLInputElement>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['my-vehicle', vehicle.id] });
  const upload = useMutation({
    mutationFn: () => api.vehicles.addPhoto(vehicle.id, file as File),
    onSuccess: () => {
      setFile(null);
      if (input.current) {
        input.current.value = '';
      }
      return refresh();
    },
  });
  const remove = useMutation({ mutationFn: (photoId: string) => api.vehicles.deletePhoto(vehicle.id, photoId), onSuccess: refresh });
  const name = `${vehicle.make} ${vehicle.model}`;
  return (
    <section className="panel" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('partner.vehicle.photos')}</h2>
      {vehicle.photos.length === 0 ? (
        <p className="muted">{t('partner.vehicle.noPhotos')}</p>
      ) : (
        <ul className="photo-grid" data-testid="vehicle-photos">
          {vehicle.photos.map((photo, i) => (
            <li key={photo.id} data-testid="vehicle-photo">
              <ProtectedImage path={photo.url} alt={`${t('search.photoOf', { name })} – ${t('vehicle.photo', { index: i + 1, count: vehicle.photos.length })}`} />
              <button type="button" className="button danger-outline small" onClick={() => remove.mutate(photo.id)} disabled={remove.isPending}>
                {t('common.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ProblemAlert error={remove.error} />
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          upload.mutate();
        }}
        data-testid="photo-form"
      >
        <Field label={t('partner.vehicle.addPhoto')}>
          {(p) => <input {...p} ref={input} type="file" accept="image/jpeg,image/png,image/webp" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="photo-file" />}
        </Field>
        {preview && <img src={preview} alt={t('partner.vehicle.photoPreview')} className="preview" data-testid="photo-preview" />}
        <ProblemAlert error={upload.error} />
        <button type="submit" className="button secondary" disabled={!file || upload.isPending} data-testid="photo-upload">
          {t('partner.vehicle.uploadPhoto')}
        </button>
      </form>
    </section>
  );
}

/** A month grid with the blocked days marked (the list below it is the accessible source of truth). */
function Calendar({ blackouts, month }: { blackouts: Blackout[]; month: Date }) {
  const { lang, t } = useI18n();
  const year = month.getFullYear();
  const m = month.getMonth();
  const days = new Date(year, m + 1, 0).getDate();
  const offset = (new Date(year, m, 1).getDay() + 6) % 7; // Monday first
  const weekday = new Intl.DateTimeFormat(lang, { weekday: 'narrow' });
  const heads = Array.from({ length: 7 }, (_, i) => weekday.format(new Date(2024, 0, 1 + i)));
  const blocked = (day: number) => {
    const start = new Date(year, m, day).getTime();
    const end = new Date(year, m, day + 1).getTime();
    return blackouts.some((b) => new Date(b.from).getTime() < end && new Date(b.to).getTime() > start);
  };
  const title = new Intl.DateTimeFormat(lang, { month: 'long', year: 'numeric' }).format(month);
  return (
    <figure aria-label={`${t('partner.vehicle.calendar')}: ${title}`} data-testid="blackout-calendar">
      <figcaption className="strong">{title}</figcaption>
      <div className="calendar" aria-hidden="true">
        {heads.map((h, i) => (
          <span key={`h${i}`} className="head">
            {h}
          </span>
        ))}
        {Array.from({ length: offset }, (_, i) => (
          <span key={`b${i}`} className="blank" />
        ))}
        {Array.from({ length: days }, (_, i) => (
          <span key={i} className={`day${blocked(i + 1) ? ' blocked' : ''}`}>
            {i + 1}
          </span>
        ))}
      </div>
    </figure>
  );
}

function Blackouts({ vehicle }: { vehicle: Vehicle }) {
  const { t, dateTime } = useI18n();
  const queryClient = useQueryClient();
  const [range, setRange] = useState({ from: '', to: '', reason: '' });
  const [monthOffset, setMonthOffset] = useState(0);
  const [today] = useState(() => new Date());
  const list = useQuery({ queryKey: ['blackouts', vehicle.id], queryFn: () => api.vehicles.blackouts(vehicle.id) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['blackouts', vehicle.id] });
  const add = useMutation({
    mutationFn: () => api.vehicles.addBlackout(vehicle.id, { from: range.from, to: range.to, reason: range.reason || undefined }),
    onSuccess: () => {
      setRange({ from: '', to: '', reason: '' });
      return refresh();
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => api.vehicles.deleteBlackout(vehicle.id, id), onSuccess: refresh });
  const month = new Date(today.getFullYear(), today.getMonth() + monthOffset, 1);
  return (
    <section className="panel" aria-labelledby="blackouts-title">
      <h2 id="blackouts-title">{t('partner.vehicle.blackouts')}</h2>
      <form
        className="two-columns"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
        data-testid="blackout-form"
      >
        <Field label={t('common.from')} name="from" error={add.error}>
          {(p) => <input {...p} type="datetime-local" required value={toLocalInput(range.from)} onChange={(e) => setRange({ ...range, from: fromLocalInput(e.target.value) })} data-testid="blackout-from" />}
        </Field>
        <Field label={t('common.to')} name="to" error={add.error}>
          {(p) => <input {...p} type="datetime-local" required value={toLocalInput(range.to)} onChange={(e) => setRange({ ...range, to: fromLocalInput(e.target.value) })} data-testid="blackout-to" />}
        </Field>
        <Field label={`${t('common.reason')} ${t('common.optional')}`} name="reason" error={add.error}>
          {(p) => <input {...p} maxLength={200} value={range.reason} onChange={(e) => setRange({ ...range, reason: e.target.value })} />}
        </Field>
        <div className="field">
          <ProblemAlert error={add.error} />
          <button type="submit" className="button primary" disabled={add.isPending} data-testid="blackout-add">
            {t('partner.vehicle.addBlackout')}
          </button>
        </div>
      </form>
      {list.isPending && <BlockSkeleton lines={3} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      {list.isSuccess && (
        <>
          <div className="actions">
            <button type="button" className="button secondary small" onClick={() => setMonthOffset(monthOffset - 1)}>
              {t('common.previous')}
            </button>
            <button type="button" className="button secondary small" onClick={() => setMonthOffset(monthOffset + 1)}>
              {t('common.next')}
            </button>
          </div>
          <Calendar blackouts={list.data} month={month} />
          {list.data.length === 0 ? (
            <p className="muted">{t('partner.vehicle.noBlackouts')}</p>
          ) : (
            <ul className="list" data-testid="blackouts-list">
              {list.data.map((b) => (
                <li key={b.id} className="list-item" data-testid="blackout">
                  <span>
                    {dateTime(b.from)} – {dateTime(b.to)}
                    {b.reason && <span className="muted"> · {b.reason}</span>}
                  </span>
                  <button type="button" className="button danger-outline small" onClick={() => remove.mutate(b.id)} disabled={remove.isPending}>
                    {t('common.delete')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <ProblemAlert error={remove.error} />
        </>
      )}
    </section>
  );
}

export function VehicleEditor() {
  const { id } = useParams();
  const { t } = useI18n();
  const label = useStatusLabel();
  const vehicle = useQuery({ queryKey: ['my-vehicle', id], queryFn: () => api.vehicles.get(id as string), enabled: id !== undefined });

  if (id === undefined) {
    return (
      <section aria-labelledby="editor-title">
        <h1 id="editor-title">{t('partner.vehicle.new')}</h1>
        <VehicleForm />
      </section>
    );
  }
  if (vehicle.isPending) {
    return <BlockSkeleton lines={8} />;
  }
  if (vehicle.isError) {
    return <ErrorState error={vehicle.error} onRetry={() => vehicle.refetch()} />;
  }
  const v = vehicle.data;
  return (
    <section aria-labelledby="editor-title">
      <p>
        <Link to="/partner/vehicles">← {t('partner.vehicles.title')}</Link>
      </p>
      <h1 id="editor-title">
        {v.make} {v.model} {v.year} <Badge status={v.status} label={label('vstatus.', v.status)} testId="vehicle-status" />
      </h1>
      {v.statusReason && <Notice tone="warning">{v.statusReason}</Notice>}
      {v.status === 'RETIRED' ? (
        <EmptyState title={t('vstatus.RETIRED')} />
      ) : (
        <>
          <VehicleForm key={v.updatedAt} vehicle={v} />
          <Photos vehicle={v} />
          <Blackouts vehicle={v} />
        </>
      )}
    </section>
  );
}
