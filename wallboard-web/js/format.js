// How figures read on the board. A null figure has no value (METRICS.md): it shows as a dash, never 0 % or 100 %.
// Every formatter here gives the dash for null, a missing property (undefined) and anything not a finite number.

export const NO_VALUE = '—';

/** Whether a figure has a value to show: a finite number (null, undefined and NaN have none). */
export function hasValue(value) {
  return typeof value === 'number' && Number.isFinite(value);
}

const counts = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A figure as displayed: its text and an optional smaller unit. */
function figure(text, unit = '') {
  return { text, unit };
}

/** A figure ({ text, unit }) as plain text: "91.3%", "2:05", "—". */
export function plain({ text, unit }) {
  return `${text}${unit}`;
}

export function formatCount(value) {
  return figure(hasValue(value) ? counts.format(value) : NO_VALUE);
}

/**
 * Service level, in whole percent rounded down: a board never shows "80 %" for 79.6 % against an 80 % target,
 * which would contradict the colour.
 */
export function formatServiceLevel(value) {
  return hasValue(value) ? figure(String(Math.floor(value)), '%') : figure(NO_VALUE);
}

/** A fractional figure such as expected arrivals or Erlangs, to one decimal. */
export function formatOneDecimal(value) {
  return figure(hasValue(value) ? oneDecimal.format(value) : NO_VALUE);
}

/** A rate such as abandonment, to one decimal. */
export function formatRatePercent(value) {
  return hasValue(value) ? figure(oneDecimal.format(value), '%') : figure(NO_VALUE);
}

/** A share in whole percent, rounded (occupancy: no target to round against). */
export function formatPercent(value) {
  return hasValue(value) ? figure(String(Math.round(value)), '%') : figure(NO_VALUE);
}

/** A duration as m:ss (h:mm:ss from an hour). */
export function formatDuration(seconds) {
  if (!hasValue(seconds)) return figure(NO_VALUE);
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return figure(h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`);
}

/** 'bad' below the target, 'warn' up to 5 points above it, 'good' beyond; 'none' without a value. */
export function serviceLevelStatus(value, targetPercent) {
  if (!hasValue(value) || !hasValue(targetPercent)) return 'none';
  if (value < targetPercent) return 'bad';
  if (value <= targetPercent + 5) return 'warn';
  return 'good';
}

/** The length of a sliding window as read on the board: "15m" → "15 min", "60m" → "60 min", "120m" → "2 h"; other names as they are. */
export function windowLength(name) {
  const match = /^(\d+)m$/.exec(String(name));
  if (!match) return String(name ?? '');
  const minutes = Number(match[1]);
  return minutes > 60 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

/**
 * Parses an ISO 8601 time with offset. .NET writes up to 7 fractional digits; keep 3 so that every
 * browser's Date parses it.
 */
export function parseInstant(iso) {
  return Date.parse(String(iso).replace(/(\.\d{3})\d+/, '$1'));
}

/**
 * The wall-clock "HH:mm" of an ISO time written with the centre's offset (as trend and window starts are):
 * read from the text itself, so it is right whatever the time zone of the TV.
 */
export function wallClockOf(iso) {
  const match = /T(\d{2}:\d{2})/.exec(String(iso));
  return match ? match[1] : '';
}

/** "HH:mm" plus a number of minutes, on a 24-hour clock. */
export function addMinutes(hhmm, minutes) {
  const [h, m] = hhmm.split(':').map(Number);
  const total = (((h * 60 + m + minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const formatters = new Map();

/** Formats instants in a time zone, e.g. the centre's: { time: "09:31:05", day: "Mon 23 Nov" }. */
export function centreClock(timeZone) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = createClock(timeZone);
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function createClock(timeZone) {
  const options = { timeZone: timeZone || undefined };
  let time;
  let day;
  try {
    time = new Intl.DateTimeFormat(undefined, { ...options, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    day = new Intl.DateTimeFormat(undefined, { ...options, weekday: 'short', day: 'numeric', month: 'short' });
  } catch {
    // An unknown zone: the browser's own zone is the best left; the figures themselves are unaffected.
    return createClock(undefined);
  }
  return {
    time: (instant) => time.format(instant),
    day: (instant) => day.format(instant),
  };
}
