import type { MessageView } from '@fio/contracts';
import type { StoredEvent } from '../../events/event-log.ts';

/**
 * The conversation as a person reads it, for failure reports: who said what on which channel, the
 * buttons offered, and where the bot handed off. Long texts are cut so a report stays readable.
 */
export function formatTranscript(messages: MessageView[], events: StoredEvent[]): string {
  if (messages.length === 0) return '    (no messages)';
  const handoffAfter = new Map<string, string[]>();
  for (const event of events) {
    if (event.type !== 'handoff.requested') continue;
    const p = event.payload;
    const describe = ['reason', 'team', 'priority']
      .filter((key) => typeof p[key] === 'string')
      .map((key) => `${key} ${String(p[key])}`)
      .join(', ');
    const lastBefore = messages.filter((m) => m.createdAt <= event.occurredAt).at(-1)?.id ?? '';
    handoffAfter.set(lastBefore, [...(handoffAfter.get(lastBefore) ?? []), `    ↳ handoff requested (${describe || 'no details'})`]);
  }
  const lines: string[] = [];
  for (const m of messages) {
    const who = m.direction === 'inbound' ? 'customer' : m.author;
    const text = m.text.length > 300 ? `${m.text.slice(0, 300)}… (${m.text.length} chars)` : m.text;
    const options =
      m.content.kind === 'text' && m.content.quickReplies?.length ? `  [${m.content.quickReplies.map((q) => q.label).join(' | ')}]` : '';
    lines.push(`    ${String(m.seq).padStart(3)} ${who} (${m.channelType ?? '-'}): ${text.replace(/\n/g, '\n          ')}${options}`);
    lines.push(...(handoffAfter.get(m.id) ?? []));
  }
  return lines.join('\n');
}
