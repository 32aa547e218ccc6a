/** Contractual retention from survivor counts as the user types them ("1000, 631, 468"). */
import type { Notice } from '../../domain/types';
import { projectSbg, type SbgProjection } from '../../domain';
import { toNotice } from '../../db';

/** Fit the shifted-beta-geometric model to typed survivor counts and project it (or say why not). */
export function projectContract(text: string): { error: Notice | null; result: SbgProjection | null } {
  const survivors = text.split(/[,，;\s]+/).filter(Boolean).map(Number);
  try {
    return { error: null, result: projectSbg(survivors) };
  } catch (error) {
    return { error: toNotice(error), result: null };
  }
}
