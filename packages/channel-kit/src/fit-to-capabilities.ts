import {
  contentToPlainText,
  type ChannelCapabilities,
  type Content,
  type ContactCardContent,
  type ListContent,
  type LocationContent,
  type MediaContent,
  type QuickReply,
  type TextContent,
} from '@fio/contracts';
import { renderOptionsAsText, type TextOption } from './render-options-as-text.ts';
import { splitText } from './split-text.ts';

export interface FitOptions {
  /** The recipient's locale: numbered and spoken options are phrased in it (pt, es, else en). */
  locale: string;
  /** Whether the customer's last message is recent enough for free-form replies on this channel. */
  withinReplyWindow: boolean;
}

export type FitResult = { ok: true; contents: Content[] } | { ok: false; reason: 'outside_reply_window'; message: string };

/**
 * Degrades canonical content to what a channel declares it can carry: buttons and lists become
 * numbered (or spoken) options, unsupported media and cards become text, long text is split.
 * Formatting (markdown) is left as is. Asks for capabilities only, never for a channel's name.
 */
export function fitToCapabilities(contents: Content[], caps: ChannelCapabilities, opts: FitOptions): FitResult {
  if (!opts.withinReplyWindow && caps.replyWindowHours !== null) {
    // A template the channel cannot send as such would go out as its fallback text: free-form too.
    const freeForm = contents.filter((content) => content.kind !== 'template' || !caps.templates);
    if (freeForm.length > 0) {
      return {
        ok: false,
        reason: 'outside_reply_window',
        message:
          `The customer's last message is more than ${caps.replyWindowHours} hours old, so this channel ` +
          `only accepts approved templates; ${freeForm.length} of ${contents.length} item(s) are free-form ` +
          `(${[...new Set(freeForm.map((content) => content.kind))].join(', ')}).`,
      };
    }
  }
  const fitted = contents.flatMap((content) => fitOne(content, caps, opts.locale));
  return { ok: true, contents: caps.joinReplies ? joinTexts(fitted, caps.maxTextLength) : fitted };
}

/** Joins consecutive text parts into one (options ride on the last), for channels that take one reply per turn. */
function joinTexts(contents: Content[], maxTextLength: number): Content[] {
  const out: Content[] = [];
  for (const content of contents) {
    const last = out.at(-1);
    const fits = last?.kind === 'text' && content.kind === 'text' && last.text.length + content.text.length + 2 <= maxTextLength;
    if (content.kind === 'text' && last?.kind === 'text' && last.quickReplies === undefined && fits) {
      const joined: TextContent = { ...content, text: `${last.text}\n\n${content.text}` };
      out[out.length - 1] = joined;
    } else {
      out.push(content);
    }
  }
  return out;
}

function fitOne(content: Content, caps: ChannelCapabilities, locale: string): Content[] {
  switch (content.kind) {
    case 'text':
      return fitText(content, caps, locale);
    case 'list':
      return fitList(content, caps, locale);
    case 'media':
      return fitMedia(content, caps);
    case 'location':
      return caps.location ? [content] : textParts(locationAsText(content), caps);
    case 'contact_card':
      return caps.contactCards ? [content] : textParts(contactCardAsText(content), caps);
    case 'template':
      return caps.templates ? [content] : textParts(contentToPlainText(content), caps);
    case 'unsupported':
      return textParts(content.placeholder, caps);
  }
}

function fitText(content: TextContent, caps: ChannelCapabilities, locale: string): Content[] {
  const offered = content.quickReplies ?? [];
  if (offered.length === 0) return textParts(content.text, caps, content.payload);
  const buttons = fitQuickReplies(offered, caps);
  if (buttons === undefined) {
    const options = offered.map((reply) => ({ label: reply.label }));
    return textParts(renderOptionsAsText(content.text, options, caps.optionsStyle, locale), caps, content.payload);
  }
  // The buttons ride on the last part, so they follow everything the customer reads; that part keeps
  // within what a message with buttons may carry.
  const parts = textPartsEndingWithin(content.text, caps.maxTextLength, caps.quickReplies?.maxTextLength, content.payload);
  return parts.map((part, index) => (index === parts.length - 1 ? { ...part, quickReplies: buttons } : part));
}

