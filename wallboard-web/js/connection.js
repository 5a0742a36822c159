// Keeps one board joined to the hub for weeks (STACK-NOTES.md): SignalR's automatic reconnect with a policy that
// never gives up, a restart loop when the connection closes anyway, and JoinBoard again after every (re)connect,
// because group membership does not survive a reconnect.

const { signalR } = window;

const HUB_URL = '/hubs/wallboard';

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

export class BoardConnection {
  #board;
  #handlers;
  #connection;
  #starting = false;
  #joining = false;
  #joinFailures = 0;
  #wakers = new Set();

  /**
   * @param {string} board the board's name
   * @param {object} handlers
   *   onJoining()          a JoinBoard is about to be sent on a connection (updates may overtake its answer)
   *   onSnapshot(snapshot) a BoardSnapshot, from JoinBoard or pushed by BoardUpdated
   *   onStatus(status)     "live", "reconnecting" or "offline"
   *   onNotice(message)    why the board cannot be shown (e.g. not configured), or null once it can
   */
  constructor(board, handlers) {
    this.#board = board;
    this.#handlers = handlers;
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl(HUB_URL)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => retryDelay(context.previousRetryCount) })
      .configureLogging(signalR.LogLevel.None) // a TV has nobody reading its console; the page shows the state
      .build();

    this.#connection.on('BoardUpdated', (snapshot) => handlers.onSnapshot(snapshot));
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

  get isConnected() {
    return this.#connection.state === signalR.HubConnectionState.Connected;
  }

  /** Asks for the board again on the current connection, e.g. when updates stopped arriving. */
  join() {
    if (this.#joining || !this.isConnected) return;
    this.#joining = true;
    this.#handlers.onJoining();
    this.#connection.invoke('JoinBoard', this.#board).then(
      (snapshot) => {
        this.#joining = false;
        this.#joinFailures = 0;
        this.#handlers.onNotice(null);
        this.#handlers.onSnapshot(snapshot);
      },
      async (error) => {
        // Lost with the connection: the reconnect joins again. Refused by the server: say why and ask again
        // later, as the board may be configured and the host restarted meanwhile.
        if (this.isConnected) {
          this.#handlers.onNotice(serverMessage(error));
          await this.#sleep(retryDelay(this.#joinFailures++));
        }
        this.#joining = false;
        this.join();
      },
    );
  }

  /** Cuts a back-off wait short, e.g. when the page becomes visible again or the network returns. */
  wake() {
    for (const wake of [...this.#wakers]) wake();
  }

  /** Connects, retrying for ever with the same back-off, then joins the board. */
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
