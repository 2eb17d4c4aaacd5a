import type { ChannelType } from '@fio/contracts';
import { useT } from '../i18n/i18n.ts';
import { conversationMessages } from './messages.ts';

/** A glyph per channel from common fonts (no emoji font needed); decorative only, the label says the channel in words. */
const channelGlyph: Record<ChannelType, string> = {
  webchat: '▣',
  api: '⚙',
  whatsapp: '✆',
  messenger: '☁',
  instagram: '◎',
  telegram: '✈',
  sms: '✉',
  email: '@',
  voice: '☎',
};

export function useChannelName(): (channel: ChannelType | null) => string {
  const t = useT(conversationMessages);
  return (channel) => (channel ? t(`channel.${channel}`) : t('channel.unknown'));
}

export function ChannelLabel({ channel }: { channel: ChannelType | null }) {
  const channelName = useChannelName();
  return (
    <span className="cv-channel" data-channel={channel ?? 'unknown'}>
      <span aria-hidden="true" className="cv-channel-glyph">
        {channel ? channelGlyph[channel] : '•'}
      </span>
      {channelName(channel)}
    </span>
  );
}
