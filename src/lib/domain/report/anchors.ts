/**
 * Anchors of the report's sections, shared by the writers: the table of contents links to them, the
 * HTML gives them as ids and the Markdown as `<a id>` targets and image file names.
 */

/**
 * One anchor per section, in order, made from the section's id (never its title): ASCII letters,
 * digits, '-' and '_' only, lower case; a duplicate or empty id gets '-2', '-3'… so every anchor is unique.
 * @param ids the sections' ids
 * @returns the anchors, as many as ids
 * @example
 * sectionAnchors(['summary', 'summary', 'Voice & NPS', '']); // ['summary', 'summary-2', 'voice-nps', 'section']
 */
export function sectionAnchors(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map((id) => {
    const base =
      String(id ?? '')
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^-+|-+$/g, '') || 'section';
    let anchor = base;
    for (let n = 2; taken.has(anchor); n++) anchor = `${base}-${n}`;
    taken.add(anchor);
    return anchor;
  });
}
