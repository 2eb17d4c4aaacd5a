// The inbox's read side: screens' queries, notes, canned responses, read marks.
// It reads other modules' tables for screens (read-only query modules) and owns only the read marks,
// notes and canned responses; it never changes who holds a conversation (that is handoff/).
export { loadInboxConversation, loadInboxConversations } from './list/load-inbox-conversations.ts';
export { markRead, type MarkReadResult } from './reads/mark-read.ts';
export { countUnread } from './reads/count-unread.ts';
