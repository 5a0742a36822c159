// The totals' service level per interval of today, as Chart.js is cheapest on a TV (STACK-NOTES.md):
// one chart for the page's life, no animation, no parsing, fixed axes, fixed-length data updated in place.

import { addMinutes, wallClockOf } from './format.js';

const { Chart } = window;

/** Room for the longest day: 25 hours when the clocks go back, at the shortest interval (15 minutes). */
const SLOTS = 100;
const MINUTES_PER_DAY = 1440;

export class TrendChart {
  #chart;
  #slots = Array.from({ length: SLOTS }, (_, x) => ({ x, y: null }));
  #target = [{ x: 0, y: null }, { x: 0, y: null }];
  #labels = [];

  constructor(canvas) {
    const style = getComputedStyle(document.documentElement);
    const colour = (name) => style.getPropertyValue(name).trim();
    this.#chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'Service level',
            data: this.#slots,
            borderColor: colour('--text'),
            backgroundColor: colour('--text'),
            pointBorderWidth: 0,
            clip: false, // a point at 100 % is drawn whole
            spanGaps: false, // an interval without a value is a gap, not a dip to 0
          },
          {
            label: 'Target',
            data: this.#target,
            borderColor: colour('--warn'),
            pointRadius: 0,
          },
        ],
      },
      options: {
        animation: false,
        parsing: false,
        normalized: true,
        responsive: true,
        maintainAspectRatio: false,
        events: [],
        plugins: { legend: { display: false }, tooltip: { enabled: false } },
        scales: {
          x: {
            type: 'linear',
            min: 0,
            max: MINUTES_PER_DAY / 15 - 1,
            grid: { color: colour('--line') },
            ticks: {
              color: colour('--muted'),
              autoSkip: false,
              maxRotation: 0,
              includeBounds: false,
              callback: (value) => this.#labels[value] ?? '',
            },
          },
          y: {
            min: 0,
            max: 100,
            grid: { color: colour('--line') },
            ticks: { color: colour('--muted'), stepSize: 20, callback: (value) => `${value}%` },
          },
        },
      },
    });
    this.#applySizes();
  }

  /** Shows today's trend of a queue (the board's totals) against its target. */
  update(totals, intervalMinutes) {
    const trend = totals.trend ?? [];
    const slotsPerDay = Math.ceil(MINUTES_PER_DAY / intervalMinutes);
    const used = Math.min(trend.length, SLOTS);
    for (let i = 0; i < SLOTS; i++) {
      this.#slots[i].y = i < used ? trend[i].serviceLevelPercent ?? null : null;
    }

    const last = Math.max(slotsPerDay, used) - 1;
    const x = this.#chart.options.scales.x;
    x.max = last;
    x.ticks.stepSize = Math.max(1, Math.round(180 / intervalMinutes)); // a label every three hours
    this.#labels = slotLabels(trend, intervalMinutes, last + 1);

    this.#target[0].y = this.#target[1].y = totals.serviceLevelTargetPercent;
    this.#target[1].x = last;
    this.#chart.update('none');
  }

  /** Scales fonts and lines with the viewport; the page calls this on resize. */
  resize() {
    this.#applySizes();
    this.#chart.update('none');
  }

  #applySizes() {
    const unit = Math.min(window.innerHeight, window.innerWidth * 0.5625) / 100;
    const { x, y } = this.#chart.options.scales;
    x.ticks.font = y.ticks.font = { size: Math.round(unit * 2) };
    const [line, target] = this.#chart.data.datasets;
    line.borderWidth = Math.max(2, unit * 0.45);
    line.pointRadius = Math.max(2, unit * 0.5); // so that an interval between two gaps still shows
    target.borderWidth = Math.max(1.5, unit * 0.3);
    target.borderDash = [unit * 1.2, unit * 0.8];
  }
}

/**
 * The "HH:mm" start of each slot: from the trend as far as it has reached (exact, also across a daylight-saving
 * change), then extrapolated on the wall clock from its last interval.
 */
function slotLabels(trend, intervalMinutes, count) {
  const labels = trend.slice(0, count).map((point) => wallClockOf(point.start));
  const anchorIndex = Math.max(0, labels.length - 1);
  const anchor = labels[anchorIndex] ?? '00:00';
  for (let i = labels.length; i < count; i++) {
    labels.push(addMinutes(anchor, (i - anchorIndex) * intervalMinutes));
  }
  return labels;
}
