import type { AnyChannelAdapter } from '@fio/channel-kit';
import type { ChannelType } from '@fio/contracts';
import { apiChannel } from '@fio/channel-api';
import { channels as emailChannels } from '@fio/channel-email';
import { channels as metaChannels } from '@fio/channel-meta';
import { channels as telegramChannels } from '@fio/channel-telegram';
import { channels as twilioChannels } from '@fio/channel-twilio';
import { webchatChannel } from '@fio/channel-webchat';
import { channels as whatsappChannels } from '@fio/channel-whatsapp';

/** Every channel this build of Fio speaks. The only place that names channel packages. */
export function createChannelCatalog(): ReadonlyMap<ChannelType, AnyChannelAdapter> {
  const adapters: AnyChannelAdapter[] = [
    webchatChannel,
    apiChannel,
    ...whatsappChannels,
    ...metaChannels,
    ...telegramChannels,
    ...twilioChannels,
    ...emailChannels,
  ];
  return new Map(adapters.map((a) => [a.definition.type, a]));
}
