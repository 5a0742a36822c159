// An agent's day as an SVG picture (an AdherenceTimeline from GET /api/adherence/agents/{id}/timeline): one band each
// for the scheduled activities, the actual states, the adherence status and the approved exceptions, over an axis of
// the centre's hours, with a line at now. Every segment carries its name in a <title> and, when wide enough, as a
// label: the colours are never the only way to tell them apart. Drawn at the box's pixel width, so text is not
// stretched.

import { parseInstant } from './format.js';
import { activityText, stateText, statusText } from './supervisor-grid.js';
import { ceilHour, floorHour, hoursMinutes } from './centre-time.js';

const SVG = 'http://www.w3.org/2000/svg';
const HOUR = 3_600_000;

const LABEL_WIDTH = 92;
const BAND_HEIGHT = 28;
const BAND_GAP = 8;
const AXIS_HEIGHT = 22;
const PADDING = 6;

const ACTIVITY_COLOURS = { open: '#3d8bfd', break: '#b07cff', lunch: '#d68cff', meeting: '#2ec4b6', training: '#1f9e99' };
const STATE_COLOURS = {
  available: '#2fd16b', ringing: '#a6ecb8', on_contact: '#3d8bfd', acw: '#62c2ff', not_ready: '#ffb020', logged_out: '#4a5563',
};
const STATUS_COLOURS = { in: '#2fd16b', out: '#ff4d4d', not_calculated: '#8899aa', off: '#2a3440' };
const APPROVAL_COLOUR = '#ffd84d';
const OTHER_COLOUR = '#8899aa';

function element(name, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

/** Dark text on the light fills, light text on the dark ones. */
function textColourOn(fill) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? '#06121e' : '#f4f7fa';
}

/**
 * The stretch of the day to draw: the schedule, the time logged in, the approvals and now, padded to whole hours,
 * within the day. The hours logged out before a shift (every agent's day starts logged out) are left out of it.
 */
function rangeOf(timeline, timeZone) {
  const dayStart = parseInstant(timeline.dayStart);
  const dayEnd = parseInstant(timeline.dayEnd);
  const now = parseInstant(timeline.now);
  const instants = [now];
  const loggedIn = timeline.actual.filter((s) => s.state !== 'logged_out');
  for (const s of [...timeline.scheduled, ...loggedIn, ...timeline.approvals]) {
    instants.push(parseInstant(s.start), parseInstant(s.end));
  }
  const finite = instants.filter(Number.isFinite);
  if (finite.length === 0) return { start: dayStart, end: dayEnd, now };
  const start = Math.max(dayStart, floorHour(Math.min(...finite) - HOUR / 2, timeZone));
  const end = Math.min(dayEnd, ceilHour(Math.max(...finite) + HOUR / 2, timeZone));
  return end > start ? { start, end, now } : { start: dayStart, end: dayEnd, now };
}

/**
 * Draws the timeline into the SVG element and returns the legend's entries ({ kind, name, text, colour }) for the
 * kinds drawn.
 */
