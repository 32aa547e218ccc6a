/** How the portfolio panel words its axes, values, quadrants and their rules. */
import type { MessageKey } from '../../../lib/i18n/messages';
import { formatMoney, formatNumber, formatPercent, type Locale } from '../../../lib/i18n/format';
import type { PortfolioCurrent, PortfolioFuture, PortfolioQuadrant, PortfolioThresholds } from '../../../lib/domain';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

export const QUADRANT_NAMES: Record<PortfolioQuadrant, MessageKey> = {
  invest: 'portfolio.q.invest', develop: 'portfolio.q.develop', maintain: 'portfolio.q.maintain', basic: 'portfolio.q.basic',
};
export const QUADRANT_ADVICE: Record<PortfolioQuadrant, MessageKey> = {
  invest: 'portfolio.advice.invest', develop: 'portfolio.advice.develop', maintain: 'portfolio.advice.maintain', basic: 'portfolio.advice.basic',
};
export const CURRENT_NAMES: Record<PortfolioCurrent, MessageKey> = { year: 'portfolio.current.year', total: 'portfolio.current.total' };
export const FUTURE_NAMES: Record<PortfolioFuture, MessageKey> = { clv: 'portfolio.future.clv', palive: 'portfolio.future.palive', recency: 'portfolio.future.recency' };
/** Short axis titles. */
export const CURRENT_AXIS: Record<PortfolioCurrent, MessageKey> = { year: 'portfolio.axis.year', total: 'portfolio.axis.total' };
export const FUTURE_AXIS: Record<PortfolioFuture, MessageKey> = { clv: 'portfolio.axis.clv', palive: 'portfolio.axis.palive', recency: 'portfolio.axis.recency' };

/** A current value (money per customer). */
export function currentText(v: number, currency: string, locale: Locale): string {
  return formatMoney(v, currency, locale);
}

/** A future value in its unit: money (CLV), a share (P(alive)) or days (recency). */
export function futureText(v: number, future: PortfolioFuture, currency: string, locale: Locale, t: T): string {
  if (!Number.isFinite(v)) return '—';
  if (future === 'clv') return formatMoney(v, currency, locale);
  if (future === 'palive') return formatPercent(v, locale, 1);
  return t('portfolio.days', { days: formatNumber(v, locale, { maximumFractionDigits: 1 }) });
}

/**
 * A quadrant's rule in words with the thresholds: "current ≥ ¥1,234 and future ≥ ¥2,345"; with
 * recency "… and last purchase at most 45 days ago".
 */
export function quadrantRule(q: PortfolioQuadrant, thresholds: PortfolioThresholds, future: PortfolioFuture, currency: string, locale: Locale, t: T): string {
  const highNow = q === 'invest' || q === 'maintain';
  const highLater = q === 'invest' || q === 'develop';
  const c = currentText(thresholds.current, currency, locale);
  const f = futureText(thresholds.future, future, currency, locale, t);
  const now = t(highNow ? 'portfolio.rule.currentHigh' : 'portfolio.rule.currentLow', { value: c });
  const later = future === 'recency'
    ? t(highLater ? 'portfolio.rule.recentHigh' : 'portfolio.rule.recentLow', { value: f })
    : t(highLater ? 'portfolio.rule.futureHigh' : 'portfolio.rule.futureLow', { value: f });
  return t('portfolio.rule.and', { a: now, b: later });
}
