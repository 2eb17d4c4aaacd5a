import type { Content, ConversationStatus } from '@fio/contracts';
import { fitToCapabilities } from '@fio/channel-kit';
import { appendEvents, type DomainEventInput } from '../../events/event-log.ts';
import { backoffDelayMs, enqueueJobs, LeaseLostError, type Job } from '../../jobs/job-queue.ts';
import {
  attachVerifiedIdentity,
  createContactRepository,
  normalizeIdentity,
  noteTypedIdentity,
  recordActivity,
} from '../../contacts/index.ts';
import { checkVerificationCode, createVerification, type VerificationCheck } from '../../contacts/verification/index.ts';
import { createConversationRepository, type Conversation } from '../conversation.repository.ts';
import { createMessageRepository, toMessageView, type Message } from '../message.repository.ts';
import type { BotState, BotTurnResult } from '../bot/engine.ts';
import type { PipelineDeps } from './pipeline-deps.ts';
import { replyWindow } from '../reply-window.ts';
import { queueConversation } from '../../handoff/queue-conversation.ts';

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
    if (outcome.statusChanged && outcome.status === 'queued') {
      deps.bus.emit('conversation.changed', {
        workspaceId: job.workspaceId,
        conversationId: job.conversationId,
        contactId: outcome.contactId,
      });
      deps.wake.routing?.();
    }
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
  const now = deps.clock();
  // A code the customer typed is checked (and a verified identity linked, merging contacts) before the
  // engine runs, so the flow's next words already know who the customer turned out to be.
  const verification = (conversation.botState as unknown as BotState).flow
    ? await checkTypedCode(deps, ws, conversation.id, message.text, now)
    : null;
  const contactId = verification?.contactId ?? conversation.contactId;
  const contact = await createContactRepository(deps.db, ws).get(contactId);
  const segments = contact ? await deps.segments.listForContact(deps.db, ws, contact.id) : [];

  const typing = (on: boolean) => {
    if (connection.capabilities.typingIndicator && conversation.replyAddress) {
      deps.bus.emit('bot.typing', { workspaceId: ws, connectionId: connection.id, address: conversation.replyAddress, on });
    }
  };
  typing(true);
  try {
    return await answer(deps, job, {
      workspace,
      connection,
      conversation: { ...conversation, contactId },
      message,
      contact,
      segments,
      verification: verification?.check ?? null,
      now,
    });
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
  segments: string[];
  verification: VerificationCheck | null;
  now: Date;
}

async function answer(
  deps: PipelineDeps,
  job: Job,
  { workspace, connection, conversation, message, contact, segments, verification, now }: TurnInputs,
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
      email: contact?.email ?? null,
      phone: contact?.phone ?? null,
      attributes: contact?.attributes ?? {},
      tags: contact?.tags ?? [],
      segments,
    },
    ...(verification ? { verification: { status: verification.status, kind: verification.kind, value: verification.value } } : {}),
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

  let dropped = false;
  const stored = await deps.transact(async (tx) => {
    const conversations = createConversationRepository(tx, ws);
    const messages = createMessageRepository(tx, ws);
    const firstSeq = await conversations.recordBotTurn(conversation.id, replies.contents.length, { ...result.botState }, status, nowIso);
    const appended: Message[] = [];
    dropped = firstSeq === null;
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
    if (Object.keys(attributes).length > 0) {
      // Checked against the workspace's typed fields: a value that does not fit is dropped, never thrown.
      await createContactRepository(tx, ws).mergeAttributes(conversation.contactId, attributes, nowIso, {
        fields: workspace.definition.contactFields,
        source: 'bot',
      });
      await deps.segments.refresh(tx, ws, [conversation.contactId], ['attributes'], nowIso);
    }
    const handoffAction = result.actions.find((a) => a.type === 'handoff');
    if (handoffAction) {
      // People hold it from now on: its team's queue, the SLA clock and a routing pass, in this transaction.
      await queueConversation(tx, deps.sla, {
        workspaceId: ws,
        conversationId: conversation.id,
        contactId: conversation.contactId,
        teamKey: handoffAction.team ?? workspace.definition.escalation.team ?? null,
        priority: handoffAction.priority ?? workspace.definition.escalation.priority,
        language: result.botState.language ?? workspace.definition.defaultLanguage,
        waitingSince: message.createdAt,
        now,
      });
    }
    await recordTurnFacts(deps, tx, {
      ws,
      conversation,
      result,
      language: result.botState.language ?? workspace.definition.defaultLanguage,
      now,
    });
    await appendEvents(tx, turnEvents(ws, conversation, message, result, appended, replies.blocked, nowIso));
    await deps.jobs.complete(tx, job);
    return appended;
  });
  if (result.actions.some((a) => a.type === 'verify_identity')) deps.wake.verifications?.();

  return {
    contactId: conversation.contactId,
    stored: stored.map(toMessageView),
    statusChanged: !dropped && status !== conversation.status,
    status,
  };
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
        if (action.lead) {
          events.push({
            ...base,
            type: 'lead.captured',
            payload: { contactId: conversation.contactId, conversationId: conversation.id, flowId: action.flowId, slots: action.lead },
          });
        }
        break;
      case 'verify_identity':
        // Its own event (contact.verification_sent) comes from the worker, once the code is out.
        break;
      case 'set_attributes':
        events.push({ ...base, type: 'contact.attributes_set', payload: { attributes: action.attributes, by: 'bot' } });
        break;
    }
  }
  return events;
}

