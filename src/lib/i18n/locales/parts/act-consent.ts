/**
 * Words of the Actions page's marketing consent (import, exports for contact, privacy page), in
 * both languages (spread into locales/en.ts and zh.ts).
 */
export const actConsentEn = {
  'consent.export': 'Export CSV for contact',
  'consent.noColumn': 'This dataset has no marketing consent column: check consent in your own system before contacting these customers.',
  'consent.leftOut': '{count} customers without marketing consent are left out.',
  'consent.included': '{count} customers without marketing consent are included: use this list only for service, not marketing.',
  'consent.include': 'Include them (this list is not for marketing)',
};

export const actConsentZh: Record<keyof typeof actConsentEn, string> = {
  'consent.export': '导出联系名单 CSV',
  'consent.noColumn': '该数据集没有“同意营销”列：联系这些客户前，请先在你自己的系统中确认其营销授权。',
  'consent.leftOut': '已排除 {count} 位未同意营销的客户。',
  'consent.included': '已包含 {count} 位未同意营销的客户：此名单只能用于服务，不能用于营销。',
  'consent.include': '包含他们（此名单不用于营销）',
};
