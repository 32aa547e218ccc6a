/**
 * Words of the Actions page's actions with control groups and their read-out, in both languages (spread into locales/en.ts and zh.ts).
 */
export const actActionsEn = {
};

export const actActionsZh: Record<keyof typeof actActionsEn, string> = {
};
