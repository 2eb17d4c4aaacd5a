import { presenceSchema, roleSchema, type Presence, type Role } from '@fio/contracts';

/** users.role and users.presence read without casts; an unknown value is the least privileged one. */
export function readRole(value: string): Role {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : 'agent';
}

export function readPresence(value: string): Presence {
  const parsed = presenceSchema.safeParse(value);
  return parsed.success ? parsed.data : 'offline';
}
