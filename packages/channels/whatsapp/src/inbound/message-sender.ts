import type { IdentityClaim, InboundSender } from '@fio/contracts';
import { isBsuid, isWaId } from '../whatsapp-address.ts';
import type { WebhookContact, WebhookMessageBase } from './webhook-payload.schema.ts';

export type SenderResult = { ok: true; sender: InboundSender } | { ok: false; reason: string };

/**
 * Who wrote a message. Replies go to the phone number (`wa_id`) when Meta shows it, else to the
 * business-scoped user id. Every id shown is claimed (verified: Meta vouches for them), the
 * channel-scoped BSUID first, so a customer who later hides or reveals their number stays one contact.
 * An unrecognisable `from_user_id` is ignored (the phone still identifies the sender); an
 * unrecognisable `from` refuses the message, since replies could not reach anyone.
 */
export function messageSender(message: WebhookMessageBase, contacts: WebhookContact[], path: string): SenderResult {
  const from = message.from?.trim();
  let phone: string | undefined;
  let bsuid = message.from_user_id !== undefined && isBsuid(message.from_user_id) ? message.from_user_id : undefined;
  if (from) {
    if (isWaId(from)) phone = from;
    else if (isBsuid(from)) bsuid ??= from;
    else
      return {
        ok: false,
        reason: `${path}.from: "${from.slice(0, 32)}" is neither a phone number (8-15 digits) nor a business-scoped user id`,
      };
  }
  const address = phone ?? bsuid;
  if (address === undefined) return { ok: false, reason: `${path}: the message names no sender (from / from_user_id)` };

  const profile = contacts.find((c) => (phone !== undefined && c.wa_id === phone) || (bsuid !== undefined && c.user_id === bsuid));
  // The profile of the same sender may carry the BSUID the message itself left out.
  if (bsuid === undefined && profile?.user_id !== undefined && isBsuid(profile.user_id)) bsuid = profile.user_id;
  const parentCandidate = message.from_parent_user_id ?? profile?.parent_user_id;
  const parent = parentCandidate !== undefined && isBsuid(parentCandidate) && parentCandidate !== bsuid ? parentCandidate : undefined;

  const identities: IdentityClaim[] = [];
  if (bsuid !== undefined) identities.push({ kind: 'whatsapp_bsuid', value: bsuid, verified: true });
  if (phone !== undefined) identities.push({ kind: 'phone', value: `+${phone}`, verified: true });
  if (parent !== undefined) identities.push({ kind: 'whatsapp_bsuid', value: parent, verified: true });

  const displayName = profile?.profile?.name?.trim().slice(0, 256);
  return { ok: true, sender: { address, ...(displayName ? { displayName } : {}), identities } };
}
