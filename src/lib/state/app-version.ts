/** Which build of the app this browser ran last time. */
import type { Notice } from '../domain/types';

const BUILD_KEY = 'cswb.build';

/** A different build than last time in this browser: a notice that a new version was loaded (remembers this build). */
export function newVersionNotice(build: string): Notice | null {
  try {
    const previous = globalThis.localStorage?.getItem(BUILD_KEY);
    if (build) globalThis.localStorage?.setItem(BUILD_KEY, build);
    return previous && build && previous !== build ? { code: 'app.updated' } : null;
  } catch {
    return null; // storage blocked: no notice
  }
}
