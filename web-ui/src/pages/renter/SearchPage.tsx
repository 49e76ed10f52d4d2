import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/instance';
import { FUEL_TYPES, TRANSMISSIONS, type SearchItem, type SearchParams } from '../../api/types';
import { CardSkeletons, EmptyState, ErrorState, Pager, Skeleton } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { defaultStay, fromLocalInput, toLocalInput } from '../../lib/dates';

/** Countries offered first: the CEMAC zone (XAF) and neighbours. Any ISO code works in the URL. */
export const COUNTRIES = ['CM', 'GA', 'CG', 'TD', 'CF', 'GQ', 'NG', 'CI', 'SN', 'FR'];

export function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const FIELDS = ['city', 'country', 'from', 'to', 'minPrice', 'maxPrice', 'seats', 'transmission', 'fuelType', 'sort'] as const;
type FormState = Record<(typeof FIELDS)[number], string>;

function readForm(params: URLSearchParams): FormState {
  const stay = defaultStay();
  const state = {} as FormState;
  for (const field of FIELDS) {
    state[field] = params.get(field) ?? '';
  }
  if (!params.has('from') && !params.has('to')) {
    state.from = stay.from;
    state.to = stay.to;
  }
  return state;
}

/** The query string of a vehicle page: the dates travel with the renter. */
export function staySuffix(from?: string, to?: string): string {
  if (!from || !to) {
    return '';
  }
  return `?${new URLSearchParams({ from, to }).toString()}`;
}

function CardTotal({ item, from, to }: { item: SearchItem; from: string; to: string }) {
  const { t, money } = useI18n();
  // the total is the server's (the quote): days, fees and rounding are booking-service's rules, never ours
  const quote = useQuery({
    queryKey: ['quote', item.id, from, to],
    queryFn: () => api.bookings.quote(item.id, from, to),
    staleTime: 60_000,
    retry: false,
  });
  if (quote.isPending) {
    return <Skeleton className="skeleton-line short" />;
  }
  if (quote.isError) {
    return <p className="muted small">{t('search.quoteUnavailable')}</p>;
  }
  const q = quote.data;
  const total = money(q.total, q.currency);
  return (
    <p className="card-total" data-testid="card-total">
      {q.days === 1 ? t('search.totalFor1', { total }) : t('search.totalFor', { total, days: q.days })}
    </p>
  );
}

function ResultCard({ item, from, to }: { item: SearchItem; from: string; to: string }) {
  const { t, money, lang } = useI18n();
  const name = `${item.make} ${item.model} ${item.year}`;
  return (
    <li className="card" data-testid="vehicle-card" data-vehicle-id={item.id}>
      <Link to={`/vehicles/${item.id}${staySuffix(from, to)}`} className="card-link">
        {item.coverPhotoUrl ? (
          <img className="card-photo" src={item.coverPhotoUrl} alt={t('search.photoOf', { name })} loading="lazy" width={400} height={250} />
        ) : (
          <div className="card-photo placeholder">{t('search.noPhoto')}</div>
        )}
        <div className="card-body">
          <h2 className="card-title">{name}</h2>
          <p className="muted">
            {item.city}, {countryName(item.country, lang)}
          </p>
          <p className="specs">
            {t('search.seatsCount', { count: item.seats })} · {t(`transmission.${item.transmission}`)} · {t(`fuel.${item.fuelType}`)}
          </p>
          <p className="price" data-testid="card-price-per-day">
            {t('search.perDay', { price: money(item.basePricePerDay, item.currency) })}
          </p>
          {from && to && <CardTotal item={item} from={from} to={to} />}
        </div>
      </Link>
    </li>
  );
}

