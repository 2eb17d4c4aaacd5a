import { z } from 'zod';
import { localizedTextSchema } from '../../workspace/workspace.schema.ts';

/**
 * The segment language, shared by segments.yaml and the API. One condition is one object with exactly
 * one leading key (`all`, `any`, `none`, `attribute`, `tag`, `event`, `intent`, `conversations`,
 * `profile`, `createdWithin`); the options of that key sit beside it. A single strict object (rather
 * than a union) keeps zod's errors pointed at the wrong key instead of "invalid input".
 */

const durationPattern = /^(\d{1,6})(m|h|d)$/;
const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30m`, `2h`, `7d` in milliseconds; null when not a duration. */
export function parseDuration(text: string): number | null {
  const match = durationPattern.exec(text);
  if (!match) return null;
  const amount = Number(match[1]);
  const unit = match[2] as keyof typeof unitMs;
  return amount > 0 ? amount * unitMs[unit] : null;
}

const durationSchema = z.string().refine((text) => parseDuration(text) !== null, {
  message: 'must be a duration such as 30m, 2h or 7d (a positive whole number of minutes, hours or days)',
});

const nameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][\w.:-]*$/, 'must be a name: letters, digits, _ . : -');

const countSchema = z
  .strictObject({
    eq: z.number().int().min(0).optional(),
    gt: z.number().int().min(0).optional(),
    gte: z.number().int().min(0).optional(),
    lt: z.number().int().min(0).optional(),
    lte: z.number().int().min(0).optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'a count names at least one bound: eq, gt, gte, lt, lte' });
export type CountBounds = z.infer<typeof countSchema>;

const scalarSchema = z.union([z.string().max(1024), z.number(), z.boolean()]);

/** The keys that say what a condition is; exactly one per condition. */
export const conditionKinds = [
  'all',
  'any',
  'none',
  'attribute',
  'tag',
  'event',
  'intent',
  'conversations',
  'profile',
  'createdWithin',
] as const;
type ConditionKind = (typeof conditionKinds)[number];

/** Which options go with which kind (anything else beside it is an error at that key). */
const optionsOf: Record<ConditionKind, readonly string[]> = {
  all: [],
  any: [],
  none: [],
  attribute: ['equals', 'notEquals', 'in', 'gt', 'gte', 'lt', 'lte', 'exists', 'contains'],
  tag: [],
  event: ['count', 'within', 'olderThan', 'after', 'where'],
  intent: ['count', 'within', 'olderThan'],
  conversations: [],
  profile: [],
  createdWithin: [],
};

export interface SegmentCondition {
  all?: SegmentCondition[] | undefined;
  any?: SegmentCondition[] | undefined;
  none?: SegmentCondition[] | undefined;
  attribute?: string | undefined;
  equals?: string | number | boolean | undefined;
  notEquals?: string | number | boolean | undefined;
  in?: (string | number | boolean)[] | undefined;
  gt?: string | number | undefined;
  gte?: string | number | undefined;
  lt?: string | number | undefined;
  lte?: string | number | undefined;
  exists?: boolean | undefined;
  contains?: string | number | undefined;
  tag?: string | undefined;
  event?: string | undefined;
  intent?: string | undefined;
  count?: CountBounds | undefined;
  within?: string | undefined;
  olderThan?: string | undefined;
  after?: string | undefined;
  where?: Record<string, string | number | boolean> | undefined;
  conversations?: { count?: CountBounds | undefined; within?: string | undefined } | undefined;
  profile?: 'email' | 'phone' | 'displayName' | undefined;
  createdWithin?: string | undefined;
}

const orderedSchema = z.union([z.string().max(1024), z.number()]);

export const segmentConditionSchema: z.ZodType<SegmentCondition> = z
  .strictObject({
    get all() {
      return z.array(segmentConditionSchema).min(1).max(50).optional();
    },
    get any() {
      return z.array(segmentConditionSchema).min(1).max(50).optional();
    },
    get none() {
      return z.array(segmentConditionSchema).min(1).max(50).optional();
    },
    attribute: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a field key: lower-case letters, digits and _')
      .optional(),
    equals: scalarSchema.optional(),
    notEquals: scalarSchema.optional(),
    in: z.array(scalarSchema).min(1).max(200).optional(),
    gt: orderedSchema.optional(),
    gte: orderedSchema.optional(),
    lt: orderedSchema.optional(),
    lte: orderedSchema.optional(),
    exists: z.boolean().optional(),
    contains: z.union([z.string().min(1).max(1024), z.number()]).optional(),
    tag: z.string().min(1).max(64).optional(),
    event: nameSchema.optional(),
    intent: nameSchema.optional(),
    count: countSchema.optional(),
    within: durationSchema.optional(),
    olderThan: durationSchema.optional(),
    after: nameSchema.optional(),
    where: z.record(z.string().min(1).max(128), scalarSchema).optional(),
    conversations: z.strictObject({ count: countSchema.optional(), within: durationSchema.optional() }).optional(),
    profile: z.enum(['email', 'phone', 'displayName'], { error: 'must be email, phone or displayName' }).optional(),
    createdWithin: durationSchema.optional(),
  })
  .superRefine((condition, ctx) => {
    const present = conditionKinds.filter((kind) => condition[kind] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: present.length > 1 ? [present[1] ?? ''] : [],
        message:
          present.length === 0
            ? `a condition names one of ${conditionKinds.join(', ')}`
            : `a condition names only one of ${conditionKinds.join(', ')} (found ${present.join(' and ')}); wrap several in all/any`,
      });
      return;
    }
    const kind = present[0] as ConditionKind;
    const allowed = new Set<string>([kind, ...optionsOf[kind]]);
    for (const key of Object.keys(condition)) {
      if (condition[key as keyof SegmentCondition] === undefined || allowed.has(key)) continue;
      const options = optionsOf[kind];
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `"${key}" does not go with ${kind}${options.length ? ` (options: ${options.join(', ')})` : ''}`,
      });
    }
  });

export const segmentDefinitionSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lower-case letters, digits and single hyphens'),
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  when: segmentConditionSchema,
});
export type SegmentDefinition = z.infer<typeof segmentDefinitionSchema>;

/** segments.yaml: a list under `segments`. */
export const segmentsFileSchema = z.strictObject({
  segments: z.array(segmentDefinitionSchema).max(500).default([]),
});
