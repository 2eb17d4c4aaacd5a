import { useState, type FormEvent } from 'react';
import { api, ApiFailure } from '../api/client.ts';
import { useErrorText } from '../common/error-state.tsx';
import { useT } from '../i18n/i18n.ts';
import { Link } from '../router.ts';
import { AuthCard } from './auth-card.tsx';
import { authMessages } from './messages.ts';
import { NewPasswordFields, readNewPassword } from './new-password-fields.tsx';

/** /inbox/reset?token=…: the link of the password-reset e-mail. */
export function ResetPasswordScreen({ token }: { token: string }) {
  const t = useT(authMessages);
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const errorText = useErrorText(error);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const read = readNewPassword(new FormData(e.currentTarget));
    if (!read.ok) return setLocalError(t(read.reason));
    setLocalError(null);
    setError(null);
    setState('busy');
    try {
      await api.post('/api/v1/auth/password-reset/confirm', { token, password: read.password });
      setState('done');
    } catch (err) {
      setError(err);
      setState('idle');
    }
  };

  if (!token)
    return (
      <AuthCard title={t('resetTitle')}>
        <p role="alert">{t('missingToken')}</p>
        <Link to="/inbox/sign-in">{t('backToSignIn')}</Link>
      </AuthCard>
    );
  if (state === 'done')
    return (
      <AuthCard title={t('resetTitle')}>
        <p role="status">{t('passwordSaved')}</p>
        <Link className="button button-primary button-wide" to="/inbox/sign-in">
          {t('backToSignIn')}
        </Link>
      </AuthCard>
    );
  return (
    <AuthCard title={t('resetTitle')}>
      <form className="form" data-testid="reset-form" onSubmit={(e) => void submit(e)}>
        <NewPasswordFields />
        <div role="alert" className="form-error">
          {localError ?? (error ? (error instanceof ApiFailure && error.code === 'token_invalid' ? t('badToken') : errorText) : null)}
        </div>
        <button type="submit" className="button button-primary button-wide" disabled={state === 'busy'}>
          {t('savePassword')}
        </button>
        <Link to="/inbox/sign-in">{t('backToSignIn')}</Link>
      </form>
    </AuthCard>
  );
}
