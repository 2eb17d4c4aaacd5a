import type { InboundEvent } from '@fio/contracts';
import { normalizeIdentity } from '../../contacts/index.ts';

/**
 * The reason an event cannot be recorded because its sender has no identity Fio can use (every claim
 * failed to normalise: a phone of three digits, an empty id), or null. Checked for a whole batch before
 * any of it is recorded, so a refused webhook stores nothing.
 */
export function findUnusableSender(events: readonly InboundEvent[]): string | null {
  for (const event of events) {
    if (event.type !== 'message') continue;
    if (!event.sender.identities.some((claim) => normalizeIdentity(claim) !== null)) {
      const kinds = event.sender.identities.map((c) => c.kind).join(', ');
      return `message ${event.providerMessageId}: no usable sender identity (${kinds} did not normalise)`;
    }
  }
  return null;
}
