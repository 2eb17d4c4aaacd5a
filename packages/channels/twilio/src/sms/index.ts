import type { AnyChannelAdapter } from '@fio/channel-kit';

/** Being built: the sms adapter joins this list when it passes the contract suite. */
export const smsChannels: readonly AnyChannelAdapter[] = [];
