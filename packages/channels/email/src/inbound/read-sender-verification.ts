import type { ParsedMail } from 'mailparser';

/**
 * Whether the From address of a mail is proven, not just claimed. A From header is free text: anyone
 * can write `From: ceo@shop.example`, and Fio does not check DKIM or SPF itself. So an e-mail identity
 * is unverified unless a receiving MTA the operator trusts (named by its authserv-id in the
 * connection's config) stamped an `Authentication-Results` header (RFC 8601) saying DMARC passed, or
 * DKIM/SPF passed for a domain aligned with the From domain. Only trusted ids count: a sender can add
 * its own Authentication-Results header, but a trusted MTA removes ones carrying its id (RFC 8601 §5).
 */
export function readSenderVerification(mail: ParsedMail, fromAddress: string, trustedAuthServIds: readonly string[]): boolean {
  if (trustedAuthServIds.length === 0) return false;
  const trusted = new Set(trustedAuthServIds.map((id) => id.toLowerCase()));
  const fromDomain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1).toLowerCase();
  if (!fromDomain) return false;
  for (const { key, line } of mail.headerLines) {
    if (key !== 'authentication-results') continue;
    const value = unfoldHeader(line.slice(line.indexOf(':') + 1));
    const [servPart = '', ...results] = value.split(';');
    const authServId = servPart.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (!trusted.has(authServId)) continue;
    if (results.some((result) => provesDomain(result, fromDomain))) return true;
  }
  return false;
}

function provesDomain(result: string, fromDomain: string): boolean {
  const method = /^\s*([a-z0-9-]+)\s*=\s*([a-z]+)/i.exec(result);
  if (!method?.[1] || method[2]?.toLowerCase() !== 'pass') return false;
  const props = new Map<string, string>();
  for (const m of result.matchAll(/\b([a-z]+\.[a-z-]+)\s*=\s*("[^"]*"|[^\s;]+)/gi)) {
    if (m[1] && m[2]) props.set(m[1].toLowerCase(), m[2].replace(/^"|"$/g, '').toLowerCase());
  }
  switch (method[1].toLowerCase()) {
    case 'dmarc':
      return aligned(props.get('header.from') ?? fromDomain, fromDomain);
    case 'dkim':
      return aligned(props.get('header.d') ?? domainOf(props.get('header.i')), fromDomain);
    case 'spf':
      return aligned(domainOf(props.get('smtp.mailfrom')) ?? props.get('smtp.helo'), fromDomain);
    default:
      return false;
  }
}

/** Relaxed alignment (DMARC): the same domain, or one a subdomain of the other. */
function aligned(domain: string | undefined, fromDomain: string): boolean {
  if (!domain?.includes('.')) return false;
  return domain === fromDomain || fromDomain.endsWith(`.${domain}`) || domain.endsWith(`.${fromDomain}`);
}

function domainOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const at = value.lastIndexOf('@');
  return at === -1 ? value : value.slice(at + 1);
}

/** Joins folded lines and drops RFC 5322 comments, which may hold any text (even "dkim=pass"). */
function unfoldHeader(value: string): string {
  let out = value.replace(/\r?\n[ \t]+/g, ' ');
  for (let i = 0; i < 5 && /\([^()]*\)/.test(out); i++) out = out.replace(/\([^()]*\)/g, ' ');
  return out;
}
