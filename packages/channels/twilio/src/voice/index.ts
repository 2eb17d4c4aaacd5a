import type { AnyChannelAdapter } from '@fio/channel-kit';

/** Being built: the voice adapter joins this list when it passes the contract suite. */
export const voiceChannels: readonly AnyChannelAdapter[] = [];
