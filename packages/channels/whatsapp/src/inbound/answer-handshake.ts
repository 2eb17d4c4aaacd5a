import type { HandshakeResult, RawWebhookRequest } from '@fio/channel-kit';
import { safeEqual } from '@fio/channel-kit';

/**
 * Meta's webhook verification: `GET ?hub.mode=subscribe&hub.verify_token=T&hub.challenge=C` is
 * answered 200 with C when T is this connection's verify token, 403 otherwise. Anything else is not a
 * handshake. Without a configured token nothing is verified (403), never echoed.
 */
export function answerHandshake(req: RawWebhookRequest, verifyToken: string | undefined): HandshakeResult {
  if (req.method !== 'GET') return { handled: false };
  const mode = req.query['hub.mode'];
  const challenge = req.query['hub.challenge'];
  const token = req.query['hub.verify_token'];
  if (mode === undefined && challenge === undefined && token === undefined) return { handled: false };
  const refuse: HandshakeResult = { handled: true, status: 403, body: 'verification failed', contentType: 'text/plain' };
  if (mode !== 'subscribe' || !challenge || token === undefined || !verifyToken) return refuse;
  if (!safeEqual(verifyToken, token)) return refuse;
  // The challenge goes back verbatim, as plain text: bounded so the endpoint cannot be used as a reflector.
  if (challenge.length > 256) return { handled: true, status: 400, body: 'challenge too long', contentType: 'text/plain' };
  return { handled: true, status: 200, body: challenge, contentType: 'text/plain' };
}
