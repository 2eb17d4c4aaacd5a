import { z } from 'zod';
import { declareCapabilities } from '@fio/contracts';
import type { ChannelDefinition } from '@fio/channel-kit';

/** The languages the IVR speaks and listens in (Twilio `<Say>`/`<Gather>` language codes). */
export const voiceLanguageSchema = z.enum(['pt-BR', 'en-US', 'es-ES']);
export type VoiceLanguage = z.infer<typeof voiceLanguageSchema>;

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +5511999990000');
const sipUri = z
  .string()
  .max(512)
  .regex(/^sips?:[^\s<>"]+@[^\s<>"]+$/i, 'must be a SIP URI such as sip:fila@pbx.example.com');

/** Where a call goes when the bot hands the conversation to people: the team's number or SIP queue. */
export const voiceHandoffSchema = z.object({
  dial: z.union([e164, sipUri]),
  /** Caller ID shown to the team (a number of this account); Twilio uses the caller's own when absent. */
  callerId: e164.optional(),
  /** Seconds the team's phone rings before the caller is told nobody answered. */
  timeoutSeconds: z.number().int().min(5).max(600).default(30),
});

/**
 * A TwiML voice connection. Twilio by default; SignalWire's compatibility API speaks the same (set
 * `apiBaseUrl` to `https://SPACE.signalwire.com/api/laml`). The webhook of the number ("a call comes
 * in") and its status callback both point at Fio's webhook URL for this connection.
 */
export const voiceConfigSchema = z.object({
  /** Twilio's Account SID (`AC…`), or the project id of a compatible provider. */
  accountSid: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be an Account SID such as AC0123…'),
  apiBaseUrl: z.url({ protocol: /^https?$/, error: 'apiBaseUrl must be an http(s) URL' }).default('https://api.twilio.com'),
  language: voiceLanguageSchema.default('pt-BR'),
  /** A `<Say>` voice such as `Polly.Camila`; each language has a default that speaks it. */
  voice: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
  /** What the caller hears when the call is answered, per language (a default phrase otherwise). */
  greeting: z.partialRecord(voiceLanguageSchema, z.string().trim().min(1).max(1000)).default({}),
  /** Words and phrases that help the speech recognizer (product names, city names). */
  speechHints: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  handoff: voiceHandoffSchema.optional(),
  /** Prompts repeated after silence before the call ends politely. */
  silentPromptsBeforeHangup: z.number().int().min(1).max(10).default(3),
  /** Seconds of each holding loop while the bot prepares its answer. */
  holdSeconds: z.number().int().min(1).max(10).default(2),
  /** Holding loops (each about holdSeconds + 5 s) before the caller is asked to repeat. */
  holdLoopsBeforeApology: z.number().int().min(1).max(30).default(5),
});
export type VoiceConfig = z.output<typeof voiceConfigSchema>;

export const voiceSecretsSchema = z.object({
  /** The REST API credential (Twilio's Auth Token, SignalWire's API token). */
  authToken: z.string().min(1),
  /**
   * The key webhooks are signed with when it is not the auth token (SignalWire's per-project signing
   * key); Twilio signs with the auth token, so leave it out there.
   */
  signingKey: z.string().min(1).optional(),
});
export type VoiceSecrets = z.output<typeof voiceSecretsSchema>;

/**
 * Speech only. One reply per turn (a second Calls update would cut the first mid-sentence), options
 * spoken ("diga ou digite 1 para …"), and a length about a minute of speech that fits Twilio's
 * 4,000-character inline TwiML with room for the Gather around it.
 */
export const voiceCapabilities = declareCapabilities({
  maxTextLength: 1000,
  formatting: 'none',
  mediaTypes: [],
  quickReplies: null,
  lists: null,
  location: false,
  contactCards: false,
  templates: false,
  typingIndicator: false,
  readReceipts: false,
  joinReplies: true,
  optionsStyle: 'spoken',
  replyWindowHours: null,
});

export const voiceDefinition: ChannelDefinition<VoiceConfig, VoiceSecrets> = {
  type: 'voice',
  displayName: 'Voice (Twilio TwiML)',
  configSchema: voiceConfigSchema,
  secretsSchema: voiceSecretsSchema,
  capabilities: voiceCapabilities,
  // Call webhooks are a few dozen form fields; a long SpeechResult is still well under this.
  maxBodyBytes: 64 * 1024,
  // A call hears one reply at a time; beyond the account's API concurrency Twilio answers 429, retried.
  pacing: { perConnectionPerSecond: 25, perRecipientPerSecond: 1 },
  honoursOptOutKeywords: false,
};
