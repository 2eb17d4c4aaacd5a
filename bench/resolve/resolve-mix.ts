import type { IdentityClaim } from '@fio/contracts';
import type { ContactProfile } from '../../apps/server/src/contacts/index.ts';
import { hash32, isAnonymousVisitor, personAt, withoutNinthDigit, type SyntheticPerson } from './synthetic-people.ts';

/** The senders the bench resolves, in the proportions it draws them (one of each in turn, shuffled). */
export const resolveCases = [
  'phone_with_9',
  'phone_without_9',
  'email_and_visitor',
  'known_visitor',
  'new_customer',
  'claim_joins_visitor',
] as const;
export type ResolveCase = (typeof resolveCases)[number];

export interface ResolveSample {
  kind: ResolveCase;
  claims: IdentityClaim[];
  profile: ContactProfile;
}

/**
 * Draws senders as the channels would send them: WhatsApp's verified phone (with the 9th digit, or
 * without it as wa_id gives older numbers), the widget's unverified visitor id alone or with the
 * verified e-mail of the same customer, a customer never seen, and an anonymous visitor who logs in
 * as a known customer (the visitor id moves to that contact). `n` is the number of seeded people;
 * `runSalt` keeps the new customers of one run apart from earlier runs on a kept database.
 */
export function createResolveMix(n: number, runSalt: number) {
  let draw = runSalt >>> 0;
  const next = () => hash32(draw++, 999);
  const usedVisitors = new Set<number>();
  let fresh = 0;

  const known = (accept: (p: SyntheticPerson) => boolean): SyntheticPerson => {
    for (;;) {
      const p = personAt(next() % n);
      if (accept(p)) return p;
    }
  };

  /** An anonymous visitor not yet joined in this run (after all are used, any: a join that is already done). */
  const anonymousVisitor = (): SyntheticPerson => {
    for (let tries = 0; tries < 10_000; tries++) {
      const p = personAt(next() % n);
      if (isAnonymousVisitor(p) && !usedVisitors.has(p.index)) {
        usedVisitors.add(p.index);
        return p;
      }
    }
    return known(isAnonymousVisitor);
  };

  const sample = (kind: ResolveCase): ResolveSample => {
    switch (kind) {
      case 'phone_with_9': {
        const p = known((q) => q.phone !== null);
        return { kind, claims: [{ kind: 'phone', value: p.phone!, verified: true }], profile: { displayName: p.displayName } };
      }
      case 'phone_without_9': {
        const p = known((q) => q.phone !== null);
        return {
          kind,
          claims: [{ kind: 'phone', value: withoutNinthDigit(p.phone!), verified: true }],
          profile: { displayName: p.displayName },
        };
      }
      case 'email_and_visitor': {
        const p = known((q) => q.email !== null && q.visitorId !== null);
        return widgetLogin(kind, p.visitorId!, p.email!);
      }
      case 'known_visitor': {
        const p = known((q) => q.visitorId !== null);
        return { kind, claims: [{ kind: 'webchat_visitor', value: p.visitorId!, verified: false }], profile: { locale: 'pt-BR' } };
      }
      case 'new_customer': {
        // Indices past the seeded ones, offset per run; still under the 40 million distinct phones.
        const p = personAt(n + ((runSalt + fresh++) % 30_000_000));
        const claims: IdentityClaim[] = p.phone
          ? [{ kind: 'phone', value: p.phone, verified: true }]
          : [{ kind: 'webchat_visitor', value: `${p.visitorId ?? `v-new-${p.index.toString(36)}`}-${runSalt}`, verified: false }];
        return { kind, claims, profile: { displayName: p.displayName } };
      }
      case 'claim_joins_visitor': {
        const visitor = anonymousVisitor();
        return widgetLogin(kind, visitor.visitorId!, known((q) => q.email !== null).email!);
      }
    }
  };

  /** `count` samples, every case equally often, in a shuffled order. */
  const draws = (count: number): ResolveSample[] => {
    const kinds = Array.from({ length: count }, (_, i) => resolveCases[i % resolveCases.length]!);
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
    }
    return kinds.map(sample);
  };

  return { draws };
}

/** The widget's message of a logged-in visitor: its own (unverified) visitor id, then the site's signed e-mail. */
function widgetLogin(kind: ResolveCase, visitorId: string, email: string): ResolveSample {
  return {
    kind,
    claims: [
      { kind: 'webchat_visitor', value: visitorId, verified: false },
      { kind: 'email', value: email, verified: true },
    ],
    profile: { locale: 'pt-BR' },
  };
}
