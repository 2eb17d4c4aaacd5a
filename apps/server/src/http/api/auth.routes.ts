import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// The cookie plugin (registered in app.ts) adds reply.setCookie / clearCookie.
import type {} from '@fastify/cookie';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, meViewSchema, signInBodySchema, userViewSchema } from '@fio/contracts';
import {
  acceptInvite,
  buildMeView,
  confirmPasswordReset,
  requestPasswordReset,
  revokeSession,
  sessionCookieName,
  sessionCookieOptions,
  signIn,
  updateMe,
  type AgentDeps,
  type SignedIn,
} from '../../agents/index.ts';
import { appendEvents } from '../../events/event-log.ts';
import { AppError } from '../app-error.ts';
import { requirePrincipal } from '../auth.ts';
import { commonErrorResponses } from './api-schemas.ts';

const passwordSchema = z.string().min(1).max(1024);
const emailSchema = z.string().trim().toLowerCase().email().max(320);
const publicErrors = { 400: apiErrorSchema, 401: apiErrorSchema, 429: apiErrorSchema, 500: apiErrorSchema };

/**
 * The routes a person uses before having a session: sign-in, "forgot my password" and accepting an
 * invite. Registered outside the authenticated plugin; rate-limited per IP (brute force, mail bombing).
 */
export function registerPublicAuthRoutes(app: FastifyInstance, deps: AgentDeps & { ratePerMinute: number }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rateLimit = { max: deps.ratePerMinute, timeWindow: '1 minute' };

  r.post(
    '/api/v1/auth/sign-in',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password: sets the session cookie and answers who is signed in, with the CSRF token',
        security: [],
        body: signInBodySchema,
        response: { 200: meViewSchema, ...publicErrors },
      },
    },
    async (req, reply) => {
      let signedIn: SignedIn;
      try {
        signedIn = await signIn(deps, req.body, clientOf(req));
      } catch (err) {
        setRetryAfter(reply, err);
        throw err;
      }
      return startSession(deps, reply, signedIn);
    },
  );

  r.post(
    '/api/v1/auth/password-reset',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'E-mail a password-reset link (valid 1 hour); always 202, whether or not the e-mail has an account',
        security: [],
        body: z.object({ email: emailSchema, workspace: z.string().min(1).max(128).optional() }).strict(),
        response: { 202: z.object({ accepted: z.literal(true) }), ...publicErrors },
      },
    },
    async (req, reply) => {
      try {
        await requestPasswordReset(deps, req.body);
      } catch (err) {
        // The answer must not differ for known addresses: failures are ours to log, not the caller's to see.
        req.log.error({ err }, 'password reset request failed');
      }
      return reply.status(202).send({ accepted: true });
    },
  );

  r.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: "Set a new password with a reset link's token (once); ends every session of the person",
        security: [],
        body: z.object({ token: z.string().min(20).max(128), password: passwordSchema }).strict(),
        response: { 200: z.object({ passwordChanged: z.literal(true) }), ...publicErrors },
      },
    },
    async (req) => {
      await confirmPasswordReset(deps, req.body);
      return { passwordChanged: true as const };
    },
  );

  r.post(
    '/api/v1/auth/invites/accept',
    {
      config: { rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Accept an invite: choose a name and a password; signs in (sets the session cookie)',
        security: [],
        body: z.object({ token: z.string().min(20).max(128), name: z.string().trim().min(1).max(120), password: passwordSchema }).strict(),
        response: { 200: meViewSchema, ...publicErrors },
      },
    },
    async (req, reply) => startSession(deps, reply, await acceptInvite(deps, req.body, clientOf(req))),
  );
}

/** The signed-in person's own routes (inside the authenticated plugin): who am I, change me, sign out. */
export function registerAuthRoutes(app: FastifyInstance, deps: AgentDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 403: apiErrorSchema, ...commonErrorResponses };

  r.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, in which workspace, and the CSRF token to send as X-CSRF-Token',
        response: { 200: meViewSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { principal, session } = requireSession(req);
      // Never cached: the answer carries the CSRF token.
      void reply.header('cache-control', 'no-store');
      return buildMeView(deps, principal.workspaceId, principal.userId, session.csrfToken);
    },
  );

  r.patch(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own name, language or password (a new password needs the current one and signs out your other sessions)',
        body: z
          .object({
            name: z.string().trim().min(1).max(120).optional(),
            locale: z.enum(['pt-BR', 'en', 'es']).nullable().optional(),
            password: passwordSchema.optional(),
            currentPassword: passwordSchema.optional(),
          })
          .strict(),
        response: { 200: userViewSchema, ...errors },
      },
    },
    async (req) => {
      const { principal, session } = requireSession(req);
      return updateMe(deps, principal.workspaceId, principal.userId, session.id, req.body);
    },
  );

  r.post(
    '/api/v1/auth/sign-out',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends this session and clears its cookie',
        response: { 200: z.object({ signedOut: z.literal(true) }), ...errors },
      },
    },
    async (req, reply) => {
      const { principal, session } = requireSession(req);
      const now = deps.clock();
      await deps.transact(async (tx) => {
        await revokeSession(tx, session.id, now);
        await appendEvents(tx, [
          {
            workspaceId: principal.workspaceId,
            type: 'agent.signed_out',
            payload: { userId: principal.userId },
            occurredAt: now.toISOString(),
          },
        ]);
      });
      deps.sessions.forgetSession(session.id);
      void reply.clearCookie(sessionCookieName, sessionCookieOptions(deps.cookie, null));
      return { signedOut: true as const };
    },
  );
}

async function startSession(deps: AgentDeps, reply: FastifyReply, signedIn: SignedIn) {
  void reply.setCookie(sessionCookieName, signedIn.session.token, sessionCookieOptions(deps.cookie, signedIn.session.expiresAt));
  // Never cached: the answer carries the CSRF token.
  void reply.header('cache-control', 'no-store');
  return buildMeView(deps, signedIn.workspaceId, signedIn.userId, signedIn.session.csrfToken);
}

function requireSession(req: FastifyRequest) {
  const principal = requirePrincipal(req);
  const session = req.signedInSession;
  if (principal.via !== 'session' || !session || !principal.userId)
    throw new AppError('forbidden', 'this is for people signed in to the inbox, not for API tokens');
  return { principal: { ...principal, userId: principal.userId }, session };
}

function clientOf(req: FastifyRequest): { ip: string | null; userAgent: string | null } {
  const ua = req.headers['user-agent'];
  return { ip: req.ip || null, userAgent: typeof ua === 'string' ? ua : null };
}

function setRetryAfter(reply: FastifyReply, err: unknown): void {
  if (!(err instanceof AppError) || err.code !== 'account_locked') return;
  const details: unknown = err.details;
  const seconds =
    typeof details === 'object' && details !== null && 'retryAfterSeconds' in details && typeof details.retryAfterSeconds === 'number'
      ? details.retryAfterSeconds
      : 900;
  void reply.header('retry-after', String(seconds));
}
