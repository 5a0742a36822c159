// The agents of a SupervisorView, one section per team (its figures, then its agents, longest out of adherence first),
// through the page's filters. Rows are kept per agent and only re-ordered, so that a click or the keyboard focus
// survives the pushes every second. Text only ever goes in through textContent.

import { NO_VALUE, formatDuration, formatRatePercent, hasValue, parseInstant, plain } from './format.js';
import { hoursMinutes } from './centre-time.js';

/** The section of agents whose team is not configured (null teamId). */
const NO_TEAM = '';

export const STATUS_TEXT = { in: 'In', out: 'Out', not_calculated: 'Not calculated', off: 'Off' };

const STATE_TEXT = {
  logged_out: 'Logged out',
  available: 'Available',
  ringing: 'Ringing',
  on_contact: 'On contact',
  acw: 'After-contact work',
  not_ready: 'Not ready',
};

const SEVERITY_TEXT = { warning: 'Warning', severe: 'Severe' };

/** "Open", "Break", "off" → "Off": an activity as read. */
export function activityText(activity) {
  const text = String(activity ?? '').replaceAll('_', ' ');
  return text ? text[0].toUpperCase() + text.slice(1) : NO_VALUE;
}

/** "Not ready · meeting": a state with its reason. */
export function stateText(state, reason) {
  const name = STATE_TEXT[state] ?? activityText(state);
  return reason ? `${name} · ${reason}` : name;
}

export function statusText(status) {
  return STATUS_TEXT[status] ?? NO_VALUE;
}

/** Longest out of adherence first; then by name, so that the order of equals does not jump between pushes. */
function byOutTime(a, b) {
  return (b.outSeconds ?? 0) - (a.outSeconds ?? 0) || String(a.name).localeCompare(String(b.name)) || String(a.agentId).localeCompare(String(b.agentId));
}

function partsOf(element) {
  const parts = { element };
  for (const part of element.querySelectorAll('[data-testid]')) parts[part.dataset.testid] = part;
  return parts;
}

export class SupervisorGrid {
  #container;
  #teamTemplate;
  #rowTemplate;
  #onOpen;
  /** teamId → { element, parts, rows: "ids in order" } */
  #sections = new Map();
  #sectionIds = null;
  /** agentId → { element, parts, agent } */
  #rows = new Map();
  #selected = null;

  /**
   * @param {HTMLElement} container where the team sections go
   * @param {(agentId: string) => void} onOpen called when an agent is clicked
   */
  constructor(container, onOpen) {
    this.#container = container;
    this.#teamTemplate = document.getElementById('team-section');
    this.#rowTemplate = document.getElementById('agent-row');
    this.#onOpen = onOpen;
  }

  /**
   * Shows a view through the filters: { team: "" for all, status: "all" | "out", search: text }. Returns how many
   * agents are shown, of how many.
   */
  render(view, filters) {
    const teams = this.#teamsOf(view);
    this.#layoutSections(teams);
    const search = filters.search.trim().toLocaleLowerCase();
    const matches = (agent) =>
      (filters.status !== 'out' || agent.status === 'out')
      && (!search || String(agent.name).toLocaleLowerCase().includes(search) || String(agent.agentId).toLocaleLowerCase().includes(search));

    const seen = new Set();
    let shown = 0;
    for (const team of teams) {
      const section = this.#sections.get(team.teamId);
      const visible = !filters.team || filters.team === team.teamId;
      section.element.hidden = !visible;
      this.#renderTeamFigures(section.parts, team);
      const agents = view.agents.filter((a) => (a.teamId ?? NO_TEAM) === team.teamId).sort(byOutTime);
      const rows = [];
      for (const agent of agents) {
        seen.add(agent.agentId);
        const row = this.#rowOf(agent);
        this.#renderAgent(row, agent, view.timeZone);
        if (visible && matches(agent)) rows.push(row);
      }
      shown += visible ? rows.length : 0;
      const order = rows.map((r) => r.agent.agentId).join('\n');
      if (order !== section.order) {
        section.order = order;
        section.parts['agent-rows'].replaceChildren(...rows.map((r) => r.element));
      }
      section.parts['team-empty'].hidden = rows.length > 0;
    }
    for (const id of [...this.#rows.keys()]) {
      if (!seen.has(id)) this.#rows.delete(id);
    }
    return { shown, total: view.agents.length };
  }

  /** The teams to show: the view's (in configuration order), then one for agents without a team, if any. */
  #teamsOf(view) {
    const teams = [...view.teams];
    if (view.agents.some((a) => a.teamId == null)) {
      teams.push({ teamId: NO_TEAM, name: 'No team', agents: 0, outOfAdherenceNow: null, adherencePercent: null, conformancePercent: null, alerts: null });
    }
    return teams;
  }

