import type { z } from 'zod';
import type { Content, MediaType } from '@fio/contracts';
import {
  buttonSchema,
  describeIssues,
  editSchema,
  interactiveSchema,
  locationSchema,
  mediaSchema,
  reactionSchema,
  revokeSchema,
  sharedContactSchema,
  systemSchema,
  textSchema,
  unsupportedSchema,
  type SharedContact,
} from './webhook-payload.schema.ts';
import { mediaRef } from '../media-ref.ts';

/** One WhatsApp message's canonical content (several for a message sharing several contacts). */
export type KindResult =
  | {
      ok: true;
      contents: Content[];
      /** The message this one acts on (reaction, edit, deletion), when it is not in `context`. */
      refersTo?: string;
      /** Whether the canonical content leaves out something the provider sent (kept in `raw`). */
      keepRaw: boolean;
    }
  | { ok: false; reason: string };

const mediaKinds: Record<string, MediaType> = {
  image: 'image',
  // Stickers are WebP images: shown as the image they are rather than a placeholder.
  sticker: 'image',
  video: 'video',
  audio: 'audio',
  // The on-premises API's name for a voice note; the Cloud API sends audio with voice: true.
  voice: 'audio',
  document: 'file',
};

/**
 * Maps one message of Meta's webhook to canonical content. Known kinds with a malformed body refuse
 * the payload; kinds Fio cannot show become `unsupported` with a readable placeholder, never dropped.
 */
export function messageToContent(type: string, message: Record<string, unknown>, path: string): KindResult {
  const body = message[type];
  const parse = <S extends z.ZodType>(schema: S): z.output<S> | string => {
    const parsed = schema.safeParse(body);
    return parsed.success ? parsed.data : describeIssues(parsed.error, `${path}.${type}`);
  };
  const mediaType = mediaKinds[type];
  if (mediaType !== undefined) {
    const media = parse(mediaSchema);
    if (typeof media === 'string') return { ok: false, reason: media };
    const content: Content = {
      kind: 'media',
      mediaType,
      url: mediaRef(media.id),
      ...(media.mime_type ? { mimeType: media.mime_type } : {}),
      ...(media.filename ? { filename: media.filename } : {}),
      ...(media.caption ? { caption: media.caption } : {}),
    };
    return { ok: true, contents: [content], keepRaw: false };
  }
  switch (type) {
    case 'text': {
      const text = parse(textSchema);
      if (typeof text === 'string') return { ok: false, reason: text };
      // Click-to-WhatsApp ads arrive as text with a `referral`: the ad it came from stays in raw.
      return { ok: true, contents: [{ kind: 'text', text: text.body }], keepRaw: 'referral' in message };
    }
    case 'interactive':
      return interactiveToContent(parse(interactiveSchema));
    case 'button': {
      // A tap on a template's quick-reply button.
      const button = parse(buttonSchema);
      if (typeof button === 'string') return { ok: false, reason: button };
      const payload = button.payload ? { payload: button.payload } : {};
      return { ok: true, contents: [{ kind: 'text', text: button.text, ...payload }], keepRaw: false };
    }
    case 'location': {
      const location = parse(locationSchema);
      if (typeof location === 'string') return { ok: false, reason: location };
      return { ok: true, contents: [{ kind: 'location', ...location }], keepRaw: false };
    }
    case 'contacts':
      return contactsToContent(body, path);
    case 'reaction': {
      const reaction = parse(reactionSchema);
      if (typeof reaction === 'string') return { ok: false, reason: reaction };
      const placeholder = reaction.emoji ? `[reaction ${reaction.emoji}]` : '[reaction removed]';
      return { ok: true, contents: [unsupported(placeholder, 'reaction')], refersTo: reaction.message_id, keepRaw: true };
    }
    case 'system': {
      const system = parse(systemSchema);
      if (typeof system === 'string') return { ok: false, reason: system };
      const placeholder = system.body ? `[system: ${system.body}]` : '[system message]';
      return { ok: true, contents: [unsupported(placeholder, 'system')], keepRaw: true };
    }
    case 'revoke': {
      const revoke = parse(revokeSchema);
      if (typeof revoke === 'string') return { ok: false, reason: revoke };
      return { ok: true, contents: [unsupported('[message deleted]', 'revoke')], refersTo: revoke.original_message_id, keepRaw: true };
    }
    case 'edit':
      return editToContent(parse(editSchema), path);
    case 'unsupported': {
      const detail = unsupportedSchema.safeParse(body);
      const kind = detail.success && detail.data.type ? detail.data.type : 'unsupported';
      const placeholder = kind === 'unsupported' ? '[unsupported message]' : `[unsupported message: ${kind}]`;
      return { ok: true, contents: [unsupported(placeholder, kind)], keepRaw: true };
    }
    default:
      // order, request_welcome and kinds Meta adds later.
      return { ok: true, contents: [unsupported(`[${type.replace(/_/g, ' ')}]`, type)], keepRaw: true };
  }
}

