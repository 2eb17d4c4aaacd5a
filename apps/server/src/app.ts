import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { openDatabase, migrateToLatest, type DatabaseHandle } from './storage/index.ts';
import { createSecretBox, loadOrCreateKeyFile } from './security/secret-box.ts';
import { bootstrapAdmin, type FirstRunCredentials } from './security/bootstrap-admin.ts';
import { createChannelCatalog } from './channels/channel-catalog.ts';
import { createConnectionRegistry } from './channels/connection-registry.ts';
import { createWorkspaceRegistry } from './workspace-registry.ts';
import { loadWorkspaces, syncWorkspaces } from './workspace-sync.ts';
import { createJobQueue } from './jobs/job-queue.ts';
import { createWorker, type Worker } from './jobs/worker.ts';
import { sendVerificationCode } from './contacts/verification/index.ts';
import { createEventBus } from './realtime/event-bus.ts';
import { createWidgetGateway } from './realtime/widget-gateway.ts';
import { runTurn, type PipelineDeps } from './conversation/index.ts';
import { createSegmentService, runSegmentJob } from './contacts/index.ts';
import { createSlaService } from './handoff/sla/index.ts';
import {
  createPresenceService,
  markEveryoneOffline,
  publishChanges,
  requeueAgentConversations,
  runHandoffJob,
  runRoutingJob,
  requestRouting,
  type HandoffDeps,
} from './handoff/index.ts';
import { registerAssignmentRoutes } from './http/api/assignment.routes.ts';
import type { ConversationEngine } from './conversation/bot/engine.ts';
import { createEngineRuntime, type EngineRuntime } from './conversation/engine/create-engine-runtime.ts';
import { registerDemoStore } from './demo-store/index.ts';
import { playgroundHost } from './playground/playground-origin.ts';
import { deliverMessage } from './delivery/index.ts';
import { createKeepAliveFetch } from './delivery/keep-alive-fetch.ts';
import { createMetrics } from './observability/metrics.ts';
import { installErrorHandling } from './http/error-handler.ts';
import { createAuthenticator } from './http/auth.ts';
import { registerWebhookRoutes } from './http/webhooks.routes.ts';
import { registerWidgetRoutes } from './http/widget.routes.ts';
import { registerConversationRoutes } from './http/api/conversations.routes.ts';
import { registerContactRoutes } from './http/api/contacts.routes.ts';
import { registerEventRoutes } from './http/api/events.routes.ts';
import { registerContactIoRoutes } from './http/api/contacts-io.routes.ts';
import { registerSegmentRoutes } from './http/api/segments.routes.ts';
import { registerMergeRoutes } from './http/api/merges.routes.ts';
import { registerDeliveryRoutes } from './http/api/deliveries.routes.ts';
import { registerMediaRoutes } from './http/media.routes.ts';
import { registerConversationReplyRoutes } from './http/api/conversation-replies.routes.ts';
import { registerConversationActionRoutes } from './http/api/conversation-actions.routes.ts';
import { registerContactConversationRoutes } from './http/api/contact-conversations.routes.ts';
import { registerCrmRoutes } from './http/api/crm.routes.ts';
import { registerWebhookSubscriptionRoutes } from './http/api/webhooks.routes.ts';
import { registerAuthRoutes, registerPublicAuthRoutes } from './http/api/auth.routes.ts';
import { registerAgentRoutes } from './http/api/agents.routes.ts';
import { registerTeamRoutes } from './http/api/teams.routes.ts';
import { createMailTransport, createSessionCache, sendSystemMail, syncFileTeams, type AgentDeps } from './agents/index.ts';
import { registerInboxConversationRoutes } from './http/api/inbox-conversation.routes.ts';
import { registerCannedResponseRoutes } from './http/api/canned-responses.routes.ts';
import { registerInboxRoutes } from './http/api/inbox.routes.ts';
import { createTemplateCatalog, createTypingRelay, syncFileCannedResponses } from './inbox/index.ts';
import { loadInboxConversation, markRead } from './inbox/index.ts';
import { readSessionPrincipal } from './agents/index.ts';
import { createInboxGateway } from './realtime/inbox-gateway.ts';
import { createWebhookFanOut, defaultWebhookRetryPolicy, sendWebhookDelivery, syncFileWebhookSubscriptions } from './contacts/crm/index.ts';
import { createLocalMediaStore } from './media/media-store.ts';
import { fetchInboundMedia } from './media/fetch-inbound-media.ts';
import { signMediaUrl } from './media/media-url.ts';
import { createPacer } from './delivery/pacer.ts';
import { startReceivers } from './channels/start-receivers.ts';
import { forwardTypingToProviders } from './channels/forward-typing.ts';
import { registerPlayground } from './playground/index.ts';
import { registerInboxAppRoutes } from './http/inbox-app.routes.ts';
import type { AnyChannelAdapter, RunningReceiver, SendContext } from '@fio/channel-kit';
import type { ConnectionRuntime } from './channels/connection-registry.ts';
import { join } from 'node:path';

