import type { InboundStatusEvent } from '@fio/contracts';
import { describeIssues, statusSchema, type WebhookError } from './webhook-payload.schema.ts';

export type StatusResult = { ok: true; event: InboundStatusEvent | null } | { ok: false; reason: string };

const forwardStatuses = new Set(['sent', 'delivered', 'read', 'failed']);

/**
 * One entry of `value.statuses[]` → a delivery status event. `played` (a voice note listened to)
 * comes after `read` and adds nothing Fio tracks; `deleted` and statuses Meta adds later are skipped
 * rather than refused, so Meta does not retry a body we cannot use. Statuses of group messages are
 * skipped (Fio sends none; one participant's receipt is not the group's).
 */
export function statusToEvent(status: Record<string, unknown>, path: string): StatusResult {
  const parsed = statusSchema.safeParse(status);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error, path) };
  const { id, timestamp, errors, recipient_type: recipientType } = parsed.data;
  const name = parsed.data.status.toLowerCase();
  if (!forwardStatuses.has(name) || recipientType === 'group') return { ok: true, event: null };
  const state = name === 'sent' ? 'sent' : name === 'delivered' ? 'delivered' : name === 'read' ? 'read' : 'failed';
  const event: InboundStatusEvent = {
    type: 'status',
    providerMessageId: id,
    status: state,
    ...(timestamp !== undefined ? { at: new Date(timestamp * 1000).toISOString() } : {}),
  };
  if (state === 'failed') event.error = describeFailure(errors?.[0]);
  return { ok: true, event };
}

/** "131047 Re-engagement message: More than 24 hours have passed..." as code and readable text. */
function describeFailure(error: WebhookError | undefined): { code: string; message: string } {
  if (!error) return { code: 'unknown', message: 'WhatsApp reported the message as failed without a reason' };
  const title = error.title ?? error.message;
  const details = error.error_data?.details ?? error.details;
  const parts = [title, details].filter((part, index, all): part is string => !!part && all.indexOf(part) === index);
  return { code: String(error.code), message: (parts.join(': ') || `WhatsApp error ${error.code}`).slice(0, 2048) };
}
