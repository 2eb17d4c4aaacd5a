import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Playground } from './create-playground.ts';

/**
 * Serves each emulated provider API at `/emulators/<mount>/…` inside Fio: connections that point at
 * the playground call these as they would call the provider. Bodies stay unread by Fastify; the
 * emulator reads and checks them itself, as the provider would.
 */
export function mountEmulators(app: FastifyInstance, playground: Playground): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    const params = z.object({ mount: z.string(), '*': z.string() });
    scope.withTypeProvider<ZodTypeProvider>().all('/emulators/:mount/*', { schema: { hide: true, params } }, async (req, reply) => {
      const { mount } = req.params;
      const channel = (await playground.channels()).find((c) => c.mount !== null && c.mount === mount);
      if (!channel) return reply.status(404).send({ code: 'not_found', message: `no emulator is mounted at /emulators/${mount}` });
      const prefix = `/emulators/${channel.mount}`;
      const path = new URL(req.url, 'http://fio.local').pathname.slice(prefix.length) || '/';
      reply.hijack();
      try {
        await channel.bound.emulator.handle(req.raw, reply.raw, path);
      } catch (err) {
        req.log.warn({ err, mount }, 'an emulator failed to answer');
        if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify({ error: { message: err instanceof Error ? err.message : String(err) } }));
      }
    });
  });
}
