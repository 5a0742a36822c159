// The TV page for /board/{name}: joins the board over SignalR and shows its snapshots, with the page's state in
// document.body.dataset.state: "connecting" (no figures yet), "live", or "stale" (no update for 5 s, or the
// connection is down).

import { BoardConnection, pageState } from './connection.js';
import { TrendChart } from './trend-chart.js';
import { BoardView } from './view.js';

/** Disconnected for this long: reload the page as a last resort, but only once the server answers for it. */
const RELOAD_AFTER_MS = 10 * 60_000;
const PROBE_EVERY_MS = 30_000;

const board = boardName(location.pathname);
const chart = new TrendChart(document.querySelector('[data-testid="trend-chart"]'));
const view = new BoardView(chart);

let lastSequence = -Infinity;
let lastAppliedAt = null;
let connectionStatus = 'connecting';
let disconnectedSince = performance.now();
let lastProbeAt = -Infinity;
let shown = '';

/** The name in /board/{name}, or null. */
function boardName(path) {
  const match = /^\/board\/([^/]+)\/?$/.exec(path);
  try {
    return match ? decodeURIComponent(match[1]) : null;
  } catch {
    return null; // a malformed escape
  }
}

function apply(snapshot) {
  // Every push is a complete snapshot: one not newer than the last applied is simply dropped.
  if (!(snapshot.sequence > lastSequence)) return;
  lastSequence = snapshot.sequence;
  lastAppliedAt = performance.now();
  view.render(snapshot, lastAppliedAt);
  refresh();
}

function setConnectionStatus(status) {
  connectionStatus = status;
  disconnectedSince = status === 'live' ? null : disconnectedSince ?? performance.now();
  refresh();
}

/** Brings the state and the ticking figures up to date; runs every second and on every event. */
function refresh() {
  const now = performance.now();
  const state = pageState(lastAppliedAt, connectionStatus, now);
  const key = `${state}/${connectionStatus}`;
  if (key !== shown) {
    shown = key;
    view.setState(state, connectionStatus, now);
  } else {
    view.tick(now);
  }
}

function watchdog() {
  refresh();
  const now = performance.now();
  connection.rejoinIfStale(lastAppliedAt, now); // a lost group, a restarted sequence
  if (disconnectedSince !== null && now - disconnectedSince > RELOAD_AFTER_MS && now - lastProbeAt > PROBE_EVERY_MS) {
    // A reload while the server is unreachable would leave the browser's error page, which never retries.
    lastProbeAt = now;
    fetch(location.href, { cache: 'no-store' })
      .then((response) => response.ok && location.reload())
      .catch(() => {});
  }
}

const connection = board === null ? null : new BoardConnection(board, {
  onJoining() {
    // A new connection (possibly to a restarted server whose sequence began again) starts from its own
    // snapshot; updates that overtake JoinBoard's answer still win by their higher sequence.
    lastSequence = -Infinity;
  },
  onSnapshot: apply,
  onStatus: setConnectionStatus,
  onNotice: (message) => view.showNotice(message),
});

if (connection === null) {
  view.showNotice('No board in this address: open /board/{name}.');
} else {
  view.showBoardName(board);
  connection.start();
  setInterval(watchdog, 1_000);

  // Background tabs throttle timers: catch up at once when shown again, and retry now rather than after the back-off.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      watchdog();
      connection.wake();
    }
  });
  window.addEventListener('online', () => connection.wake());
}
window.addEventListener('resize', () => {
  chart.resize();
  view.fit();
});
