import type { CustomerView, WebhookAnswer } from '../emulator-kit.ts';
import { childElements, parseXml, textContent, type XmlElement } from './parse-xml.ts';
import { spokenOptions } from './spoken-options.ts';

/**
 * Plays one phone call through TwiML the way Twilio executes it, verb by verb: `<Say>` is heard (a
 * CustomerView), `<Gather>` waits for the caller, `<Redirect>` fetches the next document, `<Dial>`
 * connects the caller to someone else, `<Hangup/>` (or running out of verbs) ends the call. A Calls
 * API update replaces whatever the call was doing: work still in flight for the old document is dropped.
 */
export interface EmulatedCall {
  sid: string;
  /** The caller (the customer's address). */
  from: string;
  /** The number they called. */
  to: string;
  callerName: string | undefined;
  status: 'ringing' | 'in-progress' | 'completed';
  startedAt: number;
  /** The `<Gather>` listening now, if any. */
  listening: Listening | null;
  /** The `<Dial>` in progress, if any. */
  bridged: { target: string; action: string | undefined; method: string; rest: Continuation } | null;
  /** Bumped by every document that takes the call over. */
  generation: number;
  /** What happened, in order ("say: …", "gather", "redirect …", "dial …", "hangup"). */
  log: string[];
  saidCount: number;
}

export interface Listening {
  action: string;
  method: string;
  input: string[];
  /** The verbs after the Gather: they run when the caller stays silent. */
  rest: Continuation;
}

interface Continuation {
  verbs: XmlElement[];
  documentUrl: string | undefined;
  twiml: string;
}

export interface CallRuntime {
  /** Sends a signed webhook for this call (its standard parameters plus `extra`). */
  request(call: EmulatedCall, url: string, method: string, extra: Record<string, string>): Promise<WebhookAnswer>;
  deliver(view: CustomerView): void;
  /** The call ended: Twilio posts the status callback. */
  ended(call: EmulatedCall): Promise<void>;
}

/** Runs a new document on the call (the answer to a webhook, or a Calls API update). */
export async function runTwiml(
  rt: CallRuntime,
  call: EmulatedCall,
  twiml: string,
  documentUrl: string | undefined,
  heard: string[] = [],
): Promise<void> {
  call.generation += 1;
  call.listening = null;
  call.bridged = null;
  let root: XmlElement;
  try {
    root = parseXml(twiml);
  } catch (error) {
    call.log.push(`application error: ${error instanceof Error ? error.message : String(error)}`);
    return endCall(rt, call, heard);
  }
  if (root.name !== 'Response') {
    call.log.push(`application error: the document's root is <${root.name}>, not <Response>`);
    return endCall(rt, call, heard);
  }
  await runVerbs(rt, call, { verbs: childElements(root), documentUrl, twiml }, heard, call.generation);
}

/** The caller stayed silent: the Gather times out and the verbs after it run. */
export async function continueAfterSilence(rt: CallRuntime, call: EmulatedCall): Promise<void> {
  const listening = call.listening;
  if (!listening) throw new Error(`call ${call.sid} is not listening`);
  call.listening = null;
  call.log.push('gather: no input');
  await runVerbs(rt, call, listening.rest, [], call.generation);
}

/** The caller answers the Gather: posts the result to its action and runs the answer. */
export async function answerGather(rt: CallRuntime, call: EmulatedCall, result: Record<string, string>): Promise<WebhookAnswer> {
  const listening = call.listening;
  if (!listening) throw new Error(`call ${call.sid} is not listening`);
  call.listening = null;
  call.log.push(`gather: ${result['Digits'] ?? result['SpeechResult'] ?? ''}`);
  const generation = call.generation;
  const answer = await rt.request(call, listening.action, listening.method, result);
  // A Calls API update that arrived meanwhile has taken the call over: this answer is never played.
  if (call.generation === generation && call.status !== 'completed') await playAnswer(rt, call, answer, listening.action);
  return answer;
}

/** The `<Dial>` ends (the agent hung up, or nobody answered): its action decides what follows. */
export async function finishDial(rt: CallRuntime, call: EmulatedCall, dialCallStatus: string, seconds: number): Promise<void> {
  const bridged = call.bridged;
  if (!bridged) throw new Error(`call ${call.sid} is not connected to anyone`);
  call.bridged = null;
  call.log.push(`dial ended: ${dialCallStatus}`);
  if (!bridged.action) return runVerbs(rt, call, bridged.rest, [], call.generation);
  const generation = call.generation;
  const extra = { DialCallStatus: dialCallStatus, DialCallDuration: String(seconds) };
  const answer = await rt.request(call, bridged.action, bridged.method, extra);
  if (call.generation === generation && call.status !== 'completed') await playAnswer(rt, call, answer, bridged.action);
}

