/** The customer portfolio (客户组合): groups or customers placed by current and future value. */

export type PortfolioQuadrant = 'invest' | 'develop' | 'maintain' | 'basic';

/**
 * The quadrant of a value pair: high means at or above the threshold. High now and high potential:
 * invest & retain (重点保持); low now, high potential: develop (重点发展); high now, low potential:
 * maintain efficiently (维持/收割); low and low: basic service (基础服务).
 * @example portfolioQuadrant(120, 40, { current: 100, future: 50 }) // 'maintain'
 */
export function portfolioQuadrant(current: number, future: number, thresholds: { current: number; future: number }): PortfolioQuadrant {
  const now = current >= thresholds.current;
  const later = future >= thresholds.future;
  return now ? (later ? 'invest' : 'maintain') : later ? 'develop' : 'basic';
}
