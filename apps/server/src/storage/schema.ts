import type { Generated } from 'kysely';

/**
 * Row types of every table. Timestamps are ISO-8601 UTC text and booleans are 0/1 integers in both
 * dialects, so the same query code runs on SQLite and PostgreSQL. JSON columns are text.
 */
export interface WorkspacesTable {
  id: string;
  slug: string;
  name: string;
  settings_json: string;
  created_at: string;
  updated_at: string;
}

export interface ChannelConnectionsTable {
  id: string;
  workspace_id: string;
  type: string;
  name: string;
  config_json: string;
  /** AES-256-GCM envelope of the secrets JSON. */
  secrets_enc: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface ContactsTable {
  id: string;
  workspace_id: string;
  display_name: string | null;
  email: string | null;
  phone: string | null;
  locale: string | null;
  attributes_json: string;
  tags_json: string;
  created_at: string;
  updated_at: string;
  /** Set when this contact was merged into another (a tombstone an unmerge brings back). */
  merged_into?: string | null;
  /** When and from where each profile field / attribute last changed: `{"attributes.city": {"at", "source"}}`. */
  field_meta_json?: string;
  /** Folded name '|' folded attributes.city (contacts/match-key.ts), null without both: name-and-city suggestions. */
  match_key?: string | null;
}

export interface IdentitiesTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  kind: string;
  value: string;
  verified: number;
  created_at: string;
  /** channel | widget | crm | import | api | chat */
  source?: string | null;
}

export interface ConversationsTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  status: string;
  reply_connection_id: string | null;
  reply_channel_type: string | null;
  reply_address: string | null;
  bot_state_json: string;
  last_message_seq: number;
  last_message_at: string | null;
  last_inbound_at: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  assignee_id?: string | null;
  team_id?: string | null;
  /** low | normal | high | urgent */
  priority?: string;
  language?: string | null;
  queued_at?: string | null;
  assigned_at?: string | null;
  snoozed_until?: string | null;
  snoozed_for_reply?: number;
  /** The customer's oldest message no person or bot has answered yet. */
  waiting_since?: string | null;
  first_response_at?: string | null;
  sla_policy_id?: string | null;
  /** none | ok | warning | breached */
  sla_state?: string;
  sla_due_at?: string | null;
}

export interface MessagesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  seq: number;
  direction: string;
  author: string;
  connection_id: string | null;
  channel_type: string | null;
  content_json: string;
  text: string;
  provider_message_id: string | null;
  /** The message this outbound one answers (turn id), for exactly-once checks and threading. */
  reply_to_message_id: string | null;
  status: string;
  status_at: string;
  error_json: string | null;
  created_at: string;
  /** The provider's payload for this message, when kept (unsupported kinds, an e-mail's full original). */
  raw_json?: string | null;
  /** The person who wrote an agent message. */
  author_id?: string | null;
}

export interface MediaObjectsTable {
  id: string;
  workspace_id: string;
  message_id: string | null;
  /** pending (to fetch from the provider) | stored | failed */
  status: string;
  /** The connection whose adapter fetches it, and its reference there (a provider media id or URL). */
  connection_id: string | null;
  source_ref: string | null;
  storage_key: string | null;
  mime_type: string | null;
  filename: string | null;
  size_bytes: number | null;
  sha256: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConsentRecordsTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  channel_type: string;
  /** What the consent covers: 'messaging' (any message on the channel) for now; campaigns add 'marketing'. */
  purpose: string;
  /** granted | withdrawn */
  status: string;
  /** What recorded it: 'keyword' (the customer's STOP), 'agent', 'api', 'import'. */
  source: string;
  evidence_message_id: string | null;
  created_at: string;
}

export interface EarlyStatusReceiptsTable {
  workspace_id: string;
  connection_id: string;
  provider_message_id: string;
  status: string;
  error_json: string | null;
  received_at: string;
}

/** One version of a flow definition (JSON), kept for the conversations that started on it. */
export interface FlowVersionsTable {
  workspace_id: string;
  flow_id: string;
  version: string;
  definition_json: string;
  created_at: string;
}

export interface InboundReceiptsTable {
  workspace_id: string;
  connection_id: string;
  provider_message_id: string;
  message_id: string | null;
  created_at: string;
}

