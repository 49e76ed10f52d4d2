import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse, problemText, type ProblemTexts } from './problem';

const TEXTS: ProblemTexts = {
  network: 'No connection.',
  unavailable: 'Service unavailable.',
  tooMany: 'Too many requests.',
  unexpected: 'Something went wrong.',
  sessionExpired: 'Please sign in again.',
};

function problem(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

describe('problem+json', () => {
  it('reads status, title, detail, type, field errors and the correlation id', async () => {
    const error = await errorFromResponse(
      problem(400, {
        type: 'https://smartlinkauto.com/problems/validation',
        title: 'Bad Request',
        status: 400,
        detail: 'Validation failed',
        instance: '/api/auth/register',
        correlationId: 'c-123',
        errors: [
          { field: 'phoneNumber', message: 'must be in E.164 format, e.g. +14155550123' },
          { field: 'password', message: 'is too common' },
          { nonsense: true },
        ],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.title).toBe('Bad Request');
    expect(error.detail).toBe('Validation failed');
    expect(error.type).toBe('https://smartlinkauto.com/problems/validation');
    expect(error.correlationId).toBe('c-123');
    expect(error.fieldErrors).toEqual([
      { field: 'phoneNumber', message: 'must be in E.164 format, e.g. +14155550123' },
      { field: 'password', message: 'is too common' },
    ]);
    expect(error.fieldMessage('password')).toBe('is too common');
  });

  it('shows the detail, with the fields it does not name', async () => {
    const error = await errorFromResponse(
      problem(400, {
        status: 400,
        title: 'Bad Request',
        detail: 'password: is too common',
        errors: [
          { field: 'password', message: 'is too common' },
          { field: 'email', message: 'must be a well-formed email address' },
        ],
      }),
    );
    expect(problemText(error, TEXTS)).toBe(
      'password: is too common (email: must be a well-formed email address)',
    );
  });

  it('shows a conflict detail as the server wrote it', async () => {
    const detail = 'Vehicle v1 is held or booked from 2026-01-10T10:00:00Z to 2026-01-12T11:00:00Z (turnaround included).';
    const error = await errorFromResponse(problem(409, { status: 409, title: 'Conflict', detail }));
    expect(problemText(error, TEXTS)).toBe(detail);
  });

  it('falls back to the title, then to a text for the status', async () => {
    expect(problemText(await errorFromResponse(problem(409, { status: 409, title: 'Conflict' })), TEXTS)).toBe('Conflict');
    const html = new Response('<html>Bad gateway</html>', { status: 503, headers: { 'Content-Type': 'text/html' } });
    expect(problemText(await errorFromResponse(html), TEXTS)).toBe('Service unavailable.');
    const empty = new Response(null, { status: 429, headers: { 'Retry-After': '7' } });
    const limited = await errorFromResponse(empty);
    expect(problemText(limited, TEXTS)).toBe('Too many requests.');
    expect(limited.retryAfterSeconds).toBe(7);
    expect(problemText(ApiError.network(new TypeError('Failed to fetch')), TEXTS)).toBe('No connection.');
    expect(problemText(new Error('boom'), TEXTS)).toBe('Something went wrong.');
  });

  it('never trusts a broken body', async () => {
    const broken = new Response('{"status": 4', { status: 500, headers: { 'Content-Type': 'application/problem+json' } });
    const error = await errorFromResponse(broken);
    expect(error.status).toBe(500);
    expect(problemText(error, TEXTS)).toBe('Something went wrong.');
  });
});
