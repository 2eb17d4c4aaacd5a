import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one Fio instance (one registry per app, so tests can build many apps). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'fio_' });
  const ingested = new Counter({
    name: 'fio_inbound_messages_total',
    help: 'Inbound messages accepted, by channel type and outcome (stored or duplicate).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  const ingestSeconds = new Histogram({
    name: 'fio_ingest_duration_seconds',
    help: 'Time of the inbound transaction (dedupe, contact, conversation, message, job).',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const turnSeconds = new Histogram({
    name: 'fio_bot_turn_duration_seconds',
    help: 'Time of a bot turn, from claim to commit.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'fio_deliveries_total',
    help: 'Outbound delivery attempts by channel type and outcome (sent, retry, failed).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  const queueDepth = new Gauge({
    name: 'fio_queue_depth',
    help: 'Jobs waiting or running, by queue and status.',
    labelNames: ['queue', 'status'] as const,
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: 'fio_http_requests_total',
    help: 'HTTP requests by route and status class.',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const wsConnections = new Gauge({ name: 'fio_ws_connections', help: 'Open WebSocket connections.', registers: [registry] });
  return { registry, ingested, ingestSeconds, turnSeconds, deliveries, queueDepth, httpRequests, wsConnections };
}
export type Metrics = ReturnType<typeof createMetrics>;
export type PipelineMetrics = Pick<Metrics, 'ingested' | 'ingestSeconds' | 'turnSeconds' | 'deliveries'>;
