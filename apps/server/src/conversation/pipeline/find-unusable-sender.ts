import type { InboundEvent } from '@fio/contracts';
import { normalizeOrKeepRaw } from '../../contacts/index.ts';

/**
 * The reason an event cannot be recorded because its sender has no identity at all (every claim is
 * blank), or null. A claim that does not normalise (a short code, a number no country has) is still an
 * identity: resolution keeps it raw and unverified, so the customer's message is never refused for it.
 * Checked for a whole batch before any of it is recorded, so a refused webhook stores nothing.
 */
export function findUnusableSender(events: readonly InboundEvent[]): string | null {
  for (const event of events) {
    if (event.type !== 'message') continue;
    if (!event.sender.identities.some((claim) => normalizeOrKeepRaw(claim) !== null)) {
      const kinds = event.sender.identities.map((c) => c.kind).join(', ');
      return `message ${event.providerMessageId}: no usable sender identity (${kinds} are blank)`;
    }
  }
  return null;
}
