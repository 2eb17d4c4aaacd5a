import type { WebhookAck } from '@fio/channel-kit';

/**
 * Twilio reads the answer to a message webhook as TwiML: an empty `<Response/>` says "no reply now"
 * (Fio answers later through the REST API). Anything else would be logged by Twilio as error 12300/12100.
 */
export function acknowledgeWithTwiml(): WebhookAck {
  return { status: 200, contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response/>' };
}
