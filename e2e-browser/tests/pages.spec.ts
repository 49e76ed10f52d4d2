import type { Page } from '@playwright/test';
import { expect, loginThroughUi, test } from '../harness/fixtures.ts';
import { bookableVehicle, confirmedBooking, newPassword, signUp, stay, uniqueEmail, uniqueSuffix } from '../harness/api.ts';

/**
 * Every page of the app, once, at 1280 and 375 px: zero serious or critical accessibility violations, no console
 * error, a screenshot under target/screenshots/ — with content where content is the point (a partner with a vehicle
 * and a paid booking, so that bookings and earnings are not just empty states). Also: a renter's sign-up through the
 * UI, and the language switch, kept for that user across a reload.
 */

async function visit(page: Page, path: string, ready: (page: Page) => Promise<void>) {
  await page.goto(path);
  await ready(page);
}

const heading = async (page: Page) => {
  await expect(page.locator('main h1').first()).toBeVisible();
  // no skeleton left where content is loading
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
};

test('public pages: search, sign-in, sign-up, partner sign-up, an unknown page', async ({ page, ui }) => {
  for (const [path, name] of [['/', 'search'], ['/login', 'sign-in'], ['/signup', 'sign-up'], ['/partner/signup', 'partner sign-up'],
    ['/no-such-page', 'not found']] as const) {
    await visit(page, path, heading);
    await ui.check(page, name);
  }
  await expect(page.locator('main')).toContainText('This page does not exist.');
});

test('renter: sign-up through the UI, profile, notifications, the language kept per user, sign-out', async ({ page, ui }) => {
  const email = uniqueEmail('renter-ui');
  const password = newPassword();
  await page.goto('/signup');
  await page.getByTestId('signup-first-name').fill('Awa');
  await page.getByTestId('signup-last-name').fill('Mbarga');
  await page.getByTestId('signup-email').fill(email);
  await page.getByTestId('signup-phone').fill('+237 6 77 12 34 56');
  await page.getByTestId('signup-password').fill(password);
  await page.getByTestId('signup-submit').click();
  await expect(page).toHaveURL(/\/login\?registered=1/);
  await ui.check(page, 'sign-in after sign-up');
  await loginThroughUi(page, { email, password });

  for (const [path, name] of [['/profile', 'profile'], ['/notifications', 'notifications'], ['/trips', 'my trips (none yet)']] as const) {
    await visit(page, path, heading);
    await ui.check(page, name);
  }

  await page.goto('/');
  await page.getByTestId('language-select').selectOption('fr');
  await expect(page.locator('main h1')).toHaveText('Trouver une voiture');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await ui.check(page, 'search in French');
  await page.reload();
  await expect(page.locator('main h1')).toHaveText('Trouver une voiture');
  await page.getByTestId('language-select').selectOption('en');
  await expect(page.locator('main h1')).toHaveText('Find a car');

  await page.getByTestId('logout').click();
  await expect(page.getByTestId('nav-login')).toBeVisible();
  await page.goto('/trips');
  await expect(page).toHaveURL(/\/login/);
});

test('partner pages with content: home, documents, vehicles, a vehicle, bookings, earnings', async ({ page, ui }) => {
  test.setTimeout(240_000);
  const s = stay(25);
  const { partner, vehicleId } = await bookableVehicle(`Bafoussam-${uniqueSuffix()}`, s);
  await confirmedBooking(await signUp('renter'), vehicleId, s);
  await loginThroughUi(page, partner);
  for (const [path, name] of [['/partner', 'partner home'], ['/partner/documents', 'partner documents (none)'],
    ['/partner/vehicles', 'partner vehicles'], [`/partner/vehicles/${vehicleId}`, 'partner vehicle'],
    ['/partner/bookings', 'partner bookings'], ['/partner/earnings', 'partner earnings']] as const) {
    await visit(page, path, heading);
    await ui.check(page, name);
  }
});

test('admin pages: overview, partners, vehicles, users, bookings, audit, revenue, storage', async ({ adminPage, ui }) => {
  for (const [path, name] of [['/admin', 'admin overview'], ['/admin/partners', 'admin partners'],
    ['/admin/vehicles', 'admin vehicles'], ['/admin/users', 'admin users'], ['/admin/bookings', 'admin bookings'],
    ['/admin/audit', 'admin audit'], ['/admin/revenue', 'admin revenue'], ['/admin/storage', 'admin storage']] as const) {
    await visit(adminPage, path, heading);
    await ui.check(adminPage, name);
  }
});
