// WhatsApp Business Cloud API (@fio/channel-whatsapp). Being built: the adapters join `channels` when they pass the contract suite.
import type { AnyChannelAdapter } from '@fio/channel-kit';

/** The adapters this package contributes to Fio's channel catalog. */
export const channels: readonly AnyChannelAdapter[] = [];
