import { skillSchema } from '@fio/contracts';

/** "language:en, product:cartao" → the skills, or the first one that does not read dimension:value. */
export function parseSkills(text: string): { ok: true; skills: string[] } | { ok: false; bad: string } {
  const skills = [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  for (const skill of skills) if (!skillSchema.safeParse(skill).success) return { ok: false, bad: skill };
  return { ok: true, skills };
}
