import type { InboxConversation, Role } from '@fio/contracts';

export interface ConversationPermissions {
  reply: boolean;
  note: boolean;
  take: boolean;
  assign: boolean;
  transfer: boolean;
  snooze: boolean;
  unsnooze: boolean;
  resolve: boolean;
  handBack: boolean;
  reopen: boolean;
  priority: boolean;
  tags: boolean;
}

/**
 * What the signed-in person may do to the conversation now, from its state and their role. The
 * server decides in the end; this only keeps impossible buttons disabled (bot editors read only).
 */
export function listPermissions(
  conversation: Pick<InboxConversation, 'status' | 'assigneeId' | 'snoozedUntil' | 'snoozedForReply'>,
  me: { userId: string; role: Role },
): ConversationPermissions {
  const acts = me.role !== 'bot_editor';
  const open = conversation.status !== 'resolved';
  const held = conversation.status === 'queued' || conversation.status === 'assigned';
  const snoozed = conversation.snoozedUntil !== null || conversation.snoozedForReply;
  const supervises = me.role === 'admin' || me.role === 'supervisor';
  return {
    reply: acts && open,
    note: acts,
    take: acts && open && conversation.assigneeId !== me.userId,
    assign: acts && open && supervises,
    transfer: acts && open,
    snooze: acts && held && !snoozed,
    unsnooze: acts && snoozed,
    resolve: acts && open,
    handBack: acts && held,
    reopen: acts && !open,
    priority: acts && open,
    tags: acts,
  };
}
