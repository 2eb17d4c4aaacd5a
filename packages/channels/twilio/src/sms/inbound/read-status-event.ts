import type { InboundStatusEvent } from '@fio/contracts';

/**
 * Twilio's MessageStatus values and what each means for a message Fio sent. Twilio's own intermediate
 * steps (queued, sending...) move nothing forward: Fio already counts an accepted message as sent.
 */
const statusMap: Readonly<Record<string, InboundStatusEvent['status'] | null>> = {
  accepted: null,
  scheduled: null,
  queued: null,
  sending: null,
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
  partially_delivered: null,
};

// What Twilio's common delivery error codes mean, for agents, when the callback carries no ErrorMessage.
const knownErrors: Readonly<Record<string, string>> = {
  '21610': 'Attempt to send to unsubscribed recipient (the customer texted STOP)',
  '21614': "'To' number is not a valid mobile number",
  '30001': 'Queue overflow: too many messages queued for this sender',
  '30002': 'Account suspended',
  '30003': 'Unreachable destination handset',
  '30004': 'Message blocked by the recipient or carrier',
  '30005': 'Unknown destination handset',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Message filtered by the carrier',
  '30008': 'Unknown error from the carrier',
  '30019': 'Content size exceeds the carrier limit',
  '30034': 'Message from an unregistered number (US A2P 10DLC)',
  '63016': 'WhatsApp: free-form message outside the 24-hour window (send an approved template)',
  '63018': 'Rate limit exceeded for the WhatsApp sender',
  '63024': 'WhatsApp: invalid message recipient',
};

export type StatusResult = { ok: true; events: InboundStatusEvent[] } | { ok: false; reason: string };

/** A status callback for one message Fio sent (`MessageStatus`, with `ErrorCode` when it failed). */
export function readStatusEvent(messageSid: string, rawStatus: string, params: ReadonlyMap<string, string>): StatusResult {
  const status = rawStatus.trim().toLowerCase();
  if (!Object.hasOwn(statusMap, status)) return { ok: false, reason: `unknown message status "${rawStatus.slice(0, 40)}"` };
  const mapped = statusMap[status];
  if (!mapped) return { ok: true, events: [] };
  const event: InboundStatusEvent = { type: 'status', providerMessageId: messageSid, status: mapped };
  if (mapped === 'failed') {
    const code = params.get('ErrorCode')?.trim();
    if (code) {
      const reason = params.get('ErrorMessage')?.trim() || (Object.hasOwn(knownErrors, code) ? knownErrors[code] : undefined);
      event.error = { code: code.slice(0, 128), message: `Twilio ${status}: ${(reason ?? `error ${code}`).slice(0, 1900)}` };
      // Twilio answered the customer's STOP itself: the opt-out is the customer's word, not a delivery fault.
      if (code === '21610') event.recipientOptedOut = true;
    } else {
      event.error = { code: status, message: `Twilio reported the message ${status} without an error code` };
    }
  }
  return { ok: true, events: [event] };
}
