/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { InboxConversationDetail, InboxMessage, NoteView } from '@fio/contracts';
import { conversationReducer, initialConversationState, upsertMessages, type ConversationState } from './conversation-reducer.ts';

function buildMessage(overrides: Partial<InboxMessage> = {}): InboxMessage {
  const seq = overrides.seq ?? 1;
  return {
    id: `msg_${seq}`,
    conversationId: 'conv_1',
    seq,
    direction: 'inbound',
    author: 'contact',
    channelType: 'webchat',
    connectionId: 'con_1',
    content: { kind: 'text', text: `hello ${seq}` },
    text: `hello ${seq}`,
    providerMessageId: null,
    status: 'delivered',
    error: null,
    createdAt: `2026-03-01T10:00:0${seq % 10}Z`,
    authorId: null,
    authorName: null,
    ...overrides,
  };
}

function buildNote(overrides: Partial<NoteView> = {}): NoteView {
  return {
    id: 'note_1',
    conversationId: 'conv_1',
    authorId: 'usr_1',
    authorName: 'Bia',
    text: 'check the order',
    mentions: [],
    createdAt: '2026-03-01T10:00:05Z',
    ...overrides,
  };
}

function buildDetail(overrides: Partial<InboxConversationDetail> = {}): InboxConversationDetail {
  return {
    conversation: {
      id: 'conv_1',
      contactId: 'ct_1',
      contactName: 'Ana',
      status: 'queued',
      assigneeId: null,
      assigneeName: null,
      teamId: null,
      teamName: null,
      priority: 'normal',
      tags: [],
      channelType: 'webchat',
      language: 'pt-BR',
      lastMessage: null,
      lastMessageAt: null,
      lastMessageSeq: 2,
      waitingSince: null,
      queuedAt: null,
      assignedAt: null,
      unread: 0,
      snoozedUntil: null,
      snoozedForReply: false,
      sla: { state: 'none', kind: null, dueAt: null, policyId: null },
      createdAt: '2026-03-01T10:00:00Z',
      resolvedAt: null,
      replyConnectionId: 'con_1',
      previousConversationId: null,
    },
    messages: [buildMessage({ seq: 1 }), buildMessage({ seq: 2 })],
    hasEarlier: true,
    notes: [],
    handoff: null,
    replyWindow: { open: true, closesAt: null, reason: null, templates: false },
    ...overrides,
  };
}

function loaded(detail = buildDetail()): ConversationState {
  return conversationReducer(initialConversationState, { type: 'loaded', detail });
}

describe('upsertMessages', () => {
  test('keeps sequence order when a later message arrives before an earlier one', () => {
    const out = upsertMessages([buildMessage({ seq: 1 })], [buildMessage({ seq: 3 }), buildMessage({ seq: 2 })]);
    assert.deepEqual(
      out.map((m) => m.seq),
      [1, 2, 3],
    );
  });

  test('replaces a message by id instead of showing it twice (the send answer and its live echo)', () => {
    const out = upsertMessages([buildMessage({ seq: 4, status: 'pending' })], [buildMessage({ seq: 4, status: 'sent' })]);
    assert.equal(out.length, 1);
    assert.equal(out[0]?.status, 'sent');
  });

  test('does not move a delivery status back when an older copy arrives late', () => {
    const out = upsertMessages([buildMessage({ seq: 4, status: 'read' })], [buildMessage({ seq: 4, status: 'sent' })]);
    assert.equal(out[0]?.status, 'read');
  });
});

