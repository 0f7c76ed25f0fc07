// Claims and derived values in plain words for the consent screen: what the company would learn,
// and why the value is what it is — never the condition language of the rules.
const amount = (x) => (typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en', { maximumFractionDigits: 0 }) : '–');

const scoreNames = { clv: 'lifetime value', alive: 'chance of buying again', influence: 'influence', engagement: 'engagement', crv: 'referral value' };
const feedbackLabels = {
  'feedback:complaint': 'whether a complaint of yours is still unanswered',
  'feedback:churn': 'whether you said you might leave and got no answer',
  'feedback:sentiment': 'the overall tone of your messages (negative, neutral, positive)',
  'feedback:degree': 'what kind of conversation your latest message was (venting, asking publicly, …)',
};
const npsWords = {
  promoter: 'you answered 9 or 10 when asked how likely you are to recommend them',
  passive: 'you answered 7 or 8 when asked how likely you are to recommend them',
  detractor: 'you answered 6 or less when asked how likely you are to recommend them',
};

/** A label for a claim name (`/personal/name` → "your name", `band:clv` → "your lifetime value band"). */
export function claimLabel(claim) {
  if (claim === 'persona') return 'your customer persona';
  if (claim === 'nps:category') return 'whether you would recommend them';
  if (claim === 'rfm:segment') return 'your buying pattern (recency, frequency, money)';
  if (feedbackLabels[claim]) return feedbackLabels[claim];
  if (claim.startsWith('band:')) return `your ${scoreNames[claim.slice(5)] ?? claim.slice(5)} band`;
  if (claim.startsWith('segment:')) return `whether you are in the group "${claim.slice(8)}"`;
  if (claim.startsWith('/identities/')) return `your ${claim.split('/')[2]}${claim.endsWith('/primary') ? ' (main one)' : ''}`;
  const last = claim.split('/').pop().replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `your ${last}`;
}

/** Why a derived value is what it is, in words; null for raw claims. */
export function explainValue(claim, value, insights, bands) {
  if (claim.startsWith('band:')) {
    const score = claim.slice(5);
    const [high, medium] = bands[score] ?? [];
    // P(alive) is a share (shown in %), read from the CLV score it comes with.
    const alive = score === 'alive';
    const number = alive ? (x) => (typeof x === 'number' && Number.isFinite(x) ? `${Math.round(100 * x)} %` : '–') : amount;
    const actual = alive ? insights?.scores?.clv?.probabilityAlive : insights?.scores?.[score]?.value;
    const range = value === 'high' ? `${number(high)} or more` : value === 'medium' ? `between ${number(medium)} and ${number(high)}` : `below ${number(medium)}`;
    return `Your ${scoreNames[score] ?? score} is ${range}${typeof actual === 'number' ? ` (it is ${number(actual)}; only the band is shared)` : ''}.`;
  }
  if (claim === 'persona') {
    const p = insights?.persona?.persona;
    return p ? `You are "${p.name}": ${p.description ?? 'the persona your history fits best'}.` : 'No persona fits your history.';
  }
  if (claim === 'nps:category') return value ? `"${value}": ${npsWords[value] ?? 'from your survey answers'}.` : null;
  if (claim === 'rfm:segment') return `"${value}": from how recently, how often and how much you bought.`;
  if (claim.startsWith('segment:')) return value === true ? 'Your history puts you in this group.' : 'Your history does not put you in this group.';
  return null;
}

const levelWords = {
  copied: 'they may keep a copy',
  borrowed: 'they may use it, and must not keep it',
  displayed: 'shown to you on their page; they never receive it',
};

export const levelText = (level) => `${level}: ${levelWords[level] ?? ''}`;
