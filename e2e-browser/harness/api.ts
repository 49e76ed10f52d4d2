import { randomUUID } from 'node:crypto';
import { adminCredentials, type Credentials } from './platform.ts';
import { png, pdf } from './files.ts';
import { anyLoopbackAddress, expectStatus, multipart, send, until, type Response } from './http.ts';

/**
 * The platform's API as the tests use it to set the scene and to read what the UI must show: accounts, a bookable
 * vehicle, a paid booking. Everything goes through the gateway, as a client's requests do.
 */

export interface Account extends Credentials {
  id: string;
  kind: 'renter' | 'partner' | 'admin';
  accessToken: string;
}

/** A stay: an ISO pickup and return, whole hours, `daysAhead` from now. */
export interface Stay {
  from: string;
  to: string;
}

export function stay(daysAhead: number, days = 3): Stay {
  const pickup = new Date(Date.now() + daysAhead * 86_400_000);
  pickup.setUTCMinutes(0, 0, 0);
  pickup.setUTCHours(9);
  const giveBack = new Date(pickup.getTime() + days * 86_400_000);
  return { from: pickup.toISOString(), to: giveBack.toISOString() };
}

/** Unique, readable names: the e2e run's vehicles are told apart by their city. */
export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

export function uniqueEmail(kind: string): string {
  return `e2e-browser-${kind}-${randomUUID().slice(0, 12)}@smartlink-e2e.example`;
}

export function newPassword(): string {
  return `Correct-Horse-${randomUUID().slice(0, 8)}`;
}

export function signUpBody(email: string, password: string, firstName = 'Ada', lastName = 'Ngono') {
  return { email, password, firstName, lastName, phoneNumber: '+237670000000' };
}

function json<T>(response: Response): T {
  return response.json as T;
}

export async function login(email: string, password: string): Promise<string> {
  const response = expectStatus(await send('POST', '/api/auth/login', { json: { email, password } }), `login of ${email}`, 200);
  return json<{ accessToken: string }>(response).accessToken;
}

/** A new renter or partner, signed up from a loopback address of its own (sign-ups are limited per address). */
export async function signUp(kind: 'renter' | 'partner'): Promise<Account> {
  const email = uniqueEmail(kind);
  const password = newPassword();
  const path = kind === 'renter' ? '/api/auth/register' : '/api/partners';
  const created = expectStatus(await send('POST', path, { json: signUpBody(email, password), from: anyLoopbackAddress() }),
    `sign-up of a ${kind}`, 201);
  const id = json<{ id: string }>(created).id;
  return { id, kind, email, password, accessToken: await login(email, password) };
}

let adminAccount: Account | undefined;

export async function admin(): Promise<Account> {
  if (!adminAccount) {
    const credentials = adminCredentials();
    adminAccount = { id: '', kind: 'admin', ...credentials, accessToken: await login(credentials.email, credentials.password) };
  }
  return adminAccount;
}

export async function setPartnerVerification(partnerId: string, status: 'VERIFIED' | 'REJECTED', reason?: string) {
  const a = await admin();
  expectStatus(await send('PATCH', `/api/admin/partners/${partnerId}/verification`, {
    token: a.accessToken, json: reason ? { status, reason } : { status },
  }), `verification of partner ${partnerId}`, 200);
}

export async function uploadDocument(partner: Account, type = 'INSURANCE'): Promise<string> {
  const form = multipart({ type }, [{ name: 'file', filename: 'insurance.pdf', type: 'application/pdf', content: pdf() }]);
  const response = expectStatus(await send('POST', '/api/partners/me/documents', {
    token: partner.accessToken, body: form.body, headers: { 'Content-Type': form.contentType },
  }), 'document upload', 201);
  return json<{ id: string }>(response).id;
}

export interface Listing {
  make: string;
  model: string;
  year: number;
  city: string;
  country: string;
  basePricePerDay: number;
  currency: string;
}

const VIN_ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/** A random 17-character VIN (no I, O or Q). */
export function randomVin(): string {
  let vin = '';
  for (let i = 0; i < 17; i++) {
    vin += VIN_ALPHABET[Math.floor(Math.random() * VIN_ALPHABET.length)];
  }
  return vin;
}

export function listing(city: string, overrides: Partial<Listing> = {}) {
  return {
    make: 'Toyota',
    model: 'RAV4',
    year: 2021,
    vin: randomVin(),
    licensePlate: `LT-${Math.floor(100_000 + Math.random() * 900_000)}`,
    basePricePerDay: 25000,
    currency: 'XAF',
    location: { city, country: 'CM', latitude: 4.0511, longitude: 9.7679 },
    seats: 5,
    transmission: 'AUTOMATIC',
    fuelType: 'PETROL',
    description: 'Listed by the browser tests',
    features: ['air conditioning', 'bluetooth'],
    turnaroundMinutes: 60,
    ...overrides,
    ...(overrides.city || overrides.country ? {
      location: { city: overrides.city ?? city, country: overrides.country ?? 'CM', latitude: 4.0511, longitude: 9.7679 },
    } : {}),
  };
}

export async function listVehicle(partner: Account, city: string, overrides: Partial<Listing> = {}): Promise<string> {
  const response = expectStatus(await send('POST', `/api/partners/${partner.id}/vehicles`, {
    token: partner.accessToken, json: listing(city, overrides),
  }), 'vehicle listing', 201);
  return json<{ id: string }>(response).id;
}

