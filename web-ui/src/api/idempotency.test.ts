import { describe, expect, it } from 'vitest';
import { ApiClient } from './client';
import { endpoints } from './endpoints';
import { fakeFetch, json, jwt } from './testing';
import { TokenManager } from './tokens';

const HOLD = { vehicleId: 'v-1', pickupAt: '2026-02-01T10:00:00Z', returnAt: '2026-02-03T10:00:00Z' };
const BOOKING = { id: 'b-1', status: 'HELD', holdExpiresAt: '2026-01-10T09:10:00Z' };

function setup(answers: (Response | Error)[]) {
  const { fetch, calls } = fakeFetch((_call, index) => {
    const answer = answers[index];
    if (answer instanceof Error) {
      throw answer;
    }
    return answer;
  });
  const tokens = new TokenManager({ fetch, lock: (_, fn) => fn() });
  const exp = Math.floor(Date.now() / 1000) + 900;
  tokens.signIn({ accessToken: jwt({ sub: 'r', roles: ['RENTER'], iat: exp - 900, exp }), refreshToken: 'x', tokenType: 'Bearer', expiresIn: 900 });
  const api = endpoints(new ApiClient(fetch, tokens));
  const keys = () => calls.map((c) => c.headers['Idempotency-Key']);
  return { api, calls, keys };
}

describe('Idempotency-Key on holds', () => {
  it('reuses the same key when the user retries after no answer', async () => {
    const { api, keys } = setup([new TypeError('Failed to fetch'), json(201, BOOKING)]);
    await expect(api.bookings.hold(HOLD)).rejects.toMatchObject({ kind: 'network' });
    await expect(api.bookings.hold(HOLD)).resolves.toEqual(BOOKING);
    expect(keys()[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys()[1]).toBe(keys()[0]);
  });

  it('reuses the key after a 5xx and after a 423 vehicle-locked', async () => {
    const { api, keys } = setup([
      json(503, { status: 503, title: 'Service Unavailable', detail: 'The vehicle catalogue cannot be reached right now; nothing was booked.' }),
      json(423, { status: 423, title: 'Locked', type: 'https://smartlinkauto.com/problems/vehicle-locked' }, { 'Retry-After': '1' }),
      json(201, BOOKING),
    ]);
    await expect(api.bookings.hold(HOLD)).rejects.toMatchObject({ status: 503 });
    await expect(api.bookings.hold(HOLD)).rejects.toMatchObject({ status: 423, retryAfterSeconds: 1 });
    await api.bookings.hold(HOLD);
    expect(new Set(keys()).size).toBe(1);
  });

  it('takes a new key for a new attempt: after a success, after a definitive refusal, for other dates', async () => {
    const { api, keys } = setup([
      json(201, BOOKING),
      json(201, { ...BOOKING, id: 'b-2' }),
      json(409, { status: 409, title: 'Conflict', type: 'https://smartlinkauto.com/problems/booking-conflict', detail: 'taken' }),
      json(201, { ...BOOKING, id: 'b-3' }),
      new TypeError('Failed to fetch'),
      json(201, { ...BOOKING, id: 'b-4' }),
    ]);
    await api.bookings.hold(HOLD);
    await api.bookings.hold(HOLD);
    await expect(api.bookings.hold(HOLD)).rejects.toMatchObject({ status: 409 });
    await api.bookings.hold(HOLD);
    await expect(api.bookings.hold(HOLD)).rejects.toMatchObject({ kind: 'network' });
    await api.bookings.hold({ ...HOLD, returnAt: '2026-02-04T10:00:00Z' });
    const [a, b, c, d, e, f] = keys();
    expect(new Set([a, b, c, d, e, f]).size).toBe(6);
  });

  it('keeps the key while the first request with it is still in flight (409 idempotency-key-in-flight)', async () => {
    const { api, keys } = setup([
      json(409, { status: 409, title: 'Conflict', type: 'https://smartlinkauto.com/problems/idempotency-key-in-flight' }),
      json(201, BOOKING),
    ]);
    await expect(api.bookings.hold(HOLD)).rejects.toMatchObject({ status: 409 });
    await api.bookings.hold(HOLD);
    expect(keys()[1]).toBe(keys()[0]);
  });

  it('sends the key only on holds', async () => {
    const { api, calls } = setup([json(200, { total: 1 })]);
    await api.bookings.quote('v-1', HOLD.pickupAt, HOLD.returnAt);
    expect(calls[0].headers['Idempotency-Key']).toBeUndefined();
    expect(calls[0].url).toBe('/api/bookings/quote?vehicleId=v-1&pickupAt=2026-02-01T10%3A00%3A00Z&returnAt=2026-02-03T10%3A00%3A00Z');
  });
});
