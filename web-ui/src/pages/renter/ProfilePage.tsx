import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, tokens } from '../../api/instance';
import type { User } from '../../api/types';
import { useAuth } from '../../auth/Auth';
import { LanguageSelect } from '../../components/Layout';
import { BlockSkeleton, ErrorState, Field, Notice, ProblemAlert } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';

function DetailsForm({ user }: { user: User }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ firstName: user.firstName, lastName: user.lastName, phoneNumber: user.phoneNumber });
  const save = useMutation({
    mutationFn: () => api.users.update({ ...form, phoneNumber: form.phoneNumber.replace(/[\s.-]/g, '') }),
    onSuccess: (updated) => queryClient.setQueryData(['me', updated.id], updated),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="panel stack" onSubmit={submit} data-testid="profile-form" aria-labelledby="details-title">
      <h2 id="details-title">{t('profile.details')}</h2>
      <p className="muted">{user.email}</p>
      <div className="two-columns">
        <Field label={t('auth.firstName')} name="firstName" error={save.error}>
          {(p) => <input {...p} required maxLength={100} value={form.firstName} onChange={(e) => setForm({ ...form, firstName: e.target.value })} />}
        </Field>
        <Field label={t('auth.lastName')} name="lastName" error={save.error}>
          {(p) => <input {...p} required maxLength={100} value={form.lastName} onChange={(e) => setForm({ ...form, lastName: e.target.value })} />}
        </Field>
      </div>
      <Field label={t('auth.phone')} hint={t('auth.phoneHint')} name="phoneNumber" error={save.error}>
        {(p) => <input {...p} type="tel" required value={form.phoneNumber} onChange={(e) => setForm({ ...form, phoneNumber: e.target.value })} />}
      </Field>
      <ProblemAlert error={save.error} />
      {save.isSuccess && <Notice tone="success">{t('common.saved')}</Notice>}
      <button type="submit" className="button primary" disabled={save.isPending} data-testid="profile-save">
        {t('common.save')}
      </button>
    </form>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () => api.users.changePassword(current, next),
    onSuccess: () => {
      // every session of the account ended at the server, this one too
      tokens.clear();
      queryClient.clear();
      navigate('/login?password=1', { replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form className="panel stack" onSubmit={submit} data-testid="password-form" aria-labelledby="password-title">
      <h2 id="password-title">{t('profile.password')}</h2>
      <p className="muted small">{t('profile.passwordNote')}</p>
      <Field label={t('profile.currentPassword')} name="currentPassword" error={change.error}>
        {(p) => <input {...p} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />}
      </Field>
      <Field label={t('profile.newPassword')} hint={t('auth.passwordHint')} name="newPassword" error={change.error}>
        {(p) => <input {...p} type="password" autoComplete="new-password" required minLength={10} value={next} onChange={(e) => setNext(e.target.value)} />}
      </Field>
      <ProblemAlert error={change.error} />
      <button type="submit" className="button primary" disabled={change.isPending} data-testid="password-submit">
        {t('profile.passwordSubmit')}
      </button>
    </form>
  );
}

export function ProfilePage() {
  const { t, date } = useI18n();
  const auth = useAuth();
  const me = useQuery({ queryKey: ['me', auth.userId], queryFn: api.users.me });
  return (
    <section className="page narrow" aria-labelledby="profile-title">
      <h1 id="profile-title">{t('profile.title')}</h1>
      {me.isPending && <BlockSkeleton lines={5} />}
      {me.isError && <ErrorState error={me.error} onRetry={() => me.refetch()} />}
      {me.isSuccess && (
        <>
          <p className="muted">{t('profile.memberSince', { date: date(me.data.createdAt) })}</p>
          <DetailsForm user={me.data} />
        </>
      )}
      <div className="panel stack">
        <h2>{t('profile.language')}</h2>
        <LanguageSelect id="profile-language" />
      </div>
      <PasswordForm />
    </section>
  );
}
