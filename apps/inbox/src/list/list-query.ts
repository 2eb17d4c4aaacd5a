import type { ChannelType, ConversationStatus, InboxConversation, InboxView, Priority, SlaState } from '@fio/contracts';
import { channelTypeSchema, conversationStatusSchema, prioritySchema, slaStateSchema } from '@fio/contracts';

/** The list's filters as the URL carries them (?view=&channel=&…&q=), so a filtered list can be shared and reloaded. */
export interface ListFilters {
  channel?: ChannelType;
  status?: ConversationStatus;
  team?: string;
  tag?: string;
  priority?: Priority;
  sla?: SlaState;
  language?: string;
  q?: string;
}

export const filterKeys = ['channel', 'status', 'team', 'tag', 'priority', 'sla', 'language', 'q'] as const;

export function filtersFromSearch(search: URLSearchParams): ListFilters {
  const text = (key: string) => search.get(key)?.trim() || undefined;
  const filters: ListFilters = {};
  const channel = channelTypeSchema.safeParse(search.get('channel'));
  if (channel.success) filters.channel = channel.data;
  const status = conversationStatusSchema.safeParse(search.get('status'));
  if (status.success) filters.status = status.data;
  const priority = prioritySchema.safeParse(search.get('priority'));
  if (priority.success) filters.priority = priority.data;
  const sla = slaStateSchema.safeParse(search.get('sla'));
  if (sla.success) filters.sla = sla.data;
  const team = text('team');
  if (team) filters.team = team;
  const tag = text('tag');
  if (tag) filters.tag = tag;
  const language = text('language');
  if (language) filters.language = language;
  const q = text('q');
  if (q) filters.q = q;
  return filters;
}

/** The same search with one filter changed (empty removes it); the open conversation and the language stay. */
export function withFilter(search: URLSearchParams, key: (typeof filterKeys)[number] | 'view', value: string): string {
  const next = new URLSearchParams(search);
  if (value) next.set(key, value);
  else next.delete(key);
  return next.toString();
}

/** A live row checked against what the client can check (a text search is the server's to judge). */
export function matchesFilters(c: InboxConversation, f: ListFilters): boolean {
  return (
    (!f.channel || c.channelType === f.channel) &&
    (!f.status || c.status === f.status) &&
    (!f.team || c.teamId === f.team) &&
    (!f.tag || c.tags.includes(f.tag)) &&
    (!f.priority || c.priority === f.priority) &&
    (!f.sla || c.sla.state === f.sla) &&
    (!f.language || c.language === f.language)
  );
}

export function listUrl(view: InboxView, f: ListFilters, cursor?: string): string {
  const params = new URLSearchParams({ view, limit: '50' });
  for (const key of filterKeys) {
    const value = f[key];
    if (value) params.set(key, value);
  }
  if (cursor) params.set('cursor', cursor);
  return `/api/v1/inbox/conversations?${params.toString()}`;
}
