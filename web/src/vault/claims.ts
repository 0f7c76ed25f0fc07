// The vault as a ClaimSource: raw claims read the customer's own attributes and identities;
// derived claims read labels computed on the device (persona, segments, score bands), never the
// history behind them.
import type { ClaimSource, ClaimValue } from '../share/claims.js';
import type { AttributeValue, ProfileJSON } from './types.js';

/**
 * The parts of an insights result that derived claims read; `ClaimInsights` (from
 * `Insights.analyze`) has them. Declared here so the vault does not depend on the engines above it.
 */
export interface ClaimInsights {
  scores: Readonly<Record<'rfm' | 'clv' | 'nps' | 'crv' | 'influence' | 'engagement', { value: unknown; [detail: string]: unknown }>>;
  segments: { segments: readonly { name: string }[] };
  persona: { persona: { name: string } | null };
  /** The customer's own words (Insights.analyze's `feedback`): read by the `feedback:*` claims. */
  feedback?: {
    sentiment: { texts: number; mean: number };
    degrees: { interactions: readonly { index: number; side: string; degree: number; cues: readonly string[] }[] };
  };
}

const categories = new Set(['personal', 'profile', 'preferential', 'performance']);

/**
 * Score bands behind `band:<score>` claims: CLV high ≥ 1000, medium ≥ 200 (the default value
 * segments); P(alive) (`band:alive`, the repeat model's, with CLV) high ≥ 0.66, medium ≥ 0.33; influence and engagement (0–100) high ≥ 66, medium ≥ 33; CRV high ≥ 500,
 * medium ≥ 100; anything lower is low.
 */
export const scoreBands: Record<string, [high: number, medium: number]> = {
  clv: [1000, 200],
  alive: [0.66, 0.33],
  influence: [66, 33],
  engagement: [66, 33],
  crv: [500, 100],
};

function attributeClaim(value: AttributeValue | undefined): ClaimValue | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'date' in value) return value.date;
  return value as ClaimValue;
}

function decode(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function rawClaim(profile: ProfileJSON, pointer: string): ClaimValue | undefined {
  const [head, ...rest] = pointer.slice(1).split('/').map(decode);
  if (head === undefined) return undefined;
  if (categories.has(head) && rest.length === 1) {
    const map = profile.attributes[head as keyof ProfileJSON['attributes']] as Record<string, AttributeValue> | undefined;
    return attributeClaim(map?.[rest[0]!]);
  }
  if (head === 'identities' && rest.length >= 1) {
    const ofKind = profile.identities.filter((i) => i.kind === rest[0]);
    if (rest.length === 1) return ofKind.length ? ofKind.map((i) => i.value) : undefined;
    if (rest.length === 2 && rest[1] === 'primary') return (ofKind.find((i) => i.primary) ?? ofKind[0])?.value;
    if (rest.length === 2 && /^(0|[1-9][0-9]*)$/.test(rest[1]!)) return ofKind[Number(rest[1])]?.value;
    return undefined;
  }
  if (head === 'id' && rest.length === 0) return profile.id;
  return undefined;
}

function band(value: unknown, score: string): string | undefined {
  const limits = scoreBands[score];
  if (!limits || typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return value >= limits[0] ? 'high' : value >= limits[1] ? 'medium' : 'low';
}

const degreeNames = ['monologue', 'venting', 'skewed', 'social-pressure', 'objective', 'community'];

/**
 * `feedback:*` from the customer's messages: `complaint` / `churn` — a message of theirs with that
 * cue got no reply (an open complaint, a churn threat not yet answered); `sentiment` — the mean tone
 * as negative (≤ −0.05), neutral or positive; `degree` — the six-degrees place of their latest
 * message. Labels only: no text, no date, no count leaves the device.
 */
function feedbackClaim(profile: ProfileJSON, insights: ClaimInsights, claim: string): ClaimValue | undefined {
  const f = insights.feedback;
  if (!f) return undefined;
  const mine = f.degrees.interactions.filter((d) => d.side === 'customer');
  if (claim === 'feedback:sentiment') {
    if (f.sentiment.texts === 0) return undefined;
    return f.sentiment.mean <= -0.05 ? 'negative' : f.sentiment.mean >= 0.05 ? 'positive' : 'neutral';
  }
  if (claim === 'feedback:degree') {
    const at = (d: { index: number }) => Date.parse(profile.history.interactions[d.index]?.at ?? '') || 0;
    const latest = mine.reduce<(typeof mine)[number] | undefined>((best, d) => (!best || at(d) >= at(best) ? d : best), undefined);
    return latest ? degreeNames[latest.degree - 1] : undefined;
  }
  const cue = claim === 'feedback:complaint' ? 'complaint' : 'churnThreat';
  if (mine.length === 0) return undefined;
  return mine.some((d) => d.cues.includes(cue) && profile.history.interactions[d.index]?.replyReceived !== true);
}

function derivedClaim(profile: ProfileJSON, insights: ClaimInsights | undefined, claim: string): ClaimValue | undefined {
  if (!insights) return undefined;
  if (claim.startsWith('feedback:')) return feedbackClaim(profile, insights, claim);
  if (claim === 'persona') return insights.persona.persona?.name ?? undefined;
  if (claim === 'nps:category') return (insights.scores.nps.category as ClaimValue | undefined) ?? undefined;
  if (claim === 'rfm:segment') return (insights.scores.rfm.segment as ClaimValue | undefined) ?? undefined;
  if (claim.startsWith('segment:')) {
    const name = claim.slice('segment:'.length);
    return insights.segments.segments.some((m) => m.name === name);
  }
  if (claim === 'band:alive') return band(insights.scores.clv.probabilityAlive, 'alive');
  if (claim.startsWith('band:')) {
    const score = claim.slice('band:'.length) as keyof ClaimInsights['scores'];
    return band(insights.scores[score]?.value, score);
  }
  return undefined;
}

/**
 * Claims of one profile: `/personal/name`-style attributes, `/identities/email/primary` (or an
 * index, or the whole list), `/id`; and the derived `persona`, `segment:<name>` (true/false),
 * `nps:category`, `rfm:segment`, `band:clv|alive|influence|engagement|crv` and
 * `feedback:complaint|churn|sentiment|degree` from `insights`.
 */
export function profileClaims(profile: ProfileJSON, insights?: ClaimInsights): ClaimSource {
  const snapshot = structuredClone(profile);
  const derived = insights ? structuredClone(insights) : undefined;
  return {
    resolve(claim: string) {
      return claim.startsWith('/') ? rawClaim(snapshot, claim) : derivedClaim(snapshot, derived, claim);
    },
  };
}
