// Voice IVR through TwiML webhooks (Twilio; SignalWire's compatibility API speaks the same): calls are
// answered with a greeting and a speech/keypad Gather, what the caller says becomes a message, and
// replies replace the live call's TwiML. Owns no state: where a call is lives in its action URLs.
import type { AnyChannelAdapter } from '@fio/channel-kit';
import { voiceChannel } from './voice-channel.ts';

export const voiceChannels: readonly AnyChannelAdapter[] = [voiceChannel];

export { voiceChannel } from './voice-channel.ts';
export { voiceConfigSchema, voiceSecretsSchema, voiceCapabilities, type VoiceConfig, type VoiceSecrets } from './definition.ts';
