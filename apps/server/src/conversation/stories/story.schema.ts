import { z } from 'zod';
import { isValidRegExp } from '../../workspace/is-valid-reg-exp.ts';
import { parseIsoDuration } from './parse-iso-duration.ts';

/**
 * The shape of `stories/*.yaml`: conversations written as a customer would have them, with what the
 * bot must say and do. Validated here (an edge); the runner trusts these types.
 */

/** Channels the runner can play the customer on; identities link across them by phone or e-mail. */
export const storyChannelSchema = z.enum(['webchat', 'whatsapp', 'sms', 'api']);
export type StoryChannel = z.infer<typeof storyChannelSchema>;

const offsetDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO date-time with an offset, e.g. 2026-11-24T14:00:00-03:00' });
// YAML reads `123456` as a number; a story means the text the customer typed or the bot said.
const text = z.union([z.string(), z.number().transform(String)], { error: 'must be text' });
const someText = text.refine((t) => t.length > 0, 'must not be empty');
const oneOrMore = z.union([someText.transform((t) => [t]), z.array(someText).min(1)], { error: 'must be text or a list of texts' });
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const userInputSchema = z.union(
  [
    // Empty-ish text is allowed on purpose: bad input is part of what stories test.
    text,
    z.object({ text, payload: z.string().min(1).max(256) }).strict(),
    z.object({ pick: someText }).strict(),
  ],
  { error: 'must be text, { text, payload } or { pick: LABEL }' },
);
export type StoryUserInput = z.infer<typeof userInputSchema>;

const botExpectationSchema = z
  .object({
    says: oneOrMore.optional(),
    /** Texts no reply of the turn may contain (a card number the customer sent, an internal note). */
    notSays: oneOrMore.optional(),
    matches: z
      .string()
      .min(1)
      .refine((source) => isValidRegExp(source), 'is not a valid regular expression')
      .optional(),
    quickReplies: z.array(someText).min(1).optional(),
    does: z.literal('handoff').optional(),
    reason: z.string().min(1).optional(),
    team: z.string().min(1).optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
    silent: z.literal(true).optional(),
  })
  .strict()
  .refine(
    (b) =>
      b.says !== undefined ||
      b.notSays !== undefined ||
      b.matches !== undefined ||
      b.quickReplies !== undefined ||
      b.does !== undefined ||
      b.silent,
    {
      message: 'a bot step needs one of says, notSays, matches, quickReplies, does or silent',
    },
  )
  .refine((b) => b.does !== undefined || (b.reason === undefined && b.team === undefined && b.priority === undefined), {
    message: 'reason, team and priority describe a handoff: add `does: handoff`',
  });
export type BotExpectation = z.infer<typeof botExpectationSchema>;

const stateExpectationSchema = z
  .object({
    status: z.enum(['bot', 'queued', 'assigned', 'resolved']).optional(),
    slots: z.record(z.string(), scalar).optional(),
    /** The running flow's id, or null for none. */
    flow: z.string().min(1).nullable().optional(),
    attributes: z.record(z.string(), scalar).optional(),
  })
  .strict();
export type StateExpectation = z.infer<typeof stateExpectationSchema>;

const stepKinds = ['user', 'bot', 'channel', 'wait', 'at', 'expect'] as const;

const rawStepSchema = z
  .object({
    user: userInputSchema.optional(),
    bot: botExpectationSchema.optional(),
    channel: storyChannelSchema.optional(),
    wait: z
      .string()
      .refine((text) => parseIsoDuration(text) !== null, 'must be an ISO 8601 duration such as PT2H or P1DT30M')
      .optional(),
    at: offsetDateTime.optional(),
    expect: stateExpectationSchema.optional(),
  })
  .strict()
  .refine((step) => stepKinds.filter((kind) => step[kind] !== undefined).length === 1, {
    message: `a step has exactly one of ${stepKinds.join(', ')}`,
  });

export type StoryStep =
  | { kind: 'user'; input: StoryUserInput }
  | { kind: 'bot'; expect: BotExpectation }
  | { kind: 'channel'; channel: StoryChannel }
  | { kind: 'wait'; ms: number; text: string }
  | { kind: 'at'; at: string }
  | { kind: 'expect'; expect: StateExpectation };

const stepSchema = rawStepSchema.transform((step): StoryStep => {
  if (step.user !== undefined) return { kind: 'user', input: step.user };
  if (step.bot !== undefined) return { kind: 'bot', expect: step.bot };
  if (step.channel !== undefined) return { kind: 'channel', channel: step.channel };
  if (step.wait !== undefined) return { kind: 'wait', ms: parseIsoDuration(step.wait) ?? 0, text: step.wait };
  if (step.at !== undefined) return { kind: 'at', at: step.at };
  return { kind: 'expect', expect: step.expect ?? {} };
});

const customerSchema = z
  .object({
    name: z.string().min(1).default('Ana Paula Souza'),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{7,14}$/, 'must be an E.164 number such as +5511987654321')
      .default('+5511987654321'),
    email: z.email().default('ana.souza@example.com'),
    locale: z.enum(['pt-BR', 'en', 'es']).default('pt-BR'),
  })
  .strict();
export type StoryCustomer = z.infer<typeof customerSchema>;

export const storySchema = z
  .object({
    name: z.string().min(1),
    /** The clock at the first step (business hours matter); default: a Tuesday afternoon, store open. */
    at: offsetDateTime.default('2026-11-24T14:00:00-03:00'),
    channel: storyChannelSchema.default('webchat'),
    /** Who writes: the store knows them (CRM), so their channels link by phone and e-mail. */
    customer: customerSchema.default({ name: 'Ana Paula Souza', phone: '+5511987654321', email: 'ana.souza@example.com', locale: 'pt-BR' }),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

export const storyFileSchema = z.object({ stories: z.array(storySchema).min(1) }).strict();

export interface Story {
  name: string;
  at: string;
  channel: StoryChannel;
  customer: StoryCustomer;
  steps: StoryStep[];
  /** Where the story lives, for failures: `file` and the line of each step (same order as `steps`). */
  file: string;
  line: number;
  stepLines: number[];
}
