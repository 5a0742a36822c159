// The alert panel and the queue tiles of /supervisor[?team=id].
// Alerts: GET /api/alerts[?team=] at start and after every (re)join, then the hub's AlertsChanged pushes
// ({kind, at, alert}), and GET again every 10 s as a safety net. Active alerts only, critical first, newest first.
// Acknowledge: POST /api/alerts/{id}/acknowledge {by, note} with the supervisors' API key (X-Api-Key), kept in
// sessionStorage as the approval form does. An optional beep (WebAudio, no file) for each new critical alert.
// Queue tiles: GET /api/queues every 5 s: calls waiting, longest wait, service level over 15 minutes.

import { NO_VALUE, formatDuration, formatServiceLevel, hasValue, parseInstant, serviceLevelStatus } from './format.js';
import { hoursMinutesSeconds } from './centre-time.js';

const KEY_STORAGE = 'ccwallboard.supervisor.apiKey';
const NAME_STORAGE = 'ccwallboard.supervisor.approvedBy';
const SOUND_STORAGE = 'ccwallboard.supervisor.alertSound';
export const ALERTS_EVERY_MS = 10_000;
export const QUEUES_EVERY_MS = 5_000;

const SEVERITY_RANK = { info: 0, warning: 1, critical: 2 };
const SEVERITY_TEXT = { info: 'Info', warning: 'Warning', critical: 'Critical' };
const SECONDS_KINDS = new Set(['longest_wait_above', 'agent_state_longer_than', 'out_of_adherence']);
const PERCENT_KINDS = new Set(['service_level_below', 'abandonment_rate_above']);

function stored(name) {
  try { return sessionStorage.getItem(name) ?? ''; } catch { return ''; }
}

function store(name, value) {
  try {
    if (value) sessionStorage.setItem(name, value);
    else sessionStorage.removeItem(name);
  } catch { /* storage disabled */ }
}

/** A value of an alert as read for its kind: "0:42" for seconds, "78.5%" for percentages, else the number. */
export function alertValueText(kind, value) {
  if (!hasValue(value)) return NO_VALUE;
  if (SECONDS_KINDS.has(kind)) return formatDuration(value).text;
  if (PERCENT_KINDS.has(kind)) return `${Math.round(value * 10) / 10}%`;
  return String(Math.round(value * 100) / 100);
}

/** Critical before warning before info; within a severity the newest first. */
export function compareAlerts(a, b) {
  return (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0)
    || parseInstant(b.raisedAt) - parseInstant(a.raisedAt);
}

/** A short beep through WebAudio; silently nothing when the browser has no audio or has not allowed it yet. */
function beep() {
  try {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    beep.context ??= new Context();
    const ctx = beep.context;
    if (ctx.state === 'suspended') ctx.resume().catch(() => {});
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.2, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.25);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start();
    oscillator.stop(ctx.currentTime + 0.25);
    window.__alertBeeps = (window.__alertBeeps ?? 0) + 1;
  } catch { /* no audio */ }
}

export class AlertPanel {
  #team;
  #timeZone;
  #list;
  #empty;
  #count;
  #error;
  #sound;
  #template;
  #active = new Map(); // id → alert
  #items = new Map(); // id → { item, parts }
  #seen = new Set(); // ids already announced (no beep twice, none for what was there at load)
  #loaded = false;
  #loading = false;
  #pushedDuringLoad = [];

  /**
   * @param {object} elements  list, empty, count, error, sound (checkbox), template (the item's <template>)
   * @param {object} options   team (or null), timeZone() the centre's zone
   */
  constructor({ list, empty, count, error, sound, template }, { team, timeZone }) {
    this.#list = list;
    this.#empty = empty;
    this.#count = count;
    this.#error = error;
    this.#sound = sound;
    this.#template = template;
    this.#team = team;
    this.#timeZone = timeZone;
    sound.checked = stored(SOUND_STORAGE) === 'on';
    sound.addEventListener('change', () => {
      store(SOUND_STORAGE, sound.checked ? 'on' : '');
      if (sound.checked) beep.context?.resume?.(); // a click allows audio
    });
    this.#render();
  }