export function drawTimeline(svg, timeline, timeZone, width) {
  const { start, end, now } = rangeOf(timeline, timeZone);
  const plotWidth = Math.max(60, width - LABEL_WIDTH - PADDING * 2);
  const x = (instant) => LABEL_WIDTH + PADDING + ((Math.min(Math.max(instant, start), end) - start) / (end - start)) * plotWidth;
  const bands = [
    { key: 'scheduled', title: 'Scheduled' },
    { key: 'actual', title: 'Actual' },
    { key: 'adherence', title: 'Adherence' },
    { key: 'approval', title: 'Approved' },
  ];
  const bandY = (index) => PADDING + index * (BAND_HEIGHT + BAND_GAP);
  const axisY = bandY(bands.length) - BAND_GAP + 4;
  const height = axisY + AXIS_HEIGHT;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.dataset.start = new Date(start).toISOString();
  svg.dataset.end = new Date(end).toISOString();

  const children = [];
  const legend = new Map();

  // Hour lines and labels, every hour or fewer when they would crowd.
  const hours = Math.round((end - start) / HOUR);
  const every = [1, 2, 3, 4, 6, 12].find((n) => (plotWidth / Math.max(1, hours)) * n >= 44) ?? 12;
  for (let t = start, i = 0; t <= end; t += HOUR, i++) {
    if (i % every !== 0) continue;
    const at = x(t);
    children.push(element('line', { class: 'grid-line', x1: at, x2: at, y1: PADDING, y2: axisY }));
    children.push(element('text', {
      class: 'hour', 'data-testid': 'timeline-hour', x: at, y: axisY + 15, 'text-anchor': 'middle',
    }, hoursMinutes(t, timeZone)));
  }

  bands.forEach((band, index) => {
    children.push(element('text', { class: 'band-label', x: 0, y: bandY(index) + BAND_HEIGHT / 2 + 5 }, band.title));
    children.push(element('rect', {
      class: 'band', x: LABEL_WIDTH + PADDING, y: bandY(index), width: plotWidth, height: BAND_HEIGHT, rx: 3,
    }));
  });

  const segment = (bandIndex, testId, from, to, colour, label, title, data) => {
    const s = parseInstant(from);
    const e = parseInstant(to);
    if (!Number.isFinite(s) || !Number.isFinite(e) || e <= start || s >= end) return;
    const x1 = x(s);
    const w = Math.max(1, x(e) - x1);
    const group = element('g', { 'data-testid': testId, ...data });
    group.appendChild(element('rect', { x: x1, y: bandY(bandIndex), width: w, height: BAND_HEIGHT, fill: colour, rx: 2 }));
    group.appendChild(element('title', {}, `${title} ${hoursMinutes(s, timeZone)}–${hoursMinutes(e, timeZone)}`));
    if (w >= label.length * 7 + 8) {
      group.appendChild(element('text', {
        class: 'segment-label', x: x1 + 4, y: bandY(bandIndex) + BAND_HEIGHT / 2 + 4, fill: textColourOn(colour),
      }, label));
    }
    children.push(group);
  };

  for (const s of timeline.scheduled) {
    const colour = ACTIVITY_COLOURS[s.activity] ?? OTHER_COLOUR;
    const text = activityText(s.activity);
    segment(0, 'timeline-scheduled', s.start, s.end, colour, text, `Scheduled: ${text}`, { 'data-activity': s.activity });
    legend.set(`activity:${s.activity}`, { kind: 'Scheduled', text, colour });
  }
  for (const s of timeline.actual) {
    const colour = STATE_COLOURS[s.state] ?? OTHER_COLOUR;
    const text = stateText(s.state, s.reason);
    segment(1, 'timeline-actual', s.start, s.end, colour, text, `Actual: ${text}`, { 'data-state': s.state, 'data-reason': s.reason ?? '' });
    legend.set(`state:${s.state}`, { kind: 'Actual', text: stateText(s.state), colour });
  }
  for (const s of timeline.adherence) {
    const colour = STATUS_COLOURS[s.status] ?? OTHER_COLOUR;
    const text = statusText(s.status);
    segment(2, 'timeline-adherence', s.start, s.end, colour, text, `Adherence: ${text}`, { 'data-status': s.status });
    legend.set(`status:${s.status}`, { kind: 'Adherence', text, colour });
  }
  for (const a of timeline.approvals) {
    segment(3, 'timeline-approval', a.start, a.end, APPROVAL_COLOUR, 'Approved', `Approved by ${a.approvedBy}: ${a.reason}`, { 'data-reason': a.reason });
    legend.set('approval', { kind: 'Approved', text: 'Exception', colour: APPROVAL_COLOUR });
  }

  if (Number.isFinite(now) && now >= start && now <= end) {
    const at = x(now);
    children.push(element('line', { class: 'now-line', 'data-testid': 'timeline-now', x1: at, x2: at, y1: PADDING - 4, y2: axisY }));
  }

  const title = element('title', {}, `Today's timeline of ${timeline.agentId}, ${hoursMinutes(start, timeZone)}–${hoursMinutes(end, timeZone)}`);
  svg.replaceChildren(title, ...children);
  return [...legend.values()];
}
