import { describe, expect, it } from 'vitest';
import { ApiClient } from './client';
import { ApiError } from './problem';
import { fakeFetch, flush, json, jwt, ManualClock, type Call } from './testing';
import { memorySessionStore, TokenManager, type TokenResponse } from './tokens';

const START = Date.UTC(2026, 0, 10, 9, 0, 0);
const MINUTE = 60_000;

/** Tokens as user-service issues them: an access token for 15 minutes, a refresh token. */
function issued(n: number, at: number): TokenResponse {
  return {
    accessToken: jwt({ sub: 'user-1', roles: ['RENTER'], iat: at / 1000, exp: at / 1000 + 15 * 60, n }),
    refreshToken: `refresh-${n}`,
    tokenType: 'Bearer',
    expiresIn: 900,
  };
}

function refreshes(calls: Call[]): Call[] {
  return calls.filter((c) => c.url === '/api/auth/refresh');
}

describe('token refresh', () => {
  it('refreshes the access token shortly before its exp, by a timer', async () => {
    const clock = new ManualClock(START);
    let n = 1;
    const { fetch, calls } = fakeFetch((call) =>
      call.url === '/api/auth/refresh' ? json(200, issued(++n, clock.now())) : json(404, {}),
    );
    const tokens = new TokenManager({ fetch, scheduler: clock, lock: (_, fn) => fn() });
    tokens.signIn(issued(1, START));

    clock.advance(13 * MINUTE);
    await flush();
    expect(refreshes(calls)).toHaveLength(0);

    clock.advance(1 * MINUTE + 1);
    await flush();
    expect(refreshes(calls)).toHaveLength(1);
    expect(refreshes(calls)[0].body).toEqual({ refreshToken: 'refresh-1' });
    expect(tokens.session?.refreshToken).toBe('refresh-2');
    expect(tokens.session?.accessExpiresAt).toBe(START + 29 * MINUTE); // refreshed at 14 min, valid 15 more

    // and the next one is planned from the new token's exp
    clock.advance(14 * MINUTE);
    await flush();
    expect(refreshes(calls)).toHaveLength(2);
    expect(refreshes(calls)[1].body).toEqual({ refreshToken: 'refresh-2' });
  });

  it('refreshes before a request when the timer did not run (a token about to expire is never sent)', async () => {
    const clock = new ManualClock(START);
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/auth/refresh') {
        return json(200, issued(2, clock.now()));
      }
      return json(200, { ok: true });
    });
    // a scheduler whose timers never fire: a sleeping laptop
    const frozen = { now: clock.now, setTimeout: () => 0, clearTimeout: () => undefined };
    const tokens = new TokenManager({ fetch, scheduler: frozen, lock: (_, fn) => fn() });
    tokens.signIn(issued(1, START));
    const client = new ApiClient(fetch, tokens);

    clock.advance(14 * MINUTE + 30_000);
    await client.get('/api/users/me');

    expect(calls.map((c) => c.url)).toEqual(['/api/auth/refresh', '/api/users/me']);
    expect(calls[1].headers.Authorization).toBe(`Bearer ${issued(2, clock.now()).accessToken}`);
  });

  it('on a 401 refreshes once and sends the request again with the new token', async () => {
    const clock = new ManualClock(START);
    const first = issued(1, START);
    const second = issued(2, START + 1000);
    const { fetch, calls } = fakeFetch((call) => {
      if (call.url === '/api/auth/refresh') {
        return json(200, second);
      }
      return call.headers.Authorization === `Bearer ${second.accessToken}`
        ? json(200, { id: 'user-1' })
        : json(401, { status: 401, title: 'Unauthorized', detail: 'The token was revoked.' });
    });
    const tokens = new TokenManager({ fetch, scheduler: clock, lock: (_, fn) => fn() });
    tokens.signIn(first);
    const client = new ApiClient(fetch, tokens);

    await expect(client.get('/api/users/me')).resolves.toEqual({ id: 'user-1' });
    expect(calls.map((c) => c.url)).toEqual(['/api/users/me', '/api/auth/refresh', '/api/users/me']);
  });

  it('a second 401 after the refresh is the error (no loop)', async () => {
    const clock = new ManualClock(START);
    const { fetch, calls } = fakeFetch((call) =>
      call.url === '/api/auth/refresh'
        ? json(200, issued(2, START))
        : json(401, { status: 401, title: 'Unauthorized', detail: 'Full authentication is required.' }),
    );
    const tokens = new TokenManager({ fetch, scheduler: clock, lock: (_, fn) => fn() });
    tokens.signIn(issued(1, START));
    const client = new ApiClient(fetch, tokens);

    const error = await client.get('/api/users/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(refreshes(calls)).toHaveLength(1);
    expect(calls).toHaveLength(3);
  });

  it('is single-flight: concurrent 401s share one refresh (a refresh token is spent by its use)', async () => {
    const clock = new ManualClock(START);
    const second = issued(2, START);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { fetch, calls } = fakeFetch(async (call) => {
      if (call.url === '/api/auth/refresh') {
        await gate;
        return json(200, second);
      }
      return call.headers.Authorization === `Bearer ${second.accessToken}`
        ? json(200, { url: call.url })
        : json(401, { status: 401, title: 'Unauthorized' });
    });
    const tokens = new TokenManager({ fetch, scheduler: clock, lock: (_, fn) => fn() });
    tokens.signIn(issued(1, START));
    const client = new ApiClient(fetch, tokens);

    const answers = Promise.all([client.get('/api/a'), client.get('/api/b'), client.get('/api/c')]);
    await flush();
    release();
    await expect(answers).resolves.toEqual([{ url: '/api/a' }, { url: '/api/b' }, { url: '/api/c' }]);
    expect(refreshes(calls)).toHaveLength(1);
  });

  it('adopts the tokens another tab refreshed instead of spending the refresh token again', async () => {
    const clock = new ManualClock(START);
    const store = memorySessionStore();
    const { fetch, calls } = fakeFetch(() => json(500, {}));
    const tokens = new TokenManager({ fetch, store, scheduler: clock, lock: (_, fn) => fn() });
    tokens.signIn(issued(1, START));
    // the other tab's refresh lands in the shared store
    const other = new TokenManager({ fetch, store: memorySessionStore(), scheduler: clock, lock: (_, fn) => fn() });
    store.save(other.signIn(issued(2, START + 5000)));

    const session = await tokens.refresh();
    expect(session?.refreshToken).toBe('refresh-2');
    expect(refreshes(calls)).toHaveLength(0);
  });

  it('a refused refresh token ends the session; no answer keeps it and tries again', async () => {
    const clock = new ManualClock(START);
    let answer: 'down' | 'refused' = 'down';
    const { fetch, calls } = fakeFetch(() => {
      if (answer === 'down') {
        throw new TypeError('Failed to fetch');
      }
      return json(401, { status: 401, title: 'Unauthorized', detail: 'The refresh token is no longer valid.' });
    });
    const tokens = new TokenManager({ fetch, scheduler: clock, lock: (_, fn) => fn(), retryMs: 10_000 });
    tokens.signIn(issued(1, START));

    await expect(tokens.refresh()).rejects.toMatchObject({ kind: 'network' });
    expect(tokens.session?.refreshToken).toBe('refresh-1');

    answer = 'refused';
    clock.advance(10_000);
    await flush();
    expect(refreshes(calls)).toHaveLength(2);
    expect(tokens.session).toBeNull();
  });
});
