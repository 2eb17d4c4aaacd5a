import type { RawWebhookRequest } from '@fio/channel-kit';
import { readCallStep, type CallStep } from '../twiml/call-step.ts';

/** Call statuses Twilio reports; the last five end the call. */
const callStatuses = new Set(['queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled']);
const finalStatuses = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);
const callSidPattern = /^[A-Za-z0-9:_-]{2,128}$/;

export interface VoiceCall {
  callSid: string;
  accountSid: string;
  from: string;
  to: string;
  callStatus: string;
  /** `inbound` when the customer called; `outbound-api`/`outbound-dial` when the call was placed to them. */
  direction: string;
  callerName: string | undefined;
}

/** What the caller gave to a `<Gather>`: digits win over speech when both came. */
export type CallerInput = { via: 'dtmf'; text: string } | { via: 'speech'; text: string; confidence: number | undefined };

/** What a voice webhook is, decided from the step in its URL and the parameters Twilio sent. */
export type VoiceRequestKind =
  | { kind: 'status' }
  | { kind: 'call-start' }
  | { kind: 'input'; step: Extract<CallStep, { kind: 'gather' }> | null; input: CallerInput }
  | { kind: 'no-input'; step: CallStep | null }
  | { kind: 'after-dial'; step: Extract<CallStep, { kind: 'after-dial' }>; dialCallStatus: string | undefined };

export interface VoiceRequest {
  call: VoiceCall;
  what: VoiceRequestKind;
  /** Every parameter Twilio sent, kept as the message's raw payload. */
  params: Record<string, string>;
}

export type ParseVoiceResult = { ok: true; request: VoiceRequest } | { ok: false; reason: string };

/**
 * Reads a TwiML webhook (form-encoded POST, or a GET with the same parameters in the query). Pure.
 * Requires what Twilio sends on every call request, so a truncated or foreign body is refused.
 */
export function parseVoiceRequest(req: RawWebhookRequest, accountSid: string): ParseVoiceResult {
  const params = req.method.toUpperCase() === 'GET' ? queryParams(req.query) : formParams(req.rawBody);
  if (params === null) return { ok: false, reason: 'body is not form-encoded parameters' };

  const missing = ['CallSid', 'AccountSid', 'From', 'To', 'CallStatus', 'ApiVersion'].filter((name) => params[name] === undefined);
  if (missing.length > 0) return { ok: false, reason: `not a TwiML call request: missing ${missing.join(', ')}` };
  const { CallSid: callSid = '', AccountSid: account = '', CallStatus: callStatus = '', ApiVersion: apiVersion = '' } = params;
  if (apiVersion !== '2010-04-01') return { ok: false, reason: `ApiVersion "${apiVersion.slice(0, 20)}" is not 2010-04-01` };
  if (!callSidPattern.test(callSid)) return { ok: false, reason: 'CallSid is not a call id' };
  if (account !== accountSid) return { ok: false, reason: "AccountSid is not this connection's account" };
  if (!callStatuses.has(callStatus)) return { ok: false, reason: `unknown CallStatus "${callStatus.slice(0, 20)}"` };

  const stepResult = readCallStep(req.query);
  if (!stepResult.ok) return stepResult;
  const step = stepResult.step;
  const call: VoiceCall = {
    callSid,
    accountSid: account,
    from: (params['From'] ?? '').trim(),
    to: (params['To'] ?? '').trim(),
    callStatus,
    direction: params['Direction'] ?? 'inbound',
    callerName: params['CallerName']?.trim() || undefined,
  };
  return { ok: true, request: { call, what: classify(params, step), params } };
}

function classify(params: Record<string, string>, step: CallStep | null): VoiceRequestKind {
  // Status callbacks (the number's "call status changes" URL) carry CallbackSource, or a final status.
  if (params['CallbackSource'] !== undefined || (step === null && finalStatuses.has(params['CallStatus'] ?? ''))) {
    return { kind: 'status' };
  }
  if (step?.kind === 'after-dial') return { kind: 'after-dial', step, dialCallStatus: params['DialCallStatus'] };
  const input = callerInput(params);
  if (input !== null && (step === null || step.kind === 'gather')) return { kind: 'input', step, input };
  if (step === null) return { kind: 'call-start' };
  return { kind: 'no-input', step };
}

function callerInput(params: Record<string, string>): CallerInput | null {
  const digits = (params['Digits'] ?? '').trim();
  if (/^[0-9*#]{1,64}$/.test(digits)) return { via: 'dtmf', text: digits };
  const speech = (params['SpeechResult'] ?? '').replace(/\s+/g, ' ').trim();
  if (speech === '') return null;
  const confidence = Number(params['Confidence']);
  return {
    via: 'speech',
    text: speech.slice(0, 4000),
    confidence: params['Confidence'] !== undefined && confidence >= 0 && confidence <= 1 ? confidence : undefined,
  };
}

function formParams(body: Buffer): Record<string, string> | null {
  const text = body.toString('utf8');
  // A form body is name=value pairs; anything with JSON or binary shape is refused before it is split.
  if (!/^[^\s{}[\]"]*$/.test(text) || text.includes('\uFFFD')) return null;
  const seen = new Set<string>();
  const entries: [string, string][] = [];
  for (const [name, value] of new URLSearchParams(text)) {
    // The first value of a repeated name wins; fromEntries defines own properties, so `__proto__` is inert.
    if (seen.has(name)) continue;
    seen.add(name);
    entries.push([name, value]);
  }
  return Object.fromEntries(entries);
}

function queryParams(query: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
