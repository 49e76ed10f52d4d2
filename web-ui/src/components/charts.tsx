/** Small SVG charts: no chart library (bundle size), accessible by a title and the table next to them. */
import type { ReactNode } from 'react';
import type { MoneyFigures } from '../api/types';
import { useI18n } from '../i18n/I18n';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** what the bar's tooltip and screen readers say */
  text: string;
}

export function BarChart({ bars, title, testId }: { bars: Bar[]; title: string; testId?: string }) {
  const width = 640;
  const height = 240;
  const left = 8;
  const bottom = 36;
  const top = 20;
  const max = Math.max(...bars.map((b) => b.value), 0);
  const slot = bars.length > 0 ? (width - left * 2) / bars.length : 0;
  const barWidth = Math.max(Math.min(slot * 0.7, 48), 2);
  const scale = max > 0 ? (height - bottom - top) / max : 0;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid={testId}>
      <title>{title}</title>
      <line className="axis" x1={left} x2={width - left} y1={height - bottom} y2={height - bottom} />
      {bars.map((bar, i) => {
        const h = Math.max(bar.value * scale, bar.value > 0 ? 1 : 0);
        const x = left + i * slot + (slot - barWidth) / 2;
        const y = height - bottom - h;
        return (
          <g key={bar.key}>
            <rect className="bar" x={x} y={y} width={barWidth} height={h}>
              <title>{`${bar.label}: ${bar.text}`}</title>
            </rect>
            {bars.length <= 12 && (
              <text x={x + barWidth / 2} y={height - bottom + 16} textAnchor="middle">
                {bar.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * Gross, refunds, commission and net of one currency as the server computed them (partner earnings, admin
 * revenue); `children` adds the page's own figures after them. Test ids `<testIdPrefix>-gross` and `-net`.
 */
export function MoneyTotals({
  totals,
  currency,
  commissionPercent,
  testIdPrefix,
  children,
}: {
  totals: MoneyFigures;
  currency: string;
  commissionPercent: number;
  testIdPrefix: string;
  children?: ReactNode;
}) {
  const { t, money, percent } = useI18n();
  return (
    <div className="stats">
      <div className="stat">
        <span className="stat-value" data-testid={`${testIdPrefix}-gross`}>{money(totals.gross, currency)}</span>
        <span className="stat-label">{t('partner.earnings.gross')}</span>
      </div>
      <div className="stat">
        <span className="stat-value">{money(totals.refunds, currency)}</span>
        <span className="stat-label">{t('partner.earnings.refunds')}</span>
      </div>
      <div className="stat">
        <span className="stat-value">{money(totals.commission, currency)}</span>
        <span className="stat-label">{t('partner.earnings.commission', { percent: percent(commissionPercent) })}</span>
      </div>
      <div className="stat">
        <span className="stat-value" data-testid={`${testIdPrefix}-net`}>{money(totals.net, currency)}</span>
        <span className="stat-label">{t('partner.earnings.net')}</span>
      </div>
      {children}
    </div>
  );
}
