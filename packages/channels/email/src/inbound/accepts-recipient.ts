import type { EmailConfig } from '../definition.ts';

/** The addresses this connection answers for, lower-cased: its own and its aliases. */
export function ownAddresses(config: Pick<EmailConfig, 'address' | 'aliases'>): string[] {
  return [config.address, ...config.aliases].map((a) => a.toLowerCase());
}

/**
 * Whether the listener takes mail for `recipient`: one of our addresses, a plus-address of one
 * (`support+TOKEN@`), or anyone at our domain for a catch-all. Everything else is refused at RCPT TO,
 * so Fio is never an open relay.
 */
export function acceptsRecipient(recipient: string, config: Pick<EmailConfig, 'address' | 'aliases' | 'acceptWholeDomain'>): boolean {
  const at = recipient.lastIndexOf('@');
  if (at <= 0) return false;
  const local = recipient.slice(0, at).toLowerCase();
  const domain = recipient.slice(at + 1).toLowerCase();
  for (const own of ownAddresses(config)) {
    const ownAt = own.lastIndexOf('@');
    const ownLocal = own.slice(0, ownAt);
    if (own.slice(ownAt + 1) !== domain) continue;
    if (config.acceptWholeDomain || local === ownLocal || local.startsWith(`${ownLocal}+`)) return true;
  }
  return false;
}
