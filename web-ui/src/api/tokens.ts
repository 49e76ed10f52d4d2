import { ApiError, errorFromResponse } from './problem';

/** What `POST /api/auth/login` and `POST /api/auth/refresh` answer (user-service's TokenResponse). */
export interface TokenResponse {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  /** seconds the access token is valid for */
  expiresIn: number;
}

/** The claims of our access tokens the UI reads (user-service's AccessTokenIssuer). */
export interface AccessClaims {
  sub: string;
  email?: string;
  roles: string[];
  /** seconds since the epoch */
  exp: number;
  iat?: number;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** when the access token expires, ms since the epoch (its `exp`) */
  accessExpiresAt: number;
  claims: AccessClaims;
}

/** Where the session is kept between page loads, and how other tabs' changes arrive. */
export interface SessionStore {
  load(): Session | null;
  save(session: Session | null): void;
  /** calls back when another tab changed the stored session */
  subscribe(listener: () => void): () => void;
}

export type Scheduler = {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Runs fn while holding a lock shared by every tab of this origin (Web Locks), or just runs it. */
export type CrossTabLock = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The access token's claims. The signature is the gateway's business; the UI only reads exp and roles. */
export function decodeClaims(token: string): AccessClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const payload: unknown = JSON.parse(base64UrlDecode(parts[1]));
    if (typeof payload !== 'object' || payload === null) {
      return null;
    }
    const p = payload as Record<string, unknown>;
    if (typeof p.sub !== 'string' || typeof p.exp !== 'number') {
      return null;
    }
    const roles = Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === 'string') : [];
    return {
      sub: p.sub,
      exp: p.exp,
      iat: typeof p.iat === 'number' ? p.iat : undefined,
      roles,
      email: typeof p.email === 'string' ? p.email : undefined,
    };
  } catch {
    return null;
  }
}

export function sessionFrom(tokens: TokenResponse, now: number): Session {
  const claims = decodeClaims(tokens.accessToken);
  if (!claims) {
    throw new ApiError({ status: 0, title: 'Invalid access token', kind: 'http' });
  }
  // exp is the truth; expiresIn only when exp would be absurd (a wrong clock on either side is not our problem to fix)
  const fromExp = claims.exp * 1000;
  const accessExpiresAt = Number.isFinite(fromExp) && fromExp > 0 ? fromExp : now + tokens.expiresIn * 1000;
  return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, accessExpiresAt, claims };
}

const STORAGE_KEY = 'smartlink.session';

/** localStorage, shared by the tabs (the `storage` event tells one tab what another stored). */
export function browserSessionStore(): SessionStore {
  return {
    load() {
      try {
        const raw = localStorage.getItem(STORAGE_KEY);
        if (!raw) {
          return null;
        }
        const parsed = JSON.parse(raw) as Partial<Session>;
        if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') {
          return null;
        }
        const claims = decodeClaims(parsed.accessToken);
        return claims
          ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, accessExpiresAt: claims.exp * 1000, claims }
          : null;
      } catch {
        return null;
      }
    },
    save(session) {
      try {
        if (session) {
          localStorage.setItem(
            STORAGE_KEY,
            JSON.stringify({ accessToken: session.accessToken, refreshToken: session.refreshToken }),
          );
        } else {
          localStorage.removeItem(STORAGE_KEY);
        }
      } catch {
        // private mode or full storage: the session lives in memory only
      }
    },
    subscribe(listener) {
      const onStorage = (event: StorageEvent) => {
        if (event.key === STORAGE_KEY || event.key === null) {
          listener();
        }
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    },
  };
}

export function memorySessionStore(initial: Session | null = null): SessionStore {
  let value = initial;
  return {
    load: () => value,
    save: (session) => {
      value = session;
    },
    subscribe: () => () => undefined,
  };
}

const browserLock: CrossTabLock = (name, fn) => {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(name, fn) : fn();
};

export interface TokenManagerOptions {
  fetch: FetchLike;
  store?: SessionStore;
  scheduler?: Scheduler;
  lock?: CrossTabLock;
  /** refresh this long before the access token expires (less for short-lived tokens: at most half their life) */
  refreshBeforeMs?: number;
  /** after a refresh that got no answer, try again this much later (while the access token still lasts) */
  retryMs?: number;
}

const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The signed-in session: the access token (15 minutes at user-service) and the rotating refresh token.
 *
 * - The access token is refreshed shortly before its `exp`, by a timer and, should the timer not have run (a
 *   sleeping laptop), before a request that would send an expiring token.
 * - Refreshes are single-flight: every caller during one refresh waits for the same answer. A refresh token is
 *   spent by its use and presenting a spent one revokes the whole session, so two refreshes with the same token must
 *   never leave this page, nor two tabs: the refresh runs under a cross-tab lock and first adopts what another tab
 *   stored meanwhile.
 * - A refresh answered 400/401 ends the session (signed out); no answer keeps it and tries again later.
 */
