import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import assert from 'node:assert/strict';
import { inboundEventSchema, type InboundEvent, type InboundMessageEvent, type InboundStatusEvent } from '@fio/contracts';
import { toInboundEvents, type EmailParseOptions, type EmailParseResult } from '../../src/inbound/to-inbound-events.ts';

export const sharedFixturesDir = resolve(import.meta.dirname, '../../../../../../shared/data/channel-fixtures/email');
export const ownFixturesDir = resolve(import.meta.dirname, '../fixtures');

export const defaultParseOptions: EmailParseOptions = {
  ownAddresses: ['suporte@loja.example'],
  now: new Date('2026-11-24T15:00:00Z'),
};

export type ParsedOk = Extract<EmailParseResult, { ok: true }>;

/** Parses a fixture file, asserts it was accepted and every event is schema-valid. */
export async function parseFixture(path: string, opts: Partial<EmailParseOptions> = {}): Promise<ParsedOk> {
  const result = await toInboundEvents(readFileSync(path), { ...defaultParseOptions, ...opts });
  assert.equal(result.ok, true, result.ok ? '' : `refused: ${result.reason}`);
  if (!result.ok) throw new Error('unreachable');
  for (const event of result.events) {
    const parsed = inboundEventSchema.safeParse(event);
    assert.equal(parsed.success, true, `invalid event: ${parsed.error?.message}`);
  }
  return result;
}

export function messages(events: InboundEvent[]): InboundMessageEvent[] {
  return events.filter((e): e is InboundMessageEvent => e.type === 'message');
}

export function statuses(events: InboundEvent[]): InboundStatusEvent[] {
  return events.filter((e): e is InboundStatusEvent => e.type === 'status');
}

export function onlyText(events: InboundEvent[]): { event: InboundMessageEvent; text: string } {
  const [event, ...rest] = messages(events);
  assert.ok(event, 'no message event');
  assert.equal(rest.length, 0, 'more than one message event');
  assert.equal(event.content.kind, 'text');
  return { event, text: event.content.kind === 'text' ? event.content.text : '' };
}