/**
 * Checks a code the customer typed against the conversation's pending verification, in its own
 * transaction: a right one attaches the verified identity (merging this contact into the one that
 * already holds it, the older surviving), so the engine runs with the contact the conversation now
 * belongs to. A retried turn finds the code verified already and does not merge twice.
 */
async function checkTypedCode(
  deps: PipelineDeps,
  ws: string,
  conversationId: string,
  text: string,
  now: Date,
): Promise<{ check: VerificationCheck; contactId: string | null } | null> {
  const key = deps.verificationKey;
  if (!key) return null;
  return deps.transact(async (tx) => {
    const check = await checkVerificationCode(tx, { workspaceId: ws, conversationId, text, key, now });
    if (!check) return null;
    if (check.status !== 'verified') return { check, contactId: null };
    const current = await tx
      .selectFrom('conversations')
      .select('contact_id')
      .where('workspace_id', '=', ws)
      .where('id', '=', conversationId)
      .executeTakeFirst();
    if (!check.newlyVerified) return { check, contactId: current?.contact_id ?? null };
    const linked = await attachVerifiedIdentity(tx, deps, {
      workspaceId: ws,
      contactId: current?.contact_id ?? check.contactId,
      claim: { kind: check.kind, value: check.value, verified: true },
      actor: 'rule:verified_code',
      reason: `the customer typed the one-time code sent to their ${check.kind === 'email' ? 'e-mail' : 'phone'}`,
      source: 'chat',
      now: now.toISOString(),
    });
    await appendEvents(tx, [
      ...linked.events,
      {
        workspaceId: ws,
        type: 'contact.identity_verified',
        contactId: linked.contactId,
        conversationId,
        payload: { verificationId: check.verificationId, kind: check.kind, value: check.value, merged: linked.merged },
        occurredAt: now.toISOString(),
      },
    ]);
    return { check, contactId: linked.contactId };
  });
}

/** Intents whose answer acted: a clarifying question or a fallback says nothing about what the customer wants. */
const actingAnswers = new Set(['flow', 'faq', 'intent', 'handoff']);

/**
 * What the turn taught about the contact, in the turn's transaction: codes the flow asked to send,
 * e-mails and phones the customer typed (unverified: attached when free, a merge suggestion when
 * someone else holds them, never a link), and the recognised intent on the contact's timeline.
 */
async function recordTurnFacts(
  deps: PipelineDeps,
  tx: Parameters<Parameters<PipelineDeps['transact']>[0]>[0],
  input: { ws: string; conversation: Conversation; result: BotTurnResult; language: string; now: Date },
): Promise<void> {
  const { ws, conversation, result, now } = input;
  const nowIso = now.toISOString();
  const contactId = conversation.contactId;
  for (const action of result.actions) {
    if (action.type !== 'verify_identity') continue;
    const key = deps.verificationKey;
    if (!key) throw new Error('a flow asked to verify an identity, but no verification key is configured');
    await createVerification(tx, {
      workspaceId: ws,
      contactId,
      conversationId: conversation.id,
      kind: action.kind,
      value: action.value,
      via: action.via,
      language: input.language,
      key,
      now,
    });
  }

  const typed = new Map<string, { kind: 'email' | 'phone'; value: string }>();
  for (const entity of result.understanding?.entities ?? []) {
    if (entity.type !== 'email' && entity.type !== 'phone') continue;
    const claim = normalizeIdentity({ kind: entity.type, value: entity.text, verified: false });
    if (claim && (claim.kind === 'email' || claim.kind === 'phone'))
      typed.set(`${claim.kind}:${claim.value}`, { kind: claim.kind, value: claim.value });
  }
  for (const claim of typed.values()) {
    const noted = await noteTypedIdentity(tx, deps, {
      workspaceId: ws,
      contactId,
      claim: { ...claim, verified: false },
      source: 'chat',
      now: nowIso,
    });
    await appendEvents(tx, noted.events);
  }

  const answeredBy = result.understanding?.answeredBy;
  // A flow's later turns carry the intent that started it: only a turn that acted on one records it.
  const before = (conversation.botState as unknown as BotState).intentsTried ?? [];
  const actedNow = JSON.stringify(result.botState.intentsTried ?? []) !== JSON.stringify(before);
  if (result.intent && actedNow && answeredBy && actingAnswers.has(answeredBy)) {
    await recordActivity(tx, deps, {
      workspaceId: ws,
      contactId,
      kind: 'intent',
      name: result.intent,
      properties: {
        confidence: result.understanding?.confidence ?? null,
        language: result.understanding?.language ?? input.language,
        channelType: conversation.replyChannelType ?? null,
      },
      source: 'bot',
      occurredAt: nowIso,
      now: nowIso,
    });
  }
}
