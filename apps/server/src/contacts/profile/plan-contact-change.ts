import type { Contact, ContactWrite } from '../contact.repository.ts';
import { sameValue } from '../contact.repository.ts';
import type { ContactFactKind } from '../segments/segment-refresher.ts';
import type { CheckedProfile } from './check-profile-input.ts';

export interface ContactChangePlan {
  /** What to write (without field meta); empty when nothing changes. */
  write: ContactWrite;
  /** The paths that change: `displayName`, `email`, `phone`, `locale`, `attributes.<key>`, `tags`. */
  paths: string[];
  /** What the segment refresh must re-read. */
  kinds: ContactFactKind[];
}

const profileKeys = ['displayName', 'email', 'phone', 'locale'] as const;

/**
 * Compares a checked change with the stored contact: only real differences are written and reported,
 * so a repeated PATCH (or an import of an unchanged export) emits no event and stamps no field.
 * Attributes merge key by key; `null` deletes one.
 */
export function planContactChange(contact: Contact, change: CheckedProfile, tags?: readonly string[]): ContactChangePlan {
  const write: ContactWrite = {};
  const paths: string[] = [];
  const kinds = new Set<ContactFactKind>();
  for (const key of profileKeys) {
    const value = change[key];
    if (value === undefined || value === contact[key]) continue;
    write[key] = value;
    paths.push(key);
    kinds.add('profile');
  }
  if (change.attributes) {
    const next = { ...contact.attributes };
    for (const [key, value] of Object.entries(change.attributes)) {
      if (sameValue(contact.attributes[key] ?? null, value)) continue;
      if (value === null) delete next[key];
      else next[key] = value;
      paths.push(`attributes.${key}`);
      kinds.add('attributes');
    }
    if (kinds.has('attributes')) write.attributes = next;
  }
  if (tags && !sameValue([...tags], contact.tags)) {
    write.tags = [...tags];
    paths.push('tags');
    kinds.add('tags');
  }
  return { write, paths, kinds: [...kinds] };
}
