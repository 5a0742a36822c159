// Puts a BoardSnapshot on the page. Text only ever goes in through textContent.

import {
  NO_VALUE, addMinutes, centreClock, formatCount, formatDuration, formatPercent, formatRatePercent, formatServiceLevel,
  hasValue, parseInstant, serviceLevelStatus, wallClockOf, windowLength,
} from './format.js';

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

/** Writes a figure ({ text, unit }) into an element, the unit in a smaller span. */
function show(element, { text, unit }) {
  if (!unit) {
    element.textContent = text;
    return;
  }
  const small = document.createElement('span');
  small.className = 'unit';
  small.textContent = unit;
  element.replaceChildren(text, small);
}

/**
 * Shrinks an element's text until it fits its box (a wait past ten minutes, a TV's wider font); the stylesheet's
 * size is the largest it gets.
 */
function fitToWidth(element) {
  element.style.fontSize = '';
  if (element.clientWidth === 0) return; // not laid out
  const overflow = element.scrollWidth / element.clientWidth;
  if (overflow > 1) {
    element.style.fontSize = `${Math.floor(parseFloat(getComputedStyle(element).fontSize) / overflow)}px`;
  }
}

function showServiceLevel(element, value, target) {
  show(element, formatServiceLevel(value));
  element.dataset.status = serviceLevelStatus(value, target);
}

export class BoardView {
  #el = {};
  #queueRows = new Map();
  #queueIds = '';
  #windowTiles = new Map();
  #windowNames = '';
  #chart;
  /** What ticks between updates: the last snapshot, and when (performance.now()) it arrived. */
  #last = null;
  #receivedAt = 0;
  #ticking = true;

  constructor(chart) {
    this.#chart = chart;
    for (const id of [
      'board-title', 'clock', 'clock-day', 'connection-status', 'stale-banner', 'stale-detail', 'notice',
      'calls-waiting', 'longest-wait', 'service-level-tile', 'service-level-today', 'service-level-target',
      'answered-today', 'offered-today', 'abandonment-today', 'abandoned-today', 'asa-today', 'aht-today',
      'agents-available', 'agents-on-contact', 'agents-acw', 'agents-not-ready', 'agents-logged-in',
      'agents-not-ready-reasons', 'sliding-windows', 'occupancy-label', 'occupancy', 'occupancy-today',
      'projected-sl-tile', 'projected-sl-today', 'waiting-past-threshold', 'queue-rows', 'interval-heading',
      'surge-tile', 'surge-value', 'surge-detail', 'trend-target', 'as-of', 'figures-as-of', 'interval-window', 'last-sequence',
    ]) {
      this.#el[id] = byTestId(id);
    }
    this.#el.queueTemplate = document.getElementById('queue-row');
    this.#el.windowTemplate = document.getElementById('window-tile');
    this.#collectFitted();
  }

