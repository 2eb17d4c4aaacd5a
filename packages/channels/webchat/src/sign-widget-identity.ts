import { hmacSha256Hex } from '@fio/channel-kit';

/**
 * What the host site's back end computes for a logged-in user, so the widget can prove who they are:
 * hex HMAC-SHA256 over `${userId ?? ''}:${email ?? ''}` with the connection's identity secret.
 */
export function signWidgetIdentity(identitySecret: string, identity: { userId?: string | undefined; email?: string | undefined }): string {
  return hmacSha256Hex(identitySecret, `${identity.userId ?? ''}:${identity.email ?? ''}`);
}
