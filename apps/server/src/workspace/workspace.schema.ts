import { z } from 'zod';
import { channelTypeSchema, skillSchema } from '@fio/contracts';
import { isValidRegExp } from './is-valid-reg-exp.ts';
import { slaPoliciesSchema } from '../handoff/sla/sla-policy.schema.ts';

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

const toneFields = {
  formality: z.enum(['informal', 'formal']),
  emoji: z.enum(['none', 'few', 'many']),
  /** How the bot opens a conversation, e.g. `{ pt-BR: 'Oi, {{contact.first_name}}!' }` (a template). */
  greeting: localizedTextSchema.optional(),
  /** Longest single reply the bot writes on this channel; longer answers are split at sentence ends. */
  maxLength: z.number().int().min(80).max(4096).optional(),
};

/** Tone for one channel type: any field left out comes from the workspace's tone. */
export const channelToneSchema = z.strictObject({
  formality: toneFields.formality.optional(),
  emoji: toneFields.emoji.optional(),
  greeting: toneFields.greeting,
  maxLength: toneFields.maxLength,
});

export const toneSchema = z.strictObject({
  formality: toneFields.formality.default('informal'),
  emoji: toneFields.emoji.default('few'),
  greeting: toneFields.greeting,
  maxLength: toneFields.maxLength,
  /** Per channel type overrides, e.g. `channels: { email: { formality: formal, emoji: none } }`. */
  channels: z.partialRecord(z.enum(channelTypeSchema.options), channelToneSchema).default({}),
});
export type Tone = z.infer<typeof toneSchema>;
/** The tone that applies on one channel: the workspace's with the channel's overrides. */
export type EffectiveTone = Omit<Tone, 'channels'>;

/**
 * When the bot gives the conversation to a person (DESIGN.md §5, issue 4 §5). Explicit requests, a
 * flow's handoff step and a failed slot always hand off; these tune the other triggers.
 */
export const escalationSchema = z.strictObject({
  /** Consecutive turns the bot did not understand before it hands off. */
  maxMisunderstandings: z.number().int().min(1).max(10).default(2),
  /** Frustration score (0..1) of a message, or the conversation's trend, at or above which a person takes over. */
  frustrationThreshold: z.number().min(0).max(1).default(0.75),
  /** Hand off (and never echo) when a customer sends or asks for card numbers, passwords and the like. */
  sensitiveData: z.boolean().default(true),
  /** Team and priority for handoffs that do not name their own. */
  team: z.string().min(1).max(64).optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
});
export type EscalationPolicy = z.infer<typeof escalationSchema>;

/** Settings of the workspace's language understanding. */
export const nluSettingsSchema = z.strictObject({
  /**
   * What this business's order numbers look like, as a regular expression over the whole token
   * (e.g. `'#?\\d{5,8}'` or `'LE-\\d{6}'`); order-number entities and slots use it.
   */
  orderNumberPattern: z.string().max(200).refine(isValidRegExp, { message: 'must be a valid regular expression' }).default('#?\\d{4,10}'),
});
export type NluSettings = z.infer<typeof nluSettingsSchema>;

/** What flow HTTP actions (`call` steps) may reach beyond the public internet. */
export const httpActionSettingsSchema = z.strictObject({
  /** CIDR ranges or host names a `call` may reach although private (the SSRF guard refuses them otherwise). */
  allowPrivate: z.array(z.string().min(1).max(253)).max(64).default([]),
});

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

/** The kinds of a workspace's typed contact fields (custom attributes). */
export const contactFieldTypes = [
  'text',
  'number',
  'boolean',
  'date',
  'datetime',
  'email',
  'phone',
  'url',
  'select',
  'multiselect',
] as const;
export type ContactFieldType = (typeof contactFieldTypes)[number];

const attributeKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a field key: lower-case letters, digits and _');

