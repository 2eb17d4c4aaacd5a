import { z } from 'zod';
import { localizedTextSchema } from '../../workspace/workspace.schema.ts';
import { supportedLanguages } from '../../workspace/workspace.schema.ts';
import { slotTypes } from '../nlu/entities/index.ts';

/**
 * The shape of one `flows/<id>.yaml` file as authored. A step names its kind by the one key it
 * carries (`say:`, `ask:`...), so steps and conditions are picked by key before they are validated:
 * a typo then gets the error of the kind the author meant, not "invalid input" for eight kinds.
 */

const slotTypeSchema = z.enum(slotTypes, {
  error: (issue) => `unknown slot type ${JSON.stringify(issue.input)}; expected one of ${slotTypes.join(', ')}`,
});

const flowIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single hyphens');
export const stepIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, 'must be a step id: a letter, then letters, digits, _ or -');
export const slotNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'must be a slot name: a letter, then letters, digits or _');
const jsonPathSchema = z.string().min(1).max(256).regex(/^\$/, 'must be a JSON path starting with $, e.g. $.status');
const scalarSchema = z.union([z.string().max(4096), z.number(), z.boolean(), z.null()], {
  error: 'must be text, a number, true/false or null',
});

const slotRulesSchema = z.strictObject({
  min: z.number().optional(),
  max: z.number().optional(),
  pattern: z.string().max(500).optional(),
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(1).optional(),
  future: z.boolean().optional(),
  past: z.boolean().optional(),
});

const optionValueSchema = z
  .union([z.string().min(1).max(200), z.number()], { error: 'must be text or a number' })
  .transform((value) => String(value));

const askOptionSchema = z.strictObject({ value: optionValueSchema, label: localizedTextSchema });
const chooseOptionSchema = z.strictObject({ value: optionValueSchema, label: localizedTextSchema, next: stepIdSchema.optional() });

const maxAttemptsSchema = z.number().int().min(1).max(10).default(3);

const askSchema = z.strictObject({
  slot: slotNameSchema,
  type: slotTypeSchema,
  prompt: localizedTextSchema,
  reprompt: localizedTextSchema.optional(),
  accept: z.array(slotTypeSchema).min(1).optional(),
  /** Only for `type: choice`: what the customer picks from. */
  options: z.array(askOptionSchema).min(1).max(50).optional(),
  validate: slotRulesSchema.optional(),
  maxAttempts: maxAttemptsSchema,
  onFail: stepIdSchema.optional(),
});

const chooseSchema = z
  .strictObject({
    slot: slotNameSchema,
    prompt: localizedTextSchema,
    reprompt: localizedTextSchema.optional(),
    options: z.array(chooseOptionSchema).min(1).max(50).optional(),
    optionsFrom: z
      .strictObject({
        /** A name a `call` step kept with `mapData`. */
        data: slotNameSchema,
        value: jsonPathSchema.default('$.id'),
        label: jsonPathSchema.default('$.label'),
        max: z.number().int().min(1).max(50).default(10),
      })
      .optional(),
    maxAttempts: maxAttemptsSchema,
    onFail: stepIdSchema.optional(),
  })
  .superRefine((choose, ctx) => {
    if ((choose.options === undefined) === (choose.optionsFrom === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give either options or optionsFrom (exactly one)' });
    }
  });

const callSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  url: z.string().min(1).max(2048),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be a header name'), z.string().max(4096)).default({}),
  body: z.unknown().optional(),
  timeoutMs: z.number().int().min(100).max(30_000).default(5000),
  retries: z.number().int().min(0).max(3).default(0),
  /** Slot name → JSON path into the answer. */
  map: z.record(slotNameSchema, jsonPathSchema).default({}),
  /** Name → JSON path whose raw JSON stays on the run (`optionsFrom`). */
  mapData: z.record(slotNameSchema, jsonPathSchema).default({}),
  onError: stepIdSchema.optional(),
  onNotFound: stepIdSchema.optional(),
});

const setSchema = z
  .strictObject({
    attributes: z.record(z.string().min(1).max(64), scalarSchema).default({}),
    slots: z.record(slotNameSchema, scalarSchema).default({}),
  })
  .refine((set) => Object.keys(set.attributes).length + Object.keys(set.slots).length > 0, 'set at least one attribute or slot');