describe('conversationReducer live events', () => {
  test('appends a message of this conversation and ignores another conversation', () => {
    let state = loaded();
    state = conversationReducer(state, {
      type: 'live',
      event: { kind: 'message', conversationId: 'conv_1', message: buildMessage({ seq: 3 }) },
    });
    state = conversationReducer(state, {
      type: 'live',
      event: { kind: 'message', conversationId: 'conv_9', message: buildMessage({ seq: 9, conversationId: 'conv_9' }) },
    });
    assert.deepEqual(
      state.detail?.messages.map((m) => m.seq),
      [1, 2, 3],
    );
  });

  test('applies a failed status with the provider reason', () => {
    const state = conversationReducer(loaded(), {
      type: 'live',
      event: {
        kind: 'message_status',
        conversationId: 'conv_1',
        messageId: 'msg_2',
        status: 'failed',
        error: { code: 'recipient_unreachable', message: 'number not on WhatsApp' },
      },
    });
    const msg = state.detail?.messages.find((m) => m.id === 'msg_2');
    assert.equal(msg?.status, 'failed');
    assert.equal(msg?.error?.message, 'number not on WhatsApp');
  });

  test('ignores a status that would move backwards', () => {
    const detail = buildDetail({ messages: [buildMessage({ seq: 1, status: 'read' })] });
    const state = conversationReducer(loaded(detail), {
      type: 'live',
      event: { kind: 'message_status', conversationId: 'conv_1', messageId: 'msg_1', status: 'delivered', error: null },
    });
    assert.equal(state.detail?.messages[0]?.status, 'read');
  });

  test('adds a note once even when the post answer and the live frame both bring it', () => {
    let state = conversationReducer(loaded(), { type: 'note_added', note: buildNote() });
    state = conversationReducer(state, { type: 'live', event: { kind: 'note', note: buildNote() } });
    assert.equal(state.detail?.notes.length, 1);
  });

  test('shows and hides the customer typing, and a customer message ends it', () => {
    let state = conversationReducer(loaded(), {
      type: 'live',
      event: { kind: 'typing', conversationId: 'conv_1', who: 'contact', userId: null, on: true },
    });
    assert.equal(state.contactTyping, true);
    state = conversationReducer(state, {
      type: 'live',
      event: { kind: 'message', conversationId: 'conv_1', message: buildMessage({ seq: 3 }) },
    });
    assert.equal(state.contactTyping, false);
  });

  test("an agent's typing is not the customer's", () => {
    const state = conversationReducer(loaded(), {
      type: 'live',
      event: { kind: 'typing', conversationId: 'conv_1', who: 'agent', userId: 'usr_2', on: true },
    });
    assert.equal(state.contactTyping, false);
  });

  test('merges a conversation change into the header and keeps the detail-only fields', () => {
    const detail = buildDetail();
    const { replyConnectionId: _r, previousConversationId: _p, ...row } = detail.conversation;
    const state = conversationReducer(loaded(detail), {
      type: 'live',
      event: {
        kind: 'conversation',
        conversation: { ...row, status: 'assigned', assigneeId: 'usr_1', assigneeName: 'Bia', tags: ['vip'] },
      },
    });
    assert.equal(state.detail?.conversation.status, 'assigned');
    assert.equal(state.detail?.conversation.assigneeName, 'Bia');
    assert.deepEqual(state.detail?.conversation.tags, ['vip']);
    assert.equal(state.detail?.conversation.replyConnectionId, 'con_1');
  });

  test('marks the screen removed when the conversation leaves sight', () => {
    const state = conversationReducer(loaded(), { type: 'live', event: { kind: 'conversation_removed', conversationId: 'conv_1' } });
    assert.equal(state.removed, true);
  });

  test('an SLA warning updates the header state', () => {
    const state = conversationReducer(loaded(), {
      type: 'live',
      event: { kind: 'sla', conversationId: 'conv_1', timer: 'first_response', state: 'breached', dueAt: '2026-03-01T11:00:00Z' },
    });
    assert.deepEqual(state.detail?.conversation.sla, {
      state: 'breached',
      kind: 'first_response',
      dueAt: '2026-03-01T11:00:00Z',
      policyId: null,
    });
  });

  test('older messages are placed before the loaded ones', () => {
    const state = conversationReducer(loaded(), { type: 'earlier', messages: [buildMessage({ seq: 0, id: 'msg_0' })], hasEarlier: false });
    assert.deepEqual(
      state.detail?.messages.map((m) => m.seq),
      [0, 1, 2],
    );
    assert.equal(state.detail?.hasEarlier, false);
  });
});
