import { describe, expect, it } from 'vitest';
import { formatBytes, formatMoney, formatMonthKey } from './format';

describe('formats', () => {
  it('shows XAF without decimals in both languages', () => {
    expect(formatMoney(45000, 'XAF', 'en')).toMatch(/45,000/);
    expect(formatMoney(45000, 'XAF', 'en')).not.toMatch(/\.00/);
    expect(formatMoney(45000, 'XAF', 'fr').replace(/\s/g, ' ')).toMatch(/45 000/);
    expect(formatMoney(45000, 'XAF', 'fr')).toMatch(/FCFA/);
  });

  it('keeps the decimals of other currencies', () => {
    expect(formatMoney(12.5, 'EUR', 'en')).toMatch(/12\.50/);
  });

  it('formats month keys and sizes', () => {
    expect(formatMonthKey('2026-03', 'en')).toMatch(/Mar/);
    expect(formatMonthKey('2026-03', 'fr')).toMatch(/mars/);
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
  });
});
