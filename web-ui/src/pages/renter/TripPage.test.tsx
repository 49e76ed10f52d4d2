import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../api/testing';
import type { Booking, CancellationPreview } from '../../api/types';
import { I18nProvider } from '../../i18n/I18n';
import { TripPage } from './TripPage';

const ID = '6f1c1d9e-1111-4222-8333-444455556666';

const booking: Booking = {
  id: ID,
  status: 'CONFIRMED',
  vehicleId: '7a000000-0000-4000-8000-000000000001',
  renterId: '7a000000-0000-4000-8000-000000000002',
  partnerId: '7a000000-0000-4000-8000-000000000003',
  pickupAt: '2099-12-10T09:00:00Z',
  returnAt: '2099-12-11T09:00:00Z',
  days: 1,
  pricePerDay: 49.9,
  subtotal: 49.9,
  serviceFee: 4.99,
  total: 54.89,
  currency: 'EUR',
  holdExpiresAt: null,
  confirmedAt: '2099-11-01T09:00:00Z',
  cancelledAt: null,
  cancelReason: null,
  refundAmount: null,
  createdAt: '2099-11-01T08:55:00Z',
};

const preview: CancellationPreview = {
  bookingId: ID,
  status: 'CONFIRMED',
  cancellable: true,
  reason: null,
  detail: null,
  refundAmount: 27.45,
  refundPercent: 50,
  currency: 'EUR',
  paidAmount: 54.89,
  policy: {
    fullRefundHoursBefore: 24,
    fullRefundPercent: 100,
    lateRefundPercent: 50,
    fullRefundUntil: '2099-12-09T09:00:00Z',
    cancellableUntil: '2099-12-10T09:00:00Z',
  },
  asOf: '2099-12-09T20:00:00Z',
};

type Answer = () => Response | Promise<Response>;

/** The gateway as this page meets it: the booking, its payments, the preview and the cancel, each scripted. */
function platform(answers: { preview?: Answer } = {}) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push(`${method} ${url}`);
    if (url === `/api/bookings/${ID}` && method === 'GET') {
      return json(200, booking);
    }
    if (url === `/api/bookings/${ID}/cancellation`) {
      return (answers.preview ?? (() => json(200, preview)))();
    }
    if (url === `/api/bookings/${ID}/cancel` && method === 'POST') {
      return json(200, { ...booking, status: 'CANCELLED', cancelledAt: '2099-12-09T20:00:01Z', refundAmount: 27.45 });
    }
    if (url.startsWith('/api/payments/bookings/')) {
      return json(200, { bookingId: ID, currency: 'EUR', captured: 54.89, refunded: 0, net: 54.89, refunds: [] });
    }
    return json(404, { status: 404, title: 'Not Found', detail: `${url} not found` });
  });
  return calls;
}

function renderTrip() {
  localStorage.setItem('smartlink.lang', 'en');
  const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queries}>
      <I18nProvider userId={null}>
        <MemoryRouter initialEntries={[`/trips/${ID}`]}>
          <Routes>
            <Route path="/trips/:id" element={<TripPage />} />
          </Routes>
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('cancelling a trip', () => {
  it('shows the refund the server previews before the renter confirms, then cancels', async () => {
    const calls = platform();
    renderTrip();
    fireEvent.click(await screen.findByTestId('cancel-button'));
    const refund = await screen.findByTestId('cancel-refund-preview');
    expect(refund.textContent).toBe('If you cancel now, you get €27.45 back (50% of the €54.89 you paid).');
    expect(calls).toContain(`GET /api/bookings/${ID}/cancellation`);
    expect(calls).not.toContain(`POST /api/bookings/${ID}/cancel`);

    const confirm = screen.getByTestId('cancel-dialog-confirm');
    expect(confirm).toHaveProperty('disabled', false);
    fireEvent.click(confirm);
    expect((await screen.findByTestId('refund-amount')).textContent).toBe('Refund: €27.45');
    expect(calls).toContain(`POST /api/bookings/${ID}/cancel`);
  });

  it('does not let the renter confirm before the preview arrived, nor when the server says no', async () => {
    let answer: (r: Response) => void = () => {};
    platform({
      preview: () =>
        new Promise<Response>((resolve) => {
          answer = resolve;
        }),
    });
    renderTrip();
    fireEvent.click(await screen.findByTestId('cancel-button'));
    const dialog = await screen.findByTestId('cancel-dialog');
    expect(dialog.querySelector('[data-testid="loading"]')).not.toBeNull();
    expect(screen.getByTestId('cancel-dialog-confirm')).toHaveProperty('disabled', true);

    answer(json(200, { ...preview, cancellable: false, reason: 'RENTAL_STARTED', refundAmount: null, refundPercent: null }));
    expect((await screen.findByTestId('cancel-refund-preview')).textContent).toBe(
      'The rental has begun: it can no longer be cancelled.',
    );
    expect(screen.getByTestId('cancel-dialog-confirm')).toHaveProperty('disabled', true);
  });

  it('shows the problem and the policy in words when the preview fails, and still lets the renter cancel', async () => {
    platform({
      preview: () => json(503, { status: 503, title: 'Service Unavailable', detail: 'booking-service is unavailable right now.' }),
    });
    renderTrip();
    fireEvent.click(await screen.findByTestId('cancel-button'));
    await waitFor(() => expect(screen.getByTestId('problem').textContent).toContain('unavailable'));
    expect(screen.getByTestId('cancel-policy').textContent).toContain('You paid €54.89.');
    expect(screen.getByTestId('cancel-dialog-confirm')).toHaveProperty('disabled', false);
  });
});
