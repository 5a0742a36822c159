// The supervisors' page /supervisor[?team=id]: joins /hubs/supervisor (one team, or all teams) and shows the
// SupervisorView it pushes every second: per team its figures and its agents, longest out of adherence first, through
// the filters. Clicking an agent opens the agent's day as a picture, refreshed every few seconds, with the form that
// approves an exception. The page's state is in document.body.dataset.state: "connecting" (no view yet), "live", or
// "stale" (no update for 5 s, or the connection is down).

import { LiveConnection, PageStateView } from './connection.js';
import { NO_VALUE, formatDuration, formatRatePercent, hasValue, parseInstant, plain } from './format.js';
import { ALERTS_EVERY_MS, AlertPanel, QUEUES_EVERY_MS, QueueTiles } from './supervisor-alerts.js';
import { ApprovalForm } from './supervisor-approval.js';
import { SupervisorGrid, activityText, stateText, statusText } from './supervisor-grid.js';
import { drawTimeline } from './supervisor-timeline.js';
import { hoursMinutes, hoursMinutesSeconds } from './centre-time.js';

/** How often the open agent's timeline is fetched again. */
const TIMELINE_EVERY_MS = 3_000;

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
const el = Object.fromEntries([
  'scope', 'centre-adherence', 'centre-conformance', 'centre-out-now', 'clock', 'connection-status', 'stale-banner',
  'stale-detail', 'notice', 'filters', 'filter-team', 'filter-status', 'filter-search', 'shown-count', 'teams', 'as-of',
  'time-zone', 'agent-detail', 'detail-name', 'detail-close', 'detail-status', 'detail-now', 'timeline', 'timeline-box',
  'timeline-legend', 'timeline-error', 'approval-list', 'approval-form',
].map((id) => [id, byTestId(id)]));

const team = new URLSearchParams(location.search).get('team') || null;

let view = null;
let lastAsOf = -Infinity;
let lastAppliedAt = null;
let connectionStatus = 'connecting';

const pageStateView = new PageStateView({ status: el['connection-status'], banner: el['stale-banner'], detail: el['stale-detail'] });
const grid = new SupervisorGrid(el.teams, openDetail);

const alertPanel = new AlertPanel({
  list: byTestId('alert-list'), empty: byTestId('alert-empty'), count: byTestId('alert-count'),
  error: byTestId('alert-panel-error'), sound: byTestId('alert-sound'), template: document.getElementById('alert-item'),
}, { team, timeZone: () => view?.timeZone });
const queueTiles = new QueueTiles(byTestId('queue-tiles'), document.getElementById('queue-tile'), byTestId('queue-tiles-error'));

/** The server's time now: the last view's, moved on by the time since it arrived. */
function serverNow() {
  if (!view) return Date.now();
  return parseInstant(view.asOf) + (performance.now() - lastAppliedAt);
}

function filters() {
  return { team: el['filter-team'].value, status: el['filter-status'].value, search: el['filter-search'].value };
}

// --- The view -------------------------------------------------------------------------------------------------

function apply(next) {
  // Every push is a complete view: one older than the last applied (a join's answer overtaken by a push) is dropped.
  const asOf = parseInstant(next.asOf);
  if (asOf < lastAsOf) return;
  lastAsOf = asOf;
  const zoneChanged = view?.timeZone !== next.timeZone;
  view = next;
  if (zoneChanged) alertPanel.redraw();
  lastAppliedAt = performance.now();
  render();
  refresh();
}

function render() {
  if (!view) return;
  const zone = view.timeZone;
  el.scope.textContent = team ? `· ${view.teams.find((t) => t.teamId === team)?.name ?? team}` : '· all teams';
  el['centre-adherence'].textContent = plain(formatRatePercent(view.centre.adherencePercent));
  el['centre-conformance'].textContent = plain(formatRatePercent(view.centre.conformancePercent));
  el['centre-out-now'].textContent = hasValue(view.centre.outOfAdherenceNow) ? String(view.centre.outOfAdherenceNow) : NO_VALUE;
  el['as-of'].textContent = hoursMinutesSeconds(parseInstant(view.asOf), zone);
  el['time-zone'].textContent = zone || NO_VALUE;
  renderTeamOptions();
  const { shown: count, total } = grid.render(view, filters());
  el['shown-count'].textContent = `${count} of ${total} agents`;
  renderDetail();
}


