import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorFromResponse } from '../api/problem';
import { I18nProvider } from '../i18n/I18n';
import { ErrorState, ProblemAlert } from './ui';

afterEach(cleanup);

function problem(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
}

describe('problem+json display', () => {
  it('shows the detail, the reference to quote and a retry', async () => {
    localStorage.setItem('smartlink.lang', 'en');
    const error = await errorFromResponse(
      problem(409, {
        type: 'https://smartlinkauto.com/problems/booking-conflict',
        title: 'Conflict',
        status: 409,
        detail: 'Vehicle v1 is held or booked from 2026-02-01T10:00:00Z to 2026-02-03T11:00:00Z (turnaround included).',
        correlationId: 'corr-42',
      }),
    );
    const retry = vi.fn();
    render(
      <I18nProvider userId={null}>
        <ErrorState error={error} onRetry={retry} />
      </I18nProvider>,
    );
    expect(screen.getByRole('alert')).toHaveProperty('textContent', expect.stringContaining('is held or booked from 2026-02-01T10:00:00Z'));
    expect(screen.getByText('Reference: corr-42')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledOnce();
  });

  it('shows field errors next to the detail, in French when chosen', async () => {
    localStorage.setItem('smartlink.lang', 'fr');
    const error = await errorFromResponse(
      problem(400, { status: 400, title: 'Bad Request', errors: [{ field: 'phoneNumber', message: 'must be in E.164 format, e.g. +14155550123' }] }),
    );
    render(
      <I18nProvider userId={null}>
        <ProblemAlert error={error} />
      </I18nProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Bad Request (phoneNumber: must be in E.164 format, e.g. +14155550123)');
  });

  it('says in the UI language that something unexpected failed (not a platform answer)', () => {
    localStorage.setItem('smartlink.lang', 'fr');
    render(
      <I18nProvider userId={null}>
        <ErrorState error={new TypeError('Failed to fetch')} />
      </I18nProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain("Une erreur inattendue s'est produite.");
  });
});
