import type { Priority, SlaState } from '@fio/contracts';
import { newId, type Db } from '../../../src/storage/index.ts';

/**
 * Builders for inbox test data written straight to the tables, for volume and for states the real
 * app takes many steps to reach (snoozed, breached, tagged). Each takes overrides; defaults are a
 * plain open bot conversation of an API-channel customer.
 */

export const builderEpoch = '2026-03-02T12:00:00.000Z';
/** `n` seconds after the builders' epoch. */
export const at = (n: number): string => new Date(Date.parse(builderEpoch) + n * 1000).toISOString();

export async function buildWorkspace(db: Db, id = newId('ws')): Promise<string> {
  await db
    .insertInto('workspaces')
    .values({ id, slug: id, name: `Workspace ${id}`, settings_json: '{}', created_at: builderEpoch, updated_at: builderEpoch })
    .execute();
  return id;
}

export interface ContactOverrides {
  id?: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

export async function buildContact(db: Db, workspaceId: string, o: ContactOverrides = {}): Promise<string> {
  const id = o.id ?? newId('ct');
  await db
    .insertInto('contacts')
    .values({
      id,
      workspace_id: workspaceId,
      display_name: o.name === undefined ? `Cliente ${id.slice(-4)}` : o.name,
      email: o.email ?? null,
      phone: o.phone ?? null,
      locale: null,
      attributes_json: '{}',
      tags_json: '[]',
      created_at: builderEpoch,
      updated_at: builderEpoch,
    })
    .execute();
  return id;
}

export async function buildTeam(db: Db, workspaceId: string, o: { key: string; name?: string; restricted?: boolean }): Promise<string> {
  const id = newId('team');
  await db
    .insertInto('teams')
    .values({
      id,
      workspace_id: workspaceId,
      key: o.key,
      name: o.name ?? o.key,
      routing: 'round_robin',
      restricted: o.restricted ? 1 : 0,
      required_skills_json: '[]',
      source: 'api',
      created_at: builderEpoch,
      updated_at: builderEpoch,
    })
    .execute();
  return id;
}

export interface ConversationOverrides {
  id?: string;
  contactId?: string;
  contact?: ContactOverrides;
  status?: 'bot' | 'queued' | 'assigned' | 'resolved';
  channel?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  priority?: Priority;
  language?: string | null;
  queuedAt?: string | null;
  assignedAt?: string | null;
  snoozedUntil?: string | null;
  snoozedForReply?: boolean;
  waitingSince?: string | null;
  slaState?: SlaState;
  slaDueAt?: string | null;
  createdAt?: string;
  resolvedAt?: string | null;
  tags?: string[];
  /** Messages appended in order (seq 1..n); the conversation's last message fields follow them. */
  messages?: MessageOverrides[];
}

export interface MessageOverrides {
  text?: string;
  direction?: 'inbound' | 'outbound';
  author?: 'contact' | 'bot' | 'agent' | 'system';
  authorId?: string | null;
  at?: string;
}

export async function buildConversation(db: Db, workspaceId: string, o: ConversationOverrides = {}): Promise<string> {
  const id = o.id ?? newId('cv');
  const contactId = o.contactId ?? (await buildContact(db, workspaceId, o.contact));
  const createdAt = o.createdAt ?? builderEpoch;
  const messages = o.messages ?? [];
  const status = o.status ?? (o.assigneeId ? 'assigned' : 'bot');
  const lastAt = messages.length ? (messages[messages.length - 1]?.at ?? createdAt) : null;
  await db
    .insertInto('conversations')
    .values({
      id,
      workspace_id: workspaceId,
      contact_id: contactId,
      status,
      reply_connection_id: null,
      reply_channel_type: o.channel === undefined ? 'api' : o.channel,
      reply_address: null,
      bot_state_json: '{}',
      last_message_seq: messages.length,
      last_message_at: lastAt,
      last_inbound_at: null,
      created_at: createdAt,
      updated_at: createdAt,
      resolved_at: o.resolvedAt ?? (status === 'resolved' ? createdAt : null),
      assignee_id: o.assigneeId ?? null,
      team_id: o.teamId ?? null,
      priority: o.priority ?? 'normal',
      language: o.language ?? null,
      queued_at: o.queuedAt ?? (status === 'queued' ? createdAt : null),
      assigned_at: o.assignedAt ?? (o.assigneeId ? createdAt : null),
      snoozed_until: o.snoozedUntil ?? null,
      snoozed_for_reply: o.snoozedForReply ? 1 : 0,
      waiting_since: o.waitingSince ?? null,
      sla_state: o.slaState ?? 'none',
      sla_due_at: o.slaDueAt ?? null,
    })
    .execute();
  if (messages.length)
    await db
      .insertInto('messages')
      .values(messages.map((m, i) => messageRow(workspaceId, id, i + 1, m, createdAt)))
      .execute();
  for (const tag of o.tags ?? [])
    await db
      .insertInto('conversation_tags')
      .values({ workspace_id: workspaceId, conversation_id: id, tag, created_at: createdAt })
      .execute();
  return id;
}

/** Appends messages after the conversation's last one, moving its last message fields. */
export async function appendMessages(db: Db, workspaceId: string, conversationId: string, messages: MessageOverrides[]): Promise<number> {
  const row = await db.selectFrom('conversations').select('last_message_seq').where('id', '=', conversationId).executeTakeFirstOrThrow();
  let seq = row.last_message_seq;
  for (const m of messages) {
    seq += 1;
    const value = messageRow(workspaceId, conversationId, seq, m, builderEpoch);
    await db.insertInto('messages').values(value).execute();
    await db
      .updateTable('conversations')
      .set({ last_message_seq: seq, last_message_at: value.created_at })
      .where('id', '=', conversationId)
      .execute();
  }
  return seq;
}

export function messageRow(workspaceId: string, conversationId: string, seq: number, m: MessageOverrides, fallbackAt: string) {
  const direction = m.direction ?? (m.author && m.author !== 'contact' ? 'outbound' : 'inbound');
  const createdAt = m.at ?? fallbackAt;
  const text = m.text ?? `mensagem ${seq}`;
  return {
    id: newId('msg'),
    workspace_id: workspaceId,
    conversation_id: conversationId,
    seq,
    direction,
    author: m.author ?? (direction === 'inbound' ? 'contact' : 'bot'),
    connection_id: null,
    channel_type: 'api',
    content_json: JSON.stringify({ kind: 'text', text }),
    text,
    provider_message_id: null,
    reply_to_message_id: null,
    status: direction === 'inbound' ? 'received' : 'sent',
    status_at: createdAt,
    error_json: null,
    created_at: createdAt,
    author_id: m.authorId ?? null,
  };
}

export async function buildSlaTimer(
  db: Db,
  workspaceId: string,
  conversationId: string,
  o: {
    kind: 'first_response' | 'next_response' | 'resolution';
    status: 'running' | 'paused' | 'met' | 'breached' | 'cancelled';
    dueAt: string | null;
    policyId?: string;
  },
): Promise<void> {
  await db
    .insertInto('sla_timers')
    .values({
      workspace_id: workspaceId,
      conversation_id: conversationId,
      kind: o.kind,
      policy_id: o.policyId ?? 'standard',
      target_ms: 3_600_000,
      elapsed_ms: 0,
      running_since: o.status === 'running' ? builderEpoch : null,
      warn_at: null,
      due_at: o.dueAt,
      status: o.status,
      warned_at: null,
      breached_at: o.status === 'breached' ? o.dueAt : null,
      met_at: null,
      created_at: builderEpoch,
      updated_at: builderEpoch,
    })
    .execute();
}

/** A person of the workspace without a session (for volume; tests that call the API use createAgent). */
export async function buildUser(
  db: Db,
  workspaceId: string,
  o: { name?: string; role?: string; capacity?: number; presence?: string; teamIds?: string[] } = {},
): Promise<string> {
  const id = newId('usr');
  await db
    .insertInto('users')
    .values({
      id,
      workspace_id: workspaceId,
      email: `${id}@agents.test`,
      name: o.name ?? `Agent ${id.slice(-4)}`,
      role: o.role ?? 'agent',
      password_hash: 'x',
      created_at: builderEpoch,
      capacity: o.capacity ?? 5,
      presence: o.presence ?? 'offline',
      presence_at: builderEpoch,
      locale: null,
      locked_until: null,
      last_assigned_at: null,
      updated_at: builderEpoch,
    })
    .execute();
  for (const teamId of o.teamIds ?? [])
    await db
      .insertInto('team_members')
      .values({ workspace_id: workspaceId, team_id: teamId, user_id: id, created_at: builderEpoch })
      .execute();
  return id;
}
