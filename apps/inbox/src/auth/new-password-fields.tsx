import { formText } from '../common/form-text.ts';
import { useT } from '../i18n/i18n.ts';
import { authMessages } from './messages.ts';

/** Two password inputs with the policy said up front (≥ 10 characters; the server also refuses the e-mail). */
export function NewPasswordFields() {
  const t = useT(authMessages);
  return (
    <>
      <label className="field">
        <span>{t('newPassword')}</span>
        <input name="password" type="password" autoComplete="new-password" minLength={10} required aria-describedby="password-rule" />
        <small id="password-rule">{t('passwordRule')}</small>
      </label>
      <label className="field">
        <span>{t('repeatPassword')}</span>
        <input name="repeat" type="password" autoComplete="new-password" minLength={10} required />
      </label>
    </>
  );
}

/** The password typed twice, or why it cannot be sent (checked here so the common mistakes need no round trip). */
export function readNewPassword(
  form: FormData,
): { ok: true; password: string } | { ok: false; reason: 'passwordsDiffer' | 'passwordTooShort' } {
  const password = formText(form, 'password');
  if (password.length < 10) return { ok: false, reason: 'passwordTooShort' };
  if (password !== formText(form, 'repeat')) return { ok: false, reason: 'passwordsDiffer' };
  return { ok: true, password };
}
