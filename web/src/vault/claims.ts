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
}

const categories = new Set(['personal', 'profile', 'preferential', 'performance']);

/**
 * Score bands behind `band:<score>` claims: CLV high ≥ 1000, medium ≥ 200 (the default value
 * segments); influence and engagement (0–100) high ≥ 66, medium ≥ 33; CRV high ≥ 500,
 * medium ≥ 100; anything lower is low.
 */
export const scoreBands: Record<string, [high: number, medium: number]> = {
  clv: [1000, 200],
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

function derivedClaim(insights: ClaimInsights | undefined, claim: string): ClaimValue | undefined {
  if (!insights) return undefined;
  if (claim === 'persona') return insights.persona.persona?.name ?? undefined;
  if (claim === 'nps:category') return (insights.scores.nps.category as ClaimValue | undefined) ?? undefined;
  if (claim === 'rfm:segment') return (insights.scores.rfm.segment as ClaimValue | undefined) ?? undefined;
  if (claim.startsWith('segment:')) {
    const name = claim.slice('segment:'.length);
    return insights.segments.segments.some((m) => m.name === name);
  }
  if (claim.startsWith('band:')) {
    const score = claim.slice('band:'.length) as keyof ClaimInsights['scores'];
    return band(insights.scores[score]?.value, score);
  }
  return undefined;
}

/**
 * Claims of one profile: `/personal/name`-style attributes, `/identities/email/primary` (or an
 * index, or the whole list), `/id`; and the derived `persona`, `segment:<name>` (true/false),
 * `nps:category`, `rfm:segment`, `band:clv|influence|engagement|crv` from `insights`.
 */
export function profileClaims(profile: ProfileJSON, insights?: ClaimInsights): ClaimSource {
  const snapshot = structuredClone(profile);
  const derived = insights ? structuredClone(insights) : undefined;
  return {
    resolve(claim: string) {
      return claim.startsWith('/') ? rawClaim(snapshot, claim) : derivedClaim(derived, claim);
    },
  };
}