function interactiveToContent(interactive: z.output<typeof interactiveSchema> | string): KindResult {
  if (typeof interactive === 'string') {
    // Meta sends `type: "interactive"` without the object when it could not render the reply itself.
    return { ok: true, contents: [unsupported('[interactive message]', 'interactive')], keepRaw: true };
  }
  const reply = interactive.button_reply ?? interactive.list_reply;
  if ((interactive.type === 'button_reply' || interactive.type === 'list_reply') && reply) {
    return { ok: true, contents: [{ kind: 'text', text: reply.title, payload: reply.id }], keepRaw: false };
  }
  if (interactive.type === 'nfm_reply' && interactive.nfm_reply) {
    // A WhatsApp Flow's answers: shown as the text the customer saw ("Sent"); the response JSON
    // (often longer than an option payload may be) stays in raw for flows and integrations.
    return { ok: true, contents: [{ kind: 'text', text: interactive.nfm_reply.body ?? '[form response]' }], keepRaw: true };
  }
  if (interactive.type === 'call_permission_reply' && interactive.call_permission_reply) {
    const placeholder = `[call permission: ${interactive.call_permission_reply.response}]`;
    return { ok: true, contents: [unsupported(placeholder, 'call_permission_reply')], keepRaw: true };
  }
  return { ok: true, contents: [unsupported(`[interactive ${interactive.type.replace(/_/g, ' ')}]`, interactive.type)], keepRaw: true };
}

function contactsToContent(body: unknown, path: string): KindResult {
  if (!Array.isArray(body) || body.length === 0) return { ok: false, reason: `${path}.contacts: expected a non-empty array` };
  const contents: Content[] = [];
  for (const [index, item] of body.slice(0, 20).entries()) {
    const parsed = sharedContactSchema.safeParse(item);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error, `${path}.contacts.${index}`) };
    contents.push(contactCard(parsed.data));
  }
  return { ok: true, contents, keepRaw: contents.length > 1 };
}

function contactCard(contact: SharedContact): Content {
  const phones = (contact.phones ?? []).flatMap((p) => (p.phone ? [p.phone] : p.wa_id ? [`+${p.wa_id}`] : []));
  const emails = (contact.emails ?? []).flatMap((e) => (e.email ? [e.email] : []));
  const joined = [contact.name?.first_name, contact.name?.last_name].filter(Boolean).join(' ');
  const name = (contact.name?.formatted_name?.trim() || joined || phones[0] || emails[0] || '[contact]').slice(0, 1024);
  return { kind: 'contact_card', name, phones, emails };
}

function editToContent(edit: z.output<typeof editSchema> | string, path: string): KindResult {
  if (typeof edit === 'string') return { ok: false, reason: edit };
  const innerType = typeof edit.message.type === 'string' ? edit.message.type : '';
  const inner = innerType && innerType !== 'edit' ? messageToContent(innerType, edit.message, `${path}.edit.message`) : null;
  // The edited version arrives as a new message that refers to the original.
  if (inner?.ok) return { ok: true, contents: inner.contents, refersTo: edit.original_message_id, keepRaw: true };
  return { ok: true, contents: [unsupported('[message edited]', 'edit')], refersTo: edit.original_message_id, keepRaw: true };
}

function unsupported(placeholder: string, providerKind: string): Content {
  return { kind: 'unsupported', placeholder: placeholder.slice(0, 256), providerKind: providerKind.slice(0, 128) };
}
