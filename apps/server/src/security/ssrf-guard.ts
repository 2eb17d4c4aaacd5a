import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** Which private destinations a workspace's flows may reach anyway (its own intranet services). */
export interface SsrfPolicy {
  /** CIDRs ("10.0.0.0/8", "127.0.0.1/32", "::1/128"), bare addresses, or host names ("erp.local", "*.corp"). */
  allowPrivate: readonly string[];
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type SsrfCheck =
  { ok: true; url: URL; addresses: ResolvedAddress[] } | { ok: false; code: 'blocked' | 'invalid_url' | 'unresolvable'; message: string };

export type ResolveHost = (host: string) => Promise<ResolvedAddress[]>;

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

const ipv4Compatible = ipaddr.IPv6.parseCIDR('::/96');

/**
 * Cloud metadata endpoints hand out credentials; a broad allowance such as 169.254.0.0/16 must not
 * open them by accident, so only an entry naming the exact address does.
 */
const metadataAddresses = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'];

/** Resolves every address of a host (A and AAAA), as the socket would see them. */
export async function resolveHostAddresses(host: string): Promise<ResolvedAddress[]> {
  const found = await lookup(host, { all: true, verbatim: true });
  return found.flatMap((entry) => (entry.family === 4 || entry.family === 6 ? [{ address: entry.address, family: entry.family }] : []));
}

/**
 * Decides whether a flow may call `url`: only http(s), no credentials in the URL, and every address the
 * host resolves to must be public unless the policy allows it. The caller must connect to the returned
 * `addresses` (not resolve again), or a DNS answer that changes between check and connect would win.
 */
export async function checkOutboundUrl(url: string, policy: SsrfPolicy, resolve: ResolveHost = resolveHostAddresses): Promise<SsrfCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, code: 'invalid_url', message: 'not a valid absolute URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return { ok: false, code: 'invalid_url', message: `protocol ${parsed.protocol} is not allowed (only http and https)` };
  if (parsed.username !== '' || parsed.password !== '')
    return { ok: false, code: 'invalid_url', message: 'credentials in the URL are not allowed; use a header' };
  const host = unbracket(parsed.hostname).toLowerCase();
  if (host === '') return { ok: false, code: 'invalid_url', message: 'the URL has no host' };

  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    const ip = ipaddr.parse(host);
    addresses = [{ address: ip.toString(), family: ip.kind() === 'ipv4' ? 4 : 6 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      return { ok: false, code: 'unresolvable', message: `cannot resolve ${host}: ${describeError(error)}` };
    }
    if (addresses.length === 0) return { ok: false, code: 'unresolvable', message: `${host} has no address` };
  }

  const hostAllowed = isHostAllowed(host, policy.allowPrivate);
  for (const { address } of addresses) {
    if (!ipaddr.isValid(address)) return { ok: false, code: 'unresolvable', message: `${host} resolved to an invalid address` };
    const ip = ipaddr.parse(address);
    const range = classifyAddress(ip);
    if (range === 'public') continue;
    if (isAddressAllowed(ip, range, hostAllowed, policy.allowPrivate)) continue;
    return {
      ok: false,
      code: 'blocked',
      message: `${host} resolves to a ${range} address (${address}); add it to http.allowPrivate to allow it`,
    };
  }
  return { ok: true, url: parsed, addresses };
}

/** Names the kind of a non-public address, or 'public'. IPv4-mapped IPv6 is judged as the IPv4 inside. */
export function classifyAddress(ip: Ip): string {
  if (ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress()) return classifyAddress(ip.toIPv4Address());
  // Deprecated IPv4-compatible addresses (::a.b.c.d): no legitimate service uses them.
  if (ip instanceof ipaddr.IPv6 && ip.match(ipv4Compatible) && ip.range() === 'unicast') return 'ipv4Compatible';
  if (metadataAddresses.some((meta) => ipaddr.parse(meta).toString() === ip.toString())) return 'metadata';
  const range = ip.range();
  // Anything not plain unicast (private, loopback, link-local, CGNAT, unique-local, multicast, reserved,
  // NAT64/6to4/Teredo tunnels that can embed a private IPv4...) is refused by default.
  return range === 'unicast' ? 'public' : range;
}

function isAddressAllowed(ip: Ip, range: string, hostAllowed: boolean, allowPrivate: readonly string[]): boolean {
  const plain = ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress() ? ip.toIPv4Address() : ip;
  if (range === 'metadata') return allowPrivate.some((entry) => isExactAddress(entry, plain));
  if (hostAllowed) return true;
  return allowPrivate.some((entry) => isCoveredBy(entry, plain));
}

function isCoveredBy(entry: string, ip: Ip): boolean {
  const trimmed = unbracket(entry.trim());
  try {
    if (ipaddr.isValidCIDR(trimmed)) {
      const [network, bits] = ipaddr.parseCIDR(trimmed);
      return network.kind() === ip.kind() && ip.match(network, bits);
    }
    if (ipaddr.isValid(trimmed)) return ipaddr.parse(trimmed).toString() === ip.toString();
  } catch {
    return false;
  }
  return false;
}

function isExactAddress(entry: string, ip: Ip): boolean {
  const trimmed = unbracket(entry.trim());
  const single = trimmed.replace(/\/(32|128)$/, '');
  return ipaddr.isValid(single) && ipaddr.parse(single).toString() === ip.toString();
}

/** Host-name entries: exact ("erp.local") or a suffix wildcard ("*.corp" matches "a.corp", not "corp"). */
function isHostAllowed(host: string, allowPrivate: readonly string[]): boolean {
  return allowPrivate.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '' || ipaddr.isValid(unbracket(entry)) || entry.includes('/')) return false;
    if (entry.startsWith('*.')) return host.endsWith(entry.slice(1));
    return host === entry;
  });
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return 'code' in error && typeof error.code === 'string' ? error.code : error.message;
  return String(error);
}
