// Handoff: who holds a conversation once the bot lets go. Team queues, automatic routing (round robin,
// least busy, skills, capacity), the assignment actions, presence and its grace period, snooze timers.
// Owns conversations' assignee/team/priority/snooze/waiting columns and conversation_tags; SLA timers
// live in ./sla, business hours in business-hours.ts. Never answers the customer (the engine does).
export type { HandoffDeps } from './handoff-deps.ts';
export { requestRouting, routingKey } from './request-routing.ts';
export { queueConversation } from './queue-conversation.ts';
export { runRoutingJob, routeWaitingConversations } from './route-waiting-conversations.ts';
export { pickAgent, agentFits, compareWaiting, speaksLanguage } from './pick-agent.ts';
export { runHandoffJob } from './run-handoff-job.ts';
export { requeueAgentConversations } from './requeue-agent-conversations.ts';
export { publishChanges, type ConversationChange } from './publish-changes.ts';
export { createPresenceService, markEveryoneOffline, presenceKey, type PresenceService } from './presence.ts';
export type { Actor, ActionRefusal, ActionResult } from './conversation-action.ts';
export { assignConversation } from './assign-conversation.ts';
export { transferConversation } from './transfer-conversation.ts';
export { snoozeConversation } from './snooze-conversation.ts';
export { unsnoozeConversation } from './unsnooze-conversation.ts';
export { handBackConversation } from './hand-back-conversation.ts';
export { setConversationPriority } from './set-conversation-priority.ts';
export { setConversationTags } from './set-conversation-tags.ts';
export { loadAssignmentState, type AssignmentState } from './load-assignment-state.ts';
