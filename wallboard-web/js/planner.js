// The planners' page /planner[?queue=id]: asks /hubs/planner for the PlannerSnapshot (Snapshot()) and shows every
// PlannerUpdated push (about one a second): a tab per queue, the selected queue's figures now against its forecast,
// the surge banner of every queue, today's intervals as three charts, the what-if calculator and the CSV export. The
// page's state is in document.body.dataset.state: "connecting" (no snapshot yet), "live", or "stale" (no update for
// 5 s, or the connection is down).

import { LiveConnection, PageStateView } from './connection.js';
import { NO_VALUE, parseInstant } from './format.js';
import { hoursMinutesSeconds } from './centre-time.js';
import { IntervalCharts } from './planner-charts.js';
import { NowPanel, SurgeBanner } from './planner-now.js';
import { QueueTabs } from './planner-tabs.js';
import { WhatIfForm, whatIfFigures } from './planner-what-if.js';

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
const el = Object.fromEntries([
  'day', 'forecast-source', 'clock', 'connection-status', 'stale-banner', 'stale-detail', 'notice', 'queue-plan',
  'queue-csv', 'csv-links', 'as-of', 'time-zone',
].map((id) => [id, byTestId(id)]));

const FORECAST_SOURCE_TEXT = {
  imported: 'Forecast: imported',
  simulator: "Forecast: the simulator's",
};

let snapshot = null;
let lastAsOf = -Infinity;
let lastAppliedAt = null;
let connectionStatus = 'connecting';
/** The queue shown; from ?queue= at first, kept in the address as the planner changes it. */
let selected = new URLSearchParams(location.search).get('queue');
/** The queue the what-if form was last filled for: it is filled again only when another queue is shown. */
let filledFor = null;

const pageStateView = new PageStateView({ status: el['connection-status'], banner: el['stale-banner'], detail: el['stale-detail'] });
const tabs = new QueueTabs(byTestId('queue-tabs'), el['queue-plan'].id, select);
const surges = new SurgeBanner(byTestId('surges'), select);
const nowPanel = new NowPanel();
const charts = new IntervalCharts({
  offered: byTestId('chart-offered'), agents: byTestId('chart-agents'), serviceLevel: byTestId('chart-service-level'),
});
const whatIf = new WhatIfForm(byTestId('what-if'), (source) => {
  const queue = selectedQueue();
  return queue ? whatIfFigures(queue, snapshot.intervalMinutes, source) : null;
});

const csvUrl = (queueId) => `/api/planner/${encodeURIComponent(queueId)}/intervals.csv`;

function selectedQueue() {
  return snapshot?.queues.find((q) => q.queueId === selected) ?? null;
}

function select(queueId) {
  if (queueId === selected) return;
  selected = queueId;
  const url = new URL(location.href);
  url.searchParams.set('queue', queueId);
  history.replaceState(null, '', url);
  render();
}

// --- The snapshot -----------------------------------------------------------------------------------------------

function apply(next) {
  // Every push is a complete snapshot: one older than the last applied (a join's answer overtaken by a push) is dropped.
  const asOf = parseInstant(next.asOf);
  if (asOf < lastAsOf) return;
  lastAsOf = asOf;
  snapshot = next;
  lastAppliedAt = performance.now();
  render();
  refresh();
}

function render() {
  if (!snapshot) return;
  const zone = snapshot.timeZone;
  const queues = snapshot.queues ?? [];
  if (!queues.some((q) => q.queueId === selected)) selected = queues[0]?.queueId ?? null;

  el.day.textContent = `· ${snapshot.day}`;
  el['forecast-source'].textContent = FORECAST_SOURCE_TEXT[snapshot.forecastSource] ?? 'No forecast for today';
  el['as-of'].textContent = hoursMinutesSeconds(parseInstant(snapshot.asOf), zone);
  el['time-zone'].textContent = zone || NO_VALUE;
  tabs.render(queues, selected);
  surges.render(queues);
  renderCsvLinks(queues);

  const queue = selectedQueue();
  el['queue-plan'].hidden = !queue;
  if (!queue) return;
  el['queue-plan'].dataset.queueId = queue.queueId;
  el['queue-plan'].setAttribute('aria-labelledby', `tab-${queue.queueId}`);
  el['queue-csv'].href = csvUrl(queue.queueId);
  el['queue-csv'].setAttribute('download', `${queue.queueId}-${snapshot.day}-intervals.csv`);
  nowPanel.render(queue, zone);
  charts.update(queue, zone);
  if (filledFor !== queue.queueId) {
    filledFor = queue.queueId;
    whatIf.fill(whatIfFigures(queue, snapshot.intervalMinutes, 'forecast'));
  }
}

/** One CSV link per queue in the footer; rebuilt only when the queues change. */
function renderCsvLinks(queues) {
  const key = JSON.stringify([snapshot.day, queues.map((q) => [q.queueId, q.name])]);
  if (el['csv-links'].dataset.key === key) return;
  el['csv-links'].dataset.key = key;
  el['csv-links'].replaceChildren(...queues.flatMap((queue, i) => {
    const link = document.createElement('a');
    link.href = csvUrl(queue.queueId);
    link.download = `${queue.queueId}-${snapshot.day}-intervals.csv`;
    link.dataset.testid = 'csv-link';
    link.dataset.queueId = queue.queueId;
    link.textContent = queue.name;
    return i === 0 ? [link] : [' · ', link];
  }));
}

// --- Live or stale ----------------------------------------------------------------------------------------------

/** Brings the state and the clock up to date; runs every second and on every event. */
function refresh() {
  const now = performance.now();
  const state = pageStateView.update(lastAppliedAt, connectionStatus, now,
    () => (snapshot ? hoursMinutesSeconds(parseInstant(snapshot.asOf), snapshot.timeZone) : null));
  if (!snapshot) return;
  // While stale, the clock stays at the last snapshot's time, which the banner dates.
  const elapsed = state === 'live' ? Math.max(0, now - lastAppliedAt) : 0;
  el.clock.textContent = hoursMinutesSeconds(parseInstant(snapshot.asOf) + elapsed, snapshot.timeZone);
}

function setConnectionStatus(status) {
  connectionStatus = status;
  refresh();
}

const connection = new LiveConnection({ url: '/hubs/planner', join: 'Snapshot', updated: 'PlannerUpdated' }, {
  onJoining() {
    // A new connection (possibly to a restarted server) starts from its own snapshot.
    lastAsOf = -Infinity;
  },
  onSnapshot: apply,
  onStatus: setConnectionStatus,
  onNotice(message) {
    el.notice.textContent = message ?? '';
    el.notice.hidden = !message;
  },
});

// --- Start ------------------------------------------------------------------------------------------------------

connection.start();
setInterval(() => {
  refresh();
  connection.rejoinIfStale(lastAppliedAt);
}, 1_000);
// Background tabs throttle timers: catch up at once when shown again, and retry now rather than after the back-off.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    refresh();
    connection.wake();
  }
});
window.addEventListener('online', () => connection.wake());
