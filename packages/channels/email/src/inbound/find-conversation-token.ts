/**
 * The conversation token of a reply address: Fio's replies carry `Reply-To: support+TOKEN@domain`, so
 * the customer's answer names its conversation even when written from another address or client that
 * drops In-Reply-To. Only plus-addresses of this connection's own addresses count.
 */
export function findConversationToken(recipients: readonly string[], ownAddresses: readonly string[]): string | undefined {
  for (const recipient of recipients) {
    const at = recipient.lastIndexOf('@');
    if (at <= 0) continue;
    const local = recipient.slice(0, at).toLowerCase();
    const domain = recipient.slice(at + 1).toLowerCase();
    for (const own of ownAddresses) {
      const ownAt = own.lastIndexOf('@');
      if (own.slice(ownAt + 1).toLowerCase() !== domain) continue;
      const prefix = `${own.slice(0, ownAt).toLowerCase()}+`;
      if (!local.startsWith(prefix)) continue;
      const token = local.slice(prefix.length);
      if (/^[a-z0-9]{1,128}$/.test(token)) return token;
    }
  }
  return undefined;
}
