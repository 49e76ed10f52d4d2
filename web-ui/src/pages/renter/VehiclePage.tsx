import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/instance';
import { ApiError } from '../../api/problem';
import type { Vehicle } from '../../api/types';
import { useAuth } from '../../auth/Auth';
import { ErrorState, Loading, ProblemAlert, Skeleton } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { defaultStay, fromLocalInput, toLocalInput } from '../../lib/dates';
import { countryName } from './SearchPage';

function Gallery({ vehicle }: { vehicle: Vehicle }) {
  const { t } = useI18n();
  const [index, setIndex] = useState(0);
  const photos = vehicle.photos;
  const name = `${vehicle.make} ${vehicle.model}`;
  if (photos.length === 0) {
    return <div className="gallery-main placeholder">{t('search.noPhoto')}</div>;
  }
  const current = photos[Math.min(index, photos.length - 1)];
  return (
    <section className="gallery" aria-label={t('vehicle.gallery')} data-testid="gallery">
      <img className="gallery-main" src={current.url} alt={`${t('search.photoOf', { name })} – ${t('vehicle.photo', { index: index + 1, count: photos.length })}`} width={800} height={500} />
      {photos.length > 1 && (
        <ul className="thumbs">
          {photos.map((photo, i) => (
            <li key={photo.id}>
              <button type="button" className={`thumb${i === index ? ' current' : ''}`} aria-pressed={i === index} onClick={() => setIndex(i)}>
                <img src={photo.url} alt={t('vehicle.photo', { index: i + 1, count: photos.length })} width={96} height={60} loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Availability({ vehicleId, from, to }: { vehicleId: string; from: string; to: string }) {
  const { t, dateTime } = useI18n();
  const availability = useQuery({
    queryKey: ['availability', vehicleId, from, to],
    queryFn: () => api.vehicles.availability(vehicleId, from, to),
  });
  if (availability.isPending) {
    return (
      <Loading>
        <Skeleton className="skeleton-line" />
      </Loading>
    );
  }
  if (availability.isError) {
    return <ErrorState error={availability.error} onRetry={() => availability.refetch()} />;
  }
  const busy = availability.data.busy;
  return (
    <div data-testid="availability" data-available={busy.length === 0}>
      {busy.length === 0 ? (
        <p className="ok">{t('vehicle.available')}</p>
      ) : (
        <>
          <p className="warn">{t('vehicle.unavailable')}</p>
          <ul className="plain">
            {busy.map((b) => (
              <li key={`${b.from}-${b.to}`}>{t('vehicle.busy', { from: dateTime(b.from), to: dateTime(b.to) })}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function QuoteBox({ vehicleId, from, to }: { vehicleId: string; from: string; to: string }) {
  const { t, money } = useI18n();
  const quote = useQuery({
    queryKey: ['quote', vehicleId, from, to],
    queryFn: () => api.bookings.quote(vehicleId, from, to),
    retry: false,
  });
  if (quote.isPending) {
    return (
      <Loading>
        <Skeleton className="skeleton-line" />
        <Skeleton className="skeleton-line" />
        <Skeleton className="skeleton-title" />
      </Loading>
    );
  }
  if (quote.isError) {
    return <ErrorState error={quote.error} onRetry={() => quote.refetch()} />;
  }
  const q = quote.data;
  return (
    <dl className="quote" data-testid="quote">
      <div>
        <dt>{t('vehicle.quoteDays', { days: q.days, price: money(q.pricePerDay, q.currency) })}</dt>
        <dd>{money(q.subtotal, q.currency)}</dd>
      </div>
      <div>
        <dt>{t('vehicle.serviceFee')}</dt>
        <dd>{money(q.serviceFee, q.currency)}</dd>
      </div>
      <div className="quote-total">
        <dt>{t('vehicle.total')}</dt>
        <dd data-testid="quote-total">{money(q.total, q.currency)}</dd>
      </div>
    </dl>
  );
}

export function VehiclePage() {
  const { id = '' } = useParams();
  const { t, money, lang } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [draft, setDraft] = useState(() => (from && to ? { from, to } : defaultStay()));
  const vehicle = useQuery({ queryKey: ['vehicle', id], queryFn: () => api.vehicles.get(id) });

  const hold = useMutation({
    mutationFn: () => api.bookings.hold({ vehicleId: id, pickupAt: from, returnAt: to }),
    onSuccess: (booking) => navigate(`/trips/${booking.id}`),
    // 423: another hold of this vehicle is being decided; asked again (same Idempotency-Key) after its Retry-After
    retry: (failures, error) => failures < 2 && error instanceof ApiError && error.status === 423,
    retryDelay: (_failures, error) => Math.min((error instanceof ApiError ? error.retryAfterSeconds ?? 1 : 1) * 1000, 5000),
  });

  const applyDates = (e: FormEvent) => {
    e.preventDefault();
    hold.reset();
    setParams({ from: draft.from, to: draft.to }, { replace: true });
  };

  const book = () => {
    if (!auth.session) {
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
      return;
    }
    hold.mutate();
  };

  if (vehicle.isPending) {
    return (
      <section className="page">
        <Loading>
          <div className="vehicle-layout" aria-hidden="true">
            <Skeleton className="skeleton-gallery" />
            <div className="panel">
              <Skeleton className="skeleton-title" />
              <Skeleton className="skeleton-line" />
              <Skeleton className="skeleton-line short" />
            </div>
          </div>
        </Loading>
      </section>
    );
  }
  if (vehicle.isError) {
    return (
      <section className="page">
        <ErrorState error={vehicle.error} onRetry={() => vehicle.refetch()} />
        <Link to="/">{t('common.back')}</Link>
      </section>
    );
  }
  const v = vehicle.data;
  const name = `${v.make} ${v.model}`;
  return (
    <section className="page" aria-labelledby="vehicle-title">
      <p>
        <Link to={`/${from && to ? `?${new URLSearchParams({ from, to })}` : ''}`}>← {t('common.back')}</Link>
      </p>
      <h1 id="vehicle-title" data-testid="vehicle-title">
        {name} <span className="muted">{v.year}</span>
      </h1>
      <div className="vehicle-layout">
        <div>
          <Gallery vehicle={v} />
          <section className="panel" aria-labelledby="details-title">
            <h2 id="details-title">{t('vehicle.details')}</h2>
            <dl className="details">
              <div>
                <dt>{t('vehicle.year')}</dt>
                <dd>{v.year}</dd>
              </div>
              <div>
                <dt>{t('vehicle.seats')}</dt>
                <dd>{v.seats}</dd>
              </div>
              <div>
                <dt>{t('vehicle.transmission')}</dt>
                <dd>{t(`transmission.${v.transmission}`)}</dd>
              </div>
              <div>
                <dt>{t('vehicle.fuel')}</dt>
                <dd>{t(`fuel.${v.fuelType}`)}</dd>
              </div>
              <div>
                <dt>{t('vehicle.location')}</dt>
                <dd>
                  {v.location.city}, {countryName(v.location.country, lang)}
                </dd>
              </div>
              <div>
                <dt>{t('vehicle.partner')}</dt>
                <dd data-testid="partner-name">
                  {v.partnerName ? `${v.partnerName} · ${t('vehicle.partnerVerified')}` : t('vehicle.partnerVerified')}
                </dd>
              </div>
            </dl>
            {v.features.length > 0 && (
              <>
                <h3>{t('vehicle.features')}</h3>
                <ul className="tags">
                  {v.features.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              </>
            )}
            {v.description && <p className="description">{v.description}</p>}
            <p className="muted small">{t('vehicle.turnaround', { minutes: v.turnaroundMinutes })}</p>
          </section>
        </div>
        <aside className="panel booking-box" aria-labelledby="book-title">
          <h2 id="book-title">{t('search.perDay', { price: money(v.basePricePerDay, v.currency) })}</h2>
          <form onSubmit={applyDates} className="stack" data-testid="stay-form">
            <div className="field">
              <label htmlFor="v-from">{t('search.pickup')}</label>
              <input id="v-from" type="datetime-local" required value={toLocalInput(draft.from)} onChange={(e) => setDraft((d) => ({ ...d, from: fromLocalInput(e.target.value) }))} data-testid="stay-pickup" />
            </div>
            <div className="field">
              <label htmlFor="v-to">{t('search.return')}</label>
              <input id="v-to" type="datetime-local" required value={toLocalInput(draft.to)} onChange={(e) => setDraft((d) => ({ ...d, to: fromLocalInput(e.target.value) }))} data-testid="stay-return" />
            </div>
            <button type="submit" className="button secondary" data-testid="stay-apply">
              {t('vehicle.applyDates')}
            </button>
          </form>
          {from && to ? (
            <>
              <h3>{t('vehicle.availability')}</h3>
              <Availability vehicleId={v.id} from={from} to={to} />
              <h3>{t('vehicle.quote')}</h3>
              <QuoteBox vehicleId={v.id} from={from} to={to} />
              {!auth.session && <p className="muted small">{t('auth.signinToBook')}</p>}
              <ProblemAlert error={hold.error} />
              <button type="button" className="button primary wide" onClick={book} disabled={hold.isPending} data-testid="book-button">
                {hold.isPending ? t('vehicle.holding') : hold.isError ? t('vehicle.retryHold') : t('vehicle.book')}
              </button>
            </>
          ) : (
            <p className="muted">{t('vehicle.pickDates')}</p>
          )}
        </aside>
      </div>
    </section>
  );
}

