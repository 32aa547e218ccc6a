/**
 * Words of the Actions page's care calendar, holidays, ready lists and purchase ladder, in both languages (spread into locales/en.ts and zh.ts).
 */
export const actCareEn = {
};

export const actCareZh: Record<keyof typeof actCareEn, string> = {
};