export interface JobsTable {
  id: Generated<number>;
  workspace_id: string;
  queue: string;
  conversation_id: string;
  payload_json: string;
  status: string;
  attempts: number;
  run_at: string;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventsTable {
  id: Generated<number>;
  workspace_id: string;
  type: string;
  conversation_id: string | null;
  contact_id: string | null;
  payload_json: string;
  occurred_at: string;
}

export interface UsersTable {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  /** active | invited | disabled */
  status: Generated<string>;
  locale: string | null;
  /** Open conversations an agent holds at most (automatic assignment stops there). */
  capacity: Generated<number>;
  /** Per channel type: {"whatsapp": 3}. */
  channel_capacity_json: Generated<string>;
  /** ["language:en", "product:cartao"] */
  skills_json: Generated<string>;
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
  /** online | away | offline */
  presence: Generated<string>;
  presence_at: string | null;
  last_assigned_at: string | null;
  updated_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's token. */
  id: string;
  workspace_id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}

export interface UserTokensTable {
  id: string;
  workspace_id: string;
  user_id: string;
  /** invite | password_reset */
  kind: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface TeamsTable {
  id: string;
  workspace_id: string;
  key: string;
  name: string;
  /** round_robin | least_busy | manual */
  routing: string;
  restricted: number;
  required_skills_json: string;
  /** file | api */
  source: string;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  workspace_id: string;
  team_id: string;
  user_id: string;
  created_at: string;
}

export interface ConversationTagsTable {
  workspace_id: string;
  conversation_id: string;
  tag: string;
  created_at: string;
}

export interface SlaTimersTable {
  workspace_id: string;
  conversation_id: string;
  /** first_response | next_response | resolution */
  kind: string;
  policy_id: string;
  target_ms: number;
  elapsed_ms: number;
  running_since: string | null;
  warn_at: string | null;
  due_at: string | null;
  /** running | paused | met | breached | cancelled */
  status: string;
  warned_at: string | null;
  breached_at: string | null;
  met_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConversationReadsTable {
  workspace_id: string;
  conversation_id: string;
  user_id: string;
  last_read_seq: number;
  updated_at: string;
}

export interface ConversationNotesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  /** 'user:<id>' or 'token:<id>' */
  author: string;
  author_name: string;
  text: string;
  mentions_json: string;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  /** mention | assigned | sla_warning | sla_breached */
  kind: string;
  conversation_id: string | null;
  payload_json: string;
  created_at: string;
  read_at: string | null;
}

export interface CannedResponsesTable {
  id: string;
  workspace_id: string;
  shortcut: string;
  title: string;
  body: string;
  /** '' for every language. */
  language: string;
  team_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApiTokensTable {
  id: string;
  workspace_id: string;
  name: string;
  role: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ContactMergesTable {
  id: string;
  workspace_id: string;
  survivor_id: string;
  merged_id: string;
  actor: string;
  reason: string;
  evidence_json: string;
  snapshot_json: string;
  created_at: string;
  unmerged_at: string | null;
  unmerged_by: string | null;
}

export interface MergeSuggestionsTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  candidate_id: string;
  score: number;
  reasons_json: string;
  status: string;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  decided_by: string | null;
  merge_id: string | null;
}

export interface IdentityVerificationsTable {
  id: string;
  workspace_id: string;
  contact_id: string;
  conversation_id: string | null;
  kind: string;
  value: string;
  connection_id: string | null;
  code_hash: string;
  attempts: number;
  status: string;
  expires_at: string;
  created_at: string;
  updated_at: string;
}

export interface ContactActivitiesTable {
  id: Generated<number>;
  workspace_id: string;
  contact_id: string;
  kind: string;
  name: string;
  properties_json: string;
  source: string;
  external_id: string | null;
  occurred_at: string;
  created_at: string;
}

export interface SegmentsTable {
  workspace_id: string;
  id: string;
  source: string;
  definition_json: string;
  version: string;
  computed_version: string | null;
  created_at: string;
  updated_at: string;
}

export interface SegmentMembershipsTable {
  workspace_id: string;
  segment_id: string;
  contact_id: string;
  entered_at: string;
}

export interface WebhookSubscriptionsTable {
  id: string;
  workspace_id: string;
  integration_id: string | null;
  url: string;
  secret_enc: string;
  events_json: string;
  source: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface WebhookOutboxTable {
  id: Generated<number>;
  workspace_id: string;
  event_id: string;
  type: string;
  contact_id: string | null;
  conversation_id: string | null;
  payload_json: string;
  occurred_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  workspace_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  workspaces: WorkspacesTable;
  channel_connections: ChannelConnectionsTable;
  contacts: ContactsTable;
  identities: IdentitiesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  inbound_receipts: InboundReceiptsTable;
  media_objects: MediaObjectsTable;
  early_status_receipts: EarlyStatusReceiptsTable;
  flow_versions: FlowVersionsTable;
  consent_records: ConsentRecordsTable;
  jobs: JobsTable;
  events: EventsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  contact_merges: ContactMergesTable;
  merge_suggestions: MergeSuggestionsTable;
  identity_verifications: IdentityVerificationsTable;
  contact_activities: ContactActivitiesTable;
  segments: SegmentsTable;
  segment_memberships: SegmentMembershipsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_deliveries: WebhookDeliveriesTable;
  sessions: SessionsTable;
  user_tokens: UserTokensTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  conversation_tags: ConversationTagsTable;
  sla_timers: SlaTimersTable;
  conversation_reads: ConversationReadsTable;
  conversation_notes: ConversationNotesTable;
  notifications: NotificationsTable;
  canned_responses: CannedResponsesTable;
}