/** The quick replies as the channel can show them, or undefined when they must become text. */
function fitQuickReplies(offered: QuickReply[], caps: ChannelCapabilities): QuickReply[] | undefined {
  if (caps.quickReplies === null || offered.length > caps.quickReplies.max) return undefined;
  const labels = shortenLabels(
    offered.map((reply) => reply.label),
    caps.quickReplies.maxLabelLength,
  );
  if (labels === undefined) return undefined;
  return offered.map((reply, index) => ({ id: reply.id, label: labels[index] ?? reply.label }));
}

/** Truncates labels with an ellipsis; undefined when that would make two of them look alike. */
function shortenLabels(labels: string[], maxLength: number): string[] | undefined {
  const shortened = labels.map((label) => truncateWithEllipsis(label, maxLength));
  const changed = shortened.some((label, index) => label !== labels[index]);
  if (!changed) return shortened;
  const unique = new Set(shortened.map((label) => label.toLowerCase()));
  if (unique.size !== shortened.length) return undefined;
  if (shortened.some((label) => label === '…' || label.length === 0)) return undefined;
  return shortened;
}

function truncateWithEllipsis(label: string, maxLength: number): string {
  if (label.length <= maxLength) return label;
  if (maxLength <= 1) return '…';
  let cut = maxLength - 1;
  const code = label.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${label.slice(0, cut).trimEnd()}…`;
}

function fitList(content: ListContent, caps: ChannelCapabilities, locale: string): Content[] {
  const rows = content.sections.flatMap((section) => section.rows);
  const lists = caps.lists;
  if (lists !== null && rows.length <= lists.maxRows) {
    const titles = shortenLabels(
      rows.map((row) => row.title),
      lists.maxRowTitleLength,
    );
    if (titles !== undefined) {
      let index = 0;
      const sections = content.sections.map((section) => ({
        ...section,
        rows: section.rows.map((row) => ({ ...row, title: titles[index++] ?? row.title })),
      }));
      const parts = textPartsEndingWithin(content.text, caps.maxTextLength, lists.maxTextLength).map((part) => part.text);
      const listText = parts.pop() ?? '';
      const buttonLabel = truncateWithEllipsis(content.buttonLabel, lists.maxButtonLabelLength);
      return [...parts.map((text) => textContent(text)), { ...content, text: listText, buttonLabel, sections }];
    }
  }
  const options: TextOption[] = [];
  for (const section of content.sections) {
    section.rows.forEach((row, index) => {
      options.push({
        label: row.title,
        description: row.description,
        heading: index === 0 && content.sections.length > 1 ? section.title : undefined,
      });
    });
  }
  return textParts(renderOptionsAsText(content.text, options, caps.optionsStyle, locale), caps);
}

function fitMedia(content: MediaContent, caps: ChannelCapabilities): Content[] {
  if (!caps.mediaTypes.includes(content.mediaType)) {
    const title = content.caption ?? content.filename;
    return textParts(title ? `${title}\n${content.url}` : content.url, caps);
  }
  if (content.caption === undefined || content.caption.length <= (caps.maxCaptionLength ?? caps.maxTextLength)) return [content];
  // A caption too long for the channel follows the media as text.
  const { caption, ...withoutCaption } = content;
  return [withoutCaption, ...textParts(caption, caps)];
}

function locationAsText(content: LocationContent): string {
  const { latitude: lat, longitude: lon } = content;
  const map = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
  return [content.name, content.address, map].filter((line) => line !== undefined && line !== '').join('\n');
}

function contactCardAsText(content: ContactCardContent): string {
  return [content.name, ...content.phones, ...content.emails].join('\n');
}

/** Text split for the channel, its last part no longer than `lastMax` (the limit of a message with buttons). */
function textPartsEndingWithin(text: string, maxTextLength: number, lastMax: number | undefined, payload?: string): TextContent[] {
  const parts = splitText(text, maxTextLength);
  if (lastMax === undefined || lastMax >= maxTextLength) return parts.map((part) => textContent(part, payload));
  const last = parts.pop() ?? '';
  const tail = last.length <= lastMax ? [last] : splitText(last, lastMax);
  return [...parts, ...tail].map((part) => textContent(part, payload));
}

function textParts(text: string, caps: ChannelCapabilities, payload?: string): TextContent[] {
  return splitText(text, caps.maxTextLength).map((part) => textContent(part, payload));
}

function textContent(text: string, payload?: string): TextContent {
  return payload === undefined ? { kind: 'text', text } : { kind: 'text', text, payload };
}