const handoffSchema = z
  .strictObject({
    team: z.string().min(1).max(64).optional(),
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
    /** For the agent: why the flow handed over. */
    note: localizedTextSchema.optional(),
    /** For the customer, before the handoff. */
    say: localizedTextSchema.optional(),
  })
  .nullable()
  .transform((handoff) => handoff ?? {});

const endSchema = z
  .union([z.literal(true), z.null(), z.strictObject({ say: localizedTextSchema.optional(), csat: z.boolean().default(false) })])
  .transform((end) => (end === true || end === null ? { csat: false } : end));

/** Operators a slot or attribute condition may use; exactly one per condition. */
export const valueOperators = ['equals', 'notEquals', 'in', 'exists', 'gt', 'gte', 'lt', 'lte', 'matches'] as const;
const valueTestFields = {
  equals: scalarSchema.optional(),
  notEquals: scalarSchema.optional(),
  in: z.array(scalarSchema).min(1).optional(),
  exists: z.boolean().optional(),
  gt: z.number().optional(),
  gte: z.number().optional(),
  lt: z.number().optional(),
  lte: z.number().optional(),
  matches: z.string().max(500).optional(),
};

const slotConditionSchema = z.strictObject({ slot: slotNameSchema, ...valueTestFields });
const attributeConditionSchema = z.strictObject({ attribute: z.string().min(1).max(64), ...valueTestFields });
const segmentConditionSchema = z.strictObject({ segment: z.string().min(1).max(64) });
const businessHoursConditionSchema = z.strictObject({ businessHours: z.enum(['open', 'closed']) });

export type FileCondition =
  | z.output<typeof slotConditionSchema>
  | z.output<typeof attributeConditionSchema>
  | z.output<typeof segmentConditionSchema>
  | z.output<typeof businessHoursConditionSchema>
  | { all: FileCondition[] }
  | { any: FileCondition[] }
  | { not: FileCondition };

const conditionKinds = ['slot', 'attribute', 'segment', 'businessHours', 'all', 'any', 'not'] as const;

export const conditionSchema: z.ZodType<FileCondition> = z.lazy(() =>
  z.unknown().transform((input, ctx): FileCondition => {
    const kinds = presentKeys(input, conditionKinds);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          kinds.length === 0
            ? `a condition needs one of ${conditionKinds.join(', ')}`
            : `a condition has exactly one of ${kinds.join(', ')}; combine them with all: [...]`,
      });
      return z.NEVER;
    }
    const schema = conditionSchemaFor(kinds[0] ?? 'slot');
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
      return z.NEVER;
    }
    if ('slot' in parsed.data || 'attribute' in parsed.data) {
      const operators = valueOperators.filter((operator) => operator in parsed.data);
      if (operators.length !== 1) {
        ctx.addIssue({ code: 'custom', message: `use exactly one of ${valueOperators.join(', ')} (found ${operators.length})` });
        return z.NEVER;
      }
    }
    return parsed.data;
  }),
);

function conditionSchemaFor(kind: (typeof conditionKinds)[number]): z.ZodType<FileCondition> {
  switch (kind) {
    case 'slot':
      return slotConditionSchema;
    case 'attribute':
      return attributeConditionSchema;
    case 'segment':
      return segmentConditionSchema;
    case 'businessHours':
      return businessHoursConditionSchema;
    case 'all':
      return z.strictObject({ all: z.array(conditionSchema).min(1) });
    case 'any':
      return z.strictObject({ any: z.array(conditionSchema).min(1) });
    case 'not':
      return z.strictObject({ not: conditionSchema });
  }
}

/**
 * Proves the customer holds an e-mail or phone: the engine has a one-time code sent to it and waits
 * for the customer to type it back (`reenviar` sends another).
 */
const verifySchema = z.strictObject({
  identity: z.enum(['email', 'phone'], { error: 'must be email or phone' }),
  /** Usually a slot an `ask` of type email/phone filled: `'{{slots.email}}'`. */
  value: z.string().min(1).max(500),
  /** Where the code goes; by default e-mail codes by e-mail, phone codes by SMS, else WhatsApp. */
  via: z.enum(['email', 'sms', 'whatsapp'], { error: 'must be email, sms or whatsapp' }).optional(),
  maxAttempts: maxAttemptsSchema,
  onFail: stepIdSchema.optional(),
});

const branchSchema = z.array(z.strictObject({ when: conditionSchema.optional(), next: stepIdSchema })).min(1);

