// The desk pages show the centre's time (the snapshot's timeZone), whatever the browser's own zone: a supervisor or
// planner working from another site reads the hours of the schedule. Instants are milliseconds since the epoch.

import { NO_VALUE } from './format.js';

const formatters = new Map();

/** Intl.DateTimeFormat in a zone; an unknown zone falls back to the browser's (the figures are unaffected). */
function formatter(timeZone, kind) {
  const key = `${timeZone ?? ''}|${kind}`;
  let format = formatters.get(key);
  if (!format) {
    const options = kind === 'parts'
      ? { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
      : kind === 'seconds'
        ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
        : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    try {
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: timeZone || undefined });
    } catch {
      format = new Intl.DateTimeFormat('en-GB', options);
    }
    formatters.set(key, format);
  }
  return format;
}

/** "09:21" in the centre's zone; "—" for no instant. */
export function hoursMinutes(instant, timeZone) {
  return Number.isFinite(instant) ? formatter(timeZone, 'minutes').format(instant) : NO_VALUE;
}

/** "09:21:05" in the centre's zone; "—" for no instant. */
export function hoursMinutesSeconds(instant, timeZone) {
  return Number.isFinite(instant) ? formatter(timeZone, 'seconds').format(instant) : NO_VALUE;
}

/** The wall clock of an instant in the zone, as its numeric parts. */
function wallClock(instant, timeZone) {
  const parts = {};
  for (const { type, value } of formatter(timeZone, 'parts').formatToParts(instant)) parts[type] = Number(value);
  return parts;
}

/** The zone's offset from UTC at an instant, in milliseconds (London in summer: 3,600,000). */
export function zoneOffset(instant, timeZone) {
  const p = wallClock(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** The value of a datetime-local input ("2026-11-23T09:21:05") showing the instant on the centre's clock. */
export function toLocalInput(instant, timeZone) {
  const p = wallClock(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/**
 * The instant a datetime-local value names on the centre's clock; NaN when it is empty or not a time. Around a clock
 * change, a wall time that occurs twice reads as one of the two, and one that never occurs as an hour later.
 */
export function fromLocalInput(value, timeZone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(String(value ?? ''));
  if (!match) return Number.NaN;
  const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall)) return Number.NaN;
  const guess = wall - zoneOffset(wall, timeZone);
  return wall - zoneOffset(guess, timeZone);
}

/** The last whole hour of the centre's clock at or before the instant. */
export function floorHour(instant, timeZone) {
  const offset = zoneOffset(instant, timeZone);
  const local = instant + offset;
  return local - (((local % 3_600_000) + 3_600_000) % 3_600_000) - offset;
}

/** The first whole hour of the centre's clock at or after the instant. */
export function ceilHour(instant, timeZone) {
  const floor = floorHour(instant, timeZone);
  return floor === instant ? floor : floor + 3_600_000;
}
