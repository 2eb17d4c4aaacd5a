import type { SlaService, SlaServiceDeps } from './sla-service.ts';

// Placeholder so callers can wire against the interface; the timers land in the next commit.
export function createSlaService(deps: SlaServiceDeps): SlaService {
  void deps;
  const later = (): Promise<void> => Promise.resolve();
  return {
    onQueued: later,
    onCustomerMessage: later,
    onAgentReply: later,
    onSnoozed: later,
    onUnsnoozed: later,
    onPriorityChanged: later,
    onClosed: later,
    runTimerJob: later,
  };
}
