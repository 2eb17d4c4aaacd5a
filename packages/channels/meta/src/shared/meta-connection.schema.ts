import { z } from 'zod';

/**
 * The settings both Meta adapters share: where the Graph API lives and the three secrets Meta hands a
 * business (the token that sends, the app secret that signs webhooks, the verify token of the handshake).
 */
export const graphIdSchema = z.string().regex(/^\d{1,32}$/, 'is the numeric id Meta shows for the account');

export const graphApiSettingsSchema = z.object({
  /** Graph API root; tests point it at the local emulator. */
  apiBaseUrl: z.url({ protocol: /^https?$/, error: 'apiBaseUrl must be an http(s) URL' }).default('https://graph.facebook.com'),
  apiVersion: z
    .string()
    .regex(/^v\d{1,3}\.\d{1,2}$/, 'apiVersion looks like v21.0')
    .default('v21.0'),
});

export const metaSecretsSchema = z.object({
  /** Page access token (Instagram Login: the Instagram user token) with the messaging permission. */
  pageAccessToken: z.string().min(1),
  /** The Meta app's secret: signs every webhook (X-Hub-Signature-256). */
  appSecret: z.string().min(1),
  /** The token typed in the app's webhook settings, echoed back in the GET handshake. */
  verifyToken: z.string().min(1),
});
export type MetaSecrets = z.output<typeof metaSecretsSchema>;

/** Which webhooks belong to one connection, whichever product it is. */
export interface MetaAccount {
  /** The webhook `object` this product posts: "page" (Messenger) or "instagram". */
  webhookObject: 'page' | 'instagram';
  /** The id webhooks name as entry id and recipient (Page id, or Instagram professional account id). */
  accountId: string;
}
