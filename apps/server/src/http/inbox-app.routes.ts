import { existsSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './app-error.ts';

/** Where `npm run build:inbox` writes the agents' inbox (apps/inbox/dist). */
export const defaultInboxDist = new URL('../../../inbox/dist/', import.meta.url).pathname;

/**
 * The inbox is plain files from Vite: scripts and styles come from /inbox/assets only, so nothing
 * inline is allowed; the live connection is same-origin (CSP3 'self' covers ws: and wss: of this host).
 */
export const inboxCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: Record<string, string> = {
  'content-security-policy': inboxCsp,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const notBuiltPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Fio — inbox not built</title></head>
<body>
<h1>The agents' inbox is not built (inbox_not_built)</h1>
<p>Run <code>npm run build:inbox</code> in the Fio folder, then reload this page.</p>
<p lang="pt-BR">A caixa de entrada dos atendentes não foi construída: rode <code>npm run build:inbox</code> e recarregue.</p>
</body>
</html>
`;

export interface InboxAppOptions {
  /** The built app (index.html + assets/); tests point it elsewhere. */
  distDir?: string;
}

/**
 * Serves the agents' inbox under /inbox/: Vite's hashed assets cached for good, index.html for
 * every other /inbox/* path (the app routes with the history API) and never cached, so a new build
 * is picked up on the next load. The dist folder is looked at per request: building while Fio runs works.
 */
export async function registerInboxAppRoutes(app: FastifyInstance, opts: InboxAppOptions = {}): Promise<void> {
  const dist = normalize(opts.distDir ?? defaultInboxDist);
  const indexFile = join(dist, 'index.html');
  // "/" has no page of its own: send people to the inbox, unless another part of Fio took it.
  if (!app.hasRoute({ method: 'GET', url: '/' })) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/inbox/', 302));
  }

  await app.register(async (scope) => {
    await scope.register(fastifyStatic, { root: dist, serve: false, decorateReply: true, preCompressed: false });
    scope.addHook('onSend', async (_req, reply, payload) => {
      for (const [name, value] of Object.entries(securityHeaders)) reply.header(name, value);
      return payload;
    });

    const sendNotBuilt = (req: FastifyRequest, reply: FastifyReply) => {
      if (!(req.headers.accept ?? '').includes('text/html'))
        throw new AppError('inbox_not_built', 'the agents’ inbox is not built: run npm run build:inbox');
      return reply.status(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(notBuiltPage);
    };

    const sendIndex = (req: FastifyRequest, reply: FastifyReply) => {
      if (!existsSync(indexFile)) return sendNotBuilt(req, reply);
      return reply.header('cache-control', 'no-cache').sendFile('index.html', dist, { cacheControl: false });
    };

    scope.get('/inbox', { schema: { hide: true } }, async (req, reply) => {
      const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      return reply.redirect(`/inbox/${search}`, 301);
    });

    scope.get<{ Params: { '*': string } }>('/inbox/*', { schema: { hide: true } }, async (req, reply) => {
      const rel = req.params['*'];
      if (!rel.startsWith('assets/')) {
        // A top-level file of the build (favicon …) is served as is; anything else is an app path.
        const file = rel && !rel.includes('/') ? safeFile(dist, rel) : null;
        if (file && rel !== 'index.html') return reply.header('cache-control', 'no-cache').sendFile(rel, dist, { cacheControl: false });
        return sendIndex(req, reply);
      }
      if (!existsSync(indexFile)) return sendNotBuilt(req, reply);
      // A missing asset is a 404, not index.html: a stale tab must not run HTML as a script.
      if (!safeFile(dist, rel)) throw new AppError('not_found', `no inbox file ${rel}`);
      // Vite names every asset after its content hash: it never changes under the same URL.
      return reply.header('cache-control', 'public, max-age=31536000, immutable').sendFile(rel, dist, { cacheControl: false });
    });
  });
}

/** The file under `root` named by `rel`, when it is one (never outside root). */
function safeFile(root: string, rel: string): string | null {
  const file = normalize(join(root, rel));
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
