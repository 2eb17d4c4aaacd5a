import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.ts';

const widgetRoot = new URL('../../../widget/', import.meta.url).pathname;
export const pageCsp =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self' ws: wss:; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

interface StaticFile {
  body: Buffer;
  etag: string;
  type: string;
}

function load(file: string, type: string): StaticFile {
  const body = readFileSync(file);
  return { body, type, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** Serves the widget bundle (`/widget.js`, `/widget/<file>`) and the demo store page (`/demo`). */
export function registerWidgetRoutes(app: FastifyInstance, opts: { ratePerMinute: number }): void {
  const dist = join(widgetRoot, 'dist');
  const files = new Map<string, StaticFile>();
  if (existsSync(dist)) {
    for (const name of readdirSync(dist)) {
      if (/\.(js|css|map)$/.test(name))
        files.set(
          name,
          load(
            join(dist, name),
            name.endsWith('.css')
              ? 'text/css; charset=utf-8'
              : name.endsWith('.map')
                ? 'application/json'
                : 'text/javascript; charset=utf-8',
          ),
        );
    }
  } else {
    app.log.warn(`widget bundle not found in ${dist}: run npm run build:widget`);
  }
  const demoFile = join(widgetRoot, 'demo', 'index.html');
  const demo = existsSync(demoFile) ? load(demoFile, 'text/html; charset=utf-8') : null;
  const rateLimit = { max: opts.ratePerMinute * 5, timeWindow: '1 minute' };

  const serve = (name: string) => {
    const file = files.get(name);
    if (!file)
      throw new AppError(
        files.size === 0 ? 'widget_not_built' : 'not_found',
        files.size === 0 ? 'the widget bundle is not built' : `no widget file ${name}`,
      );
    return file;
  };

  /** The loader's URL is pasted into customers' sites, so it is cached briefly; the hashed files long. */
  const sendStatic = (req: FastifyRequest, reply: FastifyReply, file: StaticFile, maxAgeSeconds: number) => {
    if (req.headers['if-none-match'] === file.etag) return reply.status(304).send();
    return reply
      .header('etag', file.etag)
      .header('cache-control', `public, max-age=${maxAgeSeconds}`)
      .header('access-control-allow-origin', '*')
      .type(file.type)
      .send(file.body);
  };
  app.get('/widget.js', { schema: { hide: true }, config: { rateLimit } }, async (req, reply) =>
    sendStatic(req, reply, serve('widget.js'), 300),
  );
  app.get<{ Params: { file: string } }>('/widget/:file', { schema: { hide: true }, config: { rateLimit } }, async (req, reply) =>
    sendStatic(req, reply, serve(req.params.file), 3600),
  );
  const favicon = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#0f766e"/><path d="M11 8h11v3h-7.5v4H21v3h-6.5v6H11z" fill="#fff"/></svg>',
  );
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(favicon),
  );
  app.get('/demo', { schema: { hide: true } }, async (_req, reply) => {
    if (!demo) throw new AppError('not_found', 'the demo page is missing');
    return reply.header('content-security-policy', pageCsp).type(demo.type).send(demo.body);
  });
}
