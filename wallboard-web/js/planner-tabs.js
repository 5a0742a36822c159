// A tab per queue (the WAI-ARIA tabs pattern): click, or the arrow keys, Home and End, select a queue; only the selected
// tab is in the tab order. A queue in surge says so on its tab, whichever queue is selected.

export class QueueTabs {
  #nav;
  #panelId;
  #onSelect;
  #tabs = new Map();
  #ids = '';

  /**
   * @param {HTMLElement} nav       the role="tablist" element
   * @param {string} panelId        the id of the role="tabpanel" the tabs control
   * @param {(queueId: string) => void} onSelect
   */
  constructor(nav, panelId, onSelect) {
    this.#nav = nav;
    this.#panelId = panelId;
    this.#onSelect = onSelect;
    nav.addEventListener('keydown', (event) => this.#onKey(event));
  }

  /** Shows the queues' tabs (rebuilt only when the set of queues changes), `selected` selected. */
  render(queues, selected) {
    const ids = queues.map((q) => q.queueId).join('\n');
    if (ids !== this.#ids) {
      this.#ids = ids;
      this.#tabs.clear();
      this.#nav.replaceChildren(...queues.map((queue) => {
        const tab = document.createElement('button');
        tab.type = 'button';
        tab.setAttribute('role', 'tab');
        tab.id = `tab-${queue.queueId}`;
        tab.className = 'queue-tab';
        tab.dataset.testid = 'queue-tab';
        tab.dataset.queueId = queue.queueId;
        tab.setAttribute('aria-controls', this.#panelId);
        const name = document.createElement('span');
        name.className = 'queue-tab-name';
        const badge = document.createElement('span');
        badge.className = 'queue-tab-surge';
        badge.dataset.testid = 'queue-tab-surge';
        badge.textContent = 'SURGE';
        tab.append(name, badge);
        tab.addEventListener('click', () => this.#onSelect(queue.queueId));
        this.#tabs.set(queue.queueId, { tab, name, badge });
        return tab;
      }));
    }
    for (const queue of queues) {
      const { tab, name, badge } = this.#tabs.get(queue.queueId);
      name.textContent = queue.name;
      const isSelected = queue.queueId === selected;
      tab.setAttribute('aria-selected', String(isSelected));
      tab.tabIndex = isSelected ? 0 : -1;
      const surging = Boolean(queue.now?.surge?.active);
      tab.dataset.surge = String(surging);
      badge.hidden = !surging;
    }
  }

  #onKey(event) {
    const tabs = [...this.#tabs.values()].map((t) => t.tab);
    const at = tabs.indexOf(document.activeElement);
    if (at < 0) return;
    const next = {
      ArrowRight: (at + 1) % tabs.length,
      ArrowLeft: (at - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    tabs[next].focus();
    this.#onSelect(tabs[next].dataset.queueId);
  }
}
