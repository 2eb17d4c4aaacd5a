import { ChannelError } from '@fio/channel-kit';
import type { ContactCardContent, Content, ListContent, MediaContent, TemplateContent, TextContent } from '@fio/contracts';

/** Meta's per-field limits for what Fio sends (Cloud API messages reference). */
export const whatsappLimits = {
  textBody: 4096,
  interactiveBody: 1024,
  caption: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listRows: 10,
  listSections: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  sectionTitle: 24,
  listButton: 20,
} as const;

/** The type-specific part of a `/messages` request body (everything but product, recipient and context). */
export type MessagePart = Record<string, unknown> & { type: string };

/**
 * Canonical content (already fitted to WhatsApp's declared capabilities) → the Cloud API message
 * object. What the capabilities cannot express exactly (a caption or an interactive body over Meta's
 * field limits) is refused with unsupported_content rather than cut short.
 */
export function renderMessage(content: Content): MessagePart {
  switch (content.kind) {
    case 'text':
      return content.quickReplies?.length ? renderButtons(content) : renderText(content.text);
    case 'list':
      return renderList(content);
    case 'media':
      return renderMedia(content);
    case 'location':
      return {
        type: 'location',
        location: {
          latitude: content.latitude,
          longitude: content.longitude,
          ...(content.name ? { name: content.name } : {}),
          ...(content.address ? { address: content.address } : {}),
        },
      };
    case 'contact_card':
      return { type: 'contacts', contacts: [renderContact(content)] };
    case 'template':
      return renderTemplate(content);
    case 'unsupported':
      throw refuse(`unsupported content (${content.providerKind}) cannot be sent`);
  }
}

function renderText(text: string): MessagePart {
  if (text.length === 0) throw refuse('an empty text cannot be sent');
  if (text.length > whatsappLimits.textBody) throw refuse(`text over ${whatsappLimits.textBody} characters`);
  // WhatsApp shows a link preview only when asked, and only for the first URL.
  return { type: 'text', text: { body: text, preview_url: /https?:\/\/\S/.test(text) } };
}

function renderButtons(content: TextContent): MessagePart {
  const replies = content.quickReplies ?? [];
  if (replies.length > whatsappLimits.buttons) throw refuse(`${replies.length} buttons (WhatsApp allows ${whatsappLimits.buttons})`);
  for (const reply of replies) {
    if (reply.label.length > whatsappLimits.buttonTitle)
      throw refuse(`button title "${reply.label}" over ${whatsappLimits.buttonTitle} characters`);
    if (reply.id.length > whatsappLimits.buttonId) throw refuse(`button id over ${whatsappLimits.buttonId} characters`);
  }
  return {
    type: 'interactive',
    interactive: {
      type: 'button',
      body: { text: interactiveBody(content.text) },
      action: { buttons: replies.map((reply) => ({ type: 'reply', reply: { id: reply.id, title: reply.label } })) },
    },
  };
}

function renderList(content: ListContent): MessagePart {
  const rows = content.sections.flatMap((section) => section.rows);
  if (rows.length > whatsappLimits.listRows) throw refuse(`${rows.length} list rows (WhatsApp allows ${whatsappLimits.listRows})`);
  if (content.buttonLabel.length > whatsappLimits.listButton)
    throw refuse(`list button label over ${whatsappLimits.listButton} characters`);
  for (const row of rows) {
    if (row.title.length > whatsappLimits.rowTitle)
      throw refuse(`list row title "${row.title}" over ${whatsappLimits.rowTitle} characters`);
    if (row.id.length > whatsappLimits.rowId) throw refuse(`list row id over ${whatsappLimits.rowId} characters`);
  }
  // Meta requires a title on every section once there are several: untitled ones are merged into one.
  const titled = content.sections.length === 1 || content.sections.every((section) => section.title);
  const sections = titled ? content.sections : [{ title: undefined, rows }];
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      body: { text: interactiveBody(content.text) },
      action: {
        button: content.buttonLabel,
        sections: sections.map((section) => ({
          ...(section.title ? { title: shorten(section.title, whatsappLimits.sectionTitle) } : {}),
          rows: section.rows.map((row) => ({
            id: row.id,
            title: row.title,
            ...(row.description ? { description: shorten(row.description, whatsappLimits.rowDescription) } : {}),
          })),
        })),
      },
    },
  };
}

function renderMedia(content: MediaContent): MessagePart {
  if (!/^https?:\/\//i.test(content.url)) throw refuse(`media must be sent by http(s) link, not ${content.url.slice(0, 40)}`);
  if (content.caption !== undefined && content.caption.length > whatsappLimits.caption) {
    throw refuse(`media caption over ${whatsappLimits.caption} characters`);
  }
  const caption = content.caption ? { caption: content.caption } : {};
  switch (content.mediaType) {
    case 'image':
      return { type: 'image', image: { link: content.url, ...caption } };
    case 'video':
      return { type: 'video', video: { link: content.url, ...caption } };
    case 'audio':
      // Audio messages carry no caption: a captioned recording goes as a document, which keeps both.
      if (content.caption) return renderDocument(content);
      return { type: 'audio', audio: { link: content.url } };
    case 'file':
      return renderDocument(content);
  }
}

function renderDocument(content: MediaContent): MessagePart {
  return {
    type: 'document',
    document: {
      link: content.url,
      ...(content.caption ? { caption: content.caption } : {}),
      ...(content.filename ? { filename: content.filename } : {}),
    },
  };
}

function renderContact(content: ContactCardContent): Record<string, unknown> {
  // Meta wants formatted_name plus at least one name part.
  const [first = content.name, ...rest] = content.name.trim().split(/\s+/);
  return {
    name: { formatted_name: content.name, first_name: first, ...(rest.length ? { last_name: rest.join(' ') } : {}) },
    ...(content.phones.length ? { phones: content.phones.map((phone) => ({ phone, type: 'CELL' })) } : {}),
    ...(content.emails.length ? { emails: content.emails.map((email) => ({ email, type: 'WORK' })) } : {}),
  };
}

function renderTemplate(content: TemplateContent): MessagePart {
  // Meta's language codes use an underscore (pt_BR, en_US); Fio's are BCP 47 (pt-BR).
  const code = content.language.replace('-', '_');
  const components = content.parameters.length
    ? [{ type: 'body', parameters: content.parameters.map((text) => ({ type: 'text', text })) }]
    : undefined;
  return { type: 'template', template: { name: content.name, language: { code }, ...(components ? { components } : {}) } };
}

function interactiveBody(text: string): string {
  if (text.trim().length === 0) throw refuse('buttons and lists need a message text');
  if (text.length > whatsappLimits.interactiveBody) {
    throw refuse(`text with buttons or a list over ${whatsappLimits.interactiveBody} characters (WhatsApp's interactive body limit)`);
  }
  return text;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function refuse(what: string): ChannelError {
  return new ChannelError({ code: 'unsupported_content', message: `WhatsApp cannot send this: ${what}`, retryable: false });
}
