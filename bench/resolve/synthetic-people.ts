/**
 * The bench's customers, as a pure function of their number: person `i` is the same on every run and
 * in every process, so the measurement can pick known phones, e-mails and visitor ids without holding
 * a million of them in memory, and a kept database (`--keep`) needs no list beside it.
 */
export interface SyntheticPerson {
  index: number;
  displayName: string;
  /** E.164 with the 9th digit (the stored, canonical form); null for the ~30 % without WhatsApp. */
  phone: string | null;
  email: string | null;
  visitorId: string | null;
  /** `crm:<id>`, the value of an `external` identity. */
  crmId: string | null;
  city: string;
  plan: string;
  tags: string[];
}

const firstNames = [
  'ana',
  'bruno',
  'carla',
  'diego',
  'elisa',
  'fabio',
  'gabriela',
  'heitor',
  'isabela',
  'joao',
  'larissa',
  'marcos',
  'natalia',
  'otavio',
  'paula',
  'rafael',
  'sofia',
  'tiago',
  'vitoria',
  'wagner',
];
const lastNames = [
  'silva',
  'santos',
  'oliveira',
  'souza',
  'rodrigues',
  'ferreira',
  'alves',
  'pereira',
  'lima',
  'gomes',
  'costa',
  'ribeiro',
  'martins',
  'carvalho',
  'almeida',
  'lopes',
];
const domains = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.com.br', 'uol.com.br', 'bol.com.br', 'empresa.com.br'];
const cities = [
  'São Paulo',
  'Rio de Janeiro',
  'Belo Horizonte',
  'Salvador',
  'Curitiba',
  'Recife',
  'Porto Alegre',
  'Fortaleza',
  'Manaus',
  'Goiânia',
];
/** The demo workspace's `plan` field options (workspaces/demo/workspace.yaml contactFields). */
export const plans = ['basico', 'plus', 'premium'];
const tagPool = ['vip', 'atacado', 'newsletter', 'black-friday', 'reclamacao', 'indicacao'];
/** Brazilian area codes (DDD) in use. */
const areaCodes = [
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46, 47, 48, 49, 51, 53, 54, 55,
  61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
];

/** A well-mixed 32-bit hash of (i, salt) (the murmur3 finaliser), for independent per-person draws. */
export function hash32(i: number, salt: number): number {
  let h = (Math.imul(i, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const pick = <T>(list: readonly T[], i: number, salt: number): T => list[hash32(i, salt) % list.length]!;
const percentOf = (i: number, salt: number) => hash32(i, salt) % 100;

/**
 * The 8-digit subscriber part: 6xxxxxxx–9xxxxxxx (mobiles), distinct for every i below 40 million
 * (7919 is prime to 40,000,000), so no two people share a phone whatever their area code.
 */
function subscriberOf(i: number): number {
  return 60_000_000 + ((i * 7919) % 40_000_000);
}

export function personAt(i: number): SyntheticPerson {
  const first = pick(firstNames, i, 10);
  const last = pick(lastNames, i, 11);
  const hasPhone = percentOf(i, 1) < 70;
  const hasEmail = percentOf(i, 2) < 40;
  const hasVisitor = percentOf(i, 3) < 30;
  const hasCrm = percentOf(i, 4) < 10;
  const tags = tagPool.filter((_, t) => percentOf(i, 20 + t) < 12);
  return {
    index: i,
    displayName: `${first[0]!.toUpperCase()}${first.slice(1)} ${last[0]!.toUpperCase()}${last.slice(1)}`,
    phone: hasPhone ? `+55${pick(areaCodes, i, 5)}9${subscriberOf(i)}` : null,
    email: hasEmail ? `${first}.${last}${i}@${pick(domains, i, 6)}` : null,
    visitorId: hasVisitor
      ? `v-${hash32(i, 7).toString(16).padStart(8, '0')}${hash32(i, 8).toString(16).padStart(8, '0')}-${i.toString(36)}`
      : null,
    crmId: hasCrm ? `crm:${1_000_000 + i}` : null,
    city: pick(cities, i, 12),
    plan: pick(plans, i, 13),
    tags,
  };
}

/** The phone as WhatsApp's wa_id gives it for a number registered before 2012: without the 9th digit. */
export function withoutNinthDigit(phone: string): string {
  return `${phone.slice(0, 5)}${phone.slice(6)}`;
}

/** A person who only ever chatted on the widget, never logged in: the visitor a verified claim joins. */
export function isAnonymousVisitor(p: SyntheticPerson): boolean {
  return p.visitorId !== null && p.phone === null && p.email === null && p.crmId === null;
}