/** The team filter lists the view's teams; rebuilt only when they change, keeping the choice. */
function renderTeamOptions() {
  const select = el['filter-team'];
  const teams = view.teams.map((t) => [t.teamId, t.name]);
  const key = JSON.stringify(teams);
  if (select.dataset.teams === key) return;
  select.dataset.teams = key;
  const chosen = select.value;
  const options = teams.map(([id, name]) => {
    const option = document.createElement('option');
    option.value = id;
    option.textContent = name;
    return option;
  });
  select.replaceChildren(select.options[0], ...options);
  select.value = teams.some(([id]) => id === chosen) ? chosen : '';
}

function applyFilters() {
  render();
  refresh();
}

el.filters.addEventListener('submit', (event) => event.preventDefault());
el.filters.addEventListener('input', applyFilters);
el.filters.addEventListener('change', applyFilters);

// --- Live or stale ----------------------------------------------------------------------------------------------

/** Brings the state and the ticking figures up to date; runs every second and on every event. */
function refresh() {
  const now = performance.now();
  const state = pageStateView.update(lastAppliedAt, connectionStatus, now,
    () => (view ? hoursMinutesSeconds(parseInstant(view.asOf), view.timeZone) : null));
  if (!view) return;
  // While stale, times stay at the last view's values, which the banner dates.
  const elapsed = state === 'live' ? Math.max(0, (now - lastAppliedAt) / 1000) : 0;
  grid.tick(elapsed);
  el.clock.textContent = hoursMinutesSeconds(parseInstant(view.asOf) + elapsed * 1000, view.timeZone);
  renderDetailNow(elapsed);
}

function setConnectionStatus(status) {
  connectionStatus = status;
  refresh();
}

function watchdog() {
  refresh();
  connection.rejoinIfStale(lastAppliedAt);
}

const connection = new LiveConnection({ url: '/hubs/supervisor', join: 'Join', argument: team, updated: 'AdherenceUpdated' }, {
  onJoining() {
    // A new connection (possibly to a restarted server) starts from its own view.
    lastAsOf = -Infinity;
    alertPanel.load(); // at start and after every reconnect: the pushes missed meanwhile are in the answer
  },
  onSnapshot: apply,
  onStatus: setConnectionStatus,
  onNotice(message) {
    el.notice.textContent = message ?? '';
    el.notice.hidden = !message;
  },
});

// --- One agent's day --------------------------------------------------------------------------------------------

let openAgentId = null;
let timeline = null;
let timelineTimer = null;
let fetching = false;

const approvalForm = new ApprovalForm(el['approval-form'], {
  now: serverNow,
  onApproved: () => fetchTimeline(),
});

function agentOf(id) {
  return view?.agents.find((a) => a.agentId === id) ?? null;
}

function openDetail(agentId) {
  const agent = agentOf(agentId);
  if (!agent) return;
  const changed = openAgentId !== agentId;
  openAgentId = agentId;
  grid.select(agentId);
  el['agent-detail'].hidden = false;
  el['agent-detail'].dataset.agentId = agentId;
  if (changed) {
    timeline = null;
    el.timeline.replaceChildren();
    el['timeline-legend'].replaceChildren();
    el['approval-list'].replaceChildren();
    approvalForm.open(agent, view.timeZone);
    el['detail-close'].focus({ preventScroll: true });
  }
  renderDetail();
  fetchTimeline();
  clearInterval(timelineTimer);
  timelineTimer = setInterval(fetchTimeline, TIMELINE_EVERY_MS);
}

function closeDetail() {
  openAgentId = null;
  timeline = null;
  clearInterval(timelineTimer);
  timelineTimer = null;
  grid.select(null);
  el['agent-detail'].hidden = true;
  delete el['agent-detail'].dataset.agentId;
}

