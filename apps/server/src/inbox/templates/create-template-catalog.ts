import type { MessageTemplate, SendContext } from '@fio/channel-kit';
import type { MessageTemplateView } from '@fio/contracts';
import type { ConnectionRuntime } from '../../channels/connection-registry.ts';

/** Templates change when Meta approves one: five minutes old is fresh enough for a composer. */
export const templateCacheMs = 5 * 60_000;

export interface TemplateCatalog {
  /**
   * The approved templates of a connection: [] when its channel declares no templates or its adapter
   * cannot list them; cached per connection. A provider failure is thrown (ChannelError), not cached.
   */
  list(connection: ConnectionRuntime): Promise<MessageTemplateView[]>;
}

/** The per-app cache of each connection's approved templates (state lives in the app, never the module). */
export function createTemplateCatalog(deps: {
  sendContextFor: (connection: ConnectionRuntime) => SendContext<unknown, unknown>;
  clock: () => Date;
}): TemplateCatalog {
  const cache = new Map<string, { until: number; templates: Promise<MessageTemplate[]> }>();
  return {
    async list(connection) {
      const listTemplates = connection.adapter.listMessageTemplates;
      if (!connection.capabilities.templates || !listTemplates) return [];
      const now = deps.clock().getTime();
      let entry = cache.get(connection.id);
      if (!entry || entry.until <= now) {
        // One request in flight per connection: the screens of several agents opening at once share it.
        const templates = listTemplates(deps.sendContextFor(connection));
        entry = { until: now + templateCacheMs, templates };
        cache.set(connection.id, entry);
        templates.catch(() => {
          if (cache.get(connection.id) === entry) cache.delete(connection.id);
        });
      }
      return (await entry.templates).map((t) => ({ ...t }));
    },
  };
}
