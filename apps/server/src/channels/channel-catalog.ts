import type { AnyChannelAdapter } from '@fio/channel-kit';
import type { ChannelType } from '@fio/contracts';
import { apiChannel } from '@fio/channel-api';
import { webchatChannel } from '@fio/channel-webchat';

/** Every channel this build of Fio speaks. The only place that names channel packages. */
export function createChannelCatalog(): ReadonlyMap<ChannelType, AnyChannelAdapter> {
  const adapters: AnyChannelAdapter[] = [webchatChannel, apiChannel];
  return new Map(adapters.map((a) => [a.definition.type, a]));
}
