import type { MessageView } from '@fio/contracts';
import { foldText } from './match-bot-step.ts';
import type { CustomerMessage } from './open-customer-channel.ts';
import type { StoryStep } from './story.schema.ts';

/**
 * The options a message offered: its quick replies or list rows, or, where the channel has no buttons
 * (SMS), the numbered lines the text was fitted with ("1. Horário de atendimento").
 */
export function quickRepliesOf(message: Pick<MessageView, 'content' | 'text'>): { id: string; label: string }[] {
  if (message.content.kind === 'text' && message.content.quickReplies?.length) return message.content.quickReplies;
  if (message.content.kind === 'list') return message.content.sections.flatMap((s) => s.rows.map((r) => ({ id: r.id, label: r.title })));
  const numbered = [...message.text.matchAll(/^\s*(\d{1,2})[.)]\s+(.+?)\s*$/gmu)];
  const inOrder = numbered.every((m, i) => Number(m[1]) === i + 1);
  return inOrder ? numbered.map((m) => ({ id: '', label: m[2] ?? '' })) : [];
}

/** `user:` text, `{ text, payload }`, or `{ pick: LABEL }` from the last offered quick replies. */
export function resolveUserInput(
  input: Extract<StoryStep, { kind: 'user' }>['input'],
  offered: { id: string; label: string }[],
): CustomerMessage | string {
  if (typeof input === 'string') return { text: input };
  if ('pick' in input) {
    const want = foldText(input.pick);
    const index = offered.findIndex((o) => foldText(o.label) === want);
    const at = index >= 0 ? index : offered.findIndex((o) => foldText(o.label).includes(want));
    const option = offered[at];
    if (!option)
      return `no quick reply labelled ${JSON.stringify(input.pick)} was offered (last offered: ${offered.map((o) => JSON.stringify(o.label)).join(', ') || 'none'})`;
    // An option shown as a numbered line (no buttons on the channel) is picked by typing its number.
    if (option.id === '') return { text: String(at + 1) };
    return { text: option.label, payload: option.id, ordinal: at + 1 };
  }
  const index = offered.findIndex((o) => o.id === input.payload);
  return { text: input.text, payload: input.payload, ...(index >= 0 ? { ordinal: index + 1 } : {}) };
}