  /** Reads the active alerts: the truth as of now; pushes that arrive meanwhile are applied on top. */
  async load() {
    if (this.#loading) return;
    this.#loading = true;
    this.#pushedDuringLoad = [];
    try {
      const query = this.#team ? `?team=${encodeURIComponent(this.#team)}` : '';
      const response = await fetch(`/api/alerts${query}`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`The alerts could not be read (${response.status}).`);
      const answer = await response.json();
      const first = !this.#loaded;
      this.#active = new Map(answer.active.map((a) => [a.id, a]));
      for (const change of this.#pushedDuringLoad) this.#applyChange(change);
      this.#loaded = true;
      this.#showError(null);
      this.#announce(first);
      this.#render();
    } catch (error) {
      this.#showError(error instanceof TypeError ? 'The alerts could not be read: the server did not answer.' : error.message);
    } finally {
      this.#loading = false;
      this.#pushedDuringLoad = [];
    }
  }

  /** Draws again, e.g. once the centre's zone is known. */
  redraw() {
    this.#render();
  }

  /** The hub's AlertsChanged: [{kind, at, alert}]. */
  applyChanges(changes) {
    for (const change of changes ?? []) {
      if (this.#loading) this.#pushedDuringLoad.push(change);
      this.#applyChange(change);
    }
    this.#announce(false);
    this.#render();
  }

  #applyChange({ alert }) {
    if (!alert) return;
    if (this.#team && alert.teams?.length && !alert.teams.includes(this.#team)) return;
    if (alert.clearedAt) this.#active.delete(alert.id);
    else this.#active.set(alert.id, alert);
  }

  /** Beeps once for critical alerts not seen before (none for those already there when the page opened). */
  #announce(silently) {
    let fresh = false;
    for (const alert of this.#active.values()) {
      if (this.#seen.has(alert.id)) continue;
      this.#seen.add(alert.id);
      if (alert.severity === 'critical' && !alert.acknowledgedAt) fresh = true;
    }
    if (fresh && !silently && this.#sound.checked) beep();
  }

  #showError(message) {
    this.#error.textContent = message ?? '';
    this.#error.hidden = !message;
  }

  #render() {
    const alerts = [...this.#active.values()].sort(compareAlerts);
    for (const [id, { item }] of this.#items) {
      if (!this.#active.has(id)) {
        item.remove();
        this.#items.delete(id);
      }
    }
    alerts.forEach((alert, index) => {
      let entry = this.#items.get(alert.id);
      if (!entry) {
        entry = this.#create(alert.id);
        this.#items.set(alert.id, entry);
      }
      this.#fill(entry, alert);
      if (this.#list.children[index] !== entry.item) this.#list.insertBefore(entry.item, this.#list.children[index] ?? null);
    });
    this.#empty.hidden = alerts.length > 0 || !this.#loaded;
    this.#count.textContent = this.#loaded ? String(alerts.length) : NO_VALUE;
    this.#count.dataset.severity = alerts[0]?.severity ?? 'none';
  }

  #create(id) {
    const item = this.#template.content.firstElementChild.cloneNode(true);
    item.dataset.alertId = id;
    const parts = {};
    for (const part of item.querySelectorAll('[data-testid]')) parts[part.dataset.testid] = part;
    parts['alert-ack-open'].addEventListener('click', () => this.#openForm(parts));
    parts['alert-ack-cancel'].addEventListener('click', () => { parts['alert-ack-form'].hidden = true; });
    parts['alert-ack-form'].addEventListener('submit', (event) => {
      event.preventDefault();
      this.#acknowledge(id, parts);
    });
    return { item, parts };
  }

  #fill({ item, parts }, alert) {
    const zone = this.#timeZone();
    item.dataset.severity = alert.severity;
    item.dataset.status = alert.acknowledgedAt ? 'acknowledged' : 'raised';
    item.dataset.rule = alert.rule;
    parts['alert-severity'].textContent = SEVERITY_TEXT[alert.severity] ?? alert.severity;
    parts['alert-severity'].dataset.severity = alert.severity;
    parts['alert-rule'].textContent = alert.rule;
    parts['alert-subject'].textContent = alert.subjectName || alert.subject;
    const value = alert.lastValue ?? alert.value;
    parts['alert-value'].textContent = `${alertValueText(alert.kind, value)} vs ${alertValueText(alert.kind, alert.threshold)}`;
    parts['alert-raised'].textContent = `raised ${hoursMinutesSeconds(parseInstant(alert.raisedAt), zone)}`;
    const acknowledged = Boolean(alert.acknowledgedAt);
    parts['alert-ack'].hidden = !acknowledged;
    parts['alert-ack'].textContent = acknowledged
      ? `Acknowledged by ${alert.acknowledgedBy} at ${hoursMinutesSeconds(parseInstant(alert.acknowledgedAt), zone)}`
        + (alert.acknowledgementNote ? ` · ${alert.acknowledgementNote}` : '')
      : '';
    parts['alert-ack-open'].hidden = acknowledged;
    if (acknowledged) parts['alert-ack-form'].hidden = true;
  }

  #openForm(parts) {
    parts['alert-ack-form'].hidden = false;
    parts['alert-ack-error'].textContent = '';
    if (!parts['alert-ack-by'].value) parts['alert-ack-by'].value = stored(NAME_STORAGE);
    if (!parts['alert-ack-key'].value) parts['alert-ack-key'].value = stored(KEY_STORAGE);
    parts['alert-ack-by'].focus({ preventScroll: true });
  }

  async #acknowledge(id, parts) {
    const by = parts['alert-ack-by'].value.trim();
    const note = parts['alert-ack-note'].value.trim();
    const key = parts['alert-ack-key'].value.trim();
    const error = parts['alert-ack-error'];
    if (!key) {
      error.textContent = "Enter the supervisors' API key.";
      return;
    }
    const submit = parts['alert-ack-submit'];
    submit.disabled = true;
    error.textContent = '';
    try {
      const response = await fetch(`/api/alerts/${encodeURIComponent(id)}/acknowledge`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Api-Key': key },
        body: JSON.stringify({ by, note: note || null }),
      });
      const answer = await response.json().catch(() => null);
      if (!response.ok) {
        error.textContent = problemText(answer, response.status);
        if (response.status === 409 || response.status === 404) this.load();
        return;
      }
      store(KEY_STORAGE, key);
      store(NAME_STORAGE, by);
      parts['alert-ack-form'].hidden = true;
      parts['alert-ack-note'].value = '';
      if (answer?.id) this.applyChanges([{ kind: 'acknowledged', at: answer.acknowledgedAt, alert: answer }]);
    } catch {
      error.textContent = 'Not acknowledged: the server did not answer.';
    } finally {
      submit.disabled = false;
    }
  }
}

