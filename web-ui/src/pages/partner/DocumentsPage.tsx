import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/instance';
import type { DocumentType, PartnerDocument } from '../../api/types';
import { useAuth } from '../../auth/Auth';
import { DocumentViewer } from '../../components/media';
import { EmptyState, ErrorState, Field, ProblemAlert, RowSkeletons } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';

export const DOCUMENT_TYPES: DocumentType[] = ['DRIVER_LICENCE', 'INSURANCE', 'OWNERSHIP'];

/** One document in a list: open it inline (the bytes need the token), delete it when allowed. */
export function DocumentItem({ partnerId, document, onDelete, deleting }: {
  partnerId: string;
  document: PartnerDocument;
  onDelete?: () => void;
  deleting?: boolean;
}) {
  const { t, date, bytes } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <li className="list-item" data-testid="document" data-document-type={document.type}>
      <div>
        <p className="strong">{t(`doc.${document.type}`)}</p>
        <p className="muted small">
          {document.originalName} · {bytes(document.size)} · {t('partner.docs.uploaded', { date: date(document.uploadedAt) })}
        </p>
      </div>
      <div className="list-meta">
        <button type="button" className="button secondary small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="document-open">
          {open ? t('common.close') : t('partner.docs.open')}
        </button>
        {onDelete && (
          <button type="button" className="button danger-outline small" onClick={onDelete} disabled={deleting} data-testid="document-delete">
            {t('common.delete')}
          </button>
        )}
      </div>
      {open && (
        <div className="wide-row">
          <DocumentViewer path={`/api/partners/${partnerId}/documents/${document.id}`} title={`${t(`doc.${document.type}`)}: ${document.originalName}`} />
        </div>
      )}
    </li>
  );
}

export function DocumentsPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const queryClient = useQueryClient();
  const [type, setType] = useState<DocumentType>('DRIVER_LICENCE');
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const documents = useQuery({ queryKey: ['documents'], queryFn: api.partner.documents });
  const upload = useMutation({
    mutationFn: () => {
      if (!file) {
        throw new Error('no file');
      }
      return api.partner.upload(type, file);
    },
    onSuccess: () => {
      setFile(null);
      if (input.current) {
        input.current.value = '';
      }
      return queryClient.invalidateQueries({ queryKey: ['documents'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.partner.deleteDocument(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['documents'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    upload.mutate();
  };

  return (
    <section aria-labelledby="documents-title">
      <h1 id="documents-title">{t('partner.docs.title')}</h1>
      <form className="panel stack" onSubmit={submit} data-testid="document-form">
        <Field label={t('partner.docs.type')}>
          {(p) => (
            <select {...p} value={type} onChange={(e) => setType(e.target.value as DocumentType)} data-testid="document-type">
              {DOCUMENT_TYPES.map((d) => (
                <option key={d} value={d}>
                  {t(`doc.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('partner.docs.file')}>
          {(p) => (
            <input {...p} ref={input} type="file" required accept="application/pdf,image/jpeg,image/png,image/webp" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="document-file" />
          )}
        </Field>
        <ProblemAlert error={upload.error} />
        <button type="submit" className="button primary" disabled={!file || upload.isPending} data-testid="document-upload">
          {t('partner.docs.upload')}
        </button>
      </form>
      <ProblemAlert error={remove.error} />
      {documents.isPending && <RowSkeletons rows={3} columns={3} />}
      {documents.isError && <ErrorState error={documents.error} onRetry={() => documents.refetch()} />}
      {documents.isSuccess && documents.data.items.length === 0 && (
        <EmptyState title={t('partner.docs.empty')} hint={t('partner.docs.emptyHint')} />
      )}
      {documents.isSuccess && documents.data.items.length > 0 && auth.userId && (
        <ul className="list" data-testid="documents-list">
          {documents.data.items.map((d) => (
            <DocumentItem key={d.id} partnerId={auth.userId as string} document={d} onDelete={() => remove.mutate(d.id)} deleting={remove.isPending} />
          ))}
        </ul>
      )}
    </section>
  );
}