export class TokenManager {
  private readonly fetch: FetchLike;
  private readonly store: SessionStore;
  private readonly scheduler: Scheduler;
  private readonly lock: CrossTabLock;
  private readonly refreshBeforeMs: number;
  private readonly retryMs: number;
  private current: Session | null;
  private inFlight: Promise<Session | null> | null = null;
  private timer: unknown = null;
  private readonly listeners = new Set<(session: Session | null) => void>();

  constructor(options: TokenManagerOptions) {
    this.fetch = options.fetch;
    this.store = options.store ?? memorySessionStore();
    this.scheduler = options.scheduler ?? realScheduler;
    this.lock = options.lock ?? browserLock;
    this.refreshBeforeMs = options.refreshBeforeMs ?? 60_000;
    this.retryMs = options.retryMs ?? 15_000;
    this.current = this.store.load();
    this.store.subscribe(() => this.adopt(this.store.load()));
    this.schedule();
  }

  get session(): Session | null {
    return this.current;
  }

  subscribe(listener: (session: Session | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After login: keep the tokens and plan their refresh. */
  signIn(tokens: TokenResponse): Session {
    const session = sessionFrom(tokens, this.scheduler.now());
    this.set(session, true);
    return session;
  }

  /** Forget the session here and in the other tabs (the server side is ended by logout). */
  clear(): void {
    this.set(null, true);
  }

  /**
   * A token fit to send now: the current one, or a fresh one when it expires within the refresh margin. Null when
   * signed out.
   */
  async accessToken(): Promise<string | null> {
    const session = this.current;
    if (!session) {
      return null;
    }
    if (session.accessExpiresAt - this.scheduler.now() <= this.margin(session)) {
      try {
        const refreshed = await this.refresh();
        return refreshed?.accessToken ?? null;
      } catch (error) {
        // no answer: the old token may still be valid for a little while; let the request try
        if (session.accessExpiresAt > this.scheduler.now()) {
          return session.accessToken;
        }
        throw error;
      }
    }
    return session.accessToken;
  }

  /**
   * Exchange the refresh token for new tokens, once however many ask at the same time. `rejected` is the access
   * token a server just refused: when the session already moved past it (another caller refreshed), the newer
   * session is the answer and nothing is sent.
   */
  refresh(rejected?: string): Promise<Session | null> {
    if (rejected && this.current && this.current.accessToken !== rejected) {
      return Promise.resolve(this.current);
    }
    if (!this.inFlight) {
      this.inFlight = this.lock('smartlink-token-refresh', () => this.doRefresh()).finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async doRefresh(): Promise<Session | null> {
    const before = this.current;
    // another tab may have refreshed (and so spent our refresh token) while we waited for the lock
    const stored = this.store.load();
    if (stored && before && stored.refreshToken !== before.refreshToken) {
      this.set(stored, false);
      return stored;
    }
    if (!before) {
      return null;
    }
    let response: Response;
    try {
      response = await this.fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
        body: JSON.stringify({ refreshToken: before.refreshToken }),
        credentials: 'same-origin',
      });
    } catch (cause) {
      this.scheduleRetry();
      throw ApiError.network(cause);
    }
    if (response.ok) {
      const session = sessionFrom((await response.json()) as TokenResponse, this.scheduler.now());
      this.set(session, true);
      return session;
    }
    const error = await errorFromResponse(response);
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      // spent, revoked or expired: the session is over
      this.set(null, true);
      return null;
    }
    this.scheduleRetry();
    throw error;
  }

  /** End the session at the server (best effort) and here. */
  async logout(): Promise<void> {
    const session = this.current;
    this.clear();
    if (!session) {
      return;
    }
    try {
      await this.fetch('/api/auth/logout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
        credentials: 'same-origin',
      });
    } catch {
      // the tokens are gone from this browser; the server's side lapses with them
    }
  }

  /** How long before expiry to refresh: refreshBeforeMs, but at most half the token's life (short-lived tokens). */
  private margin(session: Session): number {
    const issuedAt = session.claims.iat !== undefined ? session.claims.iat * 1000 : session.accessExpiresAt - 15 * 60_000;
    return Math.min(this.refreshBeforeMs, Math.max((session.accessExpiresAt - issuedAt) / 2, 0));
  }

  private adopt(session: Session | null): void {
    const same =
      (session === null && this.current === null) ||
      (session !== null && this.current !== null && session.accessToken === this.current.accessToken);
    if (!same) {
      this.set(session, false);
    }
  }

  private set(session: Session | null, persist: boolean): void {
    this.current = session;
    if (persist) {
      this.store.save(session);
    }
    this.schedule();
    this.listeners.forEach((listener) => listener(session));
  }

  private schedule(delayMs?: number): void {
    if (this.timer !== null) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = null;
    }
    const session = this.current;
    if (!session) {
      return;
    }
    const delay = delayMs ?? Math.max(session.accessExpiresAt - this.margin(session) - this.scheduler.now(), 0);
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      this.refresh().catch(() => undefined);
    }, delay);
  }

  private scheduleRetry(): void {
    const session = this.current;
    if (session && session.accessExpiresAt > this.scheduler.now()) {
      this.schedule(this.retryMs);
    }
  }
}