/** One custom attribute of the workspace's contacts: `attributes.<key>` in the API, templates and segments. */
export const contactFieldSchema = z
  .strictObject({
    key: attributeKeySchema,
    type: z.enum(contactFieldTypes, {
      error: (issue) => `unknown field type ${JSON.stringify(issue.input)}; expected one of ${contactFieldTypes.join(', ')}`,
    }),
    label: localizedTextSchema,
    /** The allowed values of a select / multiselect. */
    options: z.array(z.string().min(1).max(128)).min(1).max(200).optional(),
    /** Personal data: redacted from logs and exports that leave out PII, encrypted when the privacy suite lands. */
    pii: z.boolean().default(false),
    /** Shown to agents but changed only by the API, a CRM or a flow (not typed by hand in the inbox). */
    readOnly: z.boolean().default(false),
  })
  .superRefine((field, ctx) => {
    const wantsOptions = field.type === 'select' || field.type === 'multiselect';
    if (wantsOptions && !field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${field.type} field lists its options` });
    if (!wantsOptions && field.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: `only select and multiselect fields have options` });
  });
export type ContactField = z.infer<typeof contactFieldSchema>;

/** Webhook event names a subscription may ask for (the CRM sync's outbound side). */
export const webhookEventTypes = [
  'contact.created',
  'contact.updated',
  'contact.merged',
  'contact.unmerged',
  'conversation.resolved',
  'handoff.requested',
  'lead.captured',
  'segment.entered',
  'segment.left',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/**
 * Where a CRM field lives in Fio: a profile field (`displayName`, `email`, `phone`, `locale`), a custom
 * attribute (`attributes.<key>`), or the tag list (`tags`).
 */
export const fioFieldPathSchema = z
  .string()
  .regex(
    /^(?:displayName|email|phone|locale|tags|attributes\.[a-z][a-z0-9_]{0,63})$/,
    'must be displayName, email, phone, locale, tags or attributes.<key>',
  );

export const integrationFieldSchema = z.strictObject({
  crm: z.string().min(1).max(128),
  fio: fioFieldPathSchema,
  /** Who wins when both sides changed the field: the CRM, Fio, or whichever change is newer. */
  conflict: z.enum(['crm_wins', 'fio_wins', 'newest_wins']).default('newest_wins'),
  /** in: only CRM → Fio; out: only Fio → CRM; both (default). */
  direction: z.enum(['both', 'in', 'out']).default('both'),
});
export type IntegrationField = z.infer<typeof integrationFieldSchema>;

/** A business system Fio syncs contacts with both ways (a CRM). */
export const integrationSchema = z.strictObject({
  id: slugSchema,
  name: z.string().min(1).max(128),
  /** Outbound: Fio posts these events, signed with `secret` (HMAC-SHA256 over `timestamp.body`). */
  webhook: z
    .strictObject({
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
      secret: z.string().min(16, 'a signing secret has at least 16 characters').max(256),
      events: z
        .array(z.enum(webhookEventTypes))
        .min(1)
        .default([...webhookEventTypes]),
    })
    .optional(),
  /** Inbound: the bearer token's role must allow writing contacts; fields map both ways. */
  fields: z.array(integrationFieldSchema).max(200).default([]),
});
export type Integration = z.infer<typeof integrationSchema>;

/** A team agents belong to (workspace.yaml `teams:`): synced on start, read-only through the API but for its members. */
export const teamDefinitionSchema = z.strictObject({
  /** What escalation.team and flow handoff steps name. */
  key: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a team key: lower-case letters, digits, - and _'),
  name: z.union([z.string().min(1).max(128), localizedTextSchema]),
  routing: z.enum(['round_robin', 'least_busy', 'manual']).default('round_robin'),
  /** Only members (and supervisors, admins) see its conversations. */
  restricted: z.boolean().default(false),
  /** Skills every agent who takes its conversations must have, e.g. language:en. */
  requiredSkills: z.array(skillSchema).max(20).default([]),
});
export type TeamDefinition = z.infer<typeof teamDefinitionSchema>;

/** A canned response the workspace declares (workspace.yaml `cannedResponses:`): synced on start, read-only through the API. */
export const cannedResponseDefinitionSchema = z.strictObject({
  /** What follows "/" in the composer. */
  shortcut: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a shortcut: lower-case letters, digits, - and _'),
  title: z.string().min(1).max(120),
  /** Text with variables: {{contact.firstName}}, {{agent.name}}, {{contact.attributes.city}} ... */
  body: z.string().min(1).max(4000),
  /** Only for conversations in this language (absent: every language). */
  language: languageSchema.optional(),
  /** A team key: only that team's members (and supervisors, admins) see it. */
  team: z.string().min(1).max(64).optional(),
});
export type CannedResponseDefinition = z.infer<typeof cannedResponseDefinitionSchema>;

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
    tone: toneSchema.default({ formality: 'informal', emoji: 'few', channels: {} }),
    widget: widgetSettingsSchema,
    handoff: handoffSettingsSchema.default({}),
    escalation: escalationSchema.default({ maxMisunderstandings: 2, frustrationThreshold: 0.75, sensitiveData: true, priority: 'normal' }),
    nlu: nluSettingsSchema.default({ orderNumberPattern: '#?\\d{4,10}' }),
    http: httpActionSettingsSchema.default({ allowPrivate: [] }),
    /**
     * Texts the bot says, by key, overriding its built-in ones (`fallback`, `handoff`, `csatAsk`, ...),
     * or the business's own snippets used by flows as `{{templates.NAME}}`; templates with variables.
     */
    templates: z
      .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'must be a template name: letters, digits, _'), localizedTextSchema)
      .default({}),
    channels: z.array(channelConnectionSchema).default([]),
    /** Typed custom attributes of contacts (DESIGN.md §3): validated wherever they are written. */
    contactFields: z.array(contactFieldSchema).max(500).default([]),
    /** CRMs and other systems contacts sync with, both ways. */
    integrations: z.array(integrationSchema).max(20).default([]),
    /** Teams of agents; when declared, escalation.team and flow handoff teams must be among them. */
    teams: z.array(teamDefinitionSchema).max(200).optional(),
    /** The composer's canned responses ("/" shortcuts), kept in the database as file-managed. */
    cannedResponses: z.array(cannedResponseDefinitionSchema).max(500).default([]),
    /** SLA policies (first response, next response, resolution); first match wins, the one without match is the default. */
    sla: slaPoliciesSchema.default([]),
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
      [['tone', 'greeting'], workspace.tone.greeting],
      ...Object.entries(workspace.tone.channels).map(([type, tone]): [PropertyKey[], LocalizedText | undefined] => [
        ['tone', 'channels', type, 'greeting'],
        tone.greeting,
      ]),
      ...Object.entries(workspace.templates).map(([name, text]): [PropertyKey[], LocalizedText | undefined] => [['templates', name], text]),
      ...workspace.contactFields.map((field, i): [PropertyKey[], LocalizedText | undefined] => [
        ['contactFields', i, 'label'],
        field.label,
      ]),
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
    const keys = new Set<string>();
    workspace.contactFields.forEach((field, index) => {
      if (keys.has(field.key))
        ctx.addIssue({
          code: 'custom',
          path: ['contactFields', index, 'key'],
          message: `duplicate field key ${JSON.stringify(field.key)}`,
        });
      keys.add(field.key);
    });
    const integrationIds = new Set<string>();
    workspace.integrations.forEach((integration, index) => {
      if (integrationIds.has(integration.id))
        ctx.addIssue({
          code: 'custom',
          path: ['integrations', index, 'id'],
          message: `duplicate integration id ${JSON.stringify(integration.id)}`,
        });
      integrationIds.add(integration.id);
      integration.fields.forEach((f, j) => {
        const key = f.fio.startsWith('attributes.') ? f.fio.slice('attributes.'.length) : null;
        if (key && !keys.has(key))
          ctx.addIssue({
            code: 'custom',
            path: ['integrations', index, 'fields', j, 'fio'],
            message: `no contact field ${JSON.stringify(key)} in contactFields`,
          });
      });
    });
    if (workspace.teams) {
      const teamKeys = new Set<string>();
      workspace.teams.forEach((team, index) => {
        if (teamKeys.has(team.key))
          ctx.addIssue({ code: 'custom', path: ['teams', index, 'key'], message: `duplicate team key ${JSON.stringify(team.key)}` });
        teamKeys.add(team.key);
        if (typeof team.name !== 'string' && team.name[workspace.defaultLanguage] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['teams', index, 'name'],
            message: `missing text for the default language ${workspace.defaultLanguage}`,
          });
      });
      if (workspace.escalation.team && !teamKeys.has(workspace.escalation.team))
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', 'team'],
          message: `no team ${JSON.stringify(workspace.escalation.team)} in teams`,
        });
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
