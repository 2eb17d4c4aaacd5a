import type { InboundMessageEvent, MessageView } from '@fio/contracts';
import { resolveContact } from '../../contacts/index.ts';
import { detectConsentKeyword } from '../../compliance/index.ts';
import { appendEvents } from '../../events/event-log.ts';
import { enqueueJobs } from '../../jobs/job-queue.ts';
import { newId, type DbOrTx } from '../../storage/index.ts';
import type { ConnectionRuntime } from '../../channels/connection-registry.ts';
import { createConversationRepository, type Conversation, type ReplyRoute } from '../conversation.repository.ts';
import { createMessageRepository, toMessageView } from '../message.repository.ts';
import { initialBotState } from '../bot/engine.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { withUniqueRetry } from './with-unique-retry.ts';
import { findInboundReceipt } from './find-inbound-receipt.ts';
import { attachInboundMedia, type StoredMedia } from './attach-inbound-media.ts';
import { joinByReplyToken } from './join-by-reply-token.ts';
import { recordConsentKeyword } from './record-consent-keyword.ts';
import { keepRawPayload } from './keep-raw-payload.ts';
import { noteCustomerMessage } from '../../handoff/note-customer-message.ts';
import { readCsatAnswer, recordCsatAnswer } from '../../handoff/record-csat-answer.ts';

export interface IngestOutcome {
  duplicate: boolean;
  messageId: string;
  conversationId: string | null;
  contactId: string | null;
  seq: number | null;
}

/**
 * The inbound transaction: record the delivery once, resolve the contact, open or resume the one
 * conversation, append the message, write the turn job. Only after it commits may the edge say 2xx.
 */
export async function handleInboundEvent(
  deps: PipelineDeps,
  connection: ConnectionRuntime,
  event: InboundMessageEvent,
  trace: { correlationId?: string; storedMedia?: StoredMedia } = {},
): Promise<IngestOutcome> {
  const started = performance.now();
  const result = await withUniqueRetry(() =>
    deps.transact((tx) => ingest(tx, deps, connection, event, trace.correlationId, trace.storedMedia)),
  );
  deps.metrics.ingestSeconds.observe((performance.now() - started) / 1000);
  deps.metrics.ingested.inc({ channel: connection.type, outcome: result.outcome.duplicate ? 'duplicate' : 'stored' });
  if (result.view && result.contactId) {
    deps.bus.emit('message.stored', { workspaceId: connection.workspaceId, contactId: result.contactId, message: result.view });
    for (const reply of result.replies)
      deps.bus.emit('message.stored', { workspaceId: connection.workspaceId, contactId: result.contactId, message: reply });
    if (result.held && result.outcome.conversationId) {
      deps.bus.emit('conversation.changed', {
        workspaceId: connection.workspaceId,
        conversationId: result.outcome.conversationId,
        contactId: result.contactId,
      });
      if (result.held.woke) deps.wake.routing?.();
    }
    deps.wake.turns();
    if (result.replies.length > 0) deps.wake.deliveries();
    if (result.fetchMedia) deps.wake.media();
  }
  return result.outcome;
}

