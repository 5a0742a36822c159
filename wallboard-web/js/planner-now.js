// The "now" strip of the selected queue (a QueuePlan's PlannerNow) and the surge banner of every queue: what a planner
// must read within a minute of a surge — how far above forecast the arrivals are, the agents the queue needs now
// against those it has, and the service level the interval will end at. Text only ever goes in through textContent.

import {
  NO_VALUE, formatCount, formatDuration, formatOneDecimal, formatPercent, formatServiceLevel, hasValue, parseInstant, plain,
  serviceLevelStatus,
} from './format.js';
import { hoursMinutes } from './centre-time.js';

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

/** "09:30–10:00" on the centre's clock. */
export function intervalText(start, end, timeZone) {
  return `${hoursMinutes(parseInstant(start), timeZone)}–${hoursMinutes(parseInstant(end), timeZone)}`;
}

/** A probability as read by a planner: "p < 0.001", "p = 0.012"; "—" without one. */
function probabilityText(p) {
  if (!hasValue(p)) return NO_VALUE;
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** One line of the surge banner: "Sales: 42 arrivals in the last 15 min vs 25.0 expected — 168% (p < 0.001)". */
export function surgeText(queue) {
  const surge = queue.now.surge;
  return `${queue.name}: ${plain(formatCount(surge.arrivals))} arrivals in the last ${surge.windowMinutes} min vs `
    + `${plain(formatOneDecimal(surge.expectedArrivals))} expected — ${plain(formatPercent(surge.ratioPercent))} of forecast `
    + `(${probabilityText(surge.poissonTailProbability)})`;
}

/** Agents short of or beyond the requirement: "3 short", "2 spare", "as required". */
function gapText(required, available) {
  if (!hasValue(required) || !hasValue(available)) return NO_VALUE;
  const gap = available - required;
  if (gap < 0) return `${-gap} short`;
  return gap === 0 ? 'as required' : `${gap} spare`;
}

export class NowPanel {
  #el;

  constructor() {
    this.#el = Object.fromEntries([
      'queue-name', 'queue-target', 'now-interval', 'now-arrivals-tile', 'now-arrivals', 'now-forecast-to-now',
      'now-arrivals-vs-forecast', 'now-forecast-offered', 'now-observed-minutes', 'now-observed-rate', 'now-forecast-rate',
      'now-traffic', 'now-agents-tile', 'now-agents-required', 'now-agents-available', 'now-agents-staffed', 'now-agents-gap',
      'now-sl-tile', 'now-projected-sl', 'now-sl-target', 'now-sl', 'now-aht-minutes', 'now-observed-aht', 'now-forecast-aht',
    ].map((id) => [id, byTestId(id)]));
  }

  /** Shows one queue's figures now, on the centre's clock (`timeZone`). */
  render(queue, timeZone) {
    const el = this.#el;
    const now = queue.now;
    const set = (id, figure) => { el[id].textContent = plain(figure); };

    el['queue-name'].textContent = queue.name;
    el['queue-target'].textContent = `Target ${plain(formatPercent(queue.serviceLevelTargetPercent))} in ${queue.serviceLevelSeconds} s`;
    el['now-interval'].textContent = intervalText(now.intervalStart, now.intervalEnd, timeZone);

    set('now-arrivals', formatCount(now.arrivals));
    set('now-forecast-to-now', formatOneDecimal(now.forecastArrivalsToNow));
    set('now-arrivals-vs-forecast', formatPercent(now.arrivalsVsForecastPercent));
    set('now-forecast-offered', formatOneDecimal(now.forecastOffered));
    el['now-arrivals-tile'].dataset.status = now.surge?.active ? 'bad'
      : hasValue(now.arrivalsVsForecastPercent) && now.arrivalsVsForecastPercent > 110 ? 'warn' : 'none';

    el['now-observed-minutes'].textContent = el['now-aht-minutes'].textContent = String(now.observedMinutes ?? NO_VALUE);
    set('now-observed-rate', formatCount(now.observedArrivalsPerHour));
    set('now-forecast-rate', formatCount(now.forecastArrivalsPerHour));
    set('now-traffic', formatOneDecimal(now.trafficErlangs));

    set('now-agents-required', formatCount(now.agentsRequired));
    set('now-agents-available', formatCount(now.agentsAvailable));
    set('now-agents-staffed', formatCount(now.agentsStaffed));
    el['now-agents-gap'].textContent = gapText(now.agentsRequired, now.agentsAvailable);
    el['now-agents-tile'].dataset.status = !hasValue(now.agentsRequired) || !hasValue(now.agentsAvailable) ? 'none'
      : now.agentsAvailable < now.agentsRequired ? 'bad' : 'good';

    set('now-projected-sl', formatServiceLevel(now.projectedServiceLevelPercent));
    set('now-sl-target', formatPercent(queue.serviceLevelTargetPercent));
    set('now-sl', formatServiceLevel(now.serviceLevelPercent));
    el['now-sl-tile'].dataset.status = serviceLevelStatus(now.projectedServiceLevelPercent, queue.serviceLevelTargetPercent);

    set('now-observed-aht', formatDuration(now.observedAhtSeconds));
    set('now-forecast-aht', formatDuration(now.forecastAhtSeconds));
  }
}

/** The banner of the queues in surge: a line each, whose button selects the queue. */
export class SurgeBanner {
  #list;
  #onSelect;
  #shown = '';

  constructor(list, onSelect) {
    this.#list = list;
    this.#onSelect = onSelect;
  }

  render(queues) {
    const surging = queues.filter((q) => q.now?.surge?.active);
    const lines = surging.map((q) => [q.queueId, surgeText(q)]);
    const key = JSON.stringify(lines);
    if (key === this.#shown) return; // unchanged: keep the focus on a button
    this.#shown = key;
    this.#list.replaceChildren(...lines.map(([queueId, text]) => {
      const item = document.createElement('li');
      item.className = 'surge';
      item.dataset.testid = 'surge';
      item.dataset.queueId = queueId;
      const label = document.createElement('strong');
      label.textContent = 'SURGE';
      const detail = document.createElement('span');
      detail.dataset.testid = 'surge-detail';
      detail.textContent = text;
      const show = document.createElement('button');
      show.type = 'button';
      show.textContent = 'Show';
      show.addEventListener('click', () => this.#onSelect(queueId));
      item.append(label, ' ', detail, ' ', show);
      return item;
    }));
  }
}
