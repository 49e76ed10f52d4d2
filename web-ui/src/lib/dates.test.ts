import { describe, expect, it } from 'vitest';
import { defaultStay, fromLocalInput, monthsAgoUtc, startOfNextMonthUtc, toLocalInput } from './dates';

describe('dates', () => {
  it('round-trips a local input through an instant', () => {
    const iso = fromLocalInput('2026-03-04T10:30');
    expect(iso).toMatch(/Z$/);
    expect(toLocalInput(iso)).toBe('2026-03-04T10:30');
    expect(fromLocalInput('')).toBe('');
    expect(toLocalInput('nonsense')).toBe('');
  });

  it('starts a search tomorrow at 10:00 for three days', () => {
    const stay = defaultStay(3, new Date(2026, 0, 10, 15, 0));
    expect(toLocalInput(stay.from)).toBe('2026-01-11T10:00');
    expect(toLocalInput(stay.to)).toBe('2026-01-14T10:00');
  });

  it('gives a 12-month UTC window', () => {
    const now = new Date(Date.UTC(2026, 4, 20));
    expect(monthsAgoUtc(11, now)).toBe('2025-06-01T00:00:00.000Z');
    expect(startOfNextMonthUtc(now)).toBe('2026-06-01T00:00:00.000Z');
  });
});
