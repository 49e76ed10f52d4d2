import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/instance';
import type { User } from '../../api/types';
import { EmptyState, ErrorState, Field, Pager, ProblemAlert, RowSkeletons } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';
import { DocumentItem } from '../partner/DocumentsPage';

function PartnerDocuments({ partnerId }: { partnerId: string }) {
  const { t } = useI18n();
  const documents = useQuery({ queryKey: ['admin-documents', partnerId], queryFn: () => api.admin.partnerDocuments(partnerId) });
  if (documents.isPending) {
    return <RowSkeletons rows={2} columns={2} />;
  }
  if (documents.isError) {
    return <ErrorState error={documents.error} onRetry={() => documents.refetch()} />;
  }
  if (documents.data.items.length === 0) {
    return <p className="muted">{t('admin.partners.noDocuments')}</p>;
  }
  return (
    <ul className="list">
      {documents.data.items.map((d) => (
        <DocumentItem key={d.id} partnerId={partnerId} document={d} />
      ))}
    </ul>
  );
}

function PendingPartner({ partner }: { partner: User }) {
  const { t, date } = useI18n();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (status: 'VERIFIED' | 'REJECTED') => api.admin.decidePartner(partner.id, status, status === 'REJECTED' ? reason : undefined),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['pending-partners'] }),
  });
  const reject = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate('REJECTED');
  };
  return (
    <li className="panel" data-testid="pending-partner" data-partner-id={partner.id} data-email={partner.email}>
      <h2>
        {partner.firstName} {partner.lastName}
      </h2>
      <p className="muted small">
        {partner.email} · {partner.phoneNumber} · {t('admin.partners.signedUp', { date: date(partner.createdAt) })}
      </p>
      <h3>{t('admin.partners.documents')}</h3>
      <PartnerDocuments partnerId={partner.id} />
      <ProblemAlert error={decide.error} />
      <div className="actions">
        <button type="button" className="button primary" onClick={() => decide.mutate('VERIFIED')} disabled={decide.isPending} data-testid="verify-partner">
          {t('admin.partners.verify')}
        </button>
        <button type="button" className="button danger-outline" aria-expanded={rejecting} onClick={() => setRejecting(!rejecting)} data-testid="reject-partner">
          {t('admin.partners.reject')}
        </button>
      </div>
      {rejecting && (
        <form className="stack" onSubmit={reject} data-testid="reject-form">
          <Field label={t('admin.partners.rejectReason')} name="reason" error={decide.error}>
            {(p) => <textarea {...p} required maxLength={500} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reject-reason" />}
          </Field>
          <button type="submit" className="button danger" disabled={decide.isPending || !reason.trim()} data-testid="reject-confirm">
            {t('admin.partners.reject')}
          </button>
        </form>
      )}
    </li>
  );
}

export function PartnersPage() {
  const { t } = useI18n();
  const [page, setPage] = useState(0);
  const pending = useQuery({ queryKey: ['pending-partners', page], queryFn: () => api.admin.pendingPartners(page, 10) });
  return (
    <section aria-labelledby="partners-title">
      <h1 id="partners-title">{t('admin.partners.title')}</h1>
      {pending.isPending && <RowSkeletons rows={3} columns={3} />}
      {pending.isError && <ErrorState error={pending.error} onRetry={() => pending.refetch()} />}
      {pending.isSuccess && pending.data.items.length === 0 && (
        <EmptyState title={t('admin.partners.empty')} hint={t('admin.partners.emptyHint')} />
      )}
      {pending.isSuccess && pending.data.items.length > 0 && (
        <>
          <ul className="plain" data-testid="pending-partners">
            {pending.data.items.map((p) => (
              <PendingPartner key={p.id} partner={p} />
            ))}
          </ul>
          <Pager page={pending.data.page} totalPages={pending.data.totalPages} onPage={setPage} />
        </>
      )}
    </section>
  );
}
