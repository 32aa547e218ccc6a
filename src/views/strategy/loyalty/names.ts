/** How the loyalty panel names tiers, bases and figures (catalog words for the default tiers). */
import type { MessageKey } from '../../../lib/i18n/messages';
import type { Locale } from '../../../lib/i18n/format';
import { formatMoney, formatNumber } from '../../../lib/i18n/format';
import { isDefaultTierKey, type DefaultTierKey, type LoyaltyBasis, type LoyaltyDesign, type LoyaltyTierDesign } from '../../../lib/domain';

type T = (k: MessageKey, p?: Record<string, string | number>) => string;

const DEFAULT_NAMES: Record<DefaultTierKey, MessageKey> = {
  member: 'loyalty.tier.member',
  silver: 'loyalty.tier.silver',
  gold: 'loyalty.tier.gold',
  diamond: 'loyalty.tier.diamond',
};

export const BASIS_NAMES: Record<LoyaltyBasis, MessageKey> = {
  spend12: 'loyalty.basis.spend12',
  lifetime: 'loyalty.basis.lifetime',
  points: 'loyalty.basis.points',
};

/** A tier's name: the user's, else the default tier's catalog word, else its key. */
export function tierName(tier: Pick<LoyaltyTierDesign, 'key' | 'name'>, t: T): string {
  if (tier.name !== null) return tier.name;
  return isDefaultTierKey(tier.key) ? t(DEFAULT_NAMES[tier.key]) : tier.key;
}

/** The name of a tier key of a design ('' → "No tier"). */
export function tierKeyName(design: LoyaltyDesign, key: string, t: T): string {
  const tier = design.tiers.find((x) => x.key === key);
  return tier ? tierName(tier, t) : t('loyalty.noTier');
}

/** A basis figure: money, or points on the points basis. */
export function basisFigure(design: LoyaltyDesign, value: number, currency: string, locale: Locale): string {
  if (design.basis === 'points') return formatNumber(value, locale, { maximumFractionDigits: 1 });
  return formatMoney(value, currency, locale);
}

/** One unit of money in the dataset's currency, without decimals (¥1, $1). */
export function unitOf(currency: string, locale: Locale): string {
  return formatMoney(1, currency, locale).replace(/[.,]00(?!\d)/, '');
}

/** Percentage points of retention with one decimal (3.1, 1.0, 1,234.5). */
export function gainFigure(value: number, locale: Locale): string {
  return formatNumber(Math.round(value * 10) / 10, locale, { maximumFractionDigits: 1 }).replace(/^(-?[\d,]+)$/, '$1.0');
}