export function SearchPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const applied = readForm(params);
  const [form, setForm] = useState<FormState>(applied);
  const page = Number(params.get('page') ?? '0') || 0;

  const query: SearchParams = {
    city: applied.city || undefined,
    country: applied.country || undefined,
    from: applied.from || undefined,
    to: applied.to || undefined,
    minPrice: applied.minPrice || undefined,
    maxPrice: applied.maxPrice || undefined,
    seats: applied.seats || undefined,
    transmission: applied.transmission || undefined,
    fuelType: applied.fuelType || undefined,
    sort: applied.sort || undefined,
    page,
    size: 12,
  };
  const results = useQuery({ queryKey: ['search', query], queryFn: () => api.vehicles.search(query) });

  const set = (field: keyof FormState, value: string) => setForm((f) => ({ ...f, [field]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const field of FIELDS) {
      if (form[field]) {
        next.set(field, form[field]);
      }
    }
    if (!form.from && !form.to) {
      // searching without dates on purpose: keep it that way in the URL
      next.set('from', '');
      next.set('to', '');
    }
    setParams(next);
  };

  const goTo = (p: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(p));
    setParams(next);
    window.scrollTo(0, 0);
  };

  return (
    <section className="page" aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <form className="search-form" onSubmit={submit} data-testid="search-form" role="search">
        <div className="field">
          <label htmlFor="s-city">{t('search.city')}</label>
          <input id="s-city" value={form.city} onChange={(e) => set('city', e.target.value)} placeholder={t('search.cityPlaceholder')} maxLength={80} data-testid="search-city" />
        </div>
        <div className="field">
          <label htmlFor="s-country">{t('search.country')}</label>
          <select id="s-country" value={form.country} onChange={(e) => set('country', e.target.value)} data-testid="search-country">
            <option value="">{t('search.anyCountry')}</option>
            {COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {countryName(c, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="s-from">{t('search.pickup')}</label>
          <input id="s-from" type="datetime-local" value={toLocalInput(form.from)} onChange={(e) => set('from', fromLocalInput(e.target.value))} data-testid="search-pickup" />
        </div>
        <div className="field">
          <label htmlFor="s-to">{t('search.return')}</label>
          <input id="s-to" type="datetime-local" value={toLocalInput(form.to)} onChange={(e) => set('to', fromLocalInput(e.target.value))} data-testid="search-return" />
        </div>
        <details className="filters" open={Boolean(applied.minPrice || applied.maxPrice || applied.seats || applied.transmission || applied.fuelType)}>
          <summary>{t('search.filters')}</summary>
          <div className="filters-grid">
            <div className="field">
              <label htmlFor="s-min">{t('search.minPrice')}</label>
              <input id="s-min" type="number" min={0} step="any" inputMode="decimal" value={form.minPrice} onChange={(e) => set('minPrice', e.target.value)} data-testid="search-min-price" />
            </div>
            <div className="field">
              <label htmlFor="s-max">{t('search.maxPrice')}</label>
              <input id="s-max" type="number" min={0} step="any" inputMode="decimal" value={form.maxPrice} onChange={(e) => set('maxPrice', e.target.value)} data-testid="search-max-price" />
            </div>
            <div className="field">
              <label htmlFor="s-seats">{t('search.seats')}</label>
              <select id="s-seats" value={form.seats} onChange={(e) => set('seats', e.target.value)} data-testid="search-seats">
                <option value="">{t('search.any')}</option>
                {[2, 4, 5, 7, 9].map((n) => (
                  <option key={n} value={n}>
                    {n}+
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="s-tr">{t('search.transmission')}</label>
              <select id="s-tr" value={form.transmission} onChange={(e) => set('transmission', e.target.value)} data-testid="search-transmission">
                <option value="">{t('search.any')}</option>
                {TRANSMISSIONS.map((v) => (
                  <option key={v} value={v}>
                    {t(`transmission.${v}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="s-fuel">{t('search.fuel')}</label>
              <select id="s-fuel" value={form.fuelType} onChange={(e) => set('fuelType', e.target.value)} data-testid="search-fuel">
                <option value="">{t('search.any')}</option>
                {FUEL_TYPES.map((v) => (
                  <option key={v} value={v}>
                    {t(`fuel.${v}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="s-sort">{t('search.sort')}</label>
              <select id="s-sort" value={form.sort} onChange={(e) => set('sort', e.target.value)} data-testid="search-sort">
                <option value="">{t('search.sort.price')}</option>
                <option value="price,desc">{t('search.sort.priceDesc')}</option>
                <option value="year">{t('search.sort.year')}</option>
              </select>
            </div>
          </div>
        </details>
        <button type="submit" className="button primary" data-testid="search-submit">
          {t('search.submit')}
        </button>
      </form>

      {!applied.from && <p className="muted">{t('search.datesHint')}</p>}

      <div className="results" aria-live="polite">
        {results.isPending && <CardSkeletons count={6} />}
        {results.isError && <ErrorState error={results.error} onRetry={() => results.refetch()} />}
        {results.isSuccess && results.data.items.length === 0 && (
          <EmptyState title={t('search.noResults')} hint={t('search.noResultsHint')} />
        )}
        {results.isSuccess && results.data.items.length > 0 && (
          <>
            <p className="result-count" data-testid="result-count">
              {t('search.results', { count: results.data.totalElements })}
            </p>
            <ul className="card-grid" data-testid="search-results">
              {results.data.items.map((item) => (
                <ResultCard key={item.id} item={item} from={applied.from} to={applied.to} />
              ))}
            </ul>
            <Pager page={results.data.page} totalPages={results.data.totalPages} onPage={goTo} />
          </>
        )}
      </div>
    </section>
  );
}
