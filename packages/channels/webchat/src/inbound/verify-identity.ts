import type { IdentityClaim, WidgetIdentity } from '@fio/contracts';
import { safeEqual } from '@fio/channel-kit';
import { signWidgetIdentity } from '../sign-widget-identity.ts';

export type VerifyIdentityResult = { ok: true; claims: IdentityClaim[] } | { ok: false; reason: 'missing_secret' | 'bad_signature' };

/**
 * Checks the identity a host site signed for its logged-in user (constant time, pure).
 * No identity is fine: an anonymous visitor. An identity without a configured secret is refused,
 * never trusted: a missing secret is a configuration error, not a pass.
 */
export function verifyWidgetIdentity(identity: WidgetIdentity | undefined, identitySecret: string | undefined): VerifyIdentityResult {
  if (identity === undefined) return { ok: true, claims: [] };
  if (!identitySecret) return { ok: false, reason: 'missing_secret' };
  const expected = signWidgetIdentity(identitySecret, identity);
  if (!safeEqual(expected, identity.signature.toLowerCase())) return { ok: false, reason: 'bad_signature' };

  const claims: IdentityClaim[] = [];
  if (identity.userId) claims.push({ kind: 'external', value: identity.userId, verified: true });
  if (identity.email) claims.push({ kind: 'email', value: identity.email.toLowerCase(), verified: true });
  return { ok: true, claims };
}