export async function uploadPhoto(partner: Account, vehicleId: string): Promise<string> {
  const form = multipart({}, [{ name: 'file', filename: 'front.png', type: 'image/png', content: png() }]);
  const response = expectStatus(await send('POST', `/api/vehicles/${vehicleId}/photos`, {
    token: partner.accessToken, body: form.body, headers: { 'Content-Type': form.contentType },
  }), 'photo upload', 201);
  return json<{ id: string }>(response).id;
}

export async function setVehicleVerification(vehicleId: string, status: 'ACTIVE' | 'REJECTED' | 'SUSPENDED', reason = 'browser tests') {
  const a = await admin();
  expectStatus(await send('PATCH', `/api/admin/vehicles/${vehicleId}/verification`, {
    token: a.accessToken, json: { status, reason },
  }), `verification of vehicle ${vehicleId}`, 200);
}

export function quotePath(vehicleId: string, s: Stay): string {
  return `/api/bookings/quote?vehicleId=${vehicleId}&pickupAt=${encodeURIComponent(s.from)}&returnAt=${encodeURIComponent(s.to)}`;
}

export interface Quote {
  days: number;
  total: number;
  currency: string;
}

/** Waits until booking-service quotes the vehicle (it learnt of the approval and of the partner's verification). */
export async function untilBookable(vehicleId: string, s: Stay): Promise<Quote> {
  return until(`vehicle ${vehicleId} bookable`, async () => {
    const response = await send('GET', quotePath(vehicleId, s));
    return response.status === 200 ? json<Quote>(response) : null;
  }, 60_000);
}

/** Waits until the public search finds the vehicle in its city (vehicle-service's projection and cache). */
export async function untilSearchable(vehicleId: string, city: string, s?: Stay): Promise<void> {
  const dates = s ? `&from=${encodeURIComponent(s.from)}&to=${encodeURIComponent(s.to)}` : '';
  await until(`vehicle ${vehicleId} in the search of ${city}`, async () => {
    const response = await send('GET', `/api/vehicles?city=${encodeURIComponent(city)}${dates}`);
    const items = (response.json as { items?: { id: string }[] } | null)?.items ?? [];
    return response.status === 200 && items.some((item) => item.id === vehicleId);
  }, 60_000);
}

/** A verified partner with an approved vehicle (a photo included) that renters can book: the renter tests' scene. */
export async function bookableVehicle(city: string, s: Stay, overrides: Partial<Listing> = {}) {
  const partner = await signUp('partner');
  await setPartnerVerification(partner.id, 'VERIFIED');
  const vehicleId = await listVehicle(partner, city, overrides);
  await uploadPhoto(partner, vehicleId);
  await setVehicleVerification(vehicleId, 'ACTIVE');
  const quote = await untilBookable(vehicleId, s);
  await untilSearchable(vehicleId, city);
  return { partner, vehicleId, quote };
}

export interface Booking {
  id: string;
  status: string;
  total: number;
  currency: string;
  refundAmount: number | null;
}

export async function hold(renter: Account, vehicleId: string, s: Stay): Promise<Booking> {
  const response = expectStatus(await send('POST', '/api/bookings', {
    token: renter.accessToken, json: { vehicleId, pickupAt: s.from, returnAt: s.to },
    headers: { 'Idempotency-Key': `e2e-browser-${randomUUID()}` },
  }), 'hold', 201);
  return json<Booking>(response);
}

export async function booking(who: Account, bookingId: string): Promise<Booking> {
  return json<Booking>(expectStatus(await send('GET', `/api/bookings/${bookingId}`, { token: who.accessToken }), 'booking', 200));
}

export async function checkout(renter: Account, bookingId: string): Promise<string> {
  const response = expectStatus(await send('POST', '/api/payments/checkout', { token: renter.accessToken, json: { bookingId } }),
    'checkout', 200, 201);
  return json<{ checkoutUrl: string }>(response).checkoutUrl;
}

/** The sandbox checkout's Pay form, as a browser posts it. */
export async function pay(checkoutUrl: string, card = '4242 4242 4242 4242'): Promise<Response> {
  return send('POST', `${checkoutUrl}/pay`, {
    body: `cardNumber=${encodeURIComponent(card)}`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
  });
}

/** Hold, check out and pay with 4242: a CONFIRMED booking (the webhook confirms it a moment later). */
export async function confirmedBooking(renter: Account, vehicleId: string, s: Stay): Promise<Booking> {
  const held = await hold(renter, vehicleId, s);
  expectStatus(await pay(await checkout(renter, held.id)), 'payment', 200);
  return until(`booking ${held.id} CONFIRMED`, async () => {
    const b = await booking(renter, held.id);
    return b.status === 'CONFIRMED' ? b : null;
  });
}

export async function addBlackout(partner: Account, vehicleId: string, s: Stay): Promise<void> {
  expectStatus(await send('POST', `/api/vehicles/${vehicleId}/blackouts`, {
    token: partner.accessToken, json: { from: s.from, to: s.to, reason: 'browser tests: maintenance' },
  }), 'blackout', 201);
}

/** GET as the admin (the overview, the storage nodes) and the parsed JSON. */
export async function adminGet<T>(path: string): Promise<T> {
  const a = await admin();
  return json<T>(expectStatus(await send('GET', path, { token: a.accessToken }), `GET ${path}`, 200));
}

/** Digits only: how a test compares an amount shown in any locale ("XAF 45,000", "45 000 FCFA") with the API's. */
export function digits(text: string | null | undefined): string {
  return (text ?? '').replace(/\D/g, '');
}

/** The value of a datetime-local input for an instant, in the tests' browser time zone (Africa/Douala, UTC+1). */
export function localInput(iso: string): string {
  return new Date(Date.parse(iso) + 3_600_000).toISOString().slice(0, 16);
}
