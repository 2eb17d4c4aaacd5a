import { safeEqual, type HandshakeResult } from '@fio/channel-kit';

/**
 * Meta's subscription check: `GET ?hub.mode=subscribe&hub.verify_token=T&hub.challenge=C` is answered
 * 200 with C when T is the connection's verify token, 403 otherwise. Requests without hub.mode are not
 * handshakes. The challenge is echoed as plain text only when it looks like one (Meta sends digits).
 */
export function answerHandshake(query: Readonly<Record<string, string | undefined>>, verifyToken: string | undefined): HandshakeResult {
  const mode = query['hub.mode'];
  if (mode === undefined) return { handled: false };
  const forbidden = (body: string): HandshakeResult => ({ handled: true, status: 403, body, contentType: 'text/plain' });
  if (mode !== 'subscribe') return forbidden('hub.mode must be "subscribe"');
  if (!verifyToken) return forbidden('this connection has no verify token configured');
  if (!safeEqual(verifyToken, query['hub.verify_token'] ?? '')) return forbidden('the verify token does not match');
  const challenge = query['hub.challenge'] ?? '';
  if (!/^[\w.-]{1,256}$/.test(challenge)) return forbidden('hub.challenge is missing or malformed');
  return { handled: true, status: 200, body: challenge, contentType: 'text/plain' };
}
