import type { ChannelType, ConversationSummary } from '@fio/contracts';

/** One message as the summary needs it (no content: counts, channels and times). */
export interface SummaryMessage {
  direction: 'inbound' | 'outbound';
  author: string;
  channelType: ChannelType | null;
  createdAt: string;
}

export interface SummaryEvent {
  type: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}

export interface SummaryInput {
  conversation: { createdAt: string; resolvedAt: string | null; botState: Record<string, unknown> };
  /** In sequence order. */
  messages: readonly SummaryMessage[];
  /** The text of the customer's first message. */
  firstCustomerText: string | null;
  /** The conversation's domain events, oldest first. */
  events: readonly SummaryEvent[];
  defaultLanguage: string;
}

type SummaryLanguage = 'pt-BR' | 'en' | 'es';
type SlotValue = string | number | boolean;

const firstMessageMax = 160;
const slotValueMax = 80;
const slotsPerFlow = 8;
/** Answers that are not a recognised request: the bot asked again or did not understand. */
const notARequest = new Set(['clarification', 'fallback']);

/**
 * What happened in a conversation, for the next person to meet the customer: what they asked, what the
 * bot did and collected, who took over, how it ended — as data plus one to three plain lines in the
 * conversation's language. Pure: the caller loads the messages and events.
 */
export function summarizeConversation(input: SummaryInput): ConversationSummary {
  const language = summaryLanguage(input.conversation.botState['language'], input.defaultLanguage);
  const { messages, events } = input;
  const intents: string[] = [];
  const flowsCompleted: ConversationSummary['flowsCompleted'] = [];
  let handoff: ConversationSummary['handoff'] = null;
  let csat: ConversationSummary['csat'] = null;
  let note: string | null = null;
  for (const event of events) {
    const p = event.payload;
    switch (event.type) {
      case 'bot.replied': {
        const answeredBy =
          typeof p['understanding'] === 'object' && p['understanding'] !== null
            ? (p['understanding'] as Record<string, unknown>)['answeredBy']
            : null;
        if (typeof p['intent'] === 'string' && !notARequest.has(String(answeredBy)) && !intents.includes(p['intent']))
          intents.push(p['intent']);
        break;
      }
      case 'flow.completed':
        if (typeof p['flowId'] === 'string') flowsCompleted.push({ flowId: p['flowId'], slots: keySlots(p['slots']) });
        break;
      case 'handoff.requested':
        handoff = { reason: stringOrNull(p['reason']), team: stringOrNull(p['team']) };
        break;
      case 'csat.answered':
        if (typeof p['score'] === 'number') csat = { score: p['score'] };
        break;
      case 'conversation.resolved':
        note = stringOrNull(p['note']);
        break;
    }
  }

  const channels: ChannelType[] = [];
  for (const m of messages) if (m.channelType && !channels.includes(m.channelType)) channels.push(m.channelType);
  const counts = {
    total: messages.length,
    fromCustomer: messages.filter((m) => m.direction === 'inbound').length,
    fromBot: messages.filter((m) => m.author === 'bot').length,
    fromAgents: messages.filter((m) => m.author === 'agent').length,
  };
  const firstMessageAt = messages[0]?.createdAt ?? null;
  const lastMessageAt = messages.at(-1)?.createdAt ?? null;
  const durationSeconds = firstMessageAt && lastMessageAt ? secondsBetween(firstMessageAt, lastMessageAt) : null;
  const { resolvedAt, createdAt } = input.conversation;
  const resolution = resolvedAt ? { resolvedAt, note, secondsToResolve: secondsBetween(createdAt, resolvedAt) } : null;
  const firstMessage = input.firstCustomerText?.replace(/\s+/g, ' ').trim().slice(0, firstMessageMax) || null;

  const facts = {
    language,
    request: { firstMessage, intents },
    flowsCompleted,
    handoff,
    csat,
    channels,
    counts,
    firstMessageAt,
    lastMessageAt,
    durationSeconds,
    resolution,
  };
  return { ...facts, lines: summaryLines(facts) };
}

function summaryLanguage(botLanguage: unknown, fallback: string): SummaryLanguage {
  for (const candidate of [botLanguage, fallback]) {
    if (typeof candidate !== 'string') continue;
    const base = candidate.toLowerCase().split(/[-_]/)[0];
    if (base === 'pt') return 'pt-BR';
    if (base === 'en') return 'en';
    if (base === 'es') return 'es';
  }
  return 'pt-BR';
}

/**
 * Plain values only, capped: a slot is a fact to read at a glance, not a document. A flow's slot is
 * `{ value, display }`: the display is what the bot said back ("123.456.789-09"), so it is what people read.
 */
function keySlots(slots: unknown): Record<string, SlotValue> {
  if (typeof slots !== 'object' || slots === null) return {};
  const kept: Record<string, SlotValue> = {};
  for (const [key, slot] of Object.entries(slots as Record<string, unknown>)) {
    if (Object.keys(kept).length >= slotsPerFlow) break;
    const value = typeof slot === 'object' && slot !== null ? readableSlot(slot as Record<string, unknown>) : slot;
    if (typeof value === 'string') kept[key] = value.slice(0, slotValueMax);
    else if (typeof value === 'number' || typeof value === 'boolean') kept[key] = value;
  }
  return kept;
}

