import type { Priority, TeamRouting } from '@fio/contracts';

/** An agent who could take work now (online, active), with their current load. */
export interface RoutingAgent {
  id: string;
  skills: readonly string[];
  capacity: number;
  /** Per channel type, when the agent has a limit there: {"whatsapp": 3}. */
  channelCapacity: Readonly<Record<string, number>>;
  /** Open conversations assigned to them, in all and per reply channel type. */
  open: number;
  openByChannel: Readonly<Record<string, number>>;
  lastAssignedAt: string | null;
  teamIds: readonly string[];
}

export interface RoutingTeam {
  id: string;
  routing: TeamRouting;
  requiredSkills: readonly string[];
  /** Some member (online or not) declares a `language:` skill: then the language is a condition. */
  languageSkilled: boolean;
}

export interface WaitingConversation {
  id: string;
  teamId: string | null;
  priority: Priority;
  language: string | null;
  channelType: string | null;
  queuedAt: string | null;
}

const rank: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The order conversations are served in: urgent before high before normal before low, then the longest waiting. */
export function compareWaiting(a: WaitingConversation, b: WaitingConversation): number {
  return rank[a.priority] - rank[b.priority] || (a.queuedAt ?? '').localeCompare(b.queuedAt ?? '') || a.id.localeCompare(b.id);
}

/** "language:pt" and "language:pt-BR" both cover a conversation in pt-BR: regions are not told apart. */
export function speaksLanguage(skills: readonly string[], language: string): boolean {
  const wanted = primarySubtag(language);
  return skills.some((s) => s.toLowerCase().startsWith('language:') && primarySubtag(s.slice('language:'.length)) === wanted);
}

function primarySubtag(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? '').toLowerCase();
}

/**
 * Whether the agent may take this conversation: member of its team (no team: anyone), every skill the
 * team requires, the conversation's language when the pool declares languages, and room under both
 * their capacity and their limit for the conversation's channel.
 */
export function agentFits(
  agent: RoutingAgent,
  conversation: WaitingConversation,
  team: RoutingTeam | null,
  languageSkilled: boolean,
): boolean {
  if (team && !agent.teamIds.includes(team.id)) return false;
  const skills = agent.skills.map((s) => s.toLowerCase());
  if (team && !team.requiredSkills.every((s) => skills.includes(s.toLowerCase()))) return false;
  if (languageSkilled && conversation.language && !speaksLanguage(agent.skills, conversation.language)) return false;
  if (agent.open >= agent.capacity) return false;
  const channel = conversation.channelType;
  const channelLimit = channel ? agent.channelCapacity[channel] : undefined;
  if (channel && channelLimit !== undefined && (agent.openByChannel[channel] ?? 0) >= channelLimit) return false;
  return true;
}

/**
 * Who gets the conversation: round robin gives it to the one assigned least recently (never assigned
 * first), least busy to the one with the fewest open conversations (ties by round robin). A manual
 * team's conversations wait for a person to take them.
 */
export function pickAgent(
  conversation: WaitingConversation,
  team: RoutingTeam | null,
  agents: readonly RoutingAgent[],
  languageSkilled: boolean,
): RoutingAgent | null {
  const routing: TeamRouting = team?.routing ?? 'round_robin';
  if (routing === 'manual') return null;
  const fitting = agents.filter((a) => agentFits(a, conversation, team, languageSkilled));
  const byRoundRobin = (a: RoutingAgent, b: RoutingAgent) =>
    (a.lastAssignedAt ?? '').localeCompare(b.lastAssignedAt ?? '') || a.id.localeCompare(b.id);
  fitting.sort(routing === 'least_busy' ? (a, b) => a.open - b.open || byRoundRobin(a, b) : byRoundRobin);
  return fitting[0] ?? null;
}
