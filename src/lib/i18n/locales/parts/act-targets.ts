/**
 * Words of the Actions page's KPI targets (the Actions page and the dashboard), in both languages (spread into locales/en.ts and zh.ts).
 */
export const actTargetsEn = {
};

export const actTargetsZh: Record<keyof typeof actTargetsEn, string> = {
};