export async function endCall(rt: CallRuntime, call: EmulatedCall, heard: string[], action = 'hangup'): Promise<void> {
  flush(rt, call, heard, action, '');
  if (call.status === 'completed') return;
  call.status = 'completed';
  call.listening = null;
  call.bridged = null;
  call.generation += 1;
  call.log.push('hangup');
  await rt.ended(call);
}

async function playAnswer(rt: CallRuntime, call: EmulatedCall, answer: WebhookAnswer, url: string): Promise<void> {
  if (answer.status < 200 || answer.status >= 300) {
    call.log.push(`application error: ${url} answered HTTP ${answer.status}`);
    return endCall(rt, call, []);
  }
  call.status = 'in-progress';
  await runTwiml(rt, call, answer.body, url);
}

async function runVerbs(rt: CallRuntime, call: EmulatedCall, doc: Continuation, heard: string[], generation: number): Promise<void> {
  for (const [index, verb] of doc.verbs.entries()) {
    const rest: Continuation = { ...doc, verbs: doc.verbs.slice(index + 1) };
    switch (verb.name) {
      case 'Say':
        heard.push(textContent(verb).trim());
        call.log.push(`say: ${textContent(verb).trim()}`);
        break;
      case 'Pause':
      case 'Play':
        call.log.push(`${verb.name.toLowerCase()}: ${verb.attributes['length'] ?? textContent(verb)}`);
        break;
      case 'Gather': {
        for (const nested of childElements(verb)) {
          if (nested.name === 'Say') heard.push(textContent(nested).trim());
          call.log.push(
            `${nested.name.toLowerCase()}: ${nested.name === 'Say' ? textContent(nested).trim() : (nested.attributes['length'] ?? '')}`,
          );
        }
        const action = resolveUrl(verb.attributes['action'], doc.documentUrl);
        if (action === undefined) {
          call.log.push('application error: <Gather> without a usable action URL');
          return endCall(rt, call, heard);
        }
        const input = (verb.attributes['input'] ?? 'dtmf').split(/\s+/);
        call.listening = { action, method: verb.attributes['method'] ?? 'POST', input, rest };
        call.log.push(`gather (${input.join(' ')}) → ${action}`);
        flush(rt, call, heard, 'gather', doc.twiml);
        return;
      }
      case 'Redirect': {
        const url = resolveUrl(textContent(verb).trim(), doc.documentUrl);
        if (url === undefined) {
          call.log.push('application error: <Redirect> without a usable URL');
          return endCall(rt, call, heard);
        }
        call.log.push(`redirect → ${url}`);
        const answer = await rt.request(call, url, verb.attributes['method'] ?? 'POST', {});
        if (call.generation !== generation || call.status === 'completed') return;
        if (answer.status < 200 || answer.status >= 300) {
          call.log.push(`application error: ${url} answered HTTP ${answer.status}`);
          return endCall(rt, call, heard);
        }
        // What was said before the Redirect is delivered once the next document decides what follows.
        return runTwiml(rt, call, answer.body, url, heard);
      }
      case 'Dial': {
        const nouns = childElements(verb);
        const target = (nouns.length > 0 ? nouns.map(textContent).join(', ') : textContent(verb)).trim();
        call.bridged = {
          target,
          action: resolveUrl(verb.attributes['action'], doc.documentUrl),
          method: verb.attributes['method'] ?? 'POST',
          rest,
        };
        call.log.push(`dial ${target}`);
        flush(rt, call, heard, `dial ${target}`, doc.twiml);
        return;
      }
      case 'Hangup':
      case 'Reject':
        return endCall(rt, call, heard, 'hangup');
      default:
        // Twilio skips what it cannot execute in a voice call and notes a warning in its debugger.
        call.log.push(`warning: <${verb.name}> is not a voice verb`);
    }
  }
  return endCall(rt, call, heard);
}

function flush(rt: CallRuntime, call: EmulatedCall, heard: string[], action: string, twiml: string): void {
  for (const text of heard.splice(0)) {
    if (text === '') continue;
    call.saidCount += 1;
    const options = spokenOptions(text);
    rt.deliver({
      providerMessageId: `${call.sid}:say:${call.saidCount}`,
      to: call.from,
      text,
      ...(options.length > 0 ? { options } : {}),
      action,
      raw: { twiml },
      at: new Date().toISOString(),
    });
  }
}

function resolveUrl(url: string | undefined, base: string | undefined): string | undefined {
  if (url === undefined || url === '') return base;
  try {
    return new URL(url, base).href;
  } catch {
    return undefined;
  }
}
