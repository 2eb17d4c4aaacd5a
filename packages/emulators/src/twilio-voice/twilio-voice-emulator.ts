import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createEmulatorState,
  postWebhook,
  readBody,
  sendJson,
  type CustomerIdentity,
  type CustomerView,
  type ProviderEmulator,
  type WebhookAnswer,
} from '../emulator-kit.ts';
import {
  answerGather,
  continueAfterSilence,
  endCall,
  finishDial,
  runTwiml,
  type CallRuntime,
  type EmulatedCall,
} from './call-simulator.ts';
import { parseXml, XmlParseError } from './parse-xml.ts';
import { formBody, signTwilioRequest } from './sign-twilio-request.ts';

export interface TwilioVoiceEmulatorOptions {
  accountSid: string;
  authToken: string;
  /** The business's number the customer calls. */
  phoneNumber: string;
  /** The number's voice webhook ("a call comes in"): Fio's webhook URL for the connection. */
  webhookUrl: string;
  /** The number's call status callback URL (default: the webhook URL). */
  statusCallbackUrl?: string;
  /** Confidence Twilio reports with each SpeechResult (default 0.92). */
  speechConfidence?: number;
}

export interface TwilioVoiceEmulator extends ProviderEmulator {
  readonly calls: readonly EmulatedCall[];
  /** The caller's live call, if any. */
  liveCall(address: string): EmulatedCall | undefined;
  readonly customer: ProviderEmulator['customer'] & {
    /** The caller stays silent until the listening `<Gather>` times out. */
    staySilent(from: CustomerIdentity): Promise<void>;
    /** The caller hangs up. */
    hangUp(from: CustomerIdentity): Promise<void>;
    /** The dialled party leaves (`completed`) or never answered (`no-answer`, `busy`, `failed`). */
    finishDial(from: CustomerIdentity, dialCallStatus: string): Promise<void>;
  };
}

const callPath = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/([^/]+)\.json$/;
const maxInlineTwiml = 4000;

/**
 * Twilio Programmable Voice, emulated: a caller phones the business (the incoming-call webhook,
 * signed), speaks or keys in to each `<Gather>`, and hears what the TwiML says; the Calls API
 * (`POST …/Calls/{CallSid}.json` with `Twiml`) replaces a live call's instructions, with basic auth,
 * Twilio's error bodies (20003, 20404, 21220, 32018, 12100) and injected failures.
 */
