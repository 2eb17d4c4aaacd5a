// The inbox's read side: screens' queries, notes, canned responses, read marks.
// It reads other modules' tables for screens (read-only query modules) and owns only the read marks,
// notes and canned responses; it never changes who holds a conversation (that is handoff/).
export { loadInboxConversation, loadInboxConversations } from './list/load-inbox-conversations.ts';
export { markRead, type MarkReadResult } from './reads/mark-read.ts';
export { countUnread } from './reads/count-unread.ts';
export { listInboxConversations } from './list/list-inbox-conversations.ts';
export { countInbox } from './list/count-inbox.ts';
export { loadSupervisorOverview } from './supervisor/load-supervisor-overview.ts';
// The conversation screen (helper Q2): detail, thread paging, context card, reply window, notes,
// notifications, canned responses, templates, attachments, typing.
export { loadConversationDetail, detailMessageCount } from './conversation/load-conversation-detail.ts';
export { listThreadMessages, type ThreadPage } from './conversation/list-thread-messages.ts';
export { toHandoffContextView } from './conversation/to-handoff-context-view.ts';
export { loadHandoffContext } from './conversation/load-handoff-context.ts';
export { loadReplyWindow, type ReplyWindowView } from './conversation/reply-window.ts';
export { storeAttachment } from './conversation/store-attachment.ts';
export { createTypingRelay, providerTypingIntervalMs, type TypingRelay } from './conversation/create-typing-relay.ts';
export { addNote, type NoteAuthor } from './notes/add-note.ts';
export { listNotes } from './notes/list-notes.ts';
export { parseMentions, type Mentionable } from './notes/parse-mentions.ts';
export { listNotifications, markNotificationRead, type NotificationView } from './notes/list-notifications.ts';
export { createCannedResponseRepository, toCannedResponseView } from './canned/canned-response.repository.ts';
export { renderCannedResponse, type CannedVariables, type RenderedCanned } from './canned/render-canned-response.ts';
export { loadCannedVariables } from './canned/load-canned-variables.ts';
export { syncFileCannedResponses, type FileCannedResponse } from './canned/sync-file-canned-responses.ts';
export { createTemplateCatalog, templateCacheMs, type TemplateCatalog } from './templates/create-template-catalog.ts';
