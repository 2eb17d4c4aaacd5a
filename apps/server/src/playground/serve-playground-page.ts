import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { FastifyInstance } from 'fastify';
import { pageCsp } from '../http/widget.routes.ts';

const pageDir = new URL('./page/', import.meta.url);

/**
 * The playground page and its two assets, no framework, same-origin only (CSP). The script is written
 * in TypeScript (type-checked with the project) and bundled into one module once, at start-up.
 */
export function servePlaygroundPage(app: FastifyInstance): void {
  const read = (name: string) => readFileSync(new URL(name, pageDir));
  const bundle = buildSync({
    entryPoints: [fileURLToPath(new URL('playground-page.ts', pageDir))],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]?.contents ?? new Uint8Array();
  const files = {
    '/playground': { body: read('playground.html'), type: 'text/html; charset=utf-8' },
    '/playground/playground.css': { body: read('playground.css'), type: 'text/css; charset=utf-8' },
    '/playground/playground.js': { body: Buffer.from(script), type: 'text/javascript; charset=utf-8' },
  };
  for (const [route, { body, type }] of Object.entries(files)) {
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    app.get(route, { schema: { hide: true } }, async (req, reply) => {
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply
        .header('content-security-policy', pageCsp)
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('etag', etag)
        .type(type)
        .send(body);
    });
  }
}
