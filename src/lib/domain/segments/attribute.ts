/** Customers grouped by an attribute (the Voice page's "by channel" and "by city"). */

/** Customer attributes the Voice page groups by (the most common values, the rest together). */
export const ATTRIBUTE_FIELDS = ['channel', 'city', 'province'] as const;
export type AttributeField = (typeof ATTRIBUTE_FIELDS)[number];
/** The group of the values beyond the most common ones of an attribute grouping. */
export const OTHER_VALUES = '·other';
/** Values of an attribute grouping shown as groups of their own; the rest are OTHER_VALUES. */
export const MAX_ATTRIBUTE_GROUPS = 15;
