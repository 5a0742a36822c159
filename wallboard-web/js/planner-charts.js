// Today's intervals of one queue as three Chart.js charts: arrivals (bars) against the forecast (line), the agents
// required by the forecast and by the actual load (lines) against those staffed (bars), and the service level against
// its target. Made once for the page's life; every push (and a change of queue) rewrites the data arrays in place and
// redraws with update('none'). A null figure is a gap, never 0.

import { hasValue, parseInstant } from './format.js';
import { hoursMinutes } from './centre-time.js';

const { Chart } = window;

const valueOrNull = (value) => (hasValue(value) ? value : null);

/** Replaces the contents of an array kept by a chart (one splice, which Chart.js follows), keeping its reference. */
function refill(array, values) {
  array.splice(0, array.length, ...values);
}

function colours() {
  const style = getComputedStyle(document.documentElement);
  const colour = (name) => style.getPropertyValue(name).trim();
  return {
    text: colour('--text'), muted: colour('--muted'), line: colour('--line'), link: colour('--link'),
    good: colour('--good'), warn: colour('--warn'), bad: colour('--bad'), neutral: colour('--neutral'),
  };
}

function options(c, { yMax, yTicks } = {}) {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { labels: { color: c.text, boxWidth: 14 } },
      tooltip: { enabled: true },
    },
    scales: {
      x: { grid: { color: c.line }, ticks: { color: c.muted, maxRotation: 0, autoSkip: true, autoSkipPadding: 12 } },
      y: { min: 0, max: yMax, beginAtZero: true, grid: { color: c.line }, ticks: { color: c.muted, ...yTicks } },
    },
  };
}

export class IntervalCharts {
  #labels = [];
  #arrivals = [];
  #forecast = [];
  #staffed = [];
  #requiredForecast = [];
  #requiredActual = [];
  #serviceLevel = [];
  #target = [];
  /** Per interval, its phase: the current interval's bar is drawn brighter. */
  #phases = [];
  #charts;

  /** @param {{ offered: HTMLCanvasElement, agents: HTMLCanvasElement, serviceLevel: HTMLCanvasElement }} canvases */
  constructor(canvases) {
    const c = colours();
    // Bars drawn behind the lines (a higher order is drawn first); the current interval's bar in the warning colour.
    const bars = (label, data, colour, order) => ({
      type: 'bar', label, data, order, backgroundColor: (context) => (this.#phases[context.dataIndex] === 'current' ? c.warn : colour),
    });
    const line = (label, data, colour, style) => ({
      type: 'line', label, data, borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: 0, spanGaps: false, order: 1, ...style,
    });
    const chart = (canvas, datasets, yAxis) => new Chart(canvas, {
      type: 'bar', data: { labels: this.#labels, datasets }, options: options(c, yAxis),
    });
    const dashed = { borderDash: [6, 4] };
    const steps = { stepped: 'middle' };
    this.#charts = [
      chart(canvases.offered, [bars('Arrivals', this.#arrivals, c.link, 2), line('Forecast', this.#forecast, c.text)]),
      chart(canvases.agents, [
        bars('Staffed', this.#staffed, c.neutral, 3),
        line('Required (forecast)', this.#requiredForecast, c.text, { ...dashed, ...steps, order: 2 }),
        line('Required (actual)', this.#requiredActual, c.bad, { ...steps, pointRadius: 2 }),
      ]),
      chart(canvases.serviceLevel, [
        line('Service level', this.#serviceLevel, c.good, { pointRadius: 2, clip: false }),
        line('Target', this.#target, c.warn, dashed),
      ], { yMax: 100, yTicks: { stepSize: 20, callback: (value) => `${value}%` } }),
    ];
  }

  /** Shows a queue's intervals (a QueuePlan), labelled by their start on the centre's clock. */
  update(queue, timeZone) {
    const intervals = queue.intervals ?? [];
    refill(this.#labels, intervals.map((i) => hoursMinutes(parseInstant(i.start), timeZone)));
    refill(this.#phases, intervals.map((i) => i.phase));
    refill(this.#arrivals, intervals.map((i) => valueOrNull(i.arrivals)));
    refill(this.#forecast, intervals.map((i) => valueOrNull(i.forecastOffered)));
    refill(this.#staffed, intervals.map((i) => valueOrNull(i.agentsStaffed)));
    refill(this.#requiredForecast, intervals.map((i) => valueOrNull(i.agentsRequiredForecast)));
    refill(this.#requiredActual, intervals.map((i) => valueOrNull(i.agentsRequiredActual)));
    refill(this.#serviceLevel, intervals.map((i) => valueOrNull(i.serviceLevelPercent)));
    refill(this.#target, intervals.map(() => valueOrNull(queue.serviceLevelTargetPercent)));
    for (const chart of this.#charts) chart.update('none');
  }
}