export function createTwilioVoiceEmulator(options: TwilioVoiceEmulatorOptions): TwilioVoiceEmulator {
  const state = createEmulatorState();
  const calls: EmulatedCall[] = [];
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;

  const callParams = (call: EmulatedCall): Record<string, string> => ({
    AccountSid: options.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: call.sid,
    CallStatus: call.status,
    Called: call.to,
    Caller: call.from,
    ...(call.callerName ? { CallerName: call.callerName } : {}),
    Direction: 'inbound',
    From: call.from,
    To: call.to,
  });

  const runtime: CallRuntime = {
    async request(call, url, method, extra) {
      const params = { ...callParams(call), ...extra };
      if (method.toUpperCase() === 'GET') {
        const target = new URL(url);
        for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
        const signature = signTwilioRequest(options.authToken, target.href, {});
        const res = await fetch(target, { headers: { 'x-twilio-signature': signature }, redirect: 'manual' });
        return { status: res.status, body: await res.text(), contentType: res.headers.get('content-type') ?? undefined };
      }
      return postWebhook(url, formBody(params), {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(options.authToken, url, params),
        'user-agent': 'TwilioProxy/1.1',
      });
    },
    deliver: (view) => state.deliver(view),
    async ended(call) {
      const url = options.statusCallbackUrl ?? options.webhookUrl;
      const params = {
        ...callParams(call),
        CallDuration: String(Math.max(0, Math.round((Date.now() - call.startedAt) / 1000))),
        CallbackSource: 'call-progress-events',
        SequenceNumber: '0',
        Timestamp: new Date().toUTCString(),
      };
      await postWebhook(url, formBody(params), {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(options.authToken, url, params),
      });
    },
  };

  const liveCall = (address: string) => calls.find((call) => call.from === address && call.status !== 'completed');

  async function startCall(from: CustomerIdentity): Promise<EmulatedCall> {
    const call: EmulatedCall = {
      sid: `CA${randomBytes(16).toString('hex')}`,
      from: from.address,
      to: options.phoneNumber,
      callerName: from.name,
      status: 'ringing',
      startedAt: Date.now(),
      listening: null,
      bridged: null,
      generation: 0,
      log: [],
      saidCount: 0,
    };
    calls.push(call);
    const answer = await runtime.request(call, options.webhookUrl, 'POST', {});
    if (answer.status < 200 || answer.status >= 300) {
      call.log.push(`application error: the webhook answered HTTP ${answer.status}`);
      await endCall(runtime, call, []);
      throw new Error(`the incoming-call webhook answered HTTP ${answer.status}: ${answer.body.slice(0, 300)}`);
    }
    call.status = 'in-progress';
    await runTwiml(runtime, call, answer.body, options.webhookUrl);
    return call;
  }

  function requireCall(from: CustomerIdentity): EmulatedCall {
    const call = liveCall(from.address);
    if (!call) throw new Error(`${from.address} has no call in progress`);
    return call;
  }

  async function say(from: CustomerIdentity, text: string): Promise<WebhookAnswer> {
    const call = liveCall(from.address) ?? (await startCall(from));
    if (call.bridged) throw new Error(`the call is connected to ${call.bridged.target}: the caller is talking to a person now`);
    const listening = call.listening;
    if (!listening) throw new Error(`call ${call.sid} is not listening (no <Gather> pending)`);
    // Digits are keyed in when the Gather takes the keypad; otherwise the caller says them.
    const keyed = /^[0-9*#]+$/.test(text.trim()) && listening.input.includes('dtmf');
    if (!keyed && !listening.input.includes('speech')) throw new Error('the <Gather> listens for the keypad only');
    const result: Record<string, string> = keyed
      ? { Digits: text.trim() }
      : { SpeechResult: text, Confidence: String(options.speechConfidence ?? 0.92) };
    return answerGather(runtime, call, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const body = await readBody(req, 1024 * 1024);
    state.record(req, path, body);
    if (state.answerInjectedFailure(res)) return;
    const match = callPath.exec(path);
    if (!match || req.method !== 'POST') return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
    if (req.headers.authorization !== authorization || decodeURIComponent(match[1] ?? '') !== options.accountSid) {
      return twilioError(res, 401, 20003, 'Authenticate');
    }
    const call = calls.find((c) => c.sid === decodeURIComponent(match[2] ?? ''));
    if (!call) return twilioError(res, 404, 20404, `The requested resource ${path} was not found`);
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return twilioError(res, 400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
    }
    const params = new URLSearchParams(body.toString('utf8'));
    const twiml = params.get('Twiml');
    const status = params.get('Status');
    if (twiml === null && params.get('Url') === null && status === null) {
      return twilioError(res, 400, 21201, 'One of Url, Twiml or Status is required to update a call');
    }
    if (call.status === 'completed') return twilioError(res, 400, 21220, 'Call is not in-progress. Cannot redirect.');
    if (status !== null && status !== 'completed' && status !== 'canceled') {
      return twilioError(res, 400, 20001, `Status must be completed or canceled, not ${status}`);
    }
    if (twiml !== null) {
      if (twiml.length > maxInlineTwiml) {
        return twilioError(res, 400, 32018, `Twiml size exceeded maximum allowed value of ${maxInlineTwiml} characters`);
      }
      try {
        if (parseXml(twiml).name !== 'Response') throw new XmlParseError('the root element is not <Response>', 0);
      } catch (error) {
        return twilioError(res, 400, 12100, `Document parse failure: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else if (status === null) {
      return twilioError(res, 400, 21201, 'this emulator runs inline Twiml only; fetching Url is not emulated');
    }
    sendJson(res, 200, callResource(call, options.accountSid));
    // Twilio answers, then the call switches to the new instructions.
    const next = status !== null ? endCall(runtime, call, []) : runTwiml(runtime, call, twiml ?? '', undefined);
    next.catch((error: unknown) => call.log.push(`emulator error: ${error instanceof Error ? error.message : String(error)}`));
  }

  return {
    provider: 'twilio-voice',
    handle,
    get requests() {
      return state.requests;
    },
    get delivered(): readonly CustomerView[] {
      return state.delivered;
    },
    onDelivered: (listener) => state.onDelivered(listener),
    failNext: (count, status, opts) => state.failNext(count, status, opts),
    calls,
    liveCall,
    customer: {
      sendText: say,
      pickOption: (from, view, optionIndex) => say(from, view.options?.[optionIndex]?.id ?? String(optionIndex + 1)),
      staySilent: (from) => continueAfterSilence(runtime, requireCall(from)),
      hangUp: (from) => endCall(runtime, requireCall(from), []),
      finishDial: (from, dialCallStatus) => finishDial(runtime, requireCall(from), dialCallStatus, 42),
    },
  };
}

function twilioError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function callResource(call: EmulatedCall, accountSid: string) {
  const created = new Date(call.startedAt).toUTCString();
  return {
    sid: call.sid,
    account_sid: accountSid,
    from: call.from,
    to: call.to,
    status: call.status,
    direction: 'inbound',
    api_version: '2010-04-01',
    caller_name: call.callerName ?? null,
    date_created: created,
    date_updated: new Date().toUTCString(),
    start_time: created,
    uri: `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}.json`,
  };
}
