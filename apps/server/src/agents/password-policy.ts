import { AppError } from '../http/app-error.ts';

export const minPasswordLength = 10;

/** The minimum a person's password must meet: long enough, and not the e-mail address itself. */
export function checkPasswordPolicy(password: string, email: string): void {
  if ([...password].length < minPasswordLength)
    throw new AppError('weak_password', `the password needs at least ${minPasswordLength} characters`);
  const lower = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  if (lower === address || lower === address.split('@')[0])
    throw new AppError('weak_password', 'the password must not be the e-mail address');
}
