import type { ChannelType } from '@fio/contracts';
import { useT } from '../i18n/i18n.ts';
import { commonMessages } from './messages.ts';

/** Product names are the same in every language; the glyph is decoration beside the words. */
const channels: Record<ChannelType, { label: string; glyph: string }> = {
  webchat: { label: 'Webchat', glyph: '◉' },
  api: { label: 'API', glyph: '⚙' },
  whatsapp: { label: 'WhatsApp', glyph: '✆' },
  messenger: { label: 'Messenger', glyph: 'ⓜ' },
  instagram: { label: 'Instagram', glyph: '◎' },
  telegram: { label: 'Telegram', glyph: '➤' },
  sms: { label: 'SMS', glyph: '✉' },
  email: { label: 'E-mail', glyph: '@' },
  voice: { label: 'Voice', glyph: '☎' },
};

export function channelName(type: ChannelType): string {
  return channels[type].label;
}

export function ChannelLabel({ type, testId }: { type: ChannelType | null; testId?: string }) {
  const t = useT(commonMessages);
  const entry = type ? channels[type] : null;
  return (
    <span className="channel-label" data-testid={testId} data-channel={type ?? 'none'}>
      <span className="channel-glyph" aria-hidden="true">
        {entry?.glyph ?? '·'}
      </span>
      {entry?.label ?? t('noChannel')}
    </span>
  );
}