export const stepKinds = ['say', 'ask', 'choose', 'branch', 'call', 'set', 'verify', 'handoff', 'end'] as const;
export type StepKind = (typeof stepKinds)[number];

const stepBase = { id: stepIdSchema };
const withNext = { ...stepBase, next: stepIdSchema.optional() };
const sayStepSchema = z.strictObject({ ...withNext, say: localizedTextSchema });
const askStepSchema = z.strictObject({ ...withNext, ask: askSchema });
const chooseStepSchema = z.strictObject({ ...withNext, choose: chooseSchema });
const branchStepSchema = z.strictObject({ ...stepBase, branch: branchSchema });
const callStepSchema = z.strictObject({ ...withNext, call: callSchema });
const setStepSchema = z.strictObject({ ...withNext, set: setSchema });
const verifyStepSchema = z.strictObject({ ...withNext, verify: verifySchema });
const handoffStepSchema = z.strictObject({ ...stepBase, handoff: handoffSchema });
const endStepSchema = z.strictObject({ ...stepBase, end: endSchema });

export type FileStep =
  | z.output<typeof sayStepSchema>
  | z.output<typeof askStepSchema>
  | z.output<typeof chooseStepSchema>
  | z.output<typeof branchStepSchema>
  | z.output<typeof callStepSchema>
  | z.output<typeof setStepSchema>
  | z.output<typeof verifyStepSchema>
  | z.output<typeof handoffStepSchema>
  | z.output<typeof endStepSchema>;

function stepSchemaFor(kind: StepKind): z.ZodType<FileStep> {
  switch (kind) {
    case 'say':
      return sayStepSchema;
    case 'ask':
      return askStepSchema;
    case 'choose':
      return chooseStepSchema;
    case 'branch':
      return branchStepSchema;
    case 'call':
      return callStepSchema;
    case 'set':
      return setStepSchema;
    case 'verify':
      return verifyStepSchema;
    case 'handoff':
      return handoffStepSchema;
    case 'end':
      return endStepSchema;
  }
}

const stepSchema = z.unknown().transform((input, ctx): FileStep => {
  const kinds = presentKeys(input, stepKinds);
  if (kinds.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        kinds.length === 0
          ? `a step needs an id and one of ${stepKinds.join(', ')}`
          : `a step does one thing: it has ${kinds.join(' and ')}; split it into ${kinds.length} steps`,
    });
    return z.NEVER;
  }
  const kind = kinds[0] ?? 'say';
  if ((kind === 'branch' || kind === 'handoff' || kind === 'end') && isRecord(input) && 'next' in input) {
    ctx.addIssue({ code: 'custom', path: ['next'], message: `a ${kind} step has no next (${nextlessReason[kind]})` });
    return z.NEVER;
  }
  const parsed = stepSchemaFor(kind).safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  }
  return parsed.data;
});

const nextlessReason = {
  branch: 'each rule names its next',
  handoff: 'the flow ends with the handoff',
  end: 'it ends the flow',
} as const;

export const flowFileSchema = z.strictObject({
  id: flowIdSchema,
  name: z.string().min(1).max(128),
  description: z.string().max(2000).optional(),
  trigger: z
    .strictObject({
      intents: z.array(z.string().min(1).max(64)).default([]),
      keywords: z.partialRecord(z.enum(supportedLanguages), z.array(z.string().trim().min(1).max(128)).min(1)).default({}),
      events: z.array(z.string().min(1).max(64)).default([]),
      segments: z.array(z.string().min(1).max(64)).default([]),
    })
    .default({ intents: [], keywords: {}, events: [], segments: [] }),
  steps: z.array(stepSchema).min(1, 'a flow needs at least one step').max(200),
  /**
   * The flow captures a lead: when it completes, its slots (all, or the ones listed) are written as a
   * `lead.captured` event, which the CRM webhooks send on.
   */
  lead: z
    .union([z.boolean(), z.strictObject({ slots: z.array(slotNameSchema).min(1).max(50) })], {
      error: 'must be true, false or { slots: [...] }',
    })
    .optional(),
});

export type FlowFile = z.output<typeof flowFileSchema>;

function presentKeys<const K extends string>(input: unknown, keys: readonly K[]): K[] {
  if (!isRecord(input)) return [];
  return keys.filter((key) => key in input);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
