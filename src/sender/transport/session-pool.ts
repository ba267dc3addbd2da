import type SMTPConnection from 'nodemailer/lib/smtp-connection';

/** Bounds of a {@link SessionPool}; the defaults are in the spirit of Postfix's connection cache. */
export interface SessionPoolLimits {
  /** How long a session waits for its next transaction before it is QUIT; 5 s by default, 0 turns reuse off. */
  idleMs?: number;
  /** Transactions one session carries at most before it is QUIT; 100 by default. */
  maxTransactions?: number;
  /** Idle sessions kept per destination at most (extra ones are QUIT); 4 by default. */
  maxIdlePerDestination?: number;
}

/** A session lent out by the pool, with what its owner needs to know to reuse it safely. */
export interface PooledSession<Meta> {
  connection: SMTPConnection;
  /** The server's EHLO reply (its extensions). */
  ehlo: string;
  /** The destination: host, address, port and TLS state, as the transport spells it. */
  key: string;
  /** What the transport recorded about the session when it opened it (host name, policy). */
  meta: Meta;
  /** Transactions this session has carried so far. */
  transactions: number;
  /** True when the session already carried a transaction: it may have been closed by the remote since. */
  reused: boolean;
}

interface IdleSession<Meta> {
  session: PooledSession<Meta>;
  timer: NodeJS.Timeout;
  onEnd: () => void;
}

/** How long `close()` waits for a QUIT to be answered before dropping the socket. */
const QUIT_WAIT_MS = 2000;

/**
 * Sends RSET; false when it is refused or the connection ends first (nodemailer forgets the
 * callback of a command in flight when the connection drops, so the end is watched too).
 */
function resetSession(connection: SMTPConnection): Promise<boolean> {
  return new Promise((resolve) => {
    const ended = (): void => resolve(false);
    connection.once('end', ended);
    connection.reset((error) => {
      connection.off('end', ended);
      resolve(!error);
    });
  });
}

/**
 * SMTP sessions kept open between transactions (RFC 5321 §3.3: a session may carry several mail
 * transactions), keyed by destination. A session is either idle here or lent to exactly one
 * transaction, so two transactions never share a connection at once. Sessions the remote closes
 * while idle leave the pool on their `end` event.
 */
export class SessionPool<Meta> {
  readonly #idleMs: number;
  readonly #maxTransactions: number;
  readonly #maxIdle: number;
  readonly #idle = new Map<string, Array<IdleSession<Meta>>>();
  #closed = false;

  constructor(limits: SessionPoolLimits = {}) {
    this.#idleMs = limits.idleMs ?? 5000;
    this.#maxTransactions = limits.maxTransactions ?? 100;
    this.#maxIdle = limits.maxIdlePerDestination ?? 4;
  }

  /** Lends the most recently used idle session for `key` whose meta `accept`s, or null. */
  take(key: string, accept: (meta: Meta) => boolean = () => true): PooledSession<Meta> | null {
    const sessions = this.#idle.get(key) ?? [];
    for (let index = sessions.length - 1; index >= 0; index--) {
      const idle = sessions[index]!;
      if (idle.session.connection.destroyed || !accept(idle.session.meta)) continue;
      this.#forget(idle);
      return { ...idle.session, reused: true };
    }
    return null;
  }

  /**
   * Takes a session back after a transaction: kept idle when `reusable` and within the bounds,
   * QUIT otherwise. A session whose last transaction ended in a refusal gets an RSET first
   * (RFC 5321 §4.1.1.5) and is dropped when that fails; the promise settles once the session is
   * idle again or dropped, so the next transaction finds it.
   */
  async release(session: PooledSession<Meta>, outcome: { reusable: boolean; needsReset: boolean }): Promise<void> {
    const carried = { ...session, transactions: session.transactions + 1 };
    const { connection } = carried;
    if (!outcome.reusable || connection.destroyed) return connection.close();
    if (outcome.needsReset && this.#keeps(carried)) {
      if (!(await resetSession(connection))) return connection.close();
    }
    this.#park(carried);
  }

  /** QUITs every idle session and waits (briefly) for each to end; sessions lent out are QUIT when released. */
  async close(): Promise<void> {
    this.#closed = true;
    const all = [...this.#idle.values()].flat();
    await Promise.all(
      all.map((idle) => {
        this.#forget(idle);
        const { connection } = idle.session;
        if (connection.destroyed) return undefined;
        return new Promise<void>((resolve) => {
          const drop = setTimeout(() => connection.close(), QUIT_WAIT_MS);
          connection.once('end', () => {
            clearTimeout(drop);
            resolve();
          });
          connection.quit();
        });
      }),
    );
  }

  /** Idle sessions, all destinations together. */
  get idleCount(): number {
    let count = 0;
    for (const sessions of this.#idle.values()) count += sessions.length;
    return count;
  }

  /** Whether one more idle session fits the bounds. */
  #keeps(session: PooledSession<Meta>): boolean {
    const idleHere = this.#idle.get(session.key)?.length ?? 0;
    return !this.#closed && this.#idleMs > 0 && session.transactions < this.#maxTransactions && idleHere < this.#maxIdle;
  }

  /** Keeps a session idle until its next transaction, the idle limit, or the remote's close; QUITs it when it does not fit. */
  #park(session: PooledSession<Meta>): void {
    const { connection } = session;
    if (connection.destroyed || !this.#keeps(session)) return connection.quit();
    const idle: IdleSession<Meta> = {
      session,
      timer: setTimeout(() => {
        this.#forget(idle);
        connection.quit();
      }, this.#idleMs),
      onEnd: () => this.#forget(idle),
    };
    connection.once('end', idle.onEnd);
    const sessions = this.#idle.get(session.key) ?? [];
    sessions.push(idle);
    this.#idle.set(session.key, sessions);
  }

  #forget(idle: IdleSession<Meta>): void {
    clearTimeout(idle.timer);
    idle.session.connection.off('end', idle.onEnd);
    const sessions = (this.#idle.get(idle.session.key) ?? []).filter((entry) => entry !== idle);
    if (sessions.length > 0) this.#idle.set(idle.session.key, sessions);
    else this.#idle.delete(idle.session.key);
  }
}
