// Wall clocks in a time zone: what a clock in a zone shows at an instant, and back. Pure, DST-safe,
// built on Intl (no date library). It knows nothing of business hours, flows or the demo store.
export { localDay, type LocalDay, type Weekday } from './local-day.ts';
export { readUtcOffset } from './read-utc-offset.ts';
export { toWallClock, type WallClock } from './to-wall-clock.ts';
export { wallClockToInstant } from './wall-clock-to-instant.ts';
