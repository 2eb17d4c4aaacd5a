import type { Content, ConversationStatus } from '@fio/contracts';
import { fitToCapabilities } from '@fio/channel-kit';
import { appendEvents, type DomainEventInput } from '../../events/event-log.ts';
import { backoffDelayMs, enqueueJobs, LeaseLostError, type Job } from '../../jobs/job-queue.ts';
import { createContactRepository } from '../../contacts/index.ts';
import { createConversationRepository, type Conversation } from '../conversation.repository.ts';
import { createMessageRepository, toMessageView, type Message } from '../message.repository.ts';
import type { BotState, BotTurnResult } from '../bot/engine.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { replyWindow } from '../reply-window.ts';

const maxTurnAttempts = 5;
/** Messages of the conversation the engine sees ("já falei" detection, the agent's summary). */
const recentMessagesForEngine = 12;

/**
 * One turn job: if the bot holds the conversation, run the engine on the customer's message, fit the
 * replies to the reply channel, and in one transaction save the bot state, append the replies, write
 * their delivery jobs and finish the job. A conversation with a person is left to the agents.
 */
export async function runTurn(deps: PipelineDeps, job: Job): Promise<void> {
  const started = performance.now();
  try {
    const outcome = await takeTurn(deps, job);
    deps.metrics.turnSeconds.observe((performance.now() - started) / 1000);
    for (const view of outcome.stored)
      deps.bus.emit('message.stored', { workspaceId: job.workspaceId, contactId: outcome.contactId, message: view });
    if (outcome.statusChanged) {
      deps.bus.emit('conversation.status', {
        workspaceId: job.workspaceId,
        contactId: outcome.contactId,
        conversationId: job.conversationId,
        status: outcome.status,
      });
    }
    if (outcome.stored.length > 0) deps.wake.deliveries();
  } catch (err) {
    if (err instanceof LeaseLostError) {
      // Another claim holds the job now: its transaction, not this one, records the turn.
      deps.log.warn({ jobId: job.id }, 'turn job lease lost; leaving it to its current holder');
      return;
    }
    const why = err instanceof Error ? err.message : String(err);
    if (job.attempts >= maxTurnAttempts) {
      deps.log.error({ err, jobId: job.id, conversationId: job.conversationId }, 'bot turn failed for good; job moved to dead letters');
      await deps
        .transact((tx) => deps.jobs.bury(tx, job, why, deps.clock()))
        .catch((buryErr: unknown) => {
          if (!(buryErr instanceof LeaseLostError)) throw buryErr;
        });
    } else {
      deps.log.warn({ err, jobId: job.id, attempt: job.attempts }, 'bot turn failed; will retry');
      await deps.jobs.retryLater(job, new Date(deps.clock().getTime() + backoffDelayMs(job.attempts, { baseMs: 500, capMs: 30_000 })), why);
    }
  }
}

interface TurnOutcome {
  contactId: string;
  stored: ReturnType<typeof toMessageView>[];
  statusChanged: boolean;
  status: ConversationStatus;
}

async function takeTurn(deps: PipelineDeps, job: Job): Promise<TurnOutcome> {
  const ws = job.workspaceId;
  const messageId = String(job.payload['messageId']);
  const conversation = await createConversationRepository(deps.db, ws).get(job.conversationId);
  const message = await createMessageRepository(deps.db, ws).get(messageId);
  if (!conversation || !message || conversation.status !== 'bot') {
    // Nothing for the bot to do (an agent holds it, or it was resolved): the inbox was already told.
    await deps.transact((tx) => deps.jobs.complete(tx, job));
    return { contactId: conversation?.contactId ?? '', stored: [], statusChanged: false, status: conversation?.status ?? 'bot' };
  }

  const workspace = deps.workspaces.get(ws);
  const connection = conversation.replyConnectionId ? deps.connections.get(conversation.replyConnectionId) : undefined;
  if (!workspace || !connection || !conversation.replyAddress)
    throw new Error(`conversation ${conversation.id} has no usable reply channel`);
  const contact = await createContactRepository(deps.db, ws).get(conversation.contactId);
  const now = deps.clock();

  const typing = (on: boolean) => {
    if (connection.capabilities.typingIndicator && conversation.replyAddress) {
      deps.bus.emit('bot.typing', { workspaceId: ws, connectionId: connection.id, address: conversation.replyAddress, on });
    }
  };
  typing(true);
  try {
    return await answer(deps, job, { workspace, connection, conversation, message, contact, now });
  } finally {
    typing(false);
  }
}

interface TurnInputs {
  workspace: NonNullable<ReturnType<PipelineDeps['workspaces']['get']>>;
  connection: NonNullable<ReturnType<PipelineDeps['connections']['get']>>;
  conversation: Conversation;
  message: Message;
  contact: Awaited<ReturnType<ReturnType<typeof createContactRepository>['get']>>;
  now: Date;
}

