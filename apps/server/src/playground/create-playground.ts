import type { ChannelType } from '@fio/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { ConnectionRegistry, ConnectionRuntime } from '../channels/connection-registry.ts';
import { bindEmulator, type BoundEmulator } from './bind-emulator.ts';
import type { PlaygroundEvents } from './playground-events.ts';
import { connectionMount, pointConnectionAt, pointsAtPlayground } from './playground-origin.ts';

/** A connection the playground plays the customer on, with its emulator. */
export interface PlaygroundChannel {
  type: ChannelType;
  connectionId: string;
  workspaceId: string;
  name: string;
  /** `/emulators/<mount>` serves its provider API inside Fio (null for a mailbox reached over SMTP). */
  mount: string | null;
  bound: BoundEmulator;
}

export interface Playground {
  /** The connections that point at the playground, whether or not their emulators exist yet. */
  readonly connections: readonly ConnectionRuntime[];
  /** Puts Fio's listening address into the connections' API base URLs. */
  pointConnectionsAt(base: string): void;
  /** The emulators, built on first use: they need Fio's webhook URLs, known once it listens. */
  channels(): Promise<PlaygroundChannel[]>;
  close(): Promise<void>;
}

export interface PlaygroundDeps {
  connections: ConnectionRegistry;
  events: PlaygroundEvents;
  log: FastifyBaseLogger;
  receiverAddresses: () => { connectionId: string; host: string; port: number }[];
}

export function createPlayground(deps: PlaygroundDeps): Playground {
  const connections = deps.connections.all().filter(pointsAtPlayground);
  // Read before Fio's address replaces the placeholder in the settings.
  const mounts = new Map(connections.map((c) => [c.id, connectionMount(c)]));
  let built: Promise<PlaygroundChannel[]> | null = null;
  let fioBase: string | null = null;

  const build = async (): Promise<PlaygroundChannel[]> => {
    const out: PlaygroundChannel[] = [];
    if (!fioBase) throw new Error('the playground works once Fio listens');
    const base = fioBase;
    for (const connection of connections) {
      const mount = mounts.get(connection.id) ?? null;
      // One connection the playground cannot bind (settings it does not expect) leaves the others playable.
      const bound = await bindEmulator({
        connection,
        webhookUrl: () => webhookUrlOf(connection),
        emulatorUrl: () => `${base}/emulators/${mount ?? connection.type}`,
        receiverAddress: () => deps.receiverAddresses().find((r) => r.connectionId === connection.id),
      }).catch((err: unknown) => {
        deps.log.warn({ err, connectionId: connection.id }, 'the playground cannot play this connection');
        return null;
      });
      if (!bound) {
        deps.log.warn({ connectionId: connection.id }, `the playground does not play this ${connection.type} connection`);
        continue;
      }
      const channel: PlaygroundChannel = {
        type: connection.type,
        connectionId: connection.id,
        workspaceId: connection.workspaceId,
        name: connection.name,
        mount,
        bound,
      };
      bound.emulator.onDelivered((view) => {
        const { raw: _raw, ...shown } = view;
        deps.events.publish({
          type: 'delivered',
          channel: channel.type,
          connectionId: channel.connectionId,
          index: bound.emulator.delivered.indexOf(view),
          view: shown,
        });
      });
      out.push(channel);
    }
    return out;
  };

  return {
    connections,
    pointConnectionsAt(base) {
      fioBase = base;
      for (const connection of connections) pointConnectionAt(connection, base);
    },
    channels() {
      built ??= build().catch((err: unknown) => {
        built = null;
        throw err;
      });
      return built;
    },
    async close() {
      if (!built) return;
      const channels = await built.catch(() => []);
      await Promise.allSettled(channels.map(async (c) => c.bound.close?.()));
    },
  };
}

function webhookUrlOf(connection: ConnectionRuntime): string {
  const url = connection.ctx.webhookUrl;
  if (!url) throw new Error(`connection "${connection.id}" has no webhook URL yet: the playground works once Fio listens`);
  return url;
}
