// Messenger and Instagram (Meta Send API) (@fio/channel-meta). Being built: the adapters join `channels` when they pass the contract suite.
import type { AnyChannelAdapter } from '@fio/channel-kit';

/** The adapters this package contributes to Fio's channel catalog. */
export const channels: readonly AnyChannelAdapter[] = [];
