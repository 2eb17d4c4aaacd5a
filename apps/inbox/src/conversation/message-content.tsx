import type { Content, InboxMessage } from '@fio/contracts';
import { useT } from '../i18n/i18n.ts';
import { LinkedText } from './linked-text.tsx';
import { conversationMessages } from './messages.ts';
import { toSafeUrl } from './safe-url.ts';

function Chips({ labels }: { labels: string[] }) {
  if (labels.length === 0) return null;
  return (
    <ul className="cv-chips">
      {labels.map((label, i) => (
        <li key={i} className="cv-chip">
          {label}
        </li>
      ))}
    </ul>
  );
}

function MessageText({ text }: { text: string }) {
  return (
    <p className="cv-message-text" data-testid="message-text">
      <LinkedText text={text} />
    </p>
  );
}

function MediaPreview({ content }: { content: Extract<Content, { kind: 'media' }> }) {
  const t = useT(conversationMessages);
  const url = toSafeUrl(content.url);
  const name = content.filename ?? t(`media.${content.mediaType}`);
  if (!url) return <p className="cv-muted">{t('media.blocked', { name })}</p>;
  switch (content.mediaType) {
    case 'image':
      return (
        <a href={url} target="_blank" rel="noopener noreferrer" className="cv-media-link">
          <img className="cv-media-image" src={url} alt={content.caption ?? name} loading="lazy" />
        </a>
      );
    case 'audio':
      return <audio className="cv-media-audio" controls preload="none" src={url} aria-label={name} />;
    case 'video':
      return <video className="cv-media-video" controls preload="metadata" src={url} aria-label={name} />;
    case 'file':
      return (
        <a className="cv-file" href={url} download={content.filename ?? true} target="_blank" rel="noopener noreferrer">
          <span aria-hidden="true">⤓ </span>
          {t('media.download', { name })}
          {content.sizeBytes !== undefined ? ` (${formatBytes(content.sizeBytes)})` : ''}
        </a>
      );
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One message's content by kind; every string from the message is a React text child, never markup. */
export function MessageContent({ message }: { message: InboxMessage }) {
  const t = useT(conversationMessages);
  const content = message.content;
  switch (content.kind) {
    case 'text':
      return (
        <>
          <MessageText text={content.text} />
          <Chips labels={(content.quickReplies ?? []).map((q) => q.label)} />
        </>
      );
    case 'list':
      return (
        <>
          <MessageText text={content.text} />
          <Chips labels={content.sections.flatMap((s) => s.rows.map((r) => r.title))} />
        </>
      );
    case 'media':
      return (
        <>
          <MediaPreview content={content} />
          <MessageText text={content.caption ?? ''} />
        </>
      );
    case 'location': {
      const map = `https://www.openstreetmap.org/?mlat=${content.latitude}&mlon=${content.longitude}#map=16/${content.latitude}/${content.longitude}`;
      const place = [content.name, content.address].filter(Boolean).join(' — ');
      return (
        <>
          <MessageText text={place || t('location.label')} />
          <p className="cv-muted">
            {`${content.latitude.toFixed(5)}, ${content.longitude.toFixed(5)} · `}
            <a href={map} target="_blank" rel="noopener noreferrer">
              {t('location.map')}
            </a>
          </p>
        </>
      );
    }
    case 'contact_card':
      return (
        <>
          <MessageText text={t('contactCard.label', { name: content.name })} />
          <Chips labels={[...content.phones, ...content.emails]} />
        </>
      );
    case 'template':
      return (
        <>
          <span className="cv-tag-label">{t('template.label', { name: content.name })}</span>
          <MessageText text={content.fallbackText ?? message.text} />
        </>
      );
    case 'unsupported':
      return (
        <p className="cv-message-text cv-muted" data-testid="message-text">
          {content.placeholder}
        </p>
      );
  }
}
