// Bounds checked before any parsing or crypto: a stranger's bytes cost at most what these allow. The
// packet verifier's bounds (share/verify_limits.ts), tightened for one answer to one request, plus
// the response's own size and count.
import { countUpTo, defaultVerifyLimits, resolveLimits, type VerifyLimits } from '../share/verify_limits.js';
import type { PresentationProblem } from './problems.js';

/** Bounds verifyPresentation checks first; each can be changed per call (`limits` option). */
export interface PresentationLimits extends VerifyLimits {
  /** Presentations in one response (default 8). */
  maxPresentations: number;
  /** Characters of a response given as JSON text, and of a `vp_token` given as text (default 544 KiB). */
  maxResponseLength: number;
}

/** The defaults: one presentation is at most 64 KiB with 256 disclosures. */
export const defaultPresentationLimits: Readonly<PresentationLimits> = Object.freeze({
  ...defaultVerifyLimits,
  maxPacketLength: 64 * 1024,
  maxDisclosures: 256,
  maxPresentations: 8,
  maxResponseLength: 8 * 64 * 1024 + 32 * 1024,
});

/** The defaults overridden by `given`. @throws SelfCrmError E_SCHEMA/E_RANGE at `/limits/<name>`. */
export const resolvePresentationLimits = (given: unknown): PresentationLimits => resolveLimits(given, defaultPresentationLimits);

/** Problems with one presentation's size and shape, before it is parsed (counting stops at the bound). */
export function checkLimits(presentation: unknown, bounds: PresentationLimits = defaultPresentationLimits): PresentationProblem[] {
  if (typeof presentation !== 'string') return [{ kind: 'malformed', message: 'a presentation is a string' }];
  if (presentation.length > bounds.maxPacketLength) return [{ kind: 'too-large', message: `a presentation is at most ${bounds.maxPacketLength} characters` }];
  // <jwt>~<d1>~…~<dn>~<kb>: n + 1 tildes.
  if (countUpTo(presentation, '~', bounds.maxDisclosures + 2) > bounds.maxDisclosures + 1) return [{ kind: 'too-large', message: `at most ${bounds.maxDisclosures} disclosures` }];
  return [];
}
