import { z } from 'zod';

export const channelTypeSchema = z.enum(['webchat', 'api', 'whatsapp', 'messenger', 'instagram', 'telegram', 'sms', 'email', 'voice']);
export type ChannelType = z.infer<typeof channelTypeSchema>;

/**
 * Identity kinds: the ways a person can be recognised. `email`, `phone` and `external` are shared
 * across channels (so they join threads); the others are scoped to one channel type.
 */
export const identityKindSchema = z.enum([
  'email',
  'phone',
  'external',
  'webchat_visitor',
  'api_user',
  'telegram_user',
  'messenger_psid',
  'instagram_igsid',
  'whatsapp_bsuid',
]);
export type IdentityKind = z.infer<typeof identityKindSchema>;

export const identityClaimSchema = z.object({
  kind: identityKindSchema,
  value: z.string().min(1).max(512),
  /** Verified claims may join an existing contact; unverified ones only attach to the sender's contact. */
  verified: z.boolean(),
});
export type IdentityClaim = z.infer<typeof identityClaimSchema>;
