import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/instance';
import type { SignUpRequest, User } from '../../api/types';
import { useAuth } from '../../auth/Auth';
import { Field, Notice, ProblemAlert } from '../../components/ui';
import { useI18n } from '../../i18n/I18n';

/** Only a path of this app may follow a sign-in (no open redirect to another site). */
export function safeNext(next: string | null, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return next;
}

export function LoginPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => auth.login(email, password),
    onSuccess: (session) => {
      const home = session.claims.roles.includes('ADMIN')
        ? '/admin'
        : session.claims.roles.includes('PARTNER')
          ? '/partner'
          : '/';
      navigate(safeNext(params.get('next'), home), { replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <section className="page narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('auth.login.title')}</h1>
      {params.get('registered') && <Notice tone="success">{t('auth.signup.done')}</Notice>}
      {params.get('password') && <Notice tone="success">{t('auth.login.passwordChanged')}</Notice>}
      <form className="panel stack" onSubmit={submit} data-testid="login-form">
        <Field label={t('auth.email')} name="email" error={login.error}>
          {(p) => <input {...p} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="login-email" />}
        </Field>
        <Field label={t('auth.password')} name="password" error={login.error}>
          {(p) => <input {...p} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />}
        </Field>
        <ProblemAlert error={login.error} />
        <button type="submit" className="button primary" disabled={login.isPending} data-testid="login-submit">
          {t('auth.login.submit')}
        </button>
      </form>
      <p>
        {t('auth.login.noAccount')} <Link to="/signup">{t('nav.signup')}</Link> · <Link to="/partner/signup">{t('nav.partner')}</Link>
      </p>
    </section>
  );
}

/** The sign-up form both renters and partners fill (the endpoint decides the role). */
export function SignUpForm({ submitLabel, register, onDone, testPrefix }: {
  submitLabel: string;
  register(body: SignUpRequest): Promise<User>;
  onDone(user: User): void;
  testPrefix: string;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<SignUpRequest>({ email: '', password: '', firstName: '', lastName: '', phoneNumber: '+237' });
  const signUp = useMutation({ mutationFn: () => register({ ...form, phoneNumber: form.phoneNumber.replace(/[\s.-]/g, '') }), onSuccess: onDone });
  const set = (field: keyof SignUpRequest, value: string) => setForm((f) => ({ ...f, [field]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate();
  };
  return (
    <form className="panel stack" onSubmit={submit} data-testid={`${testPrefix}-form`}>
      <div className="two-columns">
        <Field label={t('auth.firstName')} name="firstName" error={signUp.error}>
          {(p) => <input {...p} autoComplete="given-name" required maxLength={100} value={form.firstName} onChange={(e) => set('firstName', e.target.value)} data-testid={`${testPrefix}-first-name`} />}
        </Field>
        <Field label={t('auth.lastName')} name="lastName" error={signUp.error}>
          {(p) => <input {...p} autoComplete="family-name" required maxLength={100} value={form.lastName} onChange={(e) => set('lastName', e.target.value)} data-testid={`${testPrefix}-last-name`} />}
        </Field>
      </div>
      <Field label={t('auth.email')} name="email" error={signUp.error}>
        {(p) => <input {...p} type="email" autoComplete="email" required value={form.email} onChange={(e) => set('email', e.target.value)} data-testid={`${testPrefix}-email`} />}
      </Field>
      <Field label={t('auth.phone')} hint={t('auth.phoneHint')} name="phoneNumber" error={signUp.error}>
        {(p) => <input {...p} type="tel" autoComplete="tel" required value={form.phoneNumber} onChange={(e) => set('phoneNumber', e.target.value)} data-testid={`${testPrefix}-phone`} />}
      </Field>
      <Field label={t('auth.password')} hint={t('auth.passwordHint')} name="password" error={signUp.error}>
        {(p) => <input {...p} type="password" autoComplete="new-password" required minLength={10} value={form.password} onChange={(e) => set('password', e.target.value)} data-testid={`${testPrefix}-password`} />}
      </Field>
      <ProblemAlert error={signUp.error} />
      <button type="submit" className="button primary" disabled={signUp.isPending} data-testid={`${testPrefix}-submit`}>
        {submitLabel}
      </button>
    </form>
  );
}

export function SignUpPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <section className="page narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t('auth.signup.title')}</h1>
      <SignUpForm
        submitLabel={t('auth.signup.submit')}
        register={api.auth.register}
        onDone={(user) => navigate(`/login?registered=1&email=${encodeURIComponent(user.email)}`)}
        testPrefix="signup"
      />
      <p>
        {t('auth.signup.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
      </p>
      <p>
        <Link to="/partner/signup">{t('auth.signup.partnerInstead')}</Link>
      </p>
    </section>
  );
}