/** The server's words for a refusal: a ValidationProblem's field errors, else its detail or title. */
function problemText(answer, status) {
  const fields = answer?.errors ? Object.entries(answer.errors).map(([field, messages]) => `${field} ${messages.join(', ')}`) : [];
  if (fields.length > 0) return fields.join('; ');
  return answer?.detail || answer?.title || `Not acknowledged (${status}).`;
}

/** One tile per queue of GET /api/queues. */
export class QueueTiles {
  #container;
  #template;
  #tiles = new Map();
  #error;

  constructor(container, template, error) {
    this.#container = container;
    this.#template = template;
    this.#error = error;
  }

  async load() {
    try {
      const response = await fetch('/api/queues', { cache: 'no-store' });
      if (!response.ok) throw new Error(`The queues could not be read (${response.status}).`);
      this.render(await response.json());
      this.#error.hidden = true;
    } catch (error) {
      this.#error.textContent = error instanceof TypeError ? 'The queues could not be read: the server did not answer.' : error.message;
      this.#error.hidden = false;
    }
  }

  render(listing) {
    const queues = listing.queues ?? [];
    const key = queues.map((q) => q.id).join('\n');
    if (key !== [...this.#tiles.keys()].join('\n')) {
      this.#tiles.clear();
      this.#container.replaceChildren(...queues.map((queue) => {
        const tile = this.#template.content.firstElementChild.cloneNode(true);
        tile.dataset.queueId = queue.id;
        const parts = { tile };
        for (const part of tile.querySelectorAll('[data-testid]')) parts[part.dataset.testid] = part;
        this.#tiles.set(queue.id, parts);
        return tile;
      }));
    }
    for (const queue of queues) {
      const parts = this.#tiles.get(queue.id);
      parts['queue-tile-name'].textContent = queue.name;
      parts['queue-tile-waiting'].textContent = hasValue(queue.callsWaiting) ? String(queue.callsWaiting) : NO_VALUE;
      parts['queue-tile-longest'].textContent = formatDuration(queue.longestWaitSeconds).text;
      const window = (queue.sliding ?? []).find((w) => w.window === '15m');
      const sl = formatServiceLevel(window?.serviceLevelPercent);
      parts['queue-tile-sl'].textContent = `${sl.text}${sl.unit}`;
      parts['queue-tile-sl'].dataset.status = serviceLevelStatus(window?.serviceLevelPercent, queue.serviceLevelTargetPercent);
      parts.tile.dataset.waiting = String(queue.callsWaiting ?? 0);
    }
  }
}