  #layoutSections(teams) {
    const ids = teams.map((t) => t.teamId).join('\n');
    if (ids === this.#sectionIds) return;
    this.#sectionIds = ids;
    this.#sections.clear();
    const elements = teams.map((team) => {
      const element = this.#teamTemplate.content.firstElementChild.cloneNode(true);
      element.dataset.teamId = team.teamId;
      const parts = partsOf(element);
      parts['team-name'].id = `team-${team.teamId || 'none'}`;
      element.setAttribute('aria-labelledby', parts['team-name'].id);
      this.#sections.set(team.teamId, { element, parts, order: null });
      return element;
    });
    this.#container.replaceChildren(...elements);
  }

  #renderTeamFigures(parts, team) {
    parts['team-name'].textContent = team.name;
    parts['team-adherence'].textContent = plain(formatRatePercent(team.adherencePercent));
    parts['team-conformance'].textContent = plain(formatRatePercent(team.conformancePercent));
    parts['team-out-now'].textContent = hasValue(team.outOfAdherenceNow) ? String(team.outOfAdherenceNow) : NO_VALUE;
    parts['team-out-now'].dataset.out = String(hasValue(team.outOfAdherenceNow) && team.outOfAdherenceNow > 0);
    parts['team-alerts'].textContent = Array.isArray(team.alerts) ? String(team.alerts.length) : NO_VALUE;
  }

  #rowOf(agent) {
    let row = this.#rows.get(agent.agentId);
    if (!row) {
      const element = this.#rowTemplate.content.firstElementChild.cloneNode(true);
      element.dataset.agentId = agent.agentId;
      row = { element, parts: partsOf(element), agent };
      const id = agent.agentId;
      row.parts['agent-name'].addEventListener('click', () => this.#onOpen(id));
      this.#rows.set(agent.agentId, row);
    }
    row.agent = agent;
    return row;
  }

  #renderAgent(row, agent, timeZone) {
    const { element, parts } = row;
    element.dataset.status = agent.status;
    element.dataset.selected = String(agent.agentId === this.#selected);
    parts['agent-name'].textContent = agent.name;
    parts['agent-name'].title = `${agent.agentId}: open today's timeline`;
    parts['agent-activity'].textContent = activityText(agent.activity);
    const until = parseInstant(agent.activityUntil);
    parts['agent-activity-until'].textContent = agent.activityUntil && !Number.isNaN(until) ? `until ${hoursMinutes(until, timeZone)}` : '';
    parts['agent-state'].textContent = stateText(agent.state, agent.reason);
    const since = parseInstant(agent.stateSince);
    parts['agent-state-since'].textContent = agent.stateSince && !Number.isNaN(since) ? `since ${hoursMinutes(since, timeZone)}` : '';
    parts['agent-status'].textContent = statusText(agent.status);
    parts['agent-status'].dataset.status = agent.status;
    parts['agent-adherence'].textContent = plain(formatRatePercent(agent.adherencePercent));
    parts['agent-conformance'].textContent = plain(formatRatePercent(agent.conformancePercent));
    const badge = parts['agent-alert'];
    badge.dataset.severity = agent.alert ?? 'none';
    badge.textContent = SEVERITY_TEXT[agent.alert] ?? NO_VALUE;
    this.#renderOutFor(row, 0);
  }

  /** "Out for" counts on from the last view by the seconds elapsed since it arrived (0 while stale). */
  #renderOutFor(row, elapsedSeconds) {
    const { agent, parts } = row;
    const out = agent.outSince != null && hasValue(agent.outSeconds);
    parts['agent-out-for'].textContent = out ? plain(formatDuration(agent.outSeconds + elapsedSeconds)) : NO_VALUE;
  }

  tick(elapsedSeconds) {
    for (const row of this.#rows.values()) this.#renderOutFor(row, elapsedSeconds);
  }

  /** Marks the agent whose detail is open (null: none). */
  select(agentId) {
    this.#selected = agentId;
    for (const [id, row] of this.#rows) row.element.dataset.selected = String(id === agentId);
  }
}
