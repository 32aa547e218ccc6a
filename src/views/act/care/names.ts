/** The words of the care lists and festivals (literal catalog keys, one map per use). */
import type { CareListKey } from '../../../../workers/act/sources';
import type { HolidayKey } from '../../../lib/domain';
import type { MessageKey } from '../../../lib/i18n/messages';

export const LIST_NAMES: Record<CareListKey, MessageKey> = {
  birthdays: 'care.list.birthdays', anniversaries: 'care.list.anniversaries', winback: 'care.list.winback', vip: 'care.list.vip',
  secondPurchase: 'care.list.secondPurchase', complaintFollowUp: 'care.list.complaintFollowUp', upgradeNudge: 'care.list.upgradeNudge',
};

/** What the empty list says to do. */
export const EMPTY_HELP: Record<CareListKey, MessageKey> = {
  birthdays: 'care.customersEmptyHelp.birthdays', anniversaries: 'care.customersEmptyHelp.anniversaries', winback: 'care.customersEmptyHelp.winback',
  vip: 'care.customersEmptyHelp.vip', secondPurchase: 'care.customersEmptyHelp.secondPurchase',
  complaintFollowUp: 'care.customersEmptyHelp.complaintFollowUp', upgradeNudge: 'care.customersEmptyHelp.upgradeNudge',
};

/** The heading of a list's "when", "figure" and "note" columns (null: the list has no such column). */
export const WHEN_TITLES: Record<CareListKey, MessageKey | null> = {
  birthdays: 'care.w.birthdays', anniversaries: 'care.w.anniversaries', winback: 'care.w.winback', vip: null,
  secondPurchase: 'care.w.secondPurchase', complaintFollowUp: 'care.w.complaintFollowUp', upgradeNudge: null,
};
export const FIGURE_TITLES: Record<CareListKey, MessageKey | null> = {
  birthdays: 'care.f.birthdays', anniversaries: 'care.f.anniversaries', winback: 'care.f.winback', vip: null,
  secondPurchase: 'care.f.secondPurchase', complaintFollowUp: 'care.f.complaintFollowUp', upgradeNudge: 'care.f.upgradeNudge',
};
export const NOTE_TITLES: Record<CareListKey, MessageKey | null> = {
  birthdays: 'care.c.note', anniversaries: 'care.n.anniversaries', winback: null, vip: null, secondPurchase: null, complaintFollowUp: null,
  upgradeNudge: 'care.n.upgradeNudge',
};

/** The words of the rows' notes (loyalty tier keys are shown as they are). */
export const NOTE_WORDS: Record<string, MessageKey> = {
  signup: 'care.note.signup', firstPurchase: 'care.note.firstPurchase', feb28: 'care.note.feb28',
};

export const HOLIDAY_NAMES: Record<HolidayKey, MessageKey> = {
  newYear: 'care.holiday.newYear', springFestival: 'care.holiday.springFestival', lantern: 'care.holiday.lantern', qingming: 'care.holiday.qingming',
  labour: 'care.holiday.labour', dragonBoat: 'care.holiday.dragonBoat', qixi: 'care.holiday.qixi', midAutumn: 'care.holiday.midAutumn',
  national: 'care.holiday.national', singlesDay: 'care.holiday.singlesDay',
};

export const HOLIDAY_TIPS: Record<HolidayKey, MessageKey> = {
  newYear: 'care.tip.newYear', springFestival: 'care.tip.springFestival', lantern: 'care.tip.lantern', qingming: 'care.tip.qingming',
  labour: 'care.tip.labour', dragonBoat: 'care.tip.dragonBoat', qixi: 'care.tip.qixi', midAutumn: 'care.tip.midAutumn',
  national: 'care.tip.national', singlesDay: 'care.tip.singlesDay',
};

/** The file name of a list's export (ASCII list key, so the name is safe on every system). */
export const LIST_FILES: Record<CareListKey, string> = {
  birthdays: 'birthdays', anniversaries: 'anniversaries', winback: 'winback', vip: 'vip', secondPurchase: 'second-purchase',
  complaintFollowUp: 'complaint-follow-up', upgradeNudge: 'upgrade-nudge',
};

/** The CSV header of a list's export, in the interface language. */
export function csvHeader(list: CareListKey, t: (key: MessageKey) => string): string[] {
  return [
    t('care.c.id'), t('care.c.name'), t('care.c.orders'), t('care.c.lastOrder'), t('care.c.net'), t('care.c.clv'),
    t(WHEN_TITLES[list] ?? 'care.c.when'), t(FIGURE_TITLES[list] ?? 'care.c.figure'), t(NOTE_TITLES[list] ?? 'care.c.note'),
  ];
}
