// Keeps a page joined to a hub for weeks (STACK-NOTES.md): SignalR's automatic reconnect with a policy that never
// gives up, a restart loop when the connection closes anyway, and the join again after every (re)connect, because
// group membership does not survive a reconnect. The TV board (BoardConnection), the supervisor and planner pages
// share it.

const { signalR } = window;

/** A page with no update for this long shows itself stale. */
export const STALE_AFTER_MS = 5_000;

/**
 * The page's state from its last applied update and its connection: 'connecting' before any update, 'live' while
 * connected and updated within {@link STALE_AFTER_MS}, otherwise 'stale'.
 */
export function pageState(lastAppliedAt, connectionStatus, now) {
  if (lastAppliedAt === null) return 'connecting';
  return connectionStatus === 'live' && now - lastAppliedAt <= STALE_AFTER_MS ? 'live' : 'stale';
}

/** Stale while connected (e.g. a group lost on the server): join again at most this often. */
const REJOIN_EVERY_MS = 10_000;

const CONNECTION_TEXT = { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline' };

/**
 * A desk page's state on the page: body[data-state], the header's connection indicator (`status`: its data-status and
 * its .connection-text) and the stale banner (`banner`, dated in `detail`); redrawn only when it changes.
 */
export class PageStateView {
  #status;
  #banner;
  #detail;
  #shown = '';

  constructor({ status, banner, detail }) {
    this.#status = status;
    this.#banner = banner;
    this.#detail = detail;
  }

  /**
   * Works out the page's state ({@link pageState}), shows it if it changed, and returns it. `lastUpdate()` gives the
   * time of the last update as the banner says it (e.g. "09:23:00"), or null before any.
   */
  update(lastAppliedAt, connectionStatus, now, lastUpdate) {
    const state = pageState(lastAppliedAt, connectionStatus, now);
    const key = `${state}/${connectionStatus}`;
    if (key === this.#shown) return state;
    this.#shown = key;
    document.body.dataset.state = state;
    this.#status.dataset.status = connectionStatus;
    this.#status.querySelector('.connection-text').textContent = CONNECTION_TEXT[connectionStatus];
    this.#banner.hidden = state !== 'stale';
    const last = state === 'stale' ? lastUpdate() : null;
    if (last) this.#detail.textContent = `last update ${last}${connectionStatus === 'live' ? '' : ' · reconnecting'}`;
    return state;
  }
}

/** Exponential back-off from 0.5 s to 30 s, with jitter so that a floor of TVs does not reconnect in step. */
export function retryDelay(attempt) {
  const ceiling = Math.min(30_000, 500 * 2 ** Math.min(attempt, 10));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

/** The server's own words from a failed invocation (a HubException's message), without the client's preamble. */
function serverMessage(error) {
  const message = String(error?.message ?? error);
  const marker = 'HubException: ';
  const at = message.indexOf(marker);
  return at >= 0 ? message.slice(at + marker.length) : message;
}

/**
 * One hub connection that stays joined: `join` is invoked with `argument` after every (re)connect, and its answer
 * and every `updated` push go to onSnapshot.
 */
export class LiveConnection {
  #joinMethod;
  #argument;
  #handlers;
  #connection;
  #starting = false;
  #joining = false;
  #joinFailures = 0;
  #lastJoinAt = -Infinity;
  #wakers = new Set();

  /**
   * @param {object} hub
   *   url       the hub's path, e.g. "/hubs/wallboard"
   *   join      the hub method that joins and answers the current snapshot, e.g. "JoinBoard"
   *   argument  its argument (null is sent as null; leave it out for a method without one)
   *   updated   the client method the server pushes snapshots with, e.g. "BoardUpdated"
   * @param {object} handlers
   *   onJoining()          a join is about to be sent on a connection (updates may overtake its answer)
   *   onSnapshot(snapshot) the join's answer, or a snapshot pushed by the server
   *   onStatus(status)     "live", "reconnecting" or "offline"
   *   onNotice(message)    why the page cannot be shown (e.g. not configured), or null once it can
   */
  constructor({ url, join, argument, updated }, handlers) {
    this.#joinMethod = join;
    this.#argument = argument;
    this.#handlers = handlers;
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl(url)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => retryDelay(context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.None) // a TV has nobody reading its console; the page shows the state
      .build();

    this.#connection.on(updated, (snapshot) => handlers.onSnapshot(snapshot));
    this.#connection.onreconnecting(() => handlers.onStatus('reconnecting'));
    this.#connection.onreconnected(() => {
      handlers.onStatus('live');
      this.join();
    });
    // Closed for good in SignalR's eyes (e.g. the server stopped and asked not to reconnect): start again.
    this.#connection.onclose(() => {
      handlers.onStatus('offline');
      this.start();
    });
  }

  /** Handles another method the server pushes (e.g. AlertsChanged). */
  on(method, handler) {
    this.#connection.on(method, handler);
  }

  get isConnected() {
    return this.#connection.state === signalR.HubConnectionState.Connected;
  }

  /** Joins again on the current connection, e.g. when updates stopped arriving. */
  join() {
    if (this.#joining || !this.isConnected) return;
    this.#joining = true;
    this.#lastJoinAt = performance.now();
    this.#handlers.onJoining();
    const args = this.#argument === undefined ? [] : [this.#argument];
    this.#connection.invoke(this.#joinMethod, ...args).then(
      (snapshot) => {
        this.#joining = false;
        this.#joinFailures = 0;
        this.#handlers.onNotice(null);
        this.#handlers.onSnapshot(snapshot);
      },
      async (error) => {
        // Lost with the connection: the reconnect joins again. Refused by the server: say why and ask again
        // later, as the board (or team) may be configured and the host restarted meanwhile.
        if (this.isConnected) {
          this.#handlers.onNotice(serverMessage(error));
          await this.#sleep(retryDelay(this.#joinFailures++));
        }
        this.#joining = false;
        this.join();
      },
    );
  }

  /**
   * Joins again when the page is stale although connected (no update applied for {@link STALE_AFTER_MS} since
   * `lastAppliedAt`, a performance.now() or null), at most every {@link REJOIN_EVERY_MS}. For the page's watchdog.
   */
  rejoinIfStale(lastAppliedAt, now = performance.now()) {
    if (this.isConnected && lastAppliedAt !== null && now - lastAppliedAt > STALE_AFTER_MS && now - this.#lastJoinAt > REJOIN_EVERY_MS) {
      this.join();
    }
  }

    /** Cuts a back-off wait short, e.g. when the page becomes visible again or the network returns. */
  wake() {
    for (const wake of [...this.#wakers]) wake();
  }

  /** Connects, retrying for ever with the same back-off, then joins. */
  async start() {
    if (this.#starting) return;
    this.#starting = true;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#connection.start();
        break;
      } catch {
        await this.#sleep(retryDelay(attempt));
      }
    }
    this.#starting = false;
    this.#handlers.onStatus('live');
    this.join();
  }

  #sleep(ms) {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakers.add(done);
    });
  }
}

/** A TV board's connection: JoinBoard(name) on /hubs/wallboard, snapshots pushed by BoardUpdated. */
export class BoardConnection extends LiveConnection {
  /** @param {string} board the board's name; handlers as for LiveConnection */
  constructor(board, handlers) {
    super({ url: '/hubs/wallboard', join: 'JoinBoard', argument: board, updated: 'BoardUpdated' }, handlers);
  }
}
