import type { IdentityClaim, InboundSender } from '@fio/contracts';
import type { FormParams } from './read-form-params.ts';

const e164 = /^\+[1-9]\d{6,14}$/;
// WhatsApp business-scoped user ids: an ISO country code, a dot, then an opaque id ("US.1234", "BR.13491208655302741918").
const bsuid = /^[A-Z]{2}\.[A-Za-z0-9]{1,128}$/;
const whatsappPrefix = 'whatsapp:';

export type SenderResult = { ok: true; sender: InboundSender; whatsapp: boolean } | { ok: false; reason: string };

/**
 * Who wrote: `From` is an E.164 number for SMS, `whatsapp:+E.164` (or `whatsapp:<BSUID>` when the user
 * hides the number) for Twilio's WhatsApp sender. The address keeps Twilio's spelling, so replies go
 * exactly where the message came from; the identities drop the prefix, so the phone joins the same
 * person on every channel. A valid `ExternalUserId` BSUID is linked to the phone when both appear.
 */
export function readSender(params: FormParams): SenderResult {
  const from = params.get('From')?.trim();
  if (!from) return { ok: false, reason: 'the message has no From' };
  const whatsapp = from.startsWith(whatsappPrefix);
  const bare = whatsapp ? from.slice(whatsappPrefix.length) : from;

  const identities: IdentityClaim[] = [];
  if (e164.test(bare)) identities.push({ kind: 'phone', value: bare, verified: true });
  else if (whatsapp && bsuid.test(bare)) identities.push({ kind: 'whatsapp_bsuid', value: bare, verified: true });
  else return { ok: false, reason: `From "${from.slice(0, 64)}" is not an E.164 number${whatsapp ? ' or a WhatsApp user id' : ''}` };

  const external = params.get('ExternalUserId')?.trim();
  const externalId = external?.startsWith(whatsappPrefix) ? external.slice(whatsappPrefix.length) : external;
  if (externalId && bsuid.test(externalId) && !identities.some((claim) => claim.value === externalId)) {
    identities.push({ kind: 'whatsapp_bsuid', value: externalId, verified: true });
  }

  const profileName = params.get('ProfileName')?.trim();
  const sender: InboundSender = { address: from, identities };
  if (profileName) sender.displayName = profileName.slice(0, 256);
  return { ok: true, sender, whatsapp: whatsapp || params.get('WaId') !== undefined };
}
