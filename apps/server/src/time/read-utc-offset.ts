import { toWallClock } from './to-wall-clock.ts';

/** Local time minus UTC at an instant (ms since the epoch), in ms: São Paulo gives -3 hours. */
export function readUtcOffset(instant: number, timezone: string): number {
  const wall = toWallClock(new Date(instant), timezone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // The wall clock shows whole seconds, so compare with the instant cut to its second.
  return asUtc - Math.floor(instant / 1000) * 1000;
}