function readableSlot(slot: Record<string, unknown>): unknown {
  return typeof slot['display'] === 'string' && slot['display'] !== '' ? slot['display'] : slot['value'];
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

const texts = {
  'pt-BR': {
    wrote: (text: string) => `Cliente escreveu: "${text}"`,
    about: (intents: string) => `assuntos: ${intents}`,
    noMessage: 'Sem mensagens do cliente',
    completed: (flows: string) => `Concluiu ${flows}`,
    handoff: (why: string) => `Passou para atendente${why}`,
    reason: 'motivo',
    team: 'equipe',
    csat: (score: number) => `Nota ${score}/5`,
    resolved: (after: string) => `Resolvida após ${after}`,
    open: 'Em aberto',
    messages: (n: number, channels: string) => `${n} ${n === 1 ? 'mensagem' : 'mensagens'}${channels ? ` (${channels})` : ''}`,
    note: 'nota',
  },
  en: {
    wrote: (text: string) => `Customer wrote: "${text}"`,
    about: (intents: string) => `topics: ${intents}`,
    noMessage: 'No messages from the customer',
    completed: (flows: string) => `Completed ${flows}`,
    handoff: (why: string) => `Handed to an agent${why}`,
    reason: 'reason',
    team: 'team',
    csat: (score: number) => `Rated ${score}/5`,
    resolved: (after: string) => `Resolved after ${after}`,
    open: 'Open',
    messages: (n: number, channels: string) => `${n} ${n === 1 ? 'message' : 'messages'}${channels ? ` (${channels})` : ''}`,
    note: 'note',
  },
  es: {
    wrote: (text: string) => `El cliente escribió: "${text}"`,
    about: (intents: string) => `temas: ${intents}`,
    noMessage: 'Sin mensajes del cliente',
    completed: (flows: string) => `Completó ${flows}`,
    handoff: (why: string) => `Pasó a un agente${why}`,
    reason: 'motivo',
    team: 'equipo',
    csat: (score: number) => `Nota ${score}/5`,
    resolved: (after: string) => `Resuelta tras ${after}`,
    open: 'Abierta',
    messages: (n: number, channels: string) => `${n} ${n === 1 ? 'mensaje' : 'mensajes'}${channels ? ` (${channels})` : ''}`,
    note: 'nota',
  },
} as const;

const channelNames: Record<ChannelType, Record<SummaryLanguage, string>> = {
  webchat: { 'pt-BR': 'site', en: 'website', es: 'sitio web' },
  api: { 'pt-BR': 'app', en: 'app', es: 'app' },
  whatsapp: { 'pt-BR': 'WhatsApp', en: 'WhatsApp', es: 'WhatsApp' },
  messenger: { 'pt-BR': 'Messenger', en: 'Messenger', es: 'Messenger' },
  instagram: { 'pt-BR': 'Instagram', en: 'Instagram', es: 'Instagram' },
  telegram: { 'pt-BR': 'Telegram', en: 'Telegram', es: 'Telegram' },
  sms: { 'pt-BR': 'SMS', en: 'SMS', es: 'SMS' },
  email: { 'pt-BR': 'e-mail', en: 'e-mail', es: 'e-mail' },
  voice: { 'pt-BR': 'telefone', en: 'phone', es: 'teléfono' },
};

function summaryLines(s: Omit<ConversationSummary, 'lines'>): string[] {
  const t = texts[s.language as SummaryLanguage];
  const lines: string[] = [];

  const asked = s.request.firstMessage ? t.wrote(s.request.firstMessage) : t.noMessage;
  lines.push(sentence([asked, s.request.intents.length > 0 ? t.about(s.request.intents.join(', ')) : null]));

  const done: string[] = [];
  if (s.flowsCompleted.length > 0) done.push(t.completed(s.flowsCompleted.map(describeFlow).join(', ')));
  if (s.handoff) {
    const why = [s.handoff.reason ? `${t.reason}: ${s.handoff.reason}` : null, s.handoff.team ? `${t.team}: ${s.handoff.team}` : null]
      .filter(Boolean)
      .join(', ');
    done.push(t.handoff(why ? ` (${why})` : ''));
  }
  if (s.csat) done.push(t.csat(s.csat.score));
  if (done.length > 0) lines.push(sentence(done, '. '));

  const channels = s.channels.map((c) => channelNames[c][s.language as SummaryLanguage]).join(', ');
  const state = s.resolution ? t.resolved(formatDuration(s.resolution.secondsToResolve)) : t.open;
  lines.push(sentence([state, t.messages(s.counts.total, channels), s.resolution?.note ? `${t.note}: ${s.resolution.note}` : null], '; '));
  return lines;
}

function describeFlow(flow: ConversationSummary['flowsCompleted'][number]): string {
  const slots = Object.entries(flow.slots).map(([k, v]) => `${k}: ${String(v)}`);
  return slots.length > 0 ? `${flow.flowId} (${slots.join(', ')})` : flow.flowId;
}

function sentence(parts: (string | null)[], separator = ' — '): string {
  const text = parts.filter((p): p is string => Boolean(p)).join(separator);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** "40 s", "12 min", "2 h 5 min", "3 d 4 h": precise enough for a glance, in every language. */
function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
