import { useEffect, useId, useState, type ReactNode } from 'react';
import { ApiError, problemText } from '../api/problem';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/I18n';

/** Text only screen readers get. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}

/** A grey block shaped like what is loading (no spinner): `lines` of text, or a card / a table row. */
export function Skeleton({ className = '' }: { className?: string }) {
  return <span className={`skeleton ${className}`} aria-hidden="true" />;
}

/** The loading state of a region: its skeletons, announced once as "Loading…". */
export function Loading({ children, label }: { children: ReactNode; label?: string }) {
  const { t } = useI18n();
  return (
    <div aria-busy="true" data-testid="loading">
      <VisuallyHidden>
        <span role="status">{label ?? t('common.loading')}</span>
      </VisuallyHidden>
      {children}
    </div>
  );
}

export function CardSkeletons({ count = 6 }: { count?: number }) {
  return (
    <Loading>
      <ul className="card-grid" aria-hidden="true">
        {Array.from({ length: count }, (_, i) => (
          <li key={i} className="card">
            <Skeleton className="skeleton-photo" />
            <div className="card-body">
              <Skeleton className="skeleton-title" />
              <Skeleton className="skeleton-line" />
              <Skeleton className="skeleton-line short" />
            </div>
          </li>
        ))}
      </ul>
    </Loading>
  );
}

export function RowSkeletons({ rows = 5, columns = 4 }: { rows?: number; columns?: number }) {
  return (
    <Loading>
      <div className="table-skeleton" aria-hidden="true">
        {Array.from({ length: rows }, (_, r) => (
          <div key={r} className="table-skeleton-row">
            {Array.from({ length: columns }, (_, c) => (
              <Skeleton key={c} className="skeleton-line" />
            ))}
          </div>
        ))}
      </div>
    </Loading>
  );
}

export function BlockSkeleton({ lines = 4 }: { lines?: number }) {
  return (
    <Loading>
      <div className="panel" aria-hidden="true">
        <Skeleton className="skeleton-title" />
        {Array.from({ length: lines }, (_, i) => (
          <Skeleton key={i} className={`skeleton-line${i === lines - 1 ? ' short' : ''}`} />
        ))}
      </div>
    </Loading>
  );
}

/** An error from the platform as the user reads it: the problem's detail, with the reference to quote. */
export function useProblemText() {
  const { problems } = useI18n();
  return (error: unknown) => problemText(error, problems);
}

/** The error state of a list or page: what went wrong (the problem's detail) and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useProblemText();
  const reference = error instanceof ApiError ? error.correlationId : undefined;
  return (
    <div className="state state-error" role="alert" data-testid="error-state">
      <h2 className="state-title">{t('error.title')}</h2>
      <p data-testid="error-detail">{text(error)}</p>
      {reference && <p className="muted small">{t('common.reference', { id: reference })}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry} data-testid="retry">
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** An inline error under a form (role=alert: read out as it appears). */
export function ProblemAlert({ error }: { error: unknown }) {
  const text = useProblemText();
  const { t } = useI18n();
  if (!error) {
    return null;
  }
  const reference = error instanceof ApiError ? error.correlationId : undefined;
  return (
    <div className="alert alert-error" role="alert" data-testid="problem">
      <p>{text(error)}</p>
      {reference && <p className="muted small">{t('common.reference', { id: reference })}</p>}
    </div>
  );
}

export function Notice({ children, tone = 'info', testId }: { children: ReactNode; tone?: 'info' | 'success' | 'warning'; testId?: string }) {
  return (
    <div className={`alert alert-${tone}`} role="status" data-testid={testId}>
      {children}
    </div>
  );
}

export function EmptyState({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <div className="state state-empty" data-testid="empty-state">
      <svg className="state-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="20" />
        <path d="M16 28h16M18 19h.01M30 19h.01" />
      </svg>
      <h2 className="state-title">{title}</h2>
      {hint && <p className="muted">{hint}</p>}
      {action}
    </div>
  );
}

/** A labelled input; the server's message for the field (from the problem's `errors`) shows under it. */
export function Field({
  label,
  hint,
  error,
  name,
  children,
}: {
  label: string;
  hint?: string;
  error?: unknown;
  name?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const message = error instanceof ApiError && name ? error.fieldMessage(name) : undefined;
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${message ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': message ? true : undefined })}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {message && (
        <p id={`${id}-error`} className="field-error">
          {message}
        </p>
      )}
    </div>
  );
}

export function Pager({ page, totalPages, onPage }: { page: number; totalPages: number; onPage(page: number): void }) {
  const { t } = useI18n();
  if (totalPages <= 1) {
    return null;
  }
  return (
    <nav className="pager" aria-label={t('common.page', { page: page + 1, pages: totalPages })}>
      <button type="button" className="button secondary" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </button>
      <span>{t('common.page', { page: page + 1, pages: totalPages })}</span>
      <button
        type="button"
        className="button secondary"
        disabled={page + 1 >= totalPages}
        onClick={() => onPage(page + 1)}
      >
        {t('common.next')}
      </button>
    </nav>
  );
}

const TONES: Record<string, string> = {
  HELD: 'warning',
  CONFIRMED: 'success',
  COMPLETED: 'neutral',
  CANCELLED: 'danger',
  EXPIRED: 'neutral',
  PENDING_REVIEW: 'warning',
  PENDING: 'warning',
  ACTIVE: 'success',
  VERIFIED: 'success',
  REJECTED: 'danger',
  SUSPENDED: 'danger',
  RETIRED: 'neutral',
  LIVE: 'success',
  STALE: 'warning',
  DEAD: 'danger',
  AVAILABLE: 'success',
  UNAVAILABLE: 'danger',
};

export function Badge({ status, label, testId }: { status: string; label: string; testId?: string }) {
  return (
    <span className={`badge badge-${TONES[status] ?? 'neutral'}`} data-testid={testId} data-status={status}>
      {label}
    </span>
  );
}

/** The label of a status by its message key prefix (`status.`, `vstatus.`, …), or the raw value if unknown. */
export function useStatusLabel() {
  const { t } = useI18n();
  return (prefix: string, status: string) => {
    const label = t(`${prefix}${status}` as MessageKey);
    return label === `${prefix}${status}` ? status : label;
  };
}

/** Re-renders every `ms` (countdowns, "as of" times). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** A live countdown to an instant, read out by screen readers only at the minute (not every second). */
export function Countdown({ to, onDone }: { to: string; onDone?: () => void }) {
  const now = useNow(1000);
  const { t } = useI18n();
  const remaining = new Date(to).getTime() - now;
  const done = remaining <= 0;
  useEffect(() => {
    if (done && onDone) {
      onDone();
    }
  }, [done, onDone]);
  const text = formatRemaining(remaining);
  return (
    <span className="countdown" data-testid="hold-countdown" data-expires-at={to}>
      <time dateTime={to} aria-hidden="true">
        {t('trip.countdown', { time: text })}
      </time>
      <VisuallyHidden>{t('trip.countdown', { time: `${Math.ceil(Math.max(remaining, 0) / 60000)} min` })}</VisuallyHidden>
    </span>
  );
}

/** A confirmation step inside the page (no window.confirm: testable and styled). */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  testId,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        onCancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} data-testid={testId}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children}
        <div className="actions">
          <button type="button" className="button secondary" onClick={onCancel} autoFocus>
            {t('common.cancel')}
          </button>
          <button type="button" className="button danger" onClick={onConfirm} disabled={busy} data-testid={testId ? `${testId}-confirm` : undefined}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
