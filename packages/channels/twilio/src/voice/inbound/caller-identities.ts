import type { IdentityClaim } from '@fio/contracts';
import type { VoiceCall } from './parse-voice-request.ts';

const e164 = /^\+[1-9]\d{6,14}$/;
// Twilio's stand-in when the caller withheld their number ("ANONYMOUS" on a keypad), and the words carriers use.
const withheld = new Set(['+266696687', 'anonymous', 'restricted', 'unknown', 'private', 'unavailable', '']);

/**
 * Who is calling, channel identity first. A phone number is the caller ID the carrier delivered
 * (verified, as for SMS). Browser/app callers (`client:NAME`) and SIP callers are known only by the
 * name their own system asserts, so they get an unverified voice-scoped id; a SIP user that looks
 * like a phone number is added as an unverified phone (it attaches to them, never joins another
 * contact). A withheld number gives a per-call id: the call is one anonymous contact.
 */
export function callerIdentities(call: VoiceCall): IdentityClaim[] {
  const address = call.direction.startsWith('outbound') ? call.to : call.from;
  if (e164.test(address) && !withheld.has(address)) return [{ kind: 'phone', value: address, verified: true }];
  if (address.startsWith('client:') && address.length > 'client:'.length) {
    return [{ kind: 'external', value: `voice-${address.slice(0, 500)}`, verified: false }];
  }
  const sip = /^sips?:([^@;]+)@([^;>]+)/i.exec(address);
  if (sip?.[1] !== undefined && sip[2] !== undefined) {
    const user = decodeSipUser(sip[1]);
    const claims: IdentityClaim[] = [{ kind: 'external', value: `voice-sip:${user}@${sip[2]}`.slice(0, 512), verified: false }];
    if (e164.test(user)) claims.push({ kind: 'phone', value: user, verified: false });
    return claims;
  }
  return [{ kind: 'external', value: `voice-call:${call.callSid}`, verified: false }];
}

function decodeSipUser(user: string): string {
  try {
    return decodeURIComponent(user);
  } catch {
    return user;
  }
}
