/**
 * Words of the Actions page's experiment and sample-size calculators, in both languages (spread into locales/en.ts and zh.ts).
 */
export const actExperimentEn = {
};

export const actExperimentZh: Record<keyof typeof actExperimentEn, string> = {
};
