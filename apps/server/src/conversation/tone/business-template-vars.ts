import { formatBusinessHours, formatOpeningTime, formatTimeOfDay, isOpenAt } from '../../handoff/business-hours.ts';
import type { WorkspaceDefinition } from '../../workspace/index.ts';
import type { Language } from '../../workspace/workspace.schema.ts';
import type { TemplateVars } from './render-template.ts';

interface OpenNowPhrases {
  openUntil(close: string): string;
  open: string;
  closed(next: string): string;
  holiday(next: string): string;
  neverOpens: string;
  /** `next_opening` while open: the team answers now, so "em instantes" reads right in "Nossa equipe responde ...". */
  soon: string;
  /** `next_opening` when no opening is scheduled at all. */
  asap: string;
}

const phrases: Record<Language, OpenNowPhrases> = {
  'pt-BR': {
    openUntil: (close) => `Estamos abertos agora, até as ${close}.`,
    open: 'Estamos abertos agora.',
    closed: (next) => `No momento estamos fechados. Abrimos ${next}.`,
    holiday: (next) => `Hoje é feriado e estamos fechados. Abrimos ${next}.`,
    neverOpens: 'No momento estamos fechados.',
    soon: 'em instantes',
    asap: 'assim que possível',
  },
  en: {
    openUntil: (close) => `We're open now, until ${close}.`,
    open: "We're open now.",
    closed: (next) => `We're closed right now. We open ${next}.`,
    holiday: (next) => `Today is a holiday and we're closed. We open ${next}.`,
    neverOpens: "We're closed right now.",
    soon: 'shortly',
    asap: 'as soon as possible',
  },
  es: {
    openUntil: (close) => `Estamos abiertos ahora, hasta las ${close}.`,
    open: 'Estamos abiertos ahora.',
    closed: (next) => `Ahora estamos cerrados. Abrimos ${next}.`,
    holiday: (next) => `Hoy es feriado y estamos cerrados. Abrimos ${next}.`,
    neverOpens: 'Ahora estamos cerrados.',
    soon: 'en breve',
    asap: 'lo antes posible',
  },
};

/**
 * `{{business.*}}` for one language at one instant, from the workspace's hours and time zone:
 * the weekly hours in words, a sentence on whether it is open now, and when a person answers next.
 */
export function businessTemplateVars(workspace: WorkspaceDefinition, language: Language, now: Date): TemplateVars['business'] {
  const words = phrases[language];
  const state = isOpenAt(workspace.businessHours, workspace.timezone, now);
  const hours = formatBusinessHours(workspace.businessHours, language);
  if (state.open) {
    const openNow = state.nextChange ? words.openUntil(formatTimeOfDay(state.nextChange, workspace.timezone, language)) : words.open;
    return { name: workspace.name, hours, openNow, nextOpening: words.soon };
  }
  if (!state.nextChange) return { name: workspace.name, hours, openNow: words.neverOpens, nextOpening: words.asap };
  const nextOpening = formatOpeningTime(state.nextChange, now, workspace.timezone, language);
  const openNow = state.holiday ? words.holiday(nextOpening) : words.closed(nextOpening);
  return { name: workspace.name, hours, openNow, nextOpening };
}

/** `{{now.date}}` and `{{now.time}}` on the business's wall clock: "24/11/2026" and "14h" in pt-BR, "11/24/2026" and "2pm" in en. */
export function nowTemplateVars(workspace: WorkspaceDefinition, language: Language, now: Date): TemplateVars['now'] {
  const date = new Intl.DateTimeFormat(language, {
    timeZone: workspace.timezone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(now);
  return { date, time: formatTimeOfDay(now, workspace.timezone, language) };
}
