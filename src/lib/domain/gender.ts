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
 * @example normaliseGender('2', GENDER_CODINGS['1M2F']) // → 'F' (the file's coding, declared by the user)
 */
export function normaliseGender(raw: string, codes?: Readonly<Record<string, Gender>>): string {
  const trimmed = raw.trim();
  return (codes && Object.hasOwn(codes, trimmed) ? codes[trimmed] : undefined) ?? WORDS.get(foldText(raw)) ?? trimmed;
}

/**
 * Numeric gender codings a user can declare for a file (the app never guesses them): 1 = male,
 * 2 = female (common in Chinese systems and ISO/IEC 5218); the reverse; 0 = female, 1 = male; the reverse.
 */
export const GENDER_CODINGS = Object.freeze({
  '1M2F': Object.freeze({ '1': 'M', '2': 'F' }),
  '1F2M': Object.freeze({ '1': 'F', '2': 'M' }),
  '0F1M': Object.freeze({ '0': 'F', '1': 'M' }),
  '0M1F': Object.freeze({ '0': 'M', '1': 'F' }),
} as const satisfies Record<string, Readonly<Record<string, Gender>>>);
export type GenderCoding = keyof typeof GENDER_CODINGS;

/** Whether a stored value is one of the canonical genders. */
export function isGender(value: string): value is Gender {
  return value === 'F' || value === 'M';
}
