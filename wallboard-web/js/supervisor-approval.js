// The form that approves an exception for the agent in the detail panel: POST /api/adherence/exceptions with the
// supervisors' API key (X-Api-Key). The server alone validates; its field errors (a ValidationProblem's `errors`) show
// next to their fields. The key and the approver's name are kept in sessionStorage: for this tab's life, never longer.

import { parseInstant } from './format.js';
import { fromLocalInput, hoursMinutes, toLocalInput } from './centre-time.js';

const KEY_STORAGE = 'ccwallboard.supervisor.apiKey';
const APPROVER_STORAGE = 'ccwallboard.supervisor.approvedBy';

/** The server's field names → the form's error slots; any other field's error shows under the form. */
const FIELDS = ['start', 'end', 'reason', 'approvedBy'];

function stored(name) {
  try {
    return sessionStorage.getItem(name) ?? '';
  } catch {
    return ''; // storage disabled
  }
}

function store(name, value) {
  try {
    if (value) sessionStorage.setItem(name, value);
    else sessionStorage.removeItem(name);
  } catch {
    // storage disabled: the field still works for this page
  }
}

export class ApprovalForm {
  #form;
  #fields;
  #errors;
  #formError;
  #result;
  #submit;
  #onApproved;
  #agent = null;
  #timeZone;
  #now;
  #busy = false;

  /**
   * @param {HTMLFormElement} form
   * @param {object} options
   *   now()                  the server's time now (ms), from the last view
   *   onApproved(approval)   after the server accepted an approval
   */
  constructor(form, { now, onApproved }) {
    this.#form = form;
    this.#now = now;
    this.#onApproved = onApproved;
    const by = (id) => form.querySelector(`[data-testid="${id}"]`);
    this.#fields = {
      start: by('approval-start'), end: by('approval-end'), reason: by('approval-reason'), approvedBy: by('approval-by'), key: by('approval-key'),
    };
    this.#errors = {
      start: by('approval-error-start'), end: by('approval-error-end'), reason: by('approval-error-reason'),
      approvedBy: by('approval-error-approvedBy'), key: by('approval-error-key'),
    };
    this.#formError = by('approval-error');
    this.#result = by('approval-result');
    this.#submit = by('approval-submit');
    this.#fields.key.value = stored(KEY_STORAGE);
    this.#fields.approvedBy.value = stored(APPROVER_STORAGE);
    this.#fields.key.addEventListener('change', () => store(KEY_STORAGE, this.#fields.key.value.trim()));
    this.#fields.approvedBy.addEventListener('change', () => store(APPROVER_STORAGE, this.#fields.approvedBy.value.trim()));
    by('approval-reset').addEventListener('click', () => this.#fillPeriod());
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#send();
    });
  }

  /** Prepares the form for an agent (an AgentAdherence) in the centre's zone: the period, no errors, no result. */
  open(agent, timeZone) {
    this.#agent = agent;
    this.#timeZone = timeZone;
    this.#clearErrors();
    this.#result.textContent = '';
    this.#fields.reason.value = '';
    this.#fillPeriod();
  }

  /** Keeps the agent's figures current (the period the user may be editing stays as it is). */
  update(agent) {
    if (agent && this.#agent && agent.agentId === this.#agent.agentId) this.#agent = agent;
  }

  /**
   * The agent's current stretch out of adherence, from when it began to now; when the agent is not out, from now to
   * the end of the scheduled activity (or half an hour).
   */
  #fillPeriod() {
    const agent = this.#agent;
    if (!agent) return;
    const now = this.#now();
    const outSince = agent.outSince ? parseInstant(agent.outSince) : Number.NaN;
    const until = agent.activityUntil ? parseInstant(agent.activityUntil) : Number.NaN;
    const start = Number.isFinite(outSince) ? outSince : now;
    const end = Number.isFinite(outSince) ? now : Number.isFinite(until) && until > now ? until : now + 30 * 60_000;
    this.#fields.start.value = toLocalInput(Math.floor(start / 1000) * 1000, this.#timeZone);
    this.#fields.end.value = toLocalInput(Math.ceil(end / 1000) * 1000, this.#timeZone);
  }

  #clearErrors() {
    for (const [name, slot] of Object.entries(this.#errors)) {
      slot.textContent = '';
      this.#fields[name].removeAttribute('aria-invalid');
    }
    this.#formError.textContent = '';
  }

  #showError(name, message) {
    const slot = this.#errors[name];
    if (slot) {
      slot.textContent = message;
      this.#fields[name].setAttribute('aria-invalid', 'true');
    } else {
      this.#formError.textContent = [this.#formError.textContent, message].filter(Boolean).join(' ');
    }
  }

  /** A datetime-local value on the centre's clock as ISO 8601 (UTC); null when empty or not a time (the server says so). */
  #instant(field) {
    const instant = fromLocalInput(field.value, this.#timeZone);
    return Number.isFinite(instant) ? new Date(instant).toISOString() : null;
  }

  async #send() {
    if (this.#busy || !this.#agent) return;
    this.#busy = true;
    this.#submit.disabled = true;
    this.#clearErrors();
    this.#result.textContent = '';
    const key = this.#fields.key.value.trim();
    const approvedBy = this.#fields.approvedBy.value.trim();
    store(KEY_STORAGE, key);
    store(APPROVER_STORAGE, approvedBy);
    const body = {
      agentId: this.#agent.agentId,
      start: this.#instant(this.#fields.start),
      end: this.#instant(this.#fields.end),
      reason: this.#fields.reason.value,
      approvedBy: approvedBy || null,
    };
    try {
      const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
      if (key) headers['X-Api-Key'] = key;
      const response = await fetch('/api/adherence/exceptions', { method: 'POST', headers, body: JSON.stringify(body), cache: 'no-store' });
      const answer = await response.json().catch(() => null);
      if (response.ok) {
        const approval = answer?.approval ?? body;
        const from = hoursMinutes(parseInstant(approval.start), this.#timeZone);
        const to = hoursMinutes(parseInstant(approval.end), this.#timeZone);
        this.#result.textContent = `Approved ${from}–${to}${approval.approvedBy ? ` by ${approval.approvedBy}` : ''}.`;
        this.#fields.reason.value = '';
        this.#onApproved(approval);
      } else if (response.status === 401) {
        this.#showError('key', key ? 'This key was refused: enter the supervisors\' API key.' : 'Enter the supervisors\' API key.');
      } else if (response.status === 400 && answer?.errors) {
        for (const [field, messages] of Object.entries(answer.errors)) {
          const name = FIELDS.includes(field) ? field : null;
          const text = (Array.isArray(messages) ? messages : [messages]).join(' ');
          this.#showError(name, name ? text : `${field}: ${text}`);
        }
        if (answer.detail) this.#formError.textContent = [this.#formError.textContent, answer.detail].filter(Boolean).join(' ');
      } else {
        this.#showError(null, `Not approved: ${answer?.detail ?? answer?.title ?? `the server answered ${response.status}`}`);
      }
    } catch {
      this.#showError(null, 'Not approved: the server could not be reached. Nothing was changed.');
    } finally {
      this.#busy = false;
      this.#submit.disabled = false;
    }
  }
}
