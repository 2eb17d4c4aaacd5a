import type { Kysely } from 'kysely';

/**
 * The agents' inbox (issue 6): people who sign in (sessions, invites and password resets, lockout),
 * teams and their members, who holds a conversation (assignee, team, priority, snooze, tags), SLA
 * timers, read marks, private notes with mentions, and canned responses.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const addColumns = async (table: string, columns: [string, 'text' | 'integer', string | number | null][]) => {
    for (const [name, type, dflt] of columns) {
      await db.schema
        .alterTable(table)
        .addColumn(name, type, (c) => (dflt === null ? c : c.notNull().defaultTo(dflt)))
        .execute();
    }
  };

  // Agents: active | invited | disabled; presence online | away | offline; skills like "language:en", "product:cartao".
  await addColumns('users', [
    ['status', 'text', 'active'],
    ['locale', 'text', null],
    ['capacity', 'integer', 5],
    ['channel_capacity_json', 'text', '{}'],
    ['skills_json', 'text', '[]'],
    ['failed_sign_ins', 'integer', 0],
    ['locked_until', 'text', null],
    ['presence', 'text', 'offline'],
    ['presence_at', 'text', null],
    ['last_assigned_at', 'text', null],
    ['updated_at', 'text', null],
  ]);

  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie's token: a database leak gives no usable session.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['workspace_id', 'user_id']).execute();

  await db.schema
    .createTable('user_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** invite | password_reset */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_tokens_user').on('user_tokens').columns(['workspace_id', 'user_id', 'kind']).execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    /** The name flows and workspace.yaml use (escalation.team, a handoff step's team). */
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** round_robin | least_busy | manual */
    .addColumn('routing', 'text', (c) => c.notNull().defaultTo('round_robin'))
    /** 1: only its members (and supervisors, admins) see its conversations. */
    .addColumn('restricted', 'integer', (c) => c.notNull().defaultTo(0))
    /** Skills every agent who takes its conversations must have (JSON array). */
    .addColumn('required_skills_json', 'text', (c) => c.notNull().defaultTo('[]'))
    /** file (workspace.yaml teams) | api */
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('api'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('teams_key').on('teams').columns(['workspace_id', 'key']).unique().execute();

  await db.schema
    .createTable('team_members')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_user').on('team_members').columns(['workspace_id', 'user_id']).execute();

  // Who holds the conversation. Snoozed: hidden from the working views until snoozed_until, or until the
  // customer writes (snoozed_for_reply = 1). waiting_since: the customer's oldest unanswered message.
  await addColumns('conversations', [
    ['assignee_id', 'text', null],
    ['team_id', 'text', null],
    ['priority', 'text', 'normal'],
    ['language', 'text', null],
    ['queued_at', 'text', null],
    ['assigned_at', 'text', null],
    ['snoozed_until', 'text', null],
    ['snoozed_for_reply', 'integer', 0],
    ['waiting_since', 'text', null],
    ['first_response_at', 'text', null],
    ['sla_policy_id', 'text', null],
    /** none | ok | warning | breached: the worst of the conversation's running or breached timers. */
    ['sla_state', 'text', 'none'],
    /** The nearest due instant of a running timer (list sort and "due soon"). */
    ['sla_due_at', 'text', null],
  ]);
  await db.schema.createIndex('conversations_ws_assignee').on('conversations').columns(['workspace_id', 'assignee_id', 'status']).execute();
  await db.schema.createIndex('conversations_ws_team').on('conversations').columns(['workspace_id', 'team_id', 'status']).execute();
  await db.schema
    .createIndex('conversations_ws_status_last')
    .on('conversations')
    .columns(['workspace_id', 'status', 'last_message_at'])
    .execute();

  // Which person wrote an agent message (messages.author says only 'agent').
  await addColumns('messages', [['author_id', 'text', null]]);

  await db.schema
    .createTable('conversation_tags')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_tags_pk', ['conversation_id', 'tag'])
    .execute();
  await db.schema.createIndex('conversation_tags_ws_tag').on('conversation_tags').columns(['workspace_id', 'tag']).execute();

  await db.schema
    .createTable('sla_timers')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    /** first_response | next_response | resolution */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    /** The budget, in business milliseconds (or wall milliseconds when the policy ignores business hours). */
    .addColumn('target_ms', 'integer', (c) => c.notNull())
    /** Budget consumed before the current run (runs stop while waiting on the customer or snoozed). */
    .addColumn('elapsed_ms', 'integer', (c) => c.notNull().defaultTo(0))
    /** Set while the clock runs. */
    .addColumn('running_since', 'text')
    .addColumn('warn_at', 'text')
    .addColumn('due_at', 'text')
    /** running | paused | met | breached | cancelled */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('warned_at', 'text')
    .addColumn('breached_at', 'text')
    .addColumn('met_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sla_timers_pk', ['conversation_id', 'kind'])
    .execute();
  await db.schema.createIndex('sla_timers_ws_status').on('sla_timers').columns(['workspace_id', 'status', 'due_at']).execute();

  await db.schema
    .createTable('conversation_reads')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('last_read_seq', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_reads_pk', ['conversation_id', 'user_id'])
    .execute();
  await db.schema.createIndex('conversation_reads_user').on('conversation_reads').columns(['workspace_id', 'user_id']).execute();

  await db.schema
    .createTable('conversation_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    /** 'user:<id>' or 'token:<id>' */
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    /** User ids mentioned with @ (JSON array). */
    .addColumn('mentions_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversation_notes_conv')
    .on('conversation_notes')
    .columns(['workspace_id', 'conversation_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** mention | assigned | sla_warning | sla_breached */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('payload_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['workspace_id', 'user_id', 'created_at']).execute();

  await db.schema
    .createTable('canned_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    /** What follows "/" in the composer. */
    .addColumn('shortcut', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** Text with variables: {{contact.name}}, {{agent.name}}, {{contact.attributes.city}} ... */
    .addColumn('body', 'text', (c) => c.notNull())
    /** '' for every language (NULLs would not be unique). */
    .addColumn('language', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('team_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('canned_responses_shortcut')
    .on('canned_responses')
    .columns(['workspace_id', 'shortcut', 'language'])
    .unique()
    .execute();
}
