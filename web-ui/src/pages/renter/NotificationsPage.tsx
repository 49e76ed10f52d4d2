import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/instance';
import { EmptyState, ErrorState, Pager, ProblemAlert, RowSkeletons } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';

export function NotificationsPage() {
  const { t, dateTime } = useI18n();
  const [page, setPage] = useState(0);
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['notifications', 'page', page], queryFn: () => api.users.notifications(page) });
  const markRead = useMutation({
    mutationFn: (id: string) => api.users.markRead(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });

  return (
    <section className="page narrow" aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t('notifications.title')}</h1>
      <ProblemAlert error={markRead.error} />
      {list.isPending && <RowSkeletons rows={5} columns={2} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => list.refetch()} />}
      {list.isSuccess && list.data.items.length === 0 && (
        <EmptyState title={t('notifications.empty')} hint={t('notifications.emptyHint')} />
      )}
      {list.isSuccess && list.data.items.length > 0 && (
        <>
          <ul className="list" data-testid="notifications-list">
            {list.data.items.map((n) => (
              <li key={n.id} className={`list-item${n.read ? '' : ' unread'}`} data-testid="notification" data-type={n.type}>
                <div>
                  <p className="strong">
                    {!n.read && <span className="dot" aria-label={t('notifications.unread')} role="img" />} {n.title}
                  </p>
                  <p>{n.body}</p>
                  <p className="muted small">
                    <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
                  </p>
                </div>
                {!n.read && (
                  <button type="button" className="button secondary small" onClick={() => markRead.mutate(n.id)} disabled={markRead.isPending}>
                    {t('notifications.markRead')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <Pager page={list.data.page} totalPages={list.data.totalPages} onPage={setPage} />
        </>
      )}
    </section>
  );
}
