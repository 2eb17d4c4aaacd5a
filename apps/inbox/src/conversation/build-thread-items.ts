import type { InboxMessage, NoteView } from '@fio/contracts';

export type ThreadItem =
  | { kind: 'day'; key: string; day: string; at: string }
  | { kind: 'message'; key: string; message: InboxMessage }
  | { kind: 'note'; key: string; note: NoteView };

/** The local calendar day of an instant, as YYYY-MM-DD (the separator shows the agent's day, not UTC's). */
export function localDayOf(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The thread as shown: messages in sequence order with the private notes placed by their time among
 * them (a note written between two messages stays between them), and a separator at each new day.
 */
export function buildThreadItems(messages: readonly InboxMessage[], notes: readonly NoteView[]): ThreadItem[] {
  const ordered = [...messages].sort((a, b) => a.seq - b.seq);
  const pending = [...notes].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const items: ThreadItem[] = [];
  let day = '';
  const push = (item: ThreadItem, at: string) => {
    const d = localDayOf(at);
    if (d !== day) {
      day = d;
      items.push({ kind: 'day', key: `day-${d}`, day: d, at });
    }
    items.push(item);
  };
  let n = 0;
  for (const message of ordered) {
    for (let note = pending[n]; note && Date.parse(note.createdAt) < Date.parse(message.createdAt); note = pending[++n]) {
      push({ kind: 'note', key: `note-${note.id}`, note }, note.createdAt);
    }
    push({ kind: 'message', key: `msg-${message.id}`, message }, message.createdAt);
  }
  for (const note of pending.slice(n)) push({ kind: 'note', key: `note-${note.id}`, note }, note.createdAt);
  return items;
}
