import { selectJsonPath, type HttpActionResult } from '../actions/index.ts';
import type { BotContact, SlotValue } from '../bot/engine.ts';
import type { FlowStepOf } from './flow-definition.ts';
import type { FlowEnv } from './flow-env.ts';
import { renderDataTemplate, renderDataValue } from './render-data-template.ts';

export type CallStepResult =
  { ok: true; slots: Record<string, SlotValue>; data: Record<string, unknown> } | { ok: false; notFound: boolean; reason: string };

/**
 * Runs one `call` step: renders the request from the slots (values URL-encoded in the URL), asks
 * the HTTP runner, and maps the JSON answer into slots and kept data. Every failure, including a
 * runner that throws or a URL that renders into nonsense, comes back as a result: the flow always
 * has somewhere to go.
 */
export async function runCallStep(
  step: FlowStepOf<'call'>,
  state: { slots: Readonly<Record<string, SlotValue>>; data: Readonly<Record<string, unknown>>; contact: BotContact },
  http: FlowEnv['http'],
): Promise<CallStepResult> {
  const scope = { slots: state.slots, contact: state.contact };
  const url = renderDataTemplate(step.url, scope, encodeURIComponent);
  if (!isHttpUrl(url)) return { ok: false, notFound: false, reason: `invalid_url: ${url}` };
  const headers = Object.fromEntries(
    // A slot value must not smuggle a second header in.
    Object.entries(step.headers).map(([name, value]) => [name, renderDataTemplate(value, scope).replace(/[\r\n]+/g, ' ')]),
  );
  let result: HttpActionResult;
  try {
    result = await http.run({
      method: step.method,
      url,
      headers,
      ...(step.body !== undefined ? { body: renderDataValue(step.body, scope) } : {}),
      timeoutMs: step.timeoutMs,
      retries: step.retries,
    });
  } catch (cause) {
    return { ok: false, notFound: false, reason: `network: ${cause instanceof Error ? cause.message : String(cause)}` };
  }
  if (!result.ok) {
    return {
      ok: false,
      notFound: result.status === 404,
      reason: `${result.code}${result.status ? ` ${result.status}` : ''}: ${result.message}`,
    };
  }

  const slots = { ...state.slots };
  for (const [name, path] of Object.entries(step.map)) {
    const value = toSlotValue(safeSelect(result.json, path));
    // A value the answer does not have must not keep an older one ("eta" of the previous order).
    if (value) slots[name] = value;
    else delete slots[name];
  }
  const data = { ...state.data };
  for (const [name, path] of Object.entries(step.mapData)) {
    const value = safeSelect(result.json, path);
    if (value === undefined) delete data[name];
    else data[name] = value;
  }
  return { ok: true, slots, data };
}

function safeSelect(json: unknown, path: string): unknown {
  try {
    return selectJsonPath(json, path);
  } catch {
    return undefined;
  }
}

function toSlotValue(found: unknown): SlotValue | null {
  if (typeof found === 'string') return { value: found, display: found };
  if (typeof found === 'number' && Number.isFinite(found)) return { value: found, display: String(found) };
  if (typeof found === 'boolean') return { value: found, display: String(found) };
  if (Array.isArray(found) && found.length > 0 && found.every((item) => typeof item === 'string' || typeof item === 'number')) {
    const text = found.join(', ');
    return { value: text, display: text };
  }
  return null;
}

function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
