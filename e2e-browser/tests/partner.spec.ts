import { expect, newPerson, test } from '../harness/fixtures.ts';
import { localInput, newPassword, randomVin, stay, uniqueEmail, uniqueSuffix, untilBookable, untilSearchable } from '../harness/api.ts';
import { send } from '../harness/http.ts';
import { pdf, png } from '../harness/files.ts';
import { pendingPartner, pendingVehicle } from '../harness/queues.ts';

/**
 * The partner portal with the admin console beside it (issue #15), as two people in two browser contexts: a partner
 * signs up, uploads a verification document, the admin verifies them with the document open inline; the partner lists
 * a vehicle with a photo (previewed before upload), the admin approves it with its photo shown, a renter finds it in
 * the search, and a blackout the partner sets on the calendar hides it for those dates.
 * The partner's sign-up is the UI's own (from 127.0.0.1: one of the ten sign-ups an address may make in an hour).
 */
test('partner: sign up, document, verified by the admin, vehicle with a photo, approved, searchable, a blackout hides it',
  async ({ page, ui, adminPage, browser, consoleWatch }) => {
    const email = uniqueEmail('partner-ui');
    const password = newPassword();
    const city = `Limbe-${uniqueSuffix()}`;
    const s = stay(20);

    // sign-up through the partner portal
    await page.goto('/partner/signup');
    await page.getByTestId('partner-signup-first-name').fill('Paul');
    await page.getByTestId('partner-signup-last-name').fill('Essomba');
    await page.getByTestId('partner-signup-email').fill(email);
    await page.getByTestId('partner-signup-phone').fill('+237 6 99 00 00 00');
    await page.getByTestId('partner-signup-password').fill(password);
    await ui.check(page, 'partner sign-up');
    await page.getByTestId('partner-signup-submit').click();
    await expect(page).toHaveURL(/\/login\?registered=1/);
    await expect(page.getByTestId('login-email')).toHaveValue(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await expect(page).toHaveURL(/\/partner$/);
    await expect(page.getByTestId('verification')).toHaveAttribute('data-status', 'PENDING');
    await ui.check(page, 'partner home: pending');
    const me = (await send('POST', '/api/auth/login', { json: { email, password } })).json as { accessToken: string };
    const partnerId = ((await send('GET', '/api/users/me', { token: me.accessToken })).json as { id: string }).id;

    // a verification document
    await page.getByTestId('partner-nav-documents').click();
    await page.getByTestId('document-type').selectOption('INSURANCE');
    await page.getByTestId('document-file').setInputFiles({ name: 'insurance.pdf', mimeType: 'application/pdf', buffer: pdf() });
    await page.getByTestId('document-upload').click();
    await expect(page.locator('[data-testid="document"][data-document-type="INSURANCE"]')).toBeVisible();
    await ui.check(page, 'partner documents');

    // the admin reviews the document inline and verifies the partner
    const entry = await pendingPartner(adminPage, partnerId);
    await expect(entry.getByTestId('document')).toHaveCount(1);
    await entry.getByTestId('document-open').click();
    await expect(entry.getByTestId('document-view')).toBeVisible();
    await ui.check(adminPage, 'admin: pending partner with the document open');
    await entry.getByTestId('verify-partner').click();
    await expect(entry).toBeHidden();

    await expect(async () => {
      await page.goto('/partner');
      await expect(page.getByTestId('verification')).toHaveAttribute('data-status', 'VERIFIED', { timeout: 2_000 });
    }).toPass({ timeout: 20_000 });

    // a vehicle, then its photo (previewed before the upload)
    await page.getByTestId('partner-nav-vehicles').click();
    await expect(page.locator('h1')).toBeVisible();
    await ui.check(page, 'partner vehicles');
    await page.goto('/partner/vehicles/new');
    await page.getByTestId('vehicle-make').fill('Toyota');
    await page.getByTestId('vehicle-model').fill('Hilux');
    await page.getByTestId('vehicle-year').fill('2020');
    await page.getByTestId('vehicle-vin').fill(randomVin());
    await page.getByTestId('vehicle-plate').fill(`LT-${uniqueSuffix().slice(0, 6).toUpperCase()}`);
    await page.getByTestId('vehicle-seats').fill('5');
    await page.getByTestId('vehicle-price').fill('30000');
    await page.getByTestId('vehicle-currency').fill('XAF');
    await page.getByTestId('vehicle-city').fill(city);
    await page.getByTestId('vehicle-country').fill('CM');
    await ui.check(page, 'partner: new vehicle form');
    await page.getByTestId('vehicle-submit').click();
    await expect(page).toHaveURL(/\/partner\/vehicles\/[0-9a-f-]{36}$/);
    const vehicleId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await expect(page.getByTestId('vehicle-status')).toHaveAttribute('data-status', 'PENDING_REVIEW');
    await page.getByTestId('photo-file').setInputFiles({ name: 'hilux.png', mimeType: 'image/png', buffer: png(640, 400, [30, 60, 160]) });
    await expect(page.getByTestId('photo-preview')).toBeVisible();
    await ui.check(page, 'partner: photo preview');
    await page.getByTestId('photo-upload').click();
    await expect(page.getByTestId('vehicle-photo')).toHaveCount(1);
    await expect(page.getByTestId('vehicle-photo').locator('img')).toBeVisible();

    // the admin approves it, its photo in view
    const pending = await pendingVehicle(adminPage, vehicleId);
    await expect(pending.locator('img').first()).toBeVisible();
    await ui.check(adminPage, 'admin: pending vehicle');
    await pending.getByTestId('approve-vehicle').click();
    await expect(pending).toBeHidden();

    // a renter (anonymous, a browser of their own) finds it
    await untilBookable(vehicleId, s);
    await untilSearchable(vehicleId, city);
    const renter = await newPerson(browser, consoleWatch, 'renter');
    const card = renter.page.locator(`[data-testid="vehicle-card"][data-vehicle-id="${vehicleId}"]`);
    const search = async () => {
      await renter.page.goto('/');
      await renter.page.getByTestId('search-city').fill(city);
      await renter.page.getByTestId('search-pickup').fill(localInput(s.from));
      await renter.page.getByTestId('search-return').fill(localInput(s.to));
      await renter.page.getByTestId('search-submit').click();
    };
    await search();
    await expect(card).toBeVisible();

    // a blackout over those dates (on the partner's calendar) hides it from that search
    await page.reload();
    await page.getByTestId('blackout-from').fill(localInput(s.from));
    await page.getByTestId('blackout-to').fill(localInput(s.to));
    await page.getByTestId('blackout-add').click();
    await expect(page.getByTestId('blackout')).toHaveCount(1);
    await expect(page.getByTestId('blackout-calendar')).toBeVisible();
    await ui.check(page, 'partner: vehicle with photo and blackout');
    await expect(async () => {
      await search();
      await expect(renter.page.getByTestId('empty-state')).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    await expect(card).toHaveCount(0);
    await ui.check(renter.page, 'search: nothing for the blacked-out dates');
    // other dates still find it
    const later = stay(40);
    await renter.page.goto(`/?city=${encodeURIComponent(city)}&from=${encodeURIComponent(later.from)}&to=${encodeURIComponent(later.to)}`);
    await expect(card).toBeVisible();
    await renter.context.close();
  });
