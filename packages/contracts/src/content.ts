import { z } from 'zod';

/**
 * Canonical message content: what every channel is translated from and to.
 * Vendor words never appear here; a channel package maps its payloads onto these kinds.
 */
export const quickReplySchema = z.object({
  /** Stable id sent back when the option is picked (payload). */
  id: z.string().min(1).max(256),
  label: z.string().min(1).max(256),
});
export type QuickReply = z.infer<typeof quickReplySchema>;

export const textContentSchema = z.object({
  kind: z.literal('text'),
  text: z.string().max(65_536),
  /** Set when the customer picked a quick reply / button / list row: the option id. */
  payload: z.string().max(256).optional(),
  /** Options offered with this text (outbound). */
  quickReplies: z.array(quickReplySchema).max(50).optional(),
});

export const listRowSchema = z.object({
  id: z.string().min(1).max(256),
  title: z.string().min(1).max(256),
  description: z.string().max(1024).optional(),
});
export const listContentSchema = z.object({
  kind: z.literal('list'),
  text: z.string().max(4096),
  /** Label of the button that opens the list where the channel has one. */
  buttonLabel: z.string().min(1).max(64),
  sections: z
    .array(z.object({ title: z.string().max(256).optional(), rows: z.array(listRowSchema).min(1).max(100) }))
    .min(1)
    .max(10),
});

export const mediaTypeSchema = z.enum(['image', 'audio', 'video', 'file']);
export type MediaType = z.infer<typeof mediaTypeSchema>;
export const mediaContentSchema = z.object({
  kind: z.literal('media'),
  mediaType: mediaTypeSchema,
  url: z.string().min(1).max(4096),
  mimeType: z.string().max(255).optional(),
  filename: z.string().max(255).optional(),
  caption: z.string().max(4096).optional(),
  sizeBytes: z.number().int().nonnegative().optional(),
});

export const locationContentSchema = z.object({
  kind: z.literal('location'),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().max(1024).optional(),
  address: z.string().max(1024).optional(),
});

export const contactCardContentSchema = z.object({
  kind: z.literal('contact_card'),
  name: z.string().min(1).max(1024),
  phones: z.array(z.string().max(64)).max(20).default([]),
  emails: z.array(z.string().max(320)).max(20).default([]),
});

export const templateContentSchema = z.object({
  kind: z.literal('template'),
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(16),
  parameters: z.array(z.string().max(1024)).max(50).default([]),
  /** Text shown to agents and used by channels that have no templates. */
  fallbackText: z.string().max(4096).optional(),
});

/** Inbound content the channel could not map: stored with a readable placeholder, never dropped. */
export const unsupportedContentSchema = z.object({
  kind: z.literal('unsupported'),
  placeholder: z.string().max(256),
  providerKind: z.string().max(128),
});

export const contentSchema = z.discriminatedUnion('kind', [
  textContentSchema,
  listContentSchema,
  mediaContentSchema,
  locationContentSchema,
  contactCardContentSchema,
  templateContentSchema,
  unsupportedContentSchema,
]);
export type Content = z.infer<typeof contentSchema>;
export type TextContent = z.infer<typeof textContentSchema>;
export type ListContent = z.infer<typeof listContentSchema>;
export type MediaContent = z.infer<typeof mediaContentSchema>;
export type LocationContent = z.infer<typeof locationContentSchema>;
export type ContactCardContent = z.infer<typeof contactCardContentSchema>;
export type TemplateContent = z.infer<typeof templateContentSchema>;
export type UnsupportedContent = z.infer<typeof unsupportedContentSchema>;
export type ContentKind = Content['kind'];

/** A plain-text rendering of any content, for previews, search, logs and agents' lists. */
export function contentToPlainText(content: Content): string {
  switch (content.kind) {
    case 'text':
      return content.text;
    case 'list':
      return content.text;
    case 'media':
      return content.caption ?? `[${content.mediaType}]`;
    case 'location':
      return content.name ?? content.address ?? `[location ${content.latitude},${content.longitude}]`;
    case 'contact_card':
      return `[contact ${content.name}]`;
    case 'template':
      return content.fallbackText ?? `[template ${content.name}]`;
    case 'unsupported':
      return content.placeholder;
  }
}
