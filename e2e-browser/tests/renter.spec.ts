import { expect, loginThroughUi, test } from '../harness/fixtures.ts';
import {
  booking, bookableVehicle, confirmedBooking, digits, localInput, signUp, stay, uniqueSuffix, type Quote, type Stay,
} from '../harness/api.ts';
import type { Page } from '@playwright/test';

/**
 * The renter portal (issue #15): search, the vehicle page with its quote, a hold with its countdown, the sandbox
 * checkout (4242 pays, 4000 0000 0000 0002 is declined), "My trips", and a cancellation with its refund. The scene is
 * set through the API: a verified partner's approved vehicle with a photo, in a city of its own. Each test books its
 * own dates, so they do not depend on one another. With ./smartlink test's settings holds last 20 s: a test goes from
 * the hold to the payment without dawdling.
 */

const city = `Kribi-${uniqueSuffix()}`;
let vehicleId = '';
const stays: Record<string, Stay> = { paid: stay(30), declined: stay(45), cancelled: stay(60) };
let paidQuote: Quote;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const scene = await bookableVehicle(city, stays.paid);
  vehicleId = scene.vehicleId;
  paidQuote = scene.quote;
});

function card(page: Page) {
  return page.locator(`[data-testid="vehicle-card"][data-vehicle-id="${vehicleId}"]`);
}

async function payOnTheSandbox(page: Page, cardNumber: string): Promise<void> {
  await expect(page).toHaveURL(/\/payments\/sandbox\/checkout\//);
  await page.getByLabel('Card number').fill(cardNumber);
  await page.getByRole('button', { name: /^Pay / }).click();
}

test('search, vehicle page, quote, hold, sandbox payment with 4242: My trips shows it CONFIRMED', async ({ page, ui }) => {
  const renter = await signUp('renter');
  await loginThroughUi(page, renter);

  await page.goto('/');
  await page.getByTestId('search-city').fill(city);
  await page.getByTestId('search-pickup').fill(localInput(stays.paid.from));
  await page.getByTestId('search-return').fill(localInput(stays.paid.to));
  await page.getByTestId('search-submit').click();
  await expect(card(page)).toBeVisible();
  await expect(page.getByTestId('vehicle-card'), 'only the vehicle of this city').toHaveCount(1);
  // the card's total is the server's quote for the dates, never computed in the browser
  await expect(card(page).getByTestId('card-total')).toBeVisible();
  expect(digits(await card(page).getByTestId('card-total').textContent())).toContain(digits(String(paidQuote.total)));
  const photo = card(page).locator('img');
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await ui.check(page, 'search results');

  await card(page).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/vehicles/${vehicleId}\\?`));
  await expect(page.getByTestId('vehicle-title')).toContainText('Toyota RAV4');
  // the partner as renters see them: first name and initial (the scene's partner is Ada Ngono)
  await expect(page.getByTestId('partner-name')).toContainText('Ada N.');
  await expect(page.getByTestId('availability')).toHaveAttribute('data-available', 'true');
  await expect(page.getByTestId('quote-total')).toBeVisible();
  expect(digits(await page.getByTestId('quote-total').textContent())).toBe(digits(String(paidQuote.total)));
  await expect(page.getByTestId('gallery').locator('img').first()).toBeVisible();
  await ui.check(page, 'vehicle page');

  await page.getByTestId('book-button').click();
  await expect(page).toHaveURL(/\/trips\/[0-9a-f-]{36}/);
  const bookingId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await expect(page.getByTestId('booking-status')).toHaveAttribute('data-status', 'HELD');
  await expect(page.getByTestId('hold-countdown')).toBeVisible();
  await page.getByTestId('pay-button').click();
  await payOnTheSandbox(page, '4242 4242 4242 4242');
  await expect(page.getByRole('heading', { name: 'Payment received' })).toBeVisible();
  await ui.check(page, 'sandbox checkout: paid');

  // My trips: CONFIRMED once the provider's webhook reached payment-service and booking-service
  const row = page.locator(`[data-testid="trip-row"][data-booking-id="${bookingId}"]`);
  await expect(async () => {
    await page.goto('/trips');
    await expect(row).toHaveAttribute('data-status', 'CONFIRMED', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row.getByTestId('trip-status')).toHaveAttribute('data-status', 'CONFIRMED');
  await ui.check(page, 'my trips');

  await page.goto(`/trips/${bookingId}`);
  await expect(page.getByTestId('booking-confirmed')).toBeVisible();
  await expect(page.getByTestId('paid-amount')).toBeVisible();
  expect(digits(await page.getByTestId('paid-amount').textContent())).toBe(digits(String(paidQuote.total)));
  expect((await booking(renter, bookingId)).status).toBe('CONFIRMED');
  await ui.check(page, 'trip confirmed');
});

test('a declined card shows the provider\'s error and the booking stays on hold', async ({ page, ui }) => {
  const renter = await signUp('renter');
  await loginThroughUi(page, renter);
  const s = stays.declined;
  await page.goto(`/vehicles/${vehicleId}?from=${encodeURIComponent(s.from)}&to=${encodeURIComponent(s.to)}`);
  await expect(page.getByTestId('quote-total')).toBeVisible();
  await page.getByTestId('book-button').click();
  await expect(page).toHaveURL(/\/trips\/[0-9a-f-]{36}/);
  const bookingId = new URL(page.url()).pathname.split('/').pop() ?? '';
  await expect(page.getByTestId('hold-panel')).toBeVisible();
  await ui.check(page, 'trip on hold');
  await page.getByTestId('pay-button').click();
  await payOnTheSandbox(page, '4000 0000 0000 0002');
  await expect(page.getByRole('alert')).toContainText(/declined/i);
  await ui.check(page, 'sandbox checkout: declined');
  expect((await booking(renter, bookingId)).status, 'nothing paid: still on hold (or lapsed)').toMatch(/HELD|EXPIRED/);

  // the renter is told in the app too: a notification of the declined payment
  await expect(async () => {
    await page.goto('/notifications');
    await expect(page.locator('[data-testid="notification"][data-type="PAYMENT_FAILED"]')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await ui.check(page, 'notifications');
});

test('cancelling a confirmed trip shows the refund the policy gives', async ({ page, ui }) => {
  const renter = await signUp('renter');
  const confirmed = await confirmedBooking(renter, vehicleId, stays.cancelled);
  await loginThroughUi(page, renter);

  await page.goto(`/trips/${confirmed.id}`);
  await expect(page.getByTestId('booking-status')).toHaveAttribute('data-status', 'CONFIRMED');
  await page.getByTestId('cancel-button').click();
  const dialog = page.getByTestId('cancel-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('cancel-policy')).toBeVisible();
  await ui.check(page, 'cancel dialog');
  await dialog.getByTestId('cancel-dialog-confirm').click();

  await expect(page.getByTestId('booking-cancelled')).toBeVisible();
  const cancelled = await booking(renter, confirmed.id);
  expect(cancelled.status).toBe('CANCELLED');
  expect(cancelled.refundAmount, 'the policy refunds a cancellation two months ahead').toBeGreaterThan(0);
  expect(digits(await page.getByTestId('refund-amount').textContent())).toContain(digits(String(cancelled.refundAmount)));
  await ui.check(page, 'trip cancelled');

  await page.goto('/trips');
  const row = page.locator(`[data-testid="trip-row"][data-booking-id="${confirmed.id}"]`);
  await expect(async () => {
    await page.goto('/trips');
    await expect(row).toHaveAttribute('data-status', 'CANCELLED', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  expect(digits(await row.getByTestId('trip-refund').textContent())).toContain(digits(String(cancelled.refundAmount)));
});
