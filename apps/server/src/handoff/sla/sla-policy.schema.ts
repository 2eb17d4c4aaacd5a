import { z } from 'zod';
import { prioritySchema } from '@fio/contracts';

/**
 * The `sla:` list of workspace.yaml. Durations stay the strings the file holds (the workspace is
 * exported back as written); `compileSlaPolicy` turns them into milliseconds where timers need them.
 */

const durationPattern = /^([1-9]\d{0,6})(s|m|h|d)$/;
const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30s`, `15m`, `2h`, `1d` in milliseconds; null when it is not such a duration. */
export function parseSlaDuration(text: string): number | null {
  const match = durationPattern.exec(text);
  if (!match) return null;
  const unit = match[2];
  if (unit !== 's' && unit !== 'm' && unit !== 'h' && unit !== 'd') return null;
  return Number(match[1]) * unitMs[unit];
}

const durationSchema = z.string().refine((text) => parseSlaDuration(text) !== null, {
  message: 'must be a duration such as 30s, 15m, 2h or 1d (a positive whole number and a unit)',
});

const percentPattern = /^([1-9]\d?)%$/;
const warnBeforeSchema = z.string().refine((text) => parseSlaDuration(text) !== null || percentPattern.test(text), {
  message: 'must be a duration such as 5m, or a share of the budget such as 20% (1% to 99%)',
});

const policyIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be an id: lower-case letters, digits and single hyphens or underscores');

export const slaPolicySchema = z
  .strictObject({
    id: policyIdSchema,
    name: z.string().min(1).max(128),
    /** Every listed condition must hold; without `match` the policy is the default. */
    match: z
      .strictObject({
        priority: z.array(prioritySchema).min(1).optional(),
        /** Segment ids (segments.yaml or the API): the contact must be in at least one. */
        segment: z.array(z.string().min(1).max(128)).min(1).optional(),
      })
      .optional(),
    firstResponse: durationSchema.optional(),
    nextResponse: durationSchema.optional(),
    resolution: durationSchema.optional(),
    warnBefore: warnBeforeSchema.optional(),
    /** true: budgets count only while the business is open (businessHours); false: the wall clock. */
    businessHours: z.boolean().default(true),
  })
  .superRefine((policy, ctx) => {
    if (!policy.firstResponse && !policy.nextResponse && !policy.resolution) {
      ctx.addIssue({ code: 'custom', path: [], message: 'a policy sets at least one of firstResponse, nextResponse, resolution' });
    }
  });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export const slaPoliciesSchema = z
  .array(slaPolicySchema)
  .max(50)
  .superRefine((policies, ctx) => {
    const ids = new Set<string>();
    let defaultIndex: number | null = null;
    policies.forEach((policy, index) => {
      if (ids.has(policy.id))
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate policy id ${JSON.stringify(policy.id)}` });
      ids.add(policy.id);
      // First match wins, so a policy after the default could never be picked.
      if (defaultIndex !== null) {
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `policy ${JSON.stringify(policy.id)} comes after the default policy (the one without match) and can never be picked`,
        });
      }
      if (!policy.match || (!policy.match.priority && !policy.match.segment)) defaultIndex ??= index;
    });
  });
