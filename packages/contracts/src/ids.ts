// Branded ids: a ContactId cannot be passed where a ConversationId is expected.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type WorkspaceId = Brand<string, 'WorkspaceId'>;
export type ChannelConnectionId = Brand<string, 'ChannelConnectionId'>;
export type ContactId = Brand<string, 'ContactId'>;
export type IdentityId = Brand<string, 'IdentityId'>;
export type ConversationId = Brand<string, 'ConversationId'>;
export type MessageId = Brand<string, 'MessageId'>;
export type AgentId = Brand<string, 'AgentId'>;
export type JobId = Brand<string, 'JobId'>;

/** Casts a string already validated at an edge (database row, parsed request) to a branded id. */
export const asWorkspaceId = (v: string) => v as WorkspaceId;
export const asChannelConnectionId = (v: string) => v as ChannelConnectionId;
export const asContactId = (v: string) => v as ContactId;
export const asIdentityId = (v: string) => v as IdentityId;
export const asConversationId = (v: string) => v as ConversationId;
export const asMessageId = (v: string) => v as MessageId;
export const asAgentId = (v: string) => v as AgentId;
export const asJobId = (v: string) => v as JobId;