  #collectFitted() {
    this.#el.fitted = [...document.querySelectorAll('.tile-label, .tile-value, .tile-detail')];
  }

  showBoardName(name) {
    this.#el['board-title'].textContent = name;
    document.title = name;
  }

  /** Renders a complete snapshot, received at `receivedAt` (performance.now()). */
  render(snapshot, receivedAt) {
    this.#last = snapshot;
    this.#receivedAt = receivedAt;
    const el = this.#el;
    const totals = snapshot.totals;
    const clock = centreClock(snapshot.timeZone);
    const asOf = parseInstant(snapshot.asOf);

    el['board-title'].textContent = snapshot.title;
    document.title = snapshot.title;
    el['as-of'].textContent = Number.isNaN(asOf) ? NO_VALUE : clock.time(asOf);
    const figuresAsOf = parseInstant(snapshot.figuresAsOf);
    el['figures-as-of'].textContent = Number.isNaN(figuresAsOf) ? NO_VALUE : clock.time(figuresAsOf);
    el['last-sequence'].textContent = String(snapshot.sequence);

    const intervalStart = wallClockOf(totals.interval.windowStart);
    el['interval-window'].textContent = intervalStart
      ? `${intervalStart}–${addMinutes(intervalStart, snapshot.intervalMinutes)}`
      : NO_VALUE;
    el['interval-heading'].textContent = intervalStart ? `SL ${intervalStart}` : 'SL interval';

    show(el['calls-waiting'], formatCount(totals.callsWaiting));
    showServiceLevel(el['service-level-today'], totals.today.serviceLevelPercent, totals.serviceLevelTargetPercent);
    el['service-level-tile'].dataset.status = el['service-level-today'].dataset.status;
    el['service-level-target'].textContent =
      `Target ${totals.serviceLevelTargetPercent}% in ${totals.serviceLevelSeconds} s`;
    show(el['answered-today'], formatCount(totals.today.answered));
    show(el['offered-today'], formatCount(totals.today.offered));
    show(el['abandonment-today'], formatRatePercent(totals.today.abandonmentRatePercent));
    show(el['abandoned-today'], formatCount(totals.today.abandoned));
    show(el['asa-today'], formatDuration(totals.today.asaSeconds));
    show(el['aht-today'], formatDuration(totals.today.ahtSeconds));

    const agents = totals.agents;
    show(el['agents-available'], formatCount(agents.available));
    show(el['agents-on-contact'], formatCount(agents.onContact));
    show(el['agents-acw'], formatCount(agents.acw));
    show(el['agents-not-ready'], formatCount(agents.notReady));
    show(el['agents-logged-in'], formatCount(agents.loggedIn));
    el['agents-not-ready-reasons'].textContent = Object.entries(agents.notReadyByReason ?? {})
      .filter(([, count]) => count > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([reason, count]) => `${reason} ${count}`)
      .join(' · ');

    this.#renderWindows(totals);
    this.#renderSurges(snapshot.surges);
    this.#renderQueues(snapshot.queues);
    el['trend-target'].textContent = `— target ${totals.serviceLevelTargetPercent}%`;
    this.#chart.update(totals, snapshot.intervalMinutes);
    this.tick(receivedAt);
    this.fit();
  }

  /** Fits the tiles' text to their boxes; after every render, and when the window is resized. */
  fit() {
    this.#el.fitted.forEach(fitToWidth);
  }

  /**
   * The totals over the last minutes: one tile per sliding window (the set the server is configured with), occupancy
   * over the shortest of them (today's beside it), and the projected service level when the server gives one.
   */
  #renderWindows(totals) {
    const el = this.#el;
    const sliding = totals.sliding ?? [];
    const names = sliding.map((figures) => figures.window).join('\n');
    if (names !== this.#windowNames) {
      this.#windowNames = names;
      this.#windowTiles.clear();
      const tiles = sliding.map((figures) => {
        const tile = el.windowTemplate.content.firstElementChild.cloneNode(true);
        tile.dataset.window = figures.window;
        const parts = { tile };
        for (const part of tile.querySelectorAll('[data-testid]')) parts[part.dataset.testid] = part;
        parts['sliding-length'].textContent = windowLength(figures.window);
        this.#windowTiles.set(figures.window, parts);
        return tile;
      });
      el['sliding-windows'].replaceChildren(...tiles);
      this.#collectFitted();
    }
    for (const figures of sliding) {
      const parts = this.#windowTiles.get(figures.window);
      showServiceLevel(parts['sliding-sl'], figures.serviceLevelPercent, totals.serviceLevelTargetPercent);
      parts.tile.dataset.status = parts['sliding-sl'].dataset.status;
      show(parts['sliding-offered'], formatCount(figures.offered));
    }

    const recent = sliding[0] ?? totals.today;
    el['occupancy-label'].textContent = sliding.length > 0 ? `Occupancy last ${windowLength(recent.window)}` : 'Occupancy today';
    show(el.occupancy, formatPercent(recent.occupancyPercent));
    show(el['occupancy-today'], formatPercent(totals.today.occupancyPercent));

    const projected = totals.today.projectedServiceLevelPercent;
    el['projected-sl-tile'].hidden = !hasValue(projected);
    showServiceLevel(el['projected-sl-today'], projected, totals.serviceLevelTargetPercent);
    el['projected-sl-tile'].dataset.status = el['projected-sl-today'].dataset.status;
    show(el['waiting-past-threshold'], formatCount(totals.waitingPastThreshold));
  }

  /**
   * The surge tile, on boards that have one (`surges` is null elsewhere): the queues surging now by name and arrivals
   * as % of forecast over the planner's window; otherwise, quietly, the board's arrivals as % of its forecast.
   */
  #renderSurges(surges) {
    const el = this.#el;
    el['surge-tile'].hidden = !Array.isArray(surges);
    if (!Array.isArray(surges)) {
      return;
    }
    const surging = surges.filter((s) => s.active);
    const window = surges[0]?.windowMinutes;
    el['surge-tile'].dataset.status = surging.length > 0 ? 'bad' : 'good';
    if (surging.length > 0) {
      show(el['surge-value'], { text: 'SURGE', unit: '' });
      el['surge-detail'].textContent = surging
        .map((s) => {
          const ratio = formatPercent(s.ratioPercent);
          return `${s.name} ${ratio.text}${ratio.unit} of forecast`;
        })
        .join(' · ');
      return;
    }
    // Quiet: the board's queues together, their arrivals against the forecast's over the same minutes.
    const forecast = surges.filter((s) => hasValue(s.expectedArrivals));
    const expected = forecast.reduce((sum, s) => sum + s.expectedArrivals, 0);
    const arrived = forecast.reduce((sum, s) => sum + s.arrivals, 0);
    show(el['surge-value'], formatPercent(expected > 0 ? (100 * arrived) / expected : null));
    el['surge-detail'].textContent = window ? `No surge · last ${window} min` : 'No surge';
  }

  #renderQueues(queues) {
    const ids = queues.map((q) => q.id).join('\n');
    if (ids !== this.#queueIds) {
      // The set of queues changed (or this is the first snapshot): rebuild the rows once.
      this.#queueIds = ids;
      this.#queueRows.clear();
      const rows = queues.map((queue) => {
        const row = this.#el.queueTemplate.content.firstElementChild.cloneNode(true);
        row.dataset.queueId = queue.id;
        const cells = {};
        for (const cell of row.querySelectorAll('[data-testid]')) cells[cell.dataset.testid] = cell;
        this.#queueRows.set(queue.id, cells);
        return row;
      });
      this.#el['queue-rows'].replaceChildren(...rows);
      this.#el['queue-rows'].closest('.queues').style.setProperty('--queue-rows', String(Math.max(1, queues.length)));
    }
    for (const queue of queues) {
      const cells = this.#queueRows.get(queue.id);
      cells['queue-name'].textContent = queue.name;
      showServiceLevel(cells['queue-sl-today'], queue.today.serviceLevelPercent, queue.serviceLevelTargetPercent);
      showServiceLevel(cells['queue-sl-interval'], queue.interval.serviceLevelPercent, queue.serviceLevelTargetPercent);
      show(cells['queue-calls-waiting'], formatCount(queue.callsWaiting));
      show(cells['queue-agents-available'], formatCount(queue.agents.available));
    }
  }

  /**
   * Once a second: the centre's clock and the longest waits move on from the last snapshot by the time elapsed
   * since it arrived. While stale the waits stay at the last snapshot's values, which the banner dates.
   */
  tick(now) {
    const snapshot = this.#last;
    if (!snapshot) return;
    const elapsed = Math.max(0, (now - this.#receivedAt) / 1000);
    const waitedFor = this.#ticking ? elapsed : 0;
    const waited = (seconds) => (seconds == null ? null : seconds + waitedFor);

    const asOf = parseInstant(snapshot.asOf);
    if (!Number.isNaN(asOf)) {
      const clock = centreClock(snapshot.timeZone);
      const instant = asOf + elapsed * 1000;
      this.#el.clock.textContent = clock.time(instant);
      this.#el['clock-day'].textContent = clock.day(instant);
    }
    show(this.#el['longest-wait'], formatDuration(waited(snapshot.totals.longestWaitSeconds)));
    fitToWidth(this.#el['longest-wait']);
    for (const queue of snapshot.queues) {
      show(this.#queueRows.get(queue.id)['queue-longest-wait'], formatDuration(waited(queue.longestWaitSeconds)));
    }
  }

  /**
   * The page's state: "connecting" (no figures yet), "live" or "stale". `connection` is "connecting", "live",
   * "reconnecting" or "offline" for the header's indicator.
   */
  setState(state, connection, now) {
    document.body.dataset.state = state;
    this.#ticking = state === 'live';
    const status = this.#el['connection-status'];
    status.dataset.status = connection;
    status.querySelector('.connection-text').textContent = {
      connecting: 'Connecting',
      live: 'Live',
      reconnecting: 'Reconnecting',
      offline: 'Offline',
    }[connection];

    const banner = this.#el['stale-banner'];
    banner.hidden = state !== 'stale';
    if (state === 'stale' && this.#last) {
      const asOf = parseInstant(this.#last.asOf);
      const lastUpdate = Number.isNaN(asOf) ? NO_VALUE : centreClock(this.#last.timeZone).time(asOf);
      this.#el['stale-detail'].textContent =
        `last update ${lastUpdate}${connection === 'live' ? '' : ' · reconnecting'}`;
    }
    this.tick(now);
  }

  /** A message that the board cannot show figures (e.g. it is not configured), or null to clear it. */
  showNotice(message) {
    this.#el.notice.textContent = message ?? '';
    this.#el.notice.hidden = !message;
  }
}