async function ingest(
  tx: DbOrTx,
  deps: PipelineDeps,
  connection: ConnectionRuntime,
  event: InboundMessageEvent,
  correlationId: string | undefined,
  storedMedia: StoredMedia | undefined,
) {
  const workspaceId = connection.workspaceId;
  const now = deps.clock().toISOString();
  const messageId = newId('msg');

  const first = await recordDeliveryOnce(tx, connection, event.providerMessageId, messageId, now);
  if (!first.recorded) {
    return {
      outcome: await describeDuplicate(tx, workspaceId, first.messageId),
      view: null,
      contactId: null,
      replies: [],
      fetchMedia: false,
      held: null,
    };
  }

  const threadEvents = await joinByReplyToken(tx, deps.replyTokenKey, workspaceId, event, now);
  const { contact, events: contactEvents } = await resolveContact(tx, deps, {
    workspaceId,
    claims: event.sender.identities,
    profile: { displayName: event.sender.displayName, locale: event.sender.locale },
    now,
  });

  const route: ReplyRoute = { connectionId: connection.id, channelType: connection.type, address: event.sender.address };
  const conversations = createConversationRepository(tx, workspaceId);
  const { conversation, opened, csatScore } = await openOrResumeConversation(conversations, contact.id, route, event.content, now);
  if (opened) await deps.segments.refresh(tx, workspaceId, [contact.id], ['conversations'], now);
  const seq = await conversations.nextSeq(conversation.id, now, route);

  const media = await attachInboundMedia(tx, connection, event.content, messageId, storedMedia, now);
  const message = await createMessageRepository(tx, workspaceId).append(
    {
      id: messageId,
      conversationId: conversation.id,
      seq,
      direction: 'inbound',
      author: 'contact',
      connectionId: connection.id,
      channelType: connection.type,
      content: media.content,
      providerMessageId: event.providerMessageId,
      replyToMessageId: null,
      status: 'delivered',
      raw: keepRawPayload(event.raw),
    },
    now,
  );
  if (media.fetchJob) {
    await enqueueJobs(
      tx,
      [{ workspaceId, queue: 'media', conversationId: conversation.id, payload: { mediaId: media.fetchJob.mediaId } }],
      now,
    );
  }

  // A customer's STOP is answered by the consent ledger (and one confirmation), not by the bot.
  const keyword =
    connection.adapter.definition.honoursOptOutKeywords && media.content.kind === 'text' && !event.automated
      ? detectConsentKeyword(media.content.text)
      : null;
  const replies = keyword
    ? await recordConsentKeyword(tx, { workspaceId, connection, conversationId: conversation.id, contact, keyword, messageId, route }, now)
    : [];
  // The score answering the CSAT question of a just-resolved conversation is recorded there, not answered.
  const answersCsat = csatScore !== null && !keyword;
  if (answersCsat) {
    const asked = (await conversations.get(conversation.id)) ?? conversation;
    replies.push(...(await recordCsatAnswer(tx, deps, asked, { score: csatScore, messageId, now: new Date(now) })));
  }
  // People hold it: the customer waits from now (unless already waiting), a snooze ends, SLA clocks move.
  const held =
    conversation.status === 'queued' || conversation.status === 'assigned'
      ? await noteCustomerMessage(tx, deps, { workspaceId, conversationId: conversation.id, at: new Date(now) })
      : null;
  // A further part of one message (an attachment) is answered with the message; a machine's mail never is.
  const answered = !keyword && !answersCsat && event.partOf === undefined && !event.automated;
  if (answered) {
    await enqueueJobs(
      tx,
      [
        {
          workspaceId,
          queue: 'turn',
          conversationId: conversation.id,
          payload: { messageId, ...(correlationId ? { correlationId } : {}) },
        },
      ],
      now,
    );
  }
  await appendEvents(tx, [
    ...threadEvents,
    ...contactEvents,
    ...(opened
      ? [
          {
            workspaceId,
            type: 'conversation.opened' as const,
            conversationId: conversation.id,
            contactId: contact.id,
            payload: { channelType: connection.type },
            occurredAt: now,
          },
        ]
      : []),
    {
      workspaceId,
      type: 'message.received',
      conversationId: conversation.id,
      contactId: contact.id,
      payload: { messageId, seq, channelType: connection.type, connectionId: connection.id, contentKind: event.content.kind },
      occurredAt: now,
    },
  ]);

  const view: MessageView = toMessageView(message);
  return {
    outcome: { duplicate: false, messageId, conversationId: conversation.id, contactId: contact.id, seq },
    view,
    contactId: contact.id,
    replies: replies.map(toMessageView),
    fetchMedia: media.fetchJob !== null,
    held,
  };
}

async function recordDeliveryOnce(tx: DbOrTx, connection: ConnectionRuntime, providerMessageId: string, messageId: string, now: string) {
  const inserted = await tx
    .insertInto('inbound_receipts')
    .values({
      workspace_id: connection.workspaceId,
      connection_id: connection.id,
      provider_message_id: providerMessageId,
      message_id: messageId,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['connection_id', 'provider_message_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { recorded: true as const };
  const existing = await findInboundReceipt(tx, connection.id, providerMessageId);
  return { recorded: false as const, messageId: existing?.messageId ?? '' };
}

async function describeDuplicate(tx: DbOrTx, workspaceId: string, messageId: string) {
  const message = await createMessageRepository(tx, workspaceId).get(messageId);
  const conversation = message ? await createConversationRepository(tx, workspaceId).get(message.conversationId) : null;
  return {
    duplicate: true,
    messageId,
    conversationId: message?.conversationId ?? null,
    contactId: conversation?.contactId ?? null,
    seq: message?.seq ?? null,
  };
}

async function openOrResumeConversation(
  conversations: ReturnType<typeof createConversationRepository>,
  contactId: string,
  route: ReplyRoute,
  content: InboundMessageEvent['content'],
  now: string,
): Promise<{ conversation: Conversation; opened: boolean; csatScore: number | null }> {
  const open = await conversations.findOpenForContact(contactId);
  if (open) return { conversation: open, opened: false, csatScore: null };
  const previous = await conversations.findLatestForContact(contactId);
  // A score answering the question asked when the last conversation was resolved joins that one, closed.
  const csatScore = readCsatAnswer(previous, content, new Date(now));
  if (previous && csatScore !== null) return { conversation: previous, opened: false, csatScore };
  // A new conversation keeps what the bot knew of this person (language, slots) from the last one.
  const carried = previous ? { ...initialBotState, language: previous.botState['language'] } : initialBotState;
  return { conversation: await conversations.open(contactId, route, { ...carried }, now), opened: true, csatScore: null };
}
