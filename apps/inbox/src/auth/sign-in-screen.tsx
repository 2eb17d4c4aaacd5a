import { formText } from '../common/form-text.ts';
import { useState, type FormEvent } from 'react';
import type { MeView } from '@fio/contracts';
import { api, ApiFailure } from '../api/client.ts';
import { useErrorText } from '../common/error-state.tsx';
import { useT } from '../i18n/i18n.ts';
import { useSession } from '../session.tsx';
import { navigate, useRoute } from '../router.ts';
import { AuthCard } from './auth-card.tsx';
import { authMessages } from './messages.ts';

/** Where to go after signing in: only a path of the inbox itself (never another site). */
function nextPath(search: URLSearchParams): string {
  const next = search.get('next');
  return next && next.startsWith('/inbox/') && !next.startsWith('/inbox/sign-in') ? next : '/inbox/';
}

export function SignInScreen() {
  const t = useT(authMessages);
  const { search } = useRoute();
  const [mode, setMode] = useState<'sign-in' | 'forgot'>('sign-in');
  return mode === 'sign-in' ? (
    <AuthCard title={t('title')} subtitle={t('subtitle')}>
      <SignInForm next={nextPath(search)} onForgot={() => setMode('forgot')} />
    </AuthCard>
  ) : (
    <AuthCard title={t('forgotTitle')}>
      <ForgotPasswordForm onBack={() => setMode('sign-in')} />
    </AuthCard>
  );
}

function SignInForm({ next, onForgot }: { next: string; onForgot: () => void }) {
  const t = useT(authMessages);
  const { signedIn } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorText = useErrorText(error);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const workspace = formText(form, 'workspace').trim();
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<MeView>('/api/v1/auth/sign-in', {
        email: formText(form, 'email').trim(),
        password: formText(form, 'password'),
        ...(workspace ? { workspace } : {}),
      });
      signedIn(me);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const message = !error
    ? null
    : error instanceof ApiFailure && error.code === 'invalid_credentials'
      ? t('invalidCredentials')
      : error instanceof ApiFailure && error.code === 'account_locked'
        ? t('accountLocked', { minutes: lockMinutes(error.details) })
        : error instanceof ApiFailure && error.code === 'rate_limited'
          ? t('rateLimited')
          : errorText;

  return (
    <form className="form" data-testid="sign-in-form" onSubmit={(e) => void submit(e)} noValidate={false}>
      <label className="field">
        <span>{t('email')}</span>
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        <span>{t('password')}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <details className="more-options">
        <summary>{t('moreOptions')}</summary>
        <label className="field">
          <span>{t('workspace')}</span>
          <input name="workspace" type="text" autoComplete="organization" aria-describedby="workspace-hint" />
          <small id="workspace-hint">{t('workspaceHint')}</small>
        </label>
      </details>
      <div role="alert" className="form-error" data-testid={message ? 'sign-in-error' : undefined}>
        {message}
      </div>
      <button type="submit" className="button button-primary button-wide" data-testid="sign-in-submit" disabled={busy}>
        {busy ? t('signingIn') : t('signIn')}
      </button>
      <button type="button" className="link-button" onClick={onForgot}>
        {t('forgot')}
      </button>
    </form>
  );
}

/** account_locked carries details.retryAfterSeconds: shown in whole minutes, at least one. */
function lockMinutes(details: unknown): number {
  const seconds =
    typeof details === 'object' && details !== null && 'retryAfterSeconds' in details && typeof details.retryAfterSeconds === 'number'
      ? details.retryAfterSeconds
      : 900;
  return Math.max(1, Math.ceil(seconds / 60));
}

function ForgotPasswordForm({ onBack }: { onBack: () => void }) {
  const t = useT(authMessages);
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [error, setError] = useState<unknown>(null);
  const errorText = useErrorText(error);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const workspace = formText(form, 'workspace').trim();
    setState('busy');
    setError(null);
    try {
      await api.post('/api/v1/auth/password-reset', {
        email: formText(form, 'email').trim(),
        ...(workspace ? { workspace } : {}),
      });
      setState('sent');
    } catch (err) {
      setError(err);
      setState('idle');
    }
  };
  if (state === 'sent')
    return (
      <div className="form">
        <p role="status">{t('linkSent')}</p>
        <button type="button" className="button button-wide" onClick={onBack}>
          {t('backToSignIn')}
        </button>
      </div>
    );
  return (
    <form className="form" data-testid="forgot-form" onSubmit={(e) => void submit(e)}>
      <p>{t('forgotIntro')}</p>
      <label className="field">
        <span>{t('email')}</span>
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <details className="more-options">
        <summary>{t('moreOptions')}</summary>
        <label className="field">
          <span>{t('workspace')}</span>
          <input name="workspace" type="text" />
        </label>
      </details>
      <div role="alert" className="form-error">
        {error ? (error instanceof ApiFailure && error.code === 'rate_limited' ? t('rateLimited') : errorText) : null}
      </div>
      <button type="submit" className="button button-primary button-wide" disabled={state === 'busy'}>
        {state === 'busy' ? t('sending') : t('sendLink')}
      </button>
      <button type="button" className="link-button" onClick={onBack}>
        {t('backToSignIn')}
      </button>
    </form>
  );
}
