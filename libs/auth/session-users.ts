import pg from 'pg';
import { Role } from '#libs/auth/roles.js';
import { isUuid } from '#libs/common/ids.js';
import { IdentitySql } from '#libs/sql/identity.sql.js';

type Queryable = { query(sql: string, parameters?: unknown[]): Promise<unknown> };

/** A staff user as a request is judged: the roles the database holds now. */
export interface SessionUser {
  roles: Role[];
  disabled: boolean;
  /** Tokens issued in another epoch (before a logout or a disable) are refused. */
  sessionEpoch: number;
}

/** The longest a service uses what it read of a user without asking again. */
export const SESSION_USER_CACHE_MS = 30_000;
/** identity.users announces every change of a user here (its id), by a trigger. */
export const USER_CHANGED_CHANNEL = 'identity_user_changed';
const MAX_CACHED = 10_000;
const MAX_RECONNECT_MS = 30_000;
const ROLES = new Set<string>(Object.values(Role));

interface Logger {
  warn(details: object, message: string): void;
}

/**
 * Each request's user, read through identity.session_of (the owner's function granted
 * to every service), kept at most SESSION_USER_CACHE_MS. The cache is used only while a
 * connection LISTENs on USER_CHANGED_CHANNEL: a disable, a logout or a change of roles
 * drops the user's entry at once on every instance. Without that connection (lost, not
 * yet made) every request reads the database.
 */
export class SessionUsers {
  private readonly cache = new Map<string, { user: SessionUser | null; at: number }>();
  private listener: pg.Client | null = null;
  private listening = false;
  private closed = false;
  private reconnectMs = 250;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** Moves on with every change heard, so a read that raced a change is not cached. */
  private changes = 0;

  constructor(
    private readonly db: Queryable,
    private readonly databaseUrl: string | null,
    private readonly logger: Logger | null = null,
    private readonly now: () => number = Date.now,
  ) {}

  async start(): Promise<void> {
    if (this.databaseUrl) await this.listen();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.listening = false;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** The user, or null when there is none with this id. */
  async lookup(userId: string): Promise<SessionUser | null> {
    if (!isUuid(userId)) return null;
    const id = userId.toLowerCase();
    const cached = this.cache.get(id);
    if (cached && this.listening && this.now() - cached.at < SESSION_USER_CACHE_MS) {
      return cached.user;
    }
    const changesBefore = this.changes;
    const at = this.now();
    const rows = (await this.db.query(IdentitySql.published.sessionOf, [id])) as {
      roles: string[];
      disabled: boolean;
      session_epoch: number;
    }[];
    const row = rows[0];
    const user: SessionUser | null = row
      ? {
          roles: row.roles.filter((r): r is Role => ROLES.has(r)),
          disabled: row.disabled,
          sessionEpoch: row.session_epoch,
        }
      : null;
    if (this.listening && this.changes === changesBefore) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(id, { user, at });
    }
    return user;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl ?? undefined,
      application_name: 'session-users-listener',
    });
    const lost = (error?: unknown) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      this.cache.clear();
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.logger?.warn(
        { error: error instanceof Error ? error.message : undefined },
        'lost the user-change listener; reading users per request until it is back',
      );
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      this.changes++;
      if (message.payload) this.cache.delete(message.payload.toLowerCase());
      else this.cache.clear();
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${USER_CHANGED_CHANNEL}`);
      if (this.listener !== client) return;
      this.cache.clear();
      this.listening = true;
      this.reconnectMs = 250;
    } catch (error) {
      lost(error);
    }
  }

  private scheduleReconnect(): void {
    const delay = this.reconnectMs;
    this.reconnectMs = Math.min(this.reconnectMs * 2, MAX_RECONNECT_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed) void this.listen();
    }, delay);
    this.reconnectTimer.unref();
  }
}