async function answer(
  deps: PipelineDeps,
  job: Job,
  { workspace, connection, conversation, message, contact, now }: TurnInputs,
): Promise<TurnOutcome> {
  const ws = job.workspaceId;
  const recent = await createMessageRepository(deps.db, ws).listLatest(conversation.id, recentMessagesForEngine);
  const result = await deps.engine.runTurn({
    workspace: workspace.definition,
    botState: conversation.botState as unknown as BotState,
    contact: {
      ...(contact ? { id: contact.id } : {}),
      displayName: contact?.displayName ?? null,
      locale: contact?.locale ?? null,
      attributes: contact?.attributes ?? {},
      tags: contact?.tags ?? [],
      segments: [],
    },
    message: { content: message.content, text: message.text },
    capabilities: connection.capabilities,
    channelType: connection.type,
    replyWindow: replyWindow(connection.capabilities, conversation.lastInboundAt, 'bot', now, connection.adapter.definition.displayName),
    now,
    recent: recent
      .filter((m) => m.id !== message.id)
      .map((m) => ({ direction: m.direction, author: m.author, text: m.text, at: m.createdAt })),
  });

  const replies = fitReplies(result, conversation, connection, workspace.definition.defaultLanguage, now);
  const handoff = result.actions.some((a) => a.type === 'handoff');
  const attributes = Object.assign({}, ...result.actions.map((a) => (a.type === 'set_attributes' ? a.attributes : {}))) as Record<
    string,
    unknown
  >;
  const status: ConversationStatus = handoff ? 'queued' : 'bot';
  const nowIso = now.toISOString();

  const stored = await deps.transact(async (tx) => {
    const conversations = createConversationRepository(tx, ws);
    const messages = createMessageRepository(tx, ws);
    const firstSeq = await conversations.recordBotTurn(conversation.id, replies.contents.length, { ...result.botState }, status, nowIso);
    const appended: Message[] = [];
    if (firstSeq === null) {
      // A person took the conversation while the engine was thinking: the bot's answer is dropped.
      await deps.jobs.complete(tx, job);
      return appended;
    }
    for (const [i, content] of replies.contents.entries()) {
      appended.push(
        await messages.append(
          {
            conversationId: conversation.id,
            seq: firstSeq + i,
            direction: 'outbound',
            author: 'bot',
            connectionId: connection.id,
            channelType: connection.type,
            content,
            providerMessageId: null,
            replyToMessageId: message.id,
            status: 'pending',
          },
          nowIso,
        ),
      );
    }
    await enqueueJobs(
      tx,
      appended.map((m) => ({
        workspaceId: ws,
        queue: 'delivery' as const,
        conversationId: conversation.id,
        payload: {
          messageId: m.id,
          address: conversation.replyAddress,
          ...(job.payload['correlationId'] ? { correlationId: job.payload['correlationId'] } : {}),
        },
      })),
      nowIso,
    );
    if (Object.keys(attributes).length > 0)
      await createContactRepository(tx, ws).mergeAttributes(conversation.contactId, attributes, nowIso);
    await appendEvents(tx, turnEvents(ws, conversation, message, result, appended, replies.blocked, nowIso));
    await deps.jobs.complete(tx, job);
    return appended;
  });

  return { contactId: conversation.contactId, stored: stored.map(toMessageView), statusChanged: status !== conversation.status, status };
}

function fitReplies(
  result: BotTurnResult,
  conversation: Conversation,
  connection: { capabilities: Parameters<typeof fitToCapabilities>[1]; adapter: { definition: { displayName: string } } },
  defaultLanguage: string,
  now: Date,
) {
  const window = replyWindow(connection.capabilities, conversation.lastInboundAt, 'bot', now, connection.adapter.definition.displayName);
  const fitted = fitToCapabilities(result.replies, connection.capabilities, {
    locale: result.botState.language ?? defaultLanguage,
    withinReplyWindow: window.open,
  });
  if (fitted.ok) return { contents: fitted.contents, blocked: null };
  return { contents: [] as Content[], blocked: window.reason ?? fitted.message };
}

function turnEvents(
  ws: string,
  conversation: Conversation,
  message: Message,
  result: BotTurnResult,
  appended: Message[],
  blocked: string | null,
  now: string,
): DomainEventInput[] {
  const base = { workspaceId: ws, conversationId: conversation.id, contactId: conversation.contactId, occurredAt: now };
  const events: DomainEventInput[] = [
    {
      ...base,
      type: 'bot.replied',
      payload: {
        inReplyTo: message.id,
        intent: result.intent,
        replies: appended.map((m) => m.id),
        blockedReason: blocked,
        ...(result.understanding ? { understanding: result.understanding } : {}),
      },
    },
  ];
  for (const action of result.actions) {
    switch (action.type) {
      case 'handoff':
        events.push({
          ...base,
          type: 'handoff.requested',
          payload: {
            reason: action.reason,
            intent: result.intent,
            team: action.team ?? null,
            priority: action.priority ?? 'normal',
            note: action.note ?? null,
            context: action.context ?? null,
            botState: result.botState,
          },
        });
        events.push({ ...base, type: 'conversation.status_changed', payload: { from: conversation.status, to: 'queued' } });
        break;
      case 'csat':
        events.push({
          ...base,
          type: 'csat.answered',
          payload: { score: action.score, flowId: action.flowId ?? null, inReplyTo: message.id },
        });
        break;
      case 'flow_completed':
        events.push({ ...base, type: 'flow.completed', payload: { flowId: action.flowId, version: action.version, slots: action.slots } });
        break;
      case 'set_attributes':
        events.push({ ...base, type: 'contact.attributes_set', payload: { attributes: action.attributes, by: 'bot' } });
        break;
    }
  }
  return events;
}
