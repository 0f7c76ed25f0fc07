// A simulated customer population whose true response to one conversation is known, for the
// ranking tests: what each customer shares (as numbers, or as the vault's bands) and what a
// conversation with them is truly worth. The world's parameters differ from the model's
// defaults on purpose, and each customer has a hidden responsiveness no ranking can see.

/** mulberry32: a small seeded generator, so every run sees the same population. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const degrees = ['monologue', 'venting', 'skewed', 'social-pressure', 'objective', 'community'];
// The world's truth (the model assumes saveRate 0.15, activation 0.02/0.08/0.20, …).
const world = {
  save: 0.2, threatSave: 0.35, threatLoss: 0.65, recovery: 0.55, complaintLoss: 0.35,
  activation: { detractor: 0.03, passive: 0.06, promoter: 0.25 },
  urgency: { monologue: 0.8, venting: 1.4, skewed: 1.0, 'social-pressure': 2.2, objective: 1.0, community: 1.2 },
  reach: { preferred: 0.9, stated: 0.7, contact: 0.5, none: 0.2 },
  moneyPerInfluencePoint: 8,
};

const band = (x, [high, medium]) => (x >= high ? 'high' : x >= medium ? 'medium' : 'low');

function normal(rand) {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * `n` customers: {subject, claims (numbers), bandClaims (as the vault shares them), trueValue, clv}.
 */
export function population(n, seed) {
  const rand = random(seed);
  const out = [];
  for (let i = 0; i < n; ++i) {
    const clv = Math.round(400 * Math.exp(1.1 * normal(rand)));
    const alive = rand();
    const nps = rand() < 0.3 ? 'promoter' : rand() < 0.55 ? 'passive' : 'detractor';
    const crv = nps === 'promoter' ? Math.round(300 * Math.exp(0.9 * normal(rand))) : Math.round(40 * rand());
    const influence = Math.round(100 * rand() ** 2);
    const complaint = rand() < 0.12;
    const churn = rand() < 0.08;
    const degree = degrees[Math.floor(rand() * 6)];
    const channelRoll = rand();
    const channels = channelRoll < 0.4 ? ['email'] : channelRoll < 0.6 ? ['phone', 'chat'] : channelRoll < 0.7 ? ['instagram'] : [];
    const email = rand() < 0.7;
    const phone = rand() < 0.4;
    const responsiveness = 0.5 + rand(); // hidden: uniform 0.5–1.5

    // The truth: what one conversation now is worth with this customer.
    const contact = (ch) => (ch === 'email' ? email : ch === 'phone' ? phone : true);
    const firstOk = channels.findIndex(contact);
    const reach = firstOk === 0 ? world.reach.preferred : firstOk > 0 ? world.reach.stated : email || phone ? world.reach.contact : world.reach.none;
    const loss = churn ? Math.max(1 - alive, world.threatLoss) : 1 - alive;
    const retention = clv * loss * (churn ? world.threatSave : world.save);
    const recovery = complaint ? world.recovery * (clv * world.complaintLoss + 0.25 * influence * world.moneyPerInfluencePoint) * world.urgency[degree] : 0;
    const advocacy = complaint ? 0 : world.activation[nps] * (crv + influence * world.moneyPerInfluencePoint);
    const trueValue = reach * responsiveness * (retention + recovery + advocacy);

    const claims = {
      'band:clv': clv, 'band:alive': Math.round(alive * 1000) / 1000, 'band:crv': crv, 'band:influence': influence,
      'nps:category': nps, 'feedback:complaint': complaint, 'feedback:churn': churn, 'feedback:degree': degree,
      '/preferential/channels': channels,
    };
    if (email) claims['/identities/email/primary'] = `c${i}@example.com`;
    if (phone) claims['/identities/phone/primary'] = `+4670${String(i).padStart(7, '0')}`;
    const bandClaims = {
      ...claims,
      'band:clv': band(clv, [1000, 200]), 'band:alive': band(alive, [0.66, 0.33]),
      'band:crv': band(crv, [500, 100]), 'band:influence': band(influence, [66, 33]),
    };
    out.push({ subject: `s${String(i).padStart(6, '0')}`, claims, bandClaims, trueValue, clv });
  }
  return out;
}

export const rows = (customers, key = 'claims') =>
  customers.map((c) => `${JSON.stringify({ subject: c.subject, claims: c[key] })}\n`).join('');

/** Σ true value of `picked` subjects over Σ true value of the best `picked.length` (the oracle). */
export function capture(customers, picked) {
  const bySubject = new Map(customers.map((c) => [c.subject, c.trueValue]));
  const oracle = customers.map((c) => c.trueValue).sort((a, b) => b - a).slice(0, picked.length).reduce((s, x) => s + x, 0);
  return picked.reduce((s, subject) => s + bySubject.get(subject), 0) / oracle;
}

/** The expected capture of N picked at random: N × mean true value / the oracle's sum. */
export function randomCapture(customers, n) {
  const mean = customers.reduce((s, c) => s + c.trueValue, 0) / customers.length;
  const oracle = customers.map((c) => c.trueValue).sort((a, b) => b - a).slice(0, n).reduce((s, x) => s + x, 0);
  return (n * mean) / oracle;
}

const bandOrder = { low: 0, medium: 1, high: 2 };

/**
 * The N with the highest CLV (ties by subject): what a CLV-only ranking picks, from the CLV number
 * (`exact`) or from the band the customer shared.
 */
export function clvOnly(customers, n, exact = true) {
  const clv = exact ? (c) => c.clv : (c) => bandOrder[c.bandClaims['band:clv']];
  return [...customers].sort((a, b) => clv(b) - clv(a) || (a.subject < b.subject ? -1 : 1)).slice(0, n).map((c) => c.subject);
}
