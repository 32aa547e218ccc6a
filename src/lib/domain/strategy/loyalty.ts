/** The loyalty tier designer (会员等级): customers placed in tiers by a spend figure. */

/**
 * Each customer's tier: the highest tier whose `minSpend` is at or below their spend (tiers in
 * any order; a spend below 0 counts as 0; '' below every threshold or when the spend is not a
 * number).
 * @example loyaltyTiers([0, 500, 2000], [{ key: 'silver', minSpend: 500 }, { key: 'member', minSpend: 0 }]) // ['member', 'silver', 'silver']
 */
export function loyaltyTiers(spend: ArrayLike<number>, tiers: readonly { key: string; minSpend: number }[]): string[] {
  const sorted = tiers.filter((t) => !Number.isNaN(t.minSpend)).sort((a, b) => b.minSpend - a.minSpend);
  const out = new Array<string>(spend.length);
  for (let i = 0; i < spend.length; i++) {
    const v = spend[i];
    if (Number.isNaN(v)) {
      out[i] = '';
      continue;
    }
    const s = v < 0 ? 0 : v;
    let key = '';
    for (const t of sorted) {
      if (t.minSpend <= s) {
        key = t.key;
        break;
      }
    }
    out[i] = key;
  }
  return out;
}
