// Fio's column on the playground page: the one conversation Fio keeps for the person last played,
// read from the server, each message badged with the channel it came through.
import { api, byId, channelLabel, el, timeOf, type ConversationResponse, type StoredMessage } from './page-kit.ts';

/** The person whose conversation the column shows: the last panel used. */
let focus: { channel: string; contact: string } | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

/** Fio's column now follows the person behind `contact` on `channel`. */
export function followPerson(channel: string, contact: string): void {
  focus = { channel, contact };
  scheduleRefresh();
}

/** Something was stored: read the conversation again (once for a burst). */
export function scheduleRefresh(): void {
  if (!focus) return;
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshConversation(), 120);
}

async function refreshConversation(): Promise<void> {
  if (!focus) return;
  const person = byId('fio-person', HTMLElement);
  const list = byId('fio-messages', HTMLElement);
  let data: ConversationResponse;
  try {
    data = await api<ConversationResponse>('GET', `/playground/api/conversation?${new URLSearchParams(focus).toString()}`);
  } catch (err) {
    person.textContent = err instanceof Error ? err.message : String(err);
    return;
  }
  if (!data.contact || !data.conversation) {
    person.textContent = `O Fio ainda não conhece ${focus.contact} (${channelLabel(focus.channel)}).`;
    list.replaceChildren();
    return;
  }
  const identities = data.contact.identities.map((i) => `${i.kind}: ${i.value}`).join(' · ');
  const channels = [...new Set(data.messages.map((m) => channelLabel(m.channelType)))].join(', ');
  person.textContent = `${data.contact.displayName ?? 'Cliente'} — ${identities}\nConversa ${data.conversation.id} (${data.conversation.status}) por ${channels}`;
  list.replaceChildren(...data.messages.map(messageItem));
  list.dataset.conversation = data.conversation.id;
  list.scrollTop = list.scrollHeight;
}

function messageItem(message: StoredMessage): HTMLElement {
  const item = el('li', `fio-message ${message.direction}`);
  item.dataset.channel = message.channelType ?? '';
  const badge = el('span', 'badge', channelLabel(message.channelType));
  badge.dataset.channel = message.channelType ?? '';
  const who = message.direction === 'inbound' ? 'cliente' : message.author;
  item.append(badge, el('span', 'who', `${who} · ${timeOf(message.createdAt)} · ${message.status}`), el('p', '', message.text));
  return item;
}
