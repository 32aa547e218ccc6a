/**
 * Hide personal data on screen and in exports (projectors, shared screens): names keep the first
 * character of each word, e-mail addresses the first character of the local part and the domain,
 * long digit runs (phones, ID numbers) their last four digits.
 * @example maskPersonal('王文博') // '王**'
 * @example maskPersonal('Emily Reed') // 'E**** R***'
 * @example maskPersonal('li.na@example.com') // 'l****@example.com'
 * @example maskPersonal('138 0013 8000') // '*** **** 8000'
 */
export function maskPersonal(text: string): string {
  if (!text) return text;
  const at = text.indexOf('@');
  if (at > 0) return text[0] + '*'.repeat(Math.max(1, at - 1)) + text.slice(at);
  const digits = text.replace(/\D/g, '');
  if (digits.length >= 7 && digits.length >= text.replace(/\s|-|\+|\(|\)/g, '').length) {
    let keep = 4;
    return text
      .split('')
      .reverse()
      .map((c) => (/\d/.test(c) ? (keep-- > 0 ? c : '*') : c))
      .reverse()
      .join('');
  }
  return text
    .split(/(\s+)/)
    .map((word) => (/^\s+$/.test(word) || word.length === 0 ? word : Array.from(word)[0] + '*'.repeat(Math.max(1, Array.from(word).length - 1))))
    .join('');
}

/**
 * A customer id under masking: ids that are personal data themselves — an e-mail address, or a
 * phone-like run of 7 or more digits (with spaces, dashes, brackets or a leading +) — are masked
 * as {@link maskPersonal} does; other ids (C-00042, 12488) are codes and stay as they are.
 * @example maskId('13800138000') // '*******8000'
 * @example maskId('li.na@example.com') // 'l****@example.com'
 * @example maskId('C-00042') // 'C-00042'
 */
export function maskId(id: string): string {
  if (!id) return id;
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(id)) return maskPersonal(id);
  if (/^\+?[\d\s\-()]+$/.test(id) && id.replace(/\D/g, '').length >= 7) return maskPersonal(id);
  return id;
}