export interface AppOverrides {
  /** Replaces catalog entries by channel type (tests plug in fixture channels that fail on demand). */
  channels?: AnyChannelAdapter[];
  clock?: () => Date;
  fetch?: typeof fetch;
  engine?: ConversationEngine;
  env?: NodeJS.ProcessEnv;
  /** Where the built inbox is served from (default apps/inbox/dist); tests use a folder of their own. */
  inboxDistDir?: string;
}

export interface FioApp {
  http: FastifyInstance;
  deps: PipelineDeps;
  database: DatabaseHandle;
  firstRun: FirstRunCredentials[];
  /** Where each running receiver listens (an e-mail connection's SMTP port), once started. */
  receiverAddresses(): { connectionId: string; host: string; port: number }[];
  /** Listens on config.port and starts the workers; resolves to the base URL. */
  start(): Promise<string>;
  /** Stops taking work, lets in-flight jobs finish, closes connections. */
  close(): Promise<void>;
}

/** The composition root: everything is built here and passed down explicitly. */
export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<FioApp> {
  const clock = overrides.clock ?? (() => new Date());
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    sqliteSync: config.sqliteSync,
    poolSize: config.dbPoolSize,
  });
  const closeOnFailure = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      await database.close().catch(() => undefined);
      throw err;
    }
  };

  return closeOnFailure(async () => {
    await migrateToLatest(database.db, database.dialect);
    const box = createSecretBox(config.encryptionKey ?? loadOrCreateKeyFile(config.dataDir), config.previousEncryptionKeys);
    const catalog = new Map(createChannelCatalog());
    for (const adapter of overrides.channels ?? []) catalog.set(adapter.definition.type, adapter);
    const definitions = await loadWorkspaces(config.workspaceDirs, catalog, overrides.env ?? process.env);
    const workspaces = createWorkspaceRegistry();
    const connections = createConnectionRegistry();
    const nowIso = clock().toISOString();
    await syncWorkspaces(database.db, definitions, catalog, box, workspaces, connections, clock);
    const firstRun: FirstRunCredentials[] = [];
    for (const ws of workspaces.all()) {
      const creds = await bootstrapAdmin(database.db, ws.id, ws.slug, nowIso);
      if (creds) firstRun.push(creds);
    }

    // workspace.yaml integrations[].webhook are the file-managed subscriptions.
    await syncFileWebhookSubscriptions(database.db, box, workspaces.all(), nowIso);

    const http = Fastify({
      logger: { level: config.logLevel, base: { service: 'fio' } },
      // Per-request lines only when debugging: at full speed they cost more than the request.
      logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
      bodyLimit: 1024 * 1024,
      genReqId: (req) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w.-]{8,128}$/.test(given) ? given : randomUUID();
      },
      // X-Forwarded-* are believed only from the proxies named in FIO_TRUST_PROXY (rate limits key on the IP).
      trustProxy: config.trustProxy,
    });
    const log = http.log;
    // Where flow actions reach this Fio itself (the demo store behind the playground host): set at start.
    let ownBase: string | null = null;
    const engineRuntime: EngineRuntime | null = overrides.engine
      ? null
      : await createEngineRuntime({
          db: database.db,
          workspaces: definitions.map((definition, i) => ({
            workspaceId: workspaces.bySlug(definition.id)?.id ?? definition.id,
            dir: config.workspaceDirs[i] ?? '.',
            definition,
          })),
          env: overrides.env ?? process.env,
          clock,
          log,
          rewriteUrl: (url) =>
            config.playground && ownBase && url.hostname === playgroundHost ? new URL(`${ownBase}${url.pathname}${url.search}`) : null,
          watch: config.watchContent,
        });
    const owner = `node-${randomUUID()}`;
    const jobs = createJobQueue(database.db, database.dialect, owner, database.transact);
    // Embedded SQLite has one process: whatever was running when it stopped is ours to resume now.
    if (database.dialect === 'sqlite') await jobs.releaseLeases(null);
    const metrics = createMetrics();
    const bus = createEventBus();
    let turnWorker: Worker | null = null;
    let deliveryWorker: Worker | null = null;
    let mediaWorker: Worker | null = null;
    let verificationWorker: Worker | null = null;
    let segmentWorker: Worker | null = null;
    let webhookWorker: Worker | null = null;
    let mailWorker: Worker | null = null;
    let slaWorker: Worker | null = null;
    let routingWorker: Worker | null = null;
    let handoffWorker: Worker | null = null;
    const segments = createSegmentService({ db: database.db, transact: database.transact, clock, log });
    // segments.yaml is the truth for file-managed segments; their memberships are computed after start.
    for (const ws of workspaces.all()) await segments.syncFileSegments(ws.id, ws.definition.segments ?? []);
    // workspace.yaml teams: are the truth for the file-managed teams (members are kept: they are set in the inbox).
    for (const ws of workspaces.all())
      await syncFileTeams(database.transact, ws.id, ws.definition.teams, ws.definition.defaultLanguage, clock());
    // SLA timers: the handoff pipeline calls its hooks in its transactions; the 'sla' worker warns and breaches.
    const sla = createSlaService({
      db: database.db,
      dialect: database.dialect,
      transact: database.transact,
      jobs,
      workspaces,
      segments,
      bus,
      clock,
      log,
    });
    const deps: PipelineDeps = {
      db: database.db,
      dialect: database.dialect,
      transact: database.transact,
      jobs,
      bus,
      connections,
      workspaces,
      engine: overrides.engine ?? engineRuntime?.engine ?? failNoEngine(),
      clock,
      log,
      metrics,
      wake: {
        turns: () => turnWorker?.wake(),
        deliveries: () => deliveryWorker?.wake(),
        media: () => mediaWorker?.wake(),
        verifications: () => verificationWorker?.wake(),
        routing: () => routingWorker?.wake(),
        handoff: () => handoffWorker?.wake(),
      },
      replyTokenKey: box.derive('reply-address-token'),
      verificationKey: box.derive('identity-verification'),
      segments,
      sla,
    };
    // Queues, routing, assignment actions and presence (the agents' inbox).
    const handoffDeps: HandoffDeps = {
      db: database.db,
      dialect: database.dialect,
      transact: database.transact,
      jobs,
      bus,
      clock,
      log,
      sla,
      wake: { routing: () => routingWorker?.wake(), handoff: () => handoffWorker?.wake() },
    };
    const mediaStore = createLocalMediaStore(join(config.dataDir, 'media'));
    const mediaPolicy = { maxBytes: config.mediaMaxBytes, allowedTypes: config.mediaTypes };
    const mediaKey = box.derive('media-url');
    // Where providers reach us: the configured public URL, else the address we listen on (set at start).
    let publicBase = config.publicUrl?.replace(/\/$/, '');
    const setWebhookUrls = (base: string) => {
      for (const c of connections.all()) c.ctx.webhookUrl = `${base}/webhooks/${c.type}/${c.id}`;
    };
    if (publicBase) setWebhookUrls(publicBase);

    http.addHook('onRequest', async (req, reply) => {
      void reply.header('x-request-id', req.id);
    });
    http.addHook('onResponse', async (req, reply) => {
      metrics.httpRequests.inc({ route: req.routeOptions.url ?? 'unmatched', status: `${Math.floor(reply.statusCode / 100)}xx` });
    });
    http.setValidatorCompiler(validatorCompiler);
    http.setSerializerCompiler(serializerCompiler);
    installErrorHandling(http);
    await http.register(fastifyRateLimit, { global: false });
    await http.register(fastifyCookie);
    await http.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
    await http.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Fio API', version: '1', description: 'One thread per customer across every channel.' },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
    });
    await http.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

    http.get('/healthz', { schema: { hide: true } }, async (req, reply) => {
      try {
        await database.db.selectFrom('workspaces').select('id').limit(1).execute();
        return { status: 'ok', database: database.dialect };
      } catch {
        return reply.status(503).send({ code: 'service_unavailable', message: 'database unreachable', correlationId: req.id });
      }
    });
    http.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
      // Reset first: a queue that emptied has no rows left to report a zero.
      metrics.queueDepth.reset();
      for (const [k, n] of Object.entries(await jobs.depth())) {
        const [queue, status] = k.split(':');
        metrics.queueDepth.set({ queue: queue ?? '', status: status ?? '' }, n);
      }
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
    // Where the demo workspace's API channel posts replies when no real back end is configured; only
    // there when a connection is actually configured to use it.
    const usesSink = connections.all().some((c) => {
      const url = (c.ctx.config as { callbackUrl?: unknown }).callbackUrl;
      return typeof url === 'string' && url.endsWith('/dev/callback-sink');
    });
    if (usesSink) {
      http.post('/dev/callback-sink', { schema: { hide: true } }, async (req, reply) => {
        req.log.debug({ body: req.body }, 'demo callback received');
        return reply.status(204).send();
      });
    }
    http.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => http.swagger());

    const gateway = createWidgetGateway({ ...deps, metrics, framesPerMinute: config.widgetRatePerMinute });
    gateway.register(http);
    registerWidgetRoutes(http, { ratePerMinute: config.widgetRatePerMinute });
    const keepAliveFetch = createKeepAliveFetch();
    const outboundFetch = overrides.fetch ?? keepAliveFetch.fetch;
    const sendContextFor = (connection: ConnectionRuntime): SendContext<unknown, unknown> => ({
      ...connection.ctx,
      fetch: outboundFetch,
      now: clock,
      realtime: gateway.realtime,
    });
    forwardTypingToProviders({ bus, connections, sendContextFor, log });
    registerWebhookRoutes(http, {
      ...deps,
      publicUrl: config.publicUrl,
      maxBodyBytes: Math.max(...[...catalog.values()].map((a) => a.definition.maxBodyBytes)),
      sendContextFor,
    });

    // workspace.yaml cannedResponses: are the truth for the file-managed ones (after the teams they name).
    for (const ws of workspaces.all()) await syncFileCannedResponses(database.db, ws.id, ws.definition.cannedResponses ?? [], nowIso);
    const templateCatalog = createTemplateCatalog({ sendContextFor, clock });
    const typingRelay = createTypingRelay({ bus, connections, clock });
    const inboxGateway = createInboxGateway({
      db: database.db,
      bus,
      log,
      clock,
      publicUrl: config.publicUrl,
      presence: createPresenceService({ ...handoffDeps, graceMs: config.presenceGraceSeconds * 1000 }),
      readSessionPrincipal,
      loadInboxConversation,
      markRead,
      typingRelay,
    });
    inboxGateway.register(http);
    const sessions = createSessionCache();
    const sessionTtlMs = config.sessionTtlHours * 3_600_000;
    const authenticate = createAuthenticator(database.db, { clock, sessions, sessionTtlMs, cookie: { secure: config.cookieSecure } });
    const mailTransport = config.smtpUrl ? createMailTransport(config.smtpUrl) : null;
    if (!mailTransport) log.warn('FIO_SMTP_URL is not set: invite and password-reset links are written to this log instead of e-mailed');
    const agentDeps: AgentDeps = {
      db: database.db,
      transact: database.transact,
      clock,
      log,
      workspaces,
      sessions,
      sessionTtlMs,
      cookie: { secure: config.cookieSecure },
      publicBase: () => publicBase ?? ownBase ?? `http://${config.host}:${config.port}`,
      wakeMail: () => mailWorker?.wake(),
      staffChanged: async (tx, change) => {
        const requeued = change.disabledUserId
          ? await requeueAgentConversations(tx, {
              workspaceId: change.workspaceId,
              userId: change.disabledUserId,
              reason: 'disabled',
              now: change.now,
            })
          : [];
        await requestRouting(tx, change.workspaceId, change.now.toISOString());
        return () => {
          publishChanges({ bus }, requeued);
          routingWorker?.wake();
        };
      },
    };
    registerPublicAuthRoutes(http, { ...agentDeps, ratePerMinute: config.signInRatePerMinute });
    registerMediaRoutes(http, { db: database.db, store: mediaStore, signingKey: mediaKey, clock, authenticate });
    await http.register(async (api) => {
      api.addHook('onRequest', authenticate);
      registerAuthRoutes(api, agentDeps);
      registerAgentRoutes(api, agentDeps);
      registerTeamRoutes(api, agentDeps);
      registerConversationRoutes(api, database.db);
      registerConversationReplyRoutes(api, deps);
      registerConversationActionRoutes(api, deps);
      registerAssignmentRoutes(api, handoffDeps);
      registerContactConversationRoutes(api, deps);
      registerContactRoutes(api, deps);
      registerEventRoutes(api, deps);
      registerContactIoRoutes(api, deps);
      registerSegmentRoutes(api, { segments, workspaces });
      registerMergeRoutes(api, { db: database.db, transact: database.transact, clock, segments: deps.segments });
      registerCrmRoutes(api, { db: database.db, transact: database.transact, workspaces, segments, clock });
      registerWebhookSubscriptionRoutes(api, {
        db: database.db,
        transact: database.transact,
        box,
        workspaces,
        clock,
        wake: () => webhookWorker?.wake(),
      });
      registerDeliveryRoutes(api, { db: database.db, transact: database.transact, jobs, clock, wake: () => deps.wake.deliveries() });
      registerInboxConversationRoutes(api, {
        db: database.db,
        transact: database.transact,
        bus,
        connections,
        clock,
        templates: templateCatalog,
        typing: typingRelay,
        media: { store: mediaStore, policy: mediaPolicy },
      });
      registerCannedResponseRoutes(api, { db: database.db, clock });
      registerInboxRoutes(api, { db: database.db, bus, clock });
    });

    const deliveryDeps = {
      ...deps,
      fetch: outboundFetch,
      realtime: gateway.realtime,
      pacer: createPacer(),
      // Providers download media we send by link: signed, valid for a day (WhatsApp fetches lazily).
      signMediaUrl: (mediaId: string) => signMediaUrl(mediaKey, publicBase ?? '', mediaId, new Date(clock().getTime() + 24 * 3_600_000)),
    };
    const mediaDeps = {
      db: database.db,
      transact: database.transact,
      jobs,
      connections,
      store: mediaStore,
      policy: mediaPolicy,
      clock,
      log,
      fetch: outboundFetch,
      realtime: gateway.realtime,
    };
    turnWorker = createWorker({
      queue: 'turn',
      jobs,
      concurrency: config.turnConcurrency,
      pollMs: config.pollMs,
      now: clock,
      log,
      handle: (job, log) => runTurn({ ...deps, log }, job),
    });
    deliveryWorker = createWorker({
      queue: 'delivery',
      jobs,
      concurrency: config.deliveryConcurrency,
      pollMs: config.pollMs,
      now: clock,
      log,
      handle: (job, log) => deliverMessage({ ...deliveryDeps, log }, job),
    });
    mediaWorker = createWorker({
      queue: 'media',
      jobs,
      concurrency: 8,
      pollMs: config.pollMs,
      now: clock,
      log,
      handle: (job, log) => fetchInboundMedia({ ...mediaDeps, log }, job),
    });
    verificationWorker = createWorker({
      queue: 'verification',
      jobs,
      concurrency: 4,
      pollMs: config.pollMs,
      now: clock,
      log,
      handle: (job, log) => sendVerificationCode({ ...deps, log, sendContextFor }, job),
    });
    segmentWorker = createWorker({
      queue: 'segment',
      jobs,
      concurrency: 4,
      pollMs: config.pollMs,
      now: clock,
      log,
      handle: (job, log) => runSegmentJob({ transact: database.transact, jobs, segments, clock, log }, job),
    });
    routingWorker = createWorker({
      queue: 'routing',
      jobs,
      concurrency: 2,
      pollMs: config.pollMs,
      now: clock,
      log,
      handle: (job, log) => runRoutingJob({ ...handoffDeps, log }, job),
    });
    handoffWorker = createWorker({
      queue: 'handoff',
      jobs,
      concurrency: 4,
      pollMs: config.pollMs,
      now: clock,
      log,
      handle: (job, log) => runHandoffJob({ ...handoffDeps, log }, job),
    });
    slaWorker = createWorker({
      queue: 'sla',
      jobs,
      concurrency: 4,
      pollMs: config.pollMs,
      now: clock,
      log,
      handle: (job) => sla.runTimerJob(job),
    });
    webhookWorker = createWorker({
      queue: 'webhook',
      jobs,
      concurrency: 8,
      pollMs: config.pollMs,
      now: clock,
      log,
      handle: (job, log) =>
        sendWebhookDelivery(
          {
            db: database.db,
            transact: database.transact,
            jobs,
            box,
            workspaces,
            clock,
            log,
            retry: defaultWebhookRetryPolicy,
            timeoutMs: 10_000,
          },
          job,
        ),
    });
    mailWorker = createWorker({
      queue: 'mail',
      jobs,
      concurrency: 2,
      pollMs: config.pollMs,
      now: clock,
      log,
      handle: (job, log) =>
        sendSystemMail({ transact: database.transact, jobs, transport: mailTransport, from: config.mailFrom, clock, log }, job),
    });
    const webhookFanOut = createWebhookFanOut({
      dialect: database.dialect,
      transact: database.transact,
      workspaces,
      clock,
      log,
      pollMs: config.pollMs,
      onDeliveries: () => webhookWorker?.wake(),
    });
    let receivers: { connectionId: string; receiver: RunningReceiver }[] = [];
    const receiverAddresses = () =>
      receivers.flatMap(({ connectionId, receiver }) => (receiver.address ? [{ connectionId, ...receiver.address }] : []));
    registerPlayground(http, { ...deps, enabled: config.playground, receiverAddresses });
    // The demo workspace's back office (orders, CEPs, appointments), reached by its flows through the playground host.
    if (config.playground)
      registerDemoStore(http, { token: (overrides.env ?? process.env).FIO_DEMO_STORE_TOKEN ?? 'demo-store-token', clock });
    // Last: it takes "/" only when nothing registered before it did.
    await registerInboxAppRoutes(http, overrides.inboxDistDir ? { distDir: overrides.inboxDistDir } : {});

    // Leases are short (a crashed node's jobs come back within seconds) and renewed while held.
    let leaseTimer: NodeJS.Timeout | null = null;
    let started = false;
    return {
      http,
      deps,
      database,
      firstRun,
      receiverAddresses,
      async start() {
        const address = await http.listen({ port: config.port, host: config.host });
        ownBase = address.replace('://0.0.0.0', '://127.0.0.1').replace('://[::]', '://[::1]');
        if (!publicBase) {
          publicBase = ownBase;
          setWebhookUrls(publicBase);
        }
        try {
          receivers = await startReceivers({ ...deps, mediaStore, mediaPolicy }, log);
        } catch (err) {
          await http.close();
          throw err;
        }
        turnWorker?.start();
        deliveryWorker?.start();
        mediaWorker?.start();
        verificationWorker?.start();
        segmentWorker?.start();
        slaWorker?.start();
        routingWorker?.start();
        handoffWorker?.start();
        // Conversations left waiting when the last node stopped get a routing pass; in the one embedded
        // process nobody is connected any more, so nobody is online until their inbox reconnects.
        for (const ws of workspaces.all()) {
          if (database.dialect === 'sqlite') await markEveryoneOffline(handoffDeps, ws.id, config.presenceGraceSeconds * 1000);
          await database.transact((tx) => requestRouting(tx, ws.id, clock().toISOString()));
        }
        webhookWorker?.start();
        mailWorker?.start();
        webhookFanOut.start();
        // Memberships of new or changed definitions are computed in the background, not before listening.
        segments.startBackfill();
        leaseTimer = setInterval(
          () => void jobs.renewLeases(clock()).catch((err: unknown) => log.warn({ err }, 'renewing job leases failed')),
          3_000,
        );
        leaseTimer.unref();
        started = true;
        return address;
      },
      async close() {
        await Promise.allSettled(receivers.map(({ receiver }) => receiver.stop()));
        inboxGateway.close();
        // Fastify closes the connections idle at this moment; one still answering (a media download)
        // would otherwise keep its socket, and close(), for the whole keep-alive timeout (72 s).
        const closeIdle = setInterval(() => http.server.closeIdleConnections(), 50);
        try {
          await http.close();
        } finally {
          clearInterval(closeIdle);
        }
        // Leases are renewed until the last in-flight job is done, so no other node takes one over.
        if (started)
          await Promise.all([turnWorker?.stop(), deliveryWorker?.stop(), mediaWorker?.stop(), segmentWorker?.stop(), segments.stop()]);
        if (started) await Promise.all([verificationWorker?.stop(), slaWorker?.stop(), routingWorker?.stop(), handoffWorker?.stop()]);
        if (started) await Promise.all([webhookFanOut.stop(), webhookWorker?.stop(), mailWorker?.stop()]);
        mailTransport?.close();
        // Adapters may pool provider connections (SMTP): released once no worker can use them.
        const adapters = [...new Set(connections.all().map((c) => c.adapter))];
        await Promise.allSettled(adapters.map((adapter) => adapter.close?.() ?? Promise.resolve()));
        if (leaseTimer) clearInterval(leaseTimer);
        engineRuntime?.close();
        keepAliveFetch.close();
        await database.close();
      },
    };
  });
}

function failNoEngine(): never {
  throw new Error('no conversation engine: neither an override nor the workspace engine was built');
}
