// Size limits checked before any parsing or crypto, in one place so stricter checks (the hardened
// packet verifier's) can replace or extend them through verifyPresentation's `check` option.
import type { PresentationProblem } from './problems.js';

export const limits = {
  /** Bytes of one presentation string. */
  presentation: 64 * 1024,
  /** Disclosures in one presentation. */
  disclosures: 256,
  /** Presentations in one response. */
  presentations: 8,
};

/** Problems with one presentation's size and shape, before it is parsed. */
export function checkLimits(presentation: unknown): PresentationProblem[] {
  if (typeof presentation !== 'string') return [{ kind: 'malformed', message: 'a presentation is a string' }];
  if (presentation.length > limits.presentation) return [{ kind: 'malformed', message: `a presentation is at most ${limits.presentation} characters` }];
  const tildes = presentation.split('~').length - 1;
  if (tildes > limits.disclosures + 1) return [{ kind: 'malformed', message: `at most ${limits.disclosures} disclosures` }];
  return [];
}
