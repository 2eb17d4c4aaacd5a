import { createSeededRandom, shuffleInPlace } from './create-seeded-random.ts';

/**
 * Holds out `heldOutShare` of each class (at least one line; none from a class with fewer than
 * three), shuffled with `seed`, so calibration sees every intent and training keeps most lines.
 */
export function splitStratified<T extends { label: number }>(
  items: readonly T[],
  classCount: number,
  options: { heldOutShare: number; seed: number },
): { fit: T[]; heldOut: T[] } {
  const byClass: T[][] = Array.from({ length: classCount }, () => []);
  for (const item of items) byClass[item.label]!.push(item);
  const random = createSeededRandom(options.seed ^ 0x5eed);
  const fit: T[] = [];
  const heldOut: T[] = [];
  for (const members of byClass) {
    shuffleInPlace(members, random);
    const held = members.length < 3 ? 0 : Math.max(1, Math.round(members.length * options.heldOutShare));
    heldOut.push(...members.slice(0, held));
    fit.push(...members.slice(held));
  }
  return { fit, heldOut };
}
