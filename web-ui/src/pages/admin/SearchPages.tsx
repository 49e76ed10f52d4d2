import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/instance';
import { Badge, EmptyState, ErrorState, Field, Pager, RowSkeletons, useStatusLabel } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { BookingsTable, StatusFilter } from '../partner/BookingsPage';

export function UsersPage() {
  const { t, date } = useI18n();
  const label = useStatusLabel();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const users = useQuery({ queryKey: ['admin-users', query, page], queryFn: () => api.admin.users(query, page) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(draft.trim());
    setPage(0);
  };
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('admin.users.title')}</h1>
      <form className="panel two-columns" onSubmit={submit} role="search">
        <Field label={t('admin.users.query')}>
          {(p) => <input {...p} type="search" maxLength={100} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="users-query" />}
        </Field>
        <div className="field">
          <button type="submit" className="button primary" data-testid="users-search">
            {t('common.search')}
          </button>
        </div>
      </form>
      {users.isPending && <RowSkeletons rows={5} columns={4} />}
      {users.isError && <ErrorState error={users.error} onRetry={() => users.refetch()} />}
      {users.isSuccess && users.data.items.length === 0 && <EmptyState title={t('admin.users.empty')} hint={t('admin.users.emptyHint')} />}
      {users.isSuccess && users.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">{t('auth.email')}</th>
                  <th scope="col">{t('auth.lastName')}</th>
                  <th scope="col">{t('admin.users.roles')}</th>
                  <th scope="col">{t('partner.status.title')}</th>
                  <th scope="col">{t('common.from')}</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={u.id} data-testid="user-row">
                    <td>
                      {u.email}
                      <div className="muted small">{u.id}</div>
                    </td>
                    <td>
                      {u.firstName} {u.lastName}
                    </td>
                    <td>{u.roles.join(', ')}</td>
                    <td>{u.verificationStatus ? <Badge status={u.verificationStatus} label={label('partner.status.', u.verificationStatus)} /> : '—'}</td>
                    <td>{date(u.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={users.data.page} totalPages={users.data.totalPages} onPage={setPage} />
        </>
      )}
    </section>
  );
}

const UUID = '[0-9a-fA-F-]{36}';

export function BookingsSearchPage() {
  const { t } = useI18n();
  const [draft, setDraft] = useState({ status: '', renterId: '', vehicleId: '' });
  const [filter, setFilter] = useState(draft);
  const [page, setPage] = useState(0);
  const bookings = useQuery({
    queryKey: ['admin-bookings', filter, page],
    queryFn: () =>
      api.admin.bookings({
        status: filter.status || undefined,
        renterId: filter.renterId.trim() || undefined,
        vehicleId: filter.vehicleId.trim() || undefined,
        page,
      }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
    setPage(0);
  };
  return (
    <section aria-labelledby="abookings-title">
      <h1 id="abookings-title">{t('admin.bookings.title')}</h1>
      <form className="panel two-columns" onSubmit={submit} role="search">
        <StatusFilter id="ab-status" value={draft.status} onChange={(status) => setDraft({ ...draft, status })} />
        <Field label={t('admin.bookings.renter')}>
          {(p) => <input {...p} pattern={UUID} value={draft.renterId} onChange={(e) => setDraft({ ...draft, renterId: e.target.value })} data-testid="bookings-renter" />}
        </Field>
        <Field label={t('admin.bookings.vehicle')}>
          {(p) => <input {...p} pattern={UUID} value={draft.vehicleId} onChange={(e) => setDraft({ ...draft, vehicleId: e.target.value })} data-testid="bookings-vehicle" />}
        </Field>
        <div className="field">
          <button type="submit" className="button primary" data-testid="bookings-search">
            {t('common.search')}
          </button>
        </div>
      </form>
      {bookings.isPending && <RowSkeletons rows={5} columns={5} />}
      {bookings.isError && <ErrorState error={bookings.error} onRetry={() => bookings.refetch()} />}
      {bookings.isSuccess && bookings.data.items.length === 0 && <EmptyState title={t('admin.bookings.empty')} hint={t('admin.bookings.emptyHint')} />}
      {bookings.isSuccess && bookings.data.items.length > 0 && (
        <>
          <BookingsTable items={bookings.data.items} showRenter />
          <Pager page={bookings.data.page} totalPages={bookings.data.totalPages} onPage={setPage} />
        </>
      )}
    </section>
  );
}

export function AuditPage() {
  const { t, dateTime } = useI18n();
  const [draft, setDraft] = useState('');
  const [subject, setSubject] = useState('');
  const [page, setPage] = useState(0);
  const audit = useQuery({ queryKey: ['admin-audit', subject, page], queryFn: () => api.admin.audit(subject, page) });
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('admin.audit.title')}</h1>
      <form
        className="panel two-columns"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSubject(draft.trim());
          setPage(0);
        }}
      >
        <Field label={t('admin.audit.subject')}>
          {(p) => <input {...p} maxLength={64} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="audit-subject" />}
        </Field>
        <div className="field">
          <button type="submit" className="button primary">
            {t('common.search')}
          </button>
        </div>
      </form>
      {audit.isPending && <RowSkeletons rows={6} columns={4} />}
      {audit.isError && <ErrorState error={audit.error} onRetry={() => audit.refetch()} />}
      {audit.isSuccess && audit.data.items.length === 0 && <EmptyState title={t('admin.audit.empty')} hint={t('admin.audit.emptyHint')} />}
      {audit.isSuccess && audit.data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.when')}</th>
                  <th scope="col">{t('admin.audit.action')}</th>
                  <th scope="col">{t('admin.audit.change')}</th>
                  <th scope="col">{t('common.reason')}</th>
                  <th scope="col">{t('admin.audit.actor')}</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.items.map((a) => (
                  <tr key={a.id} data-testid="audit-row">
                    <td>{dateTime(a.occurredAt)}</td>
                    <td>
                      {a.action}
                      <div className="muted small">{a.subjectId}</div>
                    </td>
                    <td>{a.from || a.to ? `${a.from ?? '—'} → ${a.to ?? '—'}` : '—'}</td>
                    <td>{a.reason ?? '—'}</td>
                    <td className="small">{a.actorId ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={audit.data.page} totalPages={audit.data.totalPages} onPage={setPage} />
        </>
      )}
    </section>
  );
}
