import type { VoiceConfig } from '../definition.ts';
import { defaultVoiceFor, voicePhrases } from '../voice-phrases.ts';
import { callStepUrl, greetingTurn, type CallStep } from './call-step.ts';
import { renderTwiml, twimlElement, type TwimlElement } from './render-twiml.ts';

/**
 * The TwiML documents of a call, one function per moment. Every prompt is a `<Gather input="speech
 * dtmf">` with the spoken text nested inside (the caller may answer before it ends), followed by a
 * `<Redirect>` that only runs when the Gather heard nothing, so the call never falls off the end.
 */
export interface VoiceTwimlContext {
  config: VoiceConfig;
  /** The connection's webhook URL, without query: every action and redirect points back at it. */
  webhookUrl: string;
}

/** The call was answered: the greeting, listening. */
export function greetingTwiml(c: VoiceTwimlContext): string {
  const greeting = c.config.greeting[c.config.language] ?? voicePhrases(c.config.language).greeting;
  return promptTwiml(c, greetingTurn, 0, [greeting]);
}

/** The caller said something: keep listening (they may go on talking) while the bot's reply is prepared. */
export function holdingTwiml(c: VoiceTwimlContext, turn: string, seq: number, tries: number): string {
  const next = seq + 1;
  return response([
    gather(c, { kind: 'gather', turn, seq: next }, [twimlElement('Pause', { length: c.config.holdSeconds })]),
    redirect(c, { kind: 'after-hold', turn, seq: next, tries }),
  ]);
}

/** A holding loop ended with no reply yet: hold again, or apologise and ask again after too long. */
export function afterHoldTwiml(c: VoiceTwimlContext, turn: string, seq: number, tries: number): string {
  if (tries < c.config.holdLoopsBeforeApology) return holdingTwiml(c, turn, seq, tries + 1);
  return promptTwiml(c, turn, seq + 1, [voicePhrases(c.config.language).stillThere]);
}

/** A prompt went unanswered: ask again, or say goodbye after too many silences. */
export function afterPromptTwiml(c: VoiceTwimlContext, turn: string, seq: number, tries: number): string {
  const phrases = voicePhrases(c.config.language);
  if (tries >= c.config.silentPromptsBeforeHangup) return response([say(c, phrases.goodbyeAfterSilence), twimlElement('Hangup')]);
  return promptTwiml(c, turn, seq + 1, [phrases.didNotHear], tries + 1);
}

/** The `<Dial>` to the team ended: hang up after a finished conversation, else the bot carries on. */
export function afterDialTwiml(c: VoiceTwimlContext, turn: string, seq: number, dialCallStatus: string | undefined): string {
  if (dialCallStatus === 'completed' || dialCallStatus === 'answered') return response([twimlElement('Hangup')]);
  return promptTwiml(c, turn, seq + 1, [voicePhrases(c.config.language).teamUnavailable]);
}

/** Nothing to do on this request (status callbacks): Twilio only needs a 2xx. */
export function emptyTwiml(): string {
  return renderTwiml(twimlElement('Response'));
}

export type ReplyMode = 'converse' | 'dial' | 'handoff_without_phone' | 'goodbye';

/** A reply of the bot or an agent, sent as the call's new TwiML (`turn` is the message's id). */
export function replyTwiml(c: VoiceTwimlContext, turn: string, text: string, mode: ReplyMode): string {
  const phrases = voicePhrases(c.config.language);
  const handoff = c.config.handoff;
  switch (mode) {
    case 'converse':
      return promptTwiml(c, turn, 0, [text]);
    case 'handoff_without_phone':
      return promptTwiml(c, turn, 0, [text, phrases.noPhoneTeam]);
    case 'goodbye':
      return response([...says(c, [text, phrases.goodbye]), twimlElement('Hangup')]);
    case 'dial': {
      if (!handoff) return promptTwiml(c, turn, 0, [text, phrases.noPhoneTeam]);
      const target = handoff.dial.startsWith('+') ? twimlElement('Number', {}, [handoff.dial]) : twimlElement('Sip', {}, [handoff.dial]);
      const dial = twimlElement(
        'Dial',
        {
          action: callStepUrl(c.webhookUrl, { kind: 'after-dial', turn, seq: 0 }),
          method: 'POST',
          timeout: handoff.timeoutSeconds,
          callerId: handoff.callerId,
        },
        [target],
      );
      return response([...says(c, [text]), dial]);
    }
  }
}

function promptTwiml(c: VoiceTwimlContext, turn: string, seq: number, texts: string[], tries = 1): string {
  return response([gather(c, { kind: 'gather', turn, seq }, says(c, texts)), redirect(c, { kind: 'after-prompt', turn, seq, tries })]);
}

function gather(c: VoiceTwimlContext, step: CallStep, children: TwimlElement[]): TwimlElement {
  const hints = c.config.speechHints.join(', ');
  return twimlElement(
    'Gather',
    {
      input: 'speech dtmf',
      language: c.config.language,
      action: callStepUrl(c.webhookUrl, step),
      method: 'POST',
      speechTimeout: 'auto',
      hints: hints === '' ? undefined : hints,
    },
    children,
  );
}

function redirect(c: VoiceTwimlContext, step: CallStep): TwimlElement {
  return twimlElement('Redirect', { method: 'POST' }, [callStepUrl(c.webhookUrl, step)]);
}

function says(c: VoiceTwimlContext, texts: string[]): TwimlElement[] {
  return texts.filter((text) => text.trim() !== '').map((text) => say(c, text));
}

function say(c: VoiceTwimlContext, text: string): TwimlElement {
  const voice = c.config.voice ?? defaultVoiceFor(c.config.language);
  return twimlElement('Say', { voice, language: c.config.language }, [text.trim()]);
}

function response(children: TwimlElement[]): string {
  return renderTwiml(twimlElement('Response', {}, children));
}