el['detail-close'].addEventListener('click', closeDetail);
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && openAgentId !== null) closeDetail();
});

function renderDetail() {
  if (openAgentId === null) return;
  const agent = agentOf(openAgentId);
  if (!agent) return;
  approvalForm.update(agent);
  el['detail-name'].textContent = agent.name;
  el['detail-status'].textContent = statusText(agent.status);
  el['detail-status'].dataset.status = agent.status;
  renderDetailNow(0);
}

/** "Open until 10:00 · Not ready · meeting since 09:21 · out for 4:05". */
function renderDetailNow(elapsed) {
  if (openAgentId === null || !view) return;
  const agent = agentOf(openAgentId);
  if (!agent) return;
  const zone = view.timeZone;
  const parts = [
    `Scheduled ${activityText(agent.activity)}${agent.activityUntil ? ` until ${hoursMinutes(parseInstant(agent.activityUntil), zone)}` : ''}`,
    `${stateText(agent.state, agent.reason)}${agent.stateSince ? ` since ${hoursMinutes(parseInstant(agent.stateSince), zone)}` : ''}`,
  ];
  if (agent.outSince) parts.push(`out for ${plain(formatDuration(agent.outSeconds + elapsed))}`);
  el['detail-now'].textContent = parts.join(' · ');
}

async function fetchTimeline() {
  const agentId = openAgentId;
  if (agentId === null || fetching) return;
  fetching = true;
  try {
    const response = await fetch(`/api/adherence/agents/${encodeURIComponent(agentId)}/timeline`, { cache: 'no-store' });
    const answer = await response.json().catch(() => null);
    if (agentId !== openAgentId) return; // closed or another agent opened meanwhile
    if (!response.ok) {
      showTimelineError(answer?.detail ?? `The timeline could not be read (${response.status}).`);
      return;
    }
    showTimelineError(null);
    timeline = answer;
    drawOpenTimeline();
  } catch {
    if (agentId === openAgentId) showTimelineError('The timeline could not be read: the server did not answer.');
  } finally {
    fetching = false;
  }
}

function showTimelineError(message) {
  el['timeline-error'].textContent = message ?? '';
  el['timeline-error'].hidden = !message;
}

function drawOpenTimeline() {
  if (!timeline || !view) return;
  const zone = view.timeZone;
  const width = Math.max(320, Math.floor(el['timeline-box'].clientWidth));
  const legend = drawTimeline(el.timeline, timeline, zone, width);
  el.timeline.setAttribute('aria-label', `Today's timeline of ${agentOf(timeline.agentId)?.name ?? timeline.agentId}`);
  el['timeline-legend'].replaceChildren(...legend.map(({ kind, text, colour }) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colour;
    item.append(swatch, `${kind}: ${text}`);
    return item;
  }));
  el['approval-list'].replaceChildren(...(timeline.approvals.length === 0
    ? [Object.assign(document.createElement('li'), { className: 'muted', textContent: 'None' })]
    : timeline.approvals.map((a) => {
      const item = document.createElement('li');
      item.dataset.testid = 'approval-item';
      item.textContent = `${hoursMinutes(parseInstant(a.start), zone)}–${hoursMinutes(parseInstant(a.end), zone)} · ${a.reason} · `
        + `${a.approvedBy}, at ${hoursMinutes(parseInstant(a.approvedAt), zone)}`;
      return item;
    })));
}

window.addEventListener('resize', drawOpenTimeline);

// --- Start ------------------------------------------------------------------------------------------------------

connection.on('AlertsChanged', (changes) => alertPanel.applyChanges(changes));
connection.start();
setInterval(watchdog, 1_000);
setInterval(() => alertPanel.load(), ALERTS_EVERY_MS);
queueTiles.load();
setInterval(() => queueTiles.load(), QUEUES_EVERY_MS);
// Background tabs throttle timers: catch up at once when shown again, and retry now rather than after the back-off.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    watchdog();
    connection.wake();
  }
});
window.addEventListener('online', () => connection.wake());
