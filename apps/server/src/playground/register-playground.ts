import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ConnectionRegistry } from '../channels/connection-registry.ts';
import type { EventBus } from '../realtime/event-bus.ts';
import type { Db } from '../storage/index.ts';
import { createPlayground } from './create-playground.ts';
import { mountEmulators } from './mount-emulators.ts';
import { createPlaygroundEvents } from './playground-events.ts';
import { pointsAtPlayground } from './playground-origin.ts';
import { registerPlaygroundRoutes } from './playground.routes.ts';
import { servePlaygroundPage } from './serve-playground-page.ts';

export interface PlaygroundRegistration {
  /** FIO_PLAYGROUND: off, nothing of the playground is served. */
  enabled: boolean;
  db: Db;
  connections: ConnectionRegistry;
  bus: EventBus;
  log: FastifyBaseLogger;
  /** Where receivers listen (an e-mail connection's SMTP port), once Fio started them. */
  receiverAddresses: () => { connectionId: string; host: string; port: number }[];
}

/**
 * The channel playground: `/playground` (the page), `/playground/api/*` (its JSON and SSE API) and
 * `/emulators/<mount>/*` (the provider APIs the demo connections call), on Fio's own listener.
 */
export function registerPlayground(http: FastifyInstance, deps: PlaygroundRegistration): void {
  if (!deps.enabled) {
    const stranded = deps.connections.all().filter(pointsAtPlayground);
    if (stranded.length > 0)
      deps.log.warn(
        { connections: stranded.map((c) => c.id) },
        'these connections point at the channel playground, which is off (FIO_PLAYGROUND): their messages cannot leave',
      );
    return;
  }
  const events = createPlaygroundEvents();
  const playground = createPlayground({ connections: deps.connections, events, log: deps.log, receiverAddresses: deps.receiverAddresses });
  const workspaces = new Set(playground.connections.map((c) => c.workspaceId));
  const stopListening = deps.bus.on('message.stored', ({ workspaceId, contactId, message }) => {
    if (workspaces.has(workspaceId)) events.publish({ type: 'stored', contactId, message });
  });

  // Synchronous, and before anything can be sent: connections learn where Fio (hence the emulators) listens.
  http.addHook('onListen', function pointAtListener() {
    const address = http.addresses().find((a) => typeof a !== 'string');
    if (address && typeof address !== 'string') playground.pointConnectionsAt(baseUrlOf(address));
  });
  mountEmulators(http, playground);
  const routes = registerPlaygroundRoutes(http, { db: deps.db, connections: deps.connections, playground, events });
  servePlaygroundPage(http);
  // Open event streams would keep the server from closing.
  http.addHook('preClose', async () => routes.endStreams());
  http.addHook('onClose', async () => {
    stopListening();
    await playground.close();
  });
}

function baseUrlOf(address: { address: string; family: string; port: number }): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return address.family === 'IPv6' ? `http://[${host}]:${address.port}` : `http://${host}:${address.port}`;
}
