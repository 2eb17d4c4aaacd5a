import { z } from 'zod';
import { channelTypeSchema } from '@fio/contracts';

/**
 * The shape of `workspace.yaml`. Strict everywhere: an unknown key is a typo until proven otherwise.
 * Channel `config` and `secrets` are only shaped here (objects); each channel type's own schemas,
 * passed in by the caller, validate their contents.
 */

export const supportedLanguages = ['pt-BR', 'en', 'es'] as const;
export const languageSchema = z.enum(supportedLanguages, {
  error: (issue) => `unsupported language ${JSON.stringify(issue.input)}; expected one of ${supportedLanguages.join(', ')}`,
});
export type Language = z.infer<typeof languageSchema>;

const slugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single hyphens');

/** Text per language, e.g. `{ pt-BR: Olá, en: Hello }`; keys are checked against `languages` below. */
export const localizedTextSchema = z.partialRecord(languageSchema, z.string().min(1).max(4096));
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const timeOfDaySchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time HH:MM (00:00 to 24:00)');

export const timeIntervalSchema = z
  .strictObject({ open: timeOfDaySchema, close: timeOfDaySchema })
  .refine((interval) => interval.open < interval.close, { message: 'close must be after open', path: ['close'] });

const isoDateSchema = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const dayHoursSchema = z.array(timeIntervalSchema).max(12).default([]);
export const businessHoursSchema = z.strictObject({
  mon: dayHoursSchema,
  tue: dayHoursSchema,
  wed: dayHoursSchema,
  thu: dayHoursSchema,
  fri: dayHoursSchema,
  sat: dayHoursSchema,
  sun: dayHoursSchema,
  holidays: z.array(isoDateSchema).default([]),
  /** Said when a customer writes while the business is closed. */
  closedMessage: localizedTextSchema.optional(),
});
export type BusinessHoursDefinition = z.infer<typeof businessHoursSchema>;

export const timezoneSchema = z.string().refine(isKnownTimeZone, { message: 'unknown IANA time zone' });

export const toneSchema = z.strictObject({
  formality: z.enum(['informal', 'formal']).default('informal'),
  emoji: z.enum(['none', 'few', 'many']).default('few'),
});
export type Tone = z.infer<typeof toneSchema>;

export const widgetSettingsSchema = z.strictObject({
  title: localizedTextSchema,
  greeting: localizedTextSchema,
  /** Accent colour of the launcher and header. */
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour #RRGGBB')
    .optional(),
});

export const handoffSettingsSchema = z.strictObject({
  /** Said when the bot hands the conversation to a person. */
  message: localizedTextSchema.optional(),
});

export const channelConnectionSchema = z.strictObject({
  /** Globally unique: it appears in webhook URLs (`/webhooks/:type/:id`). */
  id: slugSchema,
  type: z.enum(channelTypeSchema.options, {
    error: (issue) => `unknown channel type ${JSON.stringify(issue.input)}`,
  }),
  name: z.string().min(1).max(128),
  config: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.string()).default({}),
});

export const workspaceFileSchema = z
  .strictObject({
    id: slugSchema,
    name: z.string().min(1).max(128),
    languages: z.array(languageSchema).min(1, 'list at least one language'),
    defaultLanguage: languageSchema,
    timezone: timezoneSchema,
    businessHours: businessHoursSchema,
    tone: toneSchema.default({ formality: 'informal', emoji: 'few' }),
    widget: widgetSettingsSchema,
    handoff: handoffSettingsSchema.default({}),
    channels: z.array(channelConnectionSchema).default([]),
  })
  .superRefine((workspace, ctx) => {
    if (!workspace.languages.includes(workspace.defaultLanguage)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultLanguage'],
        message: `defaultLanguage ${JSON.stringify(workspace.defaultLanguage)} is not in languages`,
      });
    }
    const localized: [PropertyKey[], LocalizedText | undefined][] = [
      [['widget', 'title'], workspace.widget.title],
      [['widget', 'greeting'], workspace.widget.greeting],
      [['businessHours', 'closedMessage'], workspace.businessHours.closedMessage],
      [['handoff', 'message'], workspace.handoff.message],
    ];
    for (const [path, text] of localized) {
      if (!text) continue;
      for (const language of Object.keys(text)) {
        if (!workspace.languages.some((l) => l === language)) {
          ctx.addIssue({ code: 'custom', path: [...path, language], message: `language ${language} is not in languages` });
        }
      }
      if (text[workspace.defaultLanguage] === undefined) {
        ctx.addIssue({ code: 'custom', path, message: `missing text for the default language ${workspace.defaultLanguage}` });
      }
    }
    const seen = new Set<string>();
    workspace.channels.forEach((channel, index) => {
      if (seen.has(channel.id)) {
        ctx.addIssue({ code: 'custom', path: ['channels', index, 'id'], message: `duplicate channel id ${JSON.stringify(channel.id)}` });
      }
      seen.add(channel.id);
    });
  });

/** A validated workspace file, channel config and secrets already checked by their type's schemas. */
export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;
export type ChannelConnectionDefinition = z.infer<typeof channelConnectionSchema>;

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
