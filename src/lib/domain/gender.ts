import { foldText } from './text';

/**
 * Gender as the app stores it: one canonical value per gender, 'F' and 'M', worded in the
 * interface language (gender.F / gender.M). Other values (a file's own codes such as 1 / 2,
 * "unknown", "other") are kept as they were: the app cannot know what they mean.
 */

/** The canonical gender values. */
export const GENDERS = ['F', 'M'] as const;
export type Gender = (typeof GENDERS)[number];

/** Words for each gender, in their folded form (see foldText): Chinese and English. */
const WORDS = new Map<string, Gender>([
  ['f', 'F'], ['female', 'F'], ['woman', 'F'], ['女', 'F'], ['女性', 'F'], ['女士', 'F'],
  ['m', 'M'], ['male', 'M'], ['man', 'M'], ['男', 'M'], ['男性', 'M'], ['男士', 'M'],
]);

/**
 * The canonical value of a gender as a file or a user writes it: 'F' or 'M' for the words above
 * in any case or width (Male, FEMALE, ｍ, 男, 女性 …); anything else trimmed but otherwise as it
 * was ('1', '2', 'unknown', '' stay). Numeric codes are not guessed: 1 is male in one system and
 * female in another.
 * @param raw the value as written
 * @example normaliseGender('Male') // → 'M'
 * @example normaliseGender(' 女 ') // → 'F'
 * @example normaliseGender('2') // → '2'
 */
export function normaliseGender(raw: string): string {
  return WORDS.get(foldText(raw)) ?? raw.trim();
}

/** Whether a stored value is one of the canonical genders. */
export function isGender(value: string): value is Gender {
  return value === 'F' || value === 'M';
}
