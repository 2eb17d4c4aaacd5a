import type { DbOrTx } from '../../storage/index.ts';

/** The message a provider delivery was recorded as, or null when this (connection, provider id) is new. */
export async function findInboundReceipt(
  db: DbOrTx,
  connectionId: string,
  providerMessageId: string,
): Promise<{ messageId: string } | null> {
  const row = await db
    .selectFrom('inbound_receipts')
    .select('message_id')
    .where('connection_id', '=', connectionId)
    .where('provider_message_id', '=', providerMessageId)
    .executeTakeFirst();
  return row ? { messageId: row.message_id ?? '' } : null;
}
