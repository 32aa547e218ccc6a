/**
 * Words of the Actions page's marketing consent (import, exports for contact, privacy page), in both languages (spread into locales/en.ts and zh.ts).
 */
export const actConsentEn = {
};

export const actConsentZh: Record<keyof typeof actConsentEn, string> = {
};
