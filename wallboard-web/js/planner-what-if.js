// The what-if calculator: GET /api/staffing/erlang with the form's figures. It is filled from the selected queue's
// interval (the forecast's calls and AHT, or the observed rate's), then the planner changes what they like. The server
// alone validates: a 400 ValidationProblem's `errors` show under their fields, its detail above the buttons.

import { NO_VALUE, formatCount, formatDuration, formatOneDecimal, formatRatePercent, hasValue, plain } from './format.js';

/** The API's parameters, which are also the form's field names. */
const PARAMETERS = ['calls', 'intervalMinutes', 'aht', 'slSeconds', 'slTarget', 'shrinkage', 'maxOccupancy', 'agents', 'patience'];

/** A figure for an input: rounded to `decimals`, or empty without a value. */
function inputValue(value, decimals = 0) {
  if (!hasValue(value)) return '';
  const factor = 10 ** decimals;
  return String(Math.round(value * factor) / factor);
}

/** A probability (0–1) as a percentage to one decimal. */
const probability = (p) => plain(formatRatePercent(hasValue(p) ? p * 100 : null));

/**
 * The calculator's figures for a queue (a QueuePlan) over an interval of `intervalMinutes`: calls and AHT from the
 * forecast (`source` "forecast") or from the observed rate and AHT ("observed"), each falling back on the other.
 */
export function whatIfFigures(queue, intervalMinutes, source) {
  const now = queue.now;
  const observedCalls = hasValue(now.observedArrivalsPerHour) ? (now.observedArrivalsPerHour * intervalMinutes) / 60 : null;
  const [calls, aht] = source === 'observed'
    ? [observedCalls ?? now.forecastOffered, now.observedAhtSeconds ?? now.forecastAhtSeconds]
    : [now.forecastOffered ?? observedCalls, now.forecastAhtSeconds ?? now.observedAhtSeconds];
  return {
    calls: inputValue(calls, 1),
    intervalMinutes: inputValue(intervalMinutes),
    aht: inputValue(aht),
    slSeconds: inputValue(queue.serviceLevelSeconds),
    slTarget: inputValue(queue.serviceLevelTargetPercent, 1),
  };
}

export class WhatIfForm {
  #form;
  #fields = {};
  #errors = {};
  #formError;
  #result;
  #submit;
  #figures = {};
  #busy = false;

  /** @param {HTMLFormElement} form  @param {(source: string) => object|null} figuresFor the figures of the selected queue */
  constructor(form, figuresFor) {
    this.#form = form;
    const by = (id) => form.querySelector(`[data-testid="${id}"]`);
    for (const name of PARAMETERS) {
      this.#fields[name] = by(`what-if-${name}`);
      this.#errors[name] = by(`what-if-error-${name}`);
    }
    this.#formError = by('what-if-error');
    this.#result = by('what-if-result');
    this.#submit = by('what-if-submit');
    for (const dd of this.#result.querySelectorAll('dd[data-testid]')) this.#figures[dd.dataset.testid.slice('what-if-'.length)] = dd;
    for (const source of ['forecast', 'observed']) {
      by(`what-if-from-${source}`).addEventListener('click', () => this.fill(figuresFor(source)));
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#calculate();
    });
  }

  /** Puts figures ({ calls, aht, … }: strings) in their fields; the optional fields keep what the planner typed. */
  fill(figures) {
    if (!figures) return;
    for (const [name, value] of Object.entries(figures)) this.#fields[name].value = value;
    this.#clearErrors();
  }

  #clearErrors() {
    for (const name of PARAMETERS) {
      this.#errors[name].textContent = '';
      this.#fields[name].removeAttribute('aria-invalid');
    }
    this.#formError.textContent = '';
  }

  async #calculate() {
    if (this.#busy) return;
    this.#busy = true;
    this.#submit.disabled = true;
    this.#clearErrors();
    const query = new URLSearchParams();
    for (const name of PARAMETERS) {
      const value = this.#fields[name].value.trim();
      if (value !== '') query.set(name, value);
    }
    try {
      const response = await fetch(`/api/staffing/erlang?${query}`, { cache: 'no-store' });
      const answer = await response.json().catch(() => null);
      if (response.ok && answer) {
        this.#showResult(answer);
      } else {
        this.#showProblem(answer, response.status);
      }
    } catch {
      this.#result.hidden = true;
      this.#formError.textContent = 'The calculator could not be reached: the server did not answer.';
    } finally {
      this.#busy = false;
      this.#submit.disabled = false;
    }
  }

  #showResult(result) {
    const show = (name, text) => { this.#figures[name].textContent = text; };
    show('agentsRequired', plain(formatCount(result.agentsRequired)));
    show('staffRequired', plain(formatCount(result.staffRequired)));
    show('serviceLevelPercent', plain(formatRatePercent(result.serviceLevelPercent)));
    show('asaSeconds', plain(formatDuration(result.asaSeconds)));
    show('occupancyPercent', plain(formatRatePercent(result.occupancyPercent)));
    show('probabilityOfWaiting', probability(result.probabilityOfWaiting));
    show('probabilityOfAbandon', probability(result.probabilityOfAbandon));
    show('trafficErlangs', plain(formatOneDecimal(result.trafficErlangs)));
    show('meetsTarget', result.meetsTarget === true ? 'Yes' : result.meetsTarget === false ? 'No' : NO_VALUE);
    this.#figures.meetsTarget.dataset.status = result.meetsTarget ? 'good' : 'bad';
    this.#result.dataset.model = result.model ?? '';
    this.#result.hidden = false;
  }

  /** A ValidationProblem: each error under its field (the first bad field focused), the detail under the form. */
  #showProblem(problem, status) {
    this.#result.hidden = true;
    const errors = problem?.errors ?? {};
    let first = null;
    for (const [name, messages] of Object.entries(errors)) {
      const field = this.#fields[name];
      if (!field) continue;
      this.#errors[name].textContent = [].concat(messages).join(' ');
      field.setAttribute('aria-invalid', 'true');
      first ??= field;
    }
    this.#formError.textContent = problem?.detail ?? problem?.title ?? `The calculation failed (${status}).`;
    first?.focus();
  }
}
