import { formText } from '../common/form-text.ts';
import { useState, type FormEvent } from 'react';
import { meViewSchema } from '@fio/contracts';
import { api, ApiFailure } from '../api/client.ts';
import { useErrorText } from '../common/error-state.tsx';
import { useT } from '../i18n/i18n.ts';
import { Link, navigate } from '../router.ts';
import { useSession } from '../session.tsx';
import { AuthCard } from './auth-card.tsx';
import { authMessages } from './messages.ts';
import { NewPasswordFields, readNewPassword } from './new-password-fields.tsx';

/** /inbox/invite?token=…: an invited person names themself, chooses a password and is signed in. */
export function InviteScreen({ token }: { token: string }) {
  const t = useT(authMessages);
  const { signedIn } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const errorText = useErrorText(error);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const read = readNewPassword(form);
    if (!read.ok) return setLocalError(t(read.reason));
    setLocalError(null);
    setError(null);
    setBusy(true);
    try {
      const answer = await api.post<unknown>('/api/v1/auth/invites/accept', {
        token,
        name: formText(form, 'name').trim(),
        password: read.password,
      });
      // The server signs the new person in and answers MeView; otherwise they sign in by hand.
      const me = meViewSchema.safeParse(answer);
      if (me.success) {
        signedIn(me.data);
        navigate('/inbox/', { replace: true });
      } else navigate('/inbox/sign-in', { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  if (!token)
    return (
      <AuthCard title={t('inviteTitle')}>
        <p role="alert">{t('missingToken')}</p>
        <Link to="/inbox/sign-in">{t('backToSignIn')}</Link>
      </AuthCard>
    );
  return (
    <AuthCard title={t('inviteTitle')} subtitle={t('inviteIntro')}>
      <form className="form" data-testid="invite-form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('name')}</span>
          <input name="name" type="text" autoComplete="name" required maxLength={120} autoFocus />
        </label>
        <NewPasswordFields />
        <div role="alert" className="form-error">
          {localError ?? (error ? (error instanceof ApiFailure && error.code === 'token_invalid' ? t('badToken') : errorText) : null)}
        </div>
        <button type="submit" className="button button-primary button-wide" disabled={busy}>
          {t('accept')}
        </button>
      </form>
    </AuthCard>
  );
}
