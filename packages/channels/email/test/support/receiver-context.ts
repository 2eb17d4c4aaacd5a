import type { FetchedMedia, ReceiverContext } from '@fio/channel-kit';
import type { InboundEvent } from '@fio/contracts';
import type { EmailConfig, EmailSecrets } from '../../src/definition.ts';
import type { ConnectionContext } from '@fio/channel-kit';

export interface IngestCall {
  events: InboundEvent[];
  attachments: Readonly<Record<string, FetchedMedia>>;
}

/**
 * A receiver context whose ingest records what it was given and stores messages by dedupe key, as
 * Fio's inbound receipts do; `ingestImpl` replaces the behaviour (fail, wait) per test.
 */
export function buildReceiverContext(connection: ConnectionContext<EmailConfig, EmailSecrets>) {
  const calls: IngestCall[] = [];
  const stored = new Map<string, InboundEvent>();
  const logs: { level: string; msg: string }[] = [];
  const state: { ingestImpl: ((call: IngestCall) => Promise<void>) | null } = { ingestImpl: null };
  const ctx: ReceiverContext<EmailConfig, EmailSecrets> = {
    ...connection,
    now: () => new Date('2026-11-24T15:00:00Z'),
    log: {
      info: (_obj, msg) => void logs.push({ level: 'info', msg }),
      warn: (_obj, msg) => void logs.push({ level: 'warn', msg }),
      error: (_obj, msg) => void logs.push({ level: 'error', msg }),
    },
    ingest: async (events, attachments = {}) => {
      const call = { events, attachments };
      calls.push(call);
      if (state.ingestImpl) await state.ingestImpl(call);
      for (const event of events) if (!stored.has(event.providerMessageId)) stored.set(event.providerMessageId, event);
    },
  };
  return { ctx, calls, stored, logs, state };
}
