// SLA policies and their timers: picks a workspace policy for a queued conversation, keeps its
// first-response, next-response and resolution timers in business time, and warns and breaches from
// the 'sla' queue. Owns sla_timers and the conversations' sla_* columns; never assigns or routes.
export type { SlaService, SlaServiceDeps } from './sla-service.ts';
export { createSlaService } from './create-sla-service.ts';
