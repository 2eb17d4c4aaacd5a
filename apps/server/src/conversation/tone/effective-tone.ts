import type { ChannelType } from '@fio/contracts';
import type { EffectiveTone, Tone } from '../../workspace/workspace.schema.ts';

/**
 * The tone on one channel type: the workspace's tone with that channel's overrides. A channel's
 * greeting is merged per language, so a channel that only rewrites the pt-BR greeting keeps the
 * workspace's en and es ones instead of falling back to the built-in text.
 */
export function effectiveTone(tone: Tone, channelType: ChannelType | undefined): EffectiveTone {
  const base: EffectiveTone = { formality: tone.formality, emoji: tone.emoji };
  if (tone.greeting) base.greeting = { ...tone.greeting };
  if (tone.maxLength !== undefined) base.maxLength = tone.maxLength;
  const channel = channelType === undefined ? undefined : tone.channels[channelType];
  if (!channel) return base;
  if (channel.formality) base.formality = channel.formality;
  if (channel.emoji) base.emoji = channel.emoji;
  if (channel.maxLength !== undefined) base.maxLength = channel.maxLength;
  if (channel.greeting) base.greeting = { ...base.greeting, ...channel.greeting };
  return base;
}
