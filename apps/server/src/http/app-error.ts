/**
 * Every error a client can see has a stable code. The catalogue is the single source: the HTTP
 * mapping reads the status from it, docs/errors.md must list every code (a test checks).
 */
export const errorCatalog = {
  bad_request: { status: 400, summary: 'The request is malformed.' },
  invalid_json: { status: 400, summary: 'The body is not valid JSON.' },
  validation_failed: { status: 400, summary: 'A parameter or body field is missing or has the wrong type; `details` names it.' },
  invalid_payload: { status: 400, summary: 'The provider payload could not be parsed; the message names the field.' },
  invalid_cursor: { status: 400, summary: 'The pagination cursor is not one this API issued.' },
  unauthorized: { status: 401, summary: 'No bearer token, or the token is unknown or revoked.' },
  missing_signature: { status: 401, summary: 'A webhook arrived without the signature header its channel requires.' },
  bad_signature: { status: 401, summary: 'The webhook signature does not match the body and the configured secret.' },
  stale_timestamp: { status: 401, summary: 'The signed timestamp is outside the accepted window (replay protection).' },
  forbidden: { status: 403, summary: "The token's role may not do this." },
  csrf_failed: {
    status: 403,
    summary: 'A request made with the session cookie lacks the X-CSRF-Token header of its session, or sends another.',
  },
  weak_password: { status: 400, summary: 'The password is too short (at least 10 characters) or is the e-mail address.' },
  invalid_credentials: { status: 401, summary: 'The e-mail or the password is wrong (the answer does not say which).' },
  account_locked: { status: 429, summary: 'Too many wrong passwords: the account is locked for a while; retry after Retry-After seconds.' },
  token_invalid: { status: 400, summary: 'The invite or password-reset link is unknown, used already, or expired.' },
  user_not_found: { status: 404, summary: 'No user with this id in your workspace.' },
  user_exists: { status: 409, summary: 'A user with this e-mail exists in the workspace already.' },
  last_admin: { status: 409, summary: 'This would leave the workspace without an active admin.' },
  team_not_found: { status: 404, summary: 'No team with this id in your workspace.' },
  team_exists: { status: 409, summary: 'A team with this key exists in the workspace already.' },
  team_read_only: {
    status: 409,
    summary: 'The team is declared in workspace.yaml (teams:): change it there; only its members are set through the API.',
  },
  not_found: { status: 404, summary: 'No such route.' },
  unknown_connection: { status: 404, summary: 'No channel connection with this id and channel type.' },
  no_webhook: { status: 404, summary: 'This channel type does not receive webhooks (the widget uses /ws).' },
  no_handshake: { status: 404, summary: 'This channel has no GET verification handshake.' },
  conversation_not_found: { status: 404, summary: 'No conversation with this id in your workspace.' },
  contact_not_found: { status: 404, summary: 'No contact with this id in your workspace.' },
  identity_taken: {
    status: 409,
    summary: 'Another contact already holds this e-mail, phone or external id; `details.contactId` names it (merge them instead).',
  },
  invalid_csv: {
    status: 400,
    summary: 'The CSV cannot be read, or its header names unknown columns; `details` lists each problem. Nothing was imported.',
  },
  merge_not_found: { status: 404, summary: 'No contact merge with this id in your workspace.' },
  suggestion_not_found: { status: 404, summary: 'No merge suggestion with this id in your workspace.' },
  suggestion_not_open: { status: 409, summary: 'The merge suggestion was already accepted, rejected or superseded.' },
  contact_already_merged: { status: 409, summary: 'One of the contacts was merged into another already; merge its survivor instead.' },
  cannot_merge_self: { status: 409, summary: 'A contact cannot be merged into itself.' },
  unmerge_blocked: { status: 409, summary: 'The surviving contact was itself merged later: unmerge that merge first.' },
  merge_already_undone: { status: 409, summary: 'This merge was undone already.' },
  segment_not_found: { status: 404, summary: 'No segment with this id in your workspace.' },
  segment_exists: { status: 409, summary: 'A segment with this id exists already: PUT changes it.' },
  segment_read_only: {
    status: 409,
    summary: 'The segment is defined in segments.yaml: change it there, not through the API.',
  },
  delivery_not_found: { status: 404, summary: 'No dead-lettered delivery with this id in your workspace.' },
  webhook_not_found: { status: 404, summary: 'No webhook subscription with this id in your workspace.' },
  webhook_delivery_not_found: { status: 404, summary: 'No webhook delivery with this id in your workspace.' },
  webhook_read_only: {
    status: 409,
    summary: 'The subscription is declared in workspace.yaml (integrations[].webhook): change it there, not through the API.',
  },
  webhook_url_blocked: {
    status: 400,
    summary: "The webhook URL is not allowed: not http(s), or it resolves to a private address not in the workspace's http.allowPrivate.",
  },
  integration_not_found: { status: 404, summary: 'No integration with this id in workspace.yaml (integrations[].id).' },
  integration_required: { status: 400, summary: 'The workspace has several integrations: name one with ?integration=<id>.' },
  media_not_found: { status: 404, summary: 'No media file with this id, or the link is unsigned, expired or of another workspace.' },
  media_pending: { status: 409, summary: 'The media file is still being fetched from the provider; try again shortly.' },
  media_unavailable: {
    status: 410,
    summary: 'The media file was not kept (too large, refused type, or the provider would not serve it); the message says why.',
  },
  no_reply_channel: { status: 409, summary: 'The conversation has no channel connection to reply on (its channel was removed).' },
  reply_window_closed: {
    status: 422,
    summary: "The channel accepts only approved templates now (WhatsApp's 24-hour window closed); the message says since when.",
  },
  contact_opted_out: {
    status: 422,
    summary: 'The customer opted out of this channel (STOP/PARAR); nothing is sent there until they opt in.',
  },
  channel_not_reachable: {
    status: 422,
    summary: 'The agent picked a channel the customer cannot be reached on (no such connection, or no identity of theirs on it).',
  },
  conversation_already_resolved: { status: 409, summary: 'The conversation is already resolved; reopen it first.' },
  conversation_not_resolved: { status: 409, summary: 'Only a resolved conversation can be reopened.' },
  contact_has_open_conversation: {
    status: 409,
    summary: 'The customer already has another open conversation (one open per contact); `details.openConversationId` names it.',
  },
  // Handoff and assignment (the agents' inbox)
  conversation_resolved: { status: 409, summary: 'The conversation is resolved: reopen it before assigning, transferring or snoozing it.' },
  already_assigned: { status: 409, summary: 'Another agent holds the conversation; a supervisor or admin can reassign it.' },
  assignee_unavailable: {
    status: 422,
    summary:
      'The person named is not an active agent of this workspace, or may not see the conversation (a restricted team they are not in).',
  },
  conversation_with_bot: {
    status: 409,
    summary: 'The bot holds the conversation: there is nothing to hand back or snooze; assign it to take it.',
  },
  canned_not_found: { status: 404, summary: 'No canned response with this id that you may see (team-scoped ones are for their team).' },
  canned_read_only: {
    status: 409,
    summary: 'The canned response is declared in workspace.yaml (cannedResponses:): change it there, not through the API.',
  },
  canned_shortcut_taken: { status: 409, summary: 'Another canned response already uses this shortcut for this language.' },
  notification_not_found: { status: 404, summary: 'No notification with this id for the signed-in person.' },
  templates_unavailable: {
    status: 503,
    summary: "The channel's provider did not list its message templates (unreachable or refused); the message says why. Retry shortly.",
  },
  body_too_large: { status: 413, summary: 'The body exceeds the size limit of this route.' },
  unsupported_media_type: { status: 415, summary: 'The Content-Type is not accepted by this route.' },
  rate_limited: { status: 429, summary: 'Too many requests; retry after the number of seconds in Retry-After.' },
  internal_error: { status: 500, summary: 'Unexpected failure; the correlation id finds it in the logs.' },
  channel_misconfigured: { status: 503, summary: "The connection's secret is not configured, so its webhooks cannot be verified." },
  widget_not_built: { status: 503, summary: 'The widget bundle is missing: run `npm run build:widget`.' },
  inbox_not_built: { status: 503, summary: "The agents' inbox is missing: run `npm run build:inbox`." },
  service_unavailable: { status: 503, summary: 'The server is starting or shutting down, or the database is unreachable.' },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorCode = keyof typeof errorCatalog;

/** WebSocket error frame codes (the widget protocol). Also listed in docs/errors.md. */
export const wsErrorCatalog = {
  bad_frame: 'The frame is not JSON or does not match its type.',
  unknown_frame: 'The frame type is not part of the protocol.',
  frame_too_large: 'The frame exceeds 64 KiB.',
  hello_required: 'The first frame must be hello.',
  unknown_connection: 'No webchat connection with this id.',
  origin_not_allowed: "The page's origin is not in the connection's allowedOrigins.",
  bad_identity: 'The signed identity does not verify with the widget secret.',
  rate_limited: 'Too many frames; slow down.',
  internal_error: 'Unexpected failure; the message was not stored, resend it.',
  // /ws/inbox (the agents' live connection) also uses these two:
  conversation_not_found: 'No such conversation, or the person may not see it (typing, read).',
  forbidden: "The person's role may not do this (a bot editor typing, presence of a non-agent).",
} as const;
export type WsErrorCode = keyof typeof wsErrorCatalog;

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.status = errorCatalog[code].status;
    this.details = details;
  }
}
