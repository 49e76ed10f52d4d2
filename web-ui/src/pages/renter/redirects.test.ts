import { describe, expect, it } from 'vitest';
import { safeNext } from './AuthPages';
import { safeCheckoutUrl } from './TripPage';

describe('redirects', () => {
  it('follows a sign-in only to a path of this app', () => {
    expect(safeNext('/trips/1', '/')).toBe('/trips/1');
    expect(safeNext('//evil.example/x', '/')).toBe('/');
    expect(safeNext('https://evil.example', '/')).toBe('/');
    expect(safeNext('/\\evil.example', '/')).toBe('/');
    expect(safeNext(null, '/partner')).toBe('/partner');
  });

  it('sends the renter only to the sandbox page or Stripe', () => {
    const origin = 'http://127.0.0.1:8080';
    expect(safeCheckoutUrl('http://127.0.0.1:8080/payments/sandbox/cs_1', origin)).toBe('http://127.0.0.1:8080/payments/sandbox/cs_1');
    expect(safeCheckoutUrl('/payments/sandbox/cs_1', 'http://localhost:5173')).toBe('http://localhost:5173/payments/sandbox/cs_1');
    expect(safeCheckoutUrl('https://checkout.stripe.com/c/pay/cs_test_1', origin)).toBe('https://checkout.stripe.com/c/pay/cs_test_1');
    expect(safeCheckoutUrl('https://evil.example/payments/sandbox/cs_1', origin)).toBeNull();
    expect(safeCheckoutUrl('javascript:alert(1)', origin)).toBeNull();
    expect(safeCheckoutUrl('http://127.0.0.1:8080/api/users/me', origin)).toBeNull();
  });
});
