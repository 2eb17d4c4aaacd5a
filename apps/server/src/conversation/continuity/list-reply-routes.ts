import type { ChannelType, IdentityKind } from '@fio/contracts';
import type { ConnectionRuntime } from '../../channels/connection-registry.ts';
import type { DbOrTx } from '../../storage/index.ts';
import { createConversationRepository, type Conversation } from '../conversation.repository.ts';

/** A way to reach the conversation's customer: a connection of the workspace and their address on it. */
export interface ReplyRouteChoice {
  connection: ConnectionRuntime;
  address: string;
  /** The identity the address comes from; null for the conversation's current route (e.g. a live call). */
  identityKind: IdentityKind | null;
  current: boolean;
  /** The customer's last message on this connection (any of their conversations): the reply window counts from it. */
  lastInboundAt: string | null;
}

/**
 * Which channel types an identity reaches, and the address the channel expects. Shared identities
 * (phone, e-mail) reach every connection of the type; channel-scoped ids (a page-scoped id, a widget
 * visitor, a Telegram user who must have started the bot) only connections the customer wrote on.
 * Voice is absent: a spoken reply needs a live call, which only the current route has.
 */
const reach: Record<IdentityKind, { channelType: ChannelType; address: (value: string) => string; scoped: boolean }[]> = {
  phone: [
    { channelType: 'whatsapp', address: (v) => v.replace(/^\+/, ''), scoped: false },
    { channelType: 'sms', address: (v) => v, scoped: false },
  ],
  email: [{ channelType: 'email', address: (v) => v, scoped: false }],
  whatsapp_bsuid: [{ channelType: 'whatsapp', address: (v) => v, scoped: false }],
  telegram_user: [{ channelType: 'telegram', address: (v) => v, scoped: true }],
  messenger_psid: [{ channelType: 'messenger', address: (v) => v, scoped: true }],
  instagram_igsid: [{ channelType: 'instagram', address: (v) => v, scoped: true }],
  webchat_visitor: [{ channelType: 'webchat', address: (v) => v, scoped: true }],
  api_user: [{ channelType: 'api', address: (v) => v, scoped: true }],
  external: [],
};

/**
 * The routes an agent can answer this conversation on: its current route first, then every workspace
 * connection that reaches one of the contact's identities: one the customer wrote from, a verified one,
 * or one the business gave (CRM, import, API). An unverified e-mail or phone typed in chat could be
 * anyone's, so nothing is sent to it.
 */
export async function listReplyRoutes(
  db: DbOrTx,
  connections: { all(): ConnectionRuntime[] },
  conversation: Conversation,
  options: { currentOnly?: boolean } = {},
): Promise<ReplyRouteChoice[]> {
  const ws = conversation.workspaceId;
  const current = conversation.replyConnectionId
    ? connections.all().find((c) => c.workspaceId === ws && c.id === conversation.replyConnectionId)
    : undefined;
  // A plain reply needs only its own route: one narrow query on the hot path of every agent message.
  const lastInbound = await createConversationRepository(db, ws).lastInboundByConnection(
    conversation.contactId,
    options.currentOnly ? (current?.id ?? '') : undefined,
  );

  const routes: ReplyRouteChoice[] = [];
  const seen = new Set<string>();
  const add = (choice: ReplyRouteChoice) => {
    const key = `${choice.connection.id}\u0000${choice.address}`;
    if (seen.has(key)) return;
    seen.add(key);
    routes.push(choice);
  };
  if (current && conversation.replyAddress)
    add({
      connection: current,
      address: conversation.replyAddress,
      identityKind: null,
      current: true,
      lastInboundAt: lastInbound.get(current.id) ?? null,
    });
  if (options.currentOnly) return routes;

  const identities = await db
    .selectFrom('identities')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('contact_id', '=', conversation.contactId)
    .orderBy('created_at')
    .execute();
  const workspaceConnections = connections.all().filter((c) => c.workspaceId === ws);

  // A phone number before a channel's own user id: WhatsApp replies go to the number when Meta shows it.
  const preferred = [...identities].sort((a, b) => kindRank(a.kind) - kindRank(b.kind));
  for (const identity of preferred) {
    // A malformed phone or e-mail is kept raw (never matched, never written to).
    if ((identity.verified !== 1 && identity.source === 'chat') || identity.value.startsWith('raw:')) continue;
    const kind = identity.kind as IdentityKind;
    for (const way of reach[kind] ?? []) {
      for (const connection of workspaceConnections) {
        if (connection.type !== way.channelType) continue;
        if (way.scoped && !lastInbound.has(connection.id)) continue;
        add({
          connection,
          address: way.address(identity.value),
          identityKind: kind,
          current: false,
          lastInboundAt: lastInbound.get(connection.id) ?? null,
        });
      }
    }
  }
  return routes;
}

function kindRank(kind: string): number {
  return kind === 'phone' || kind === 'email' ? 0 : 1;
}
