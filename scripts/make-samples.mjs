// Generates the bundled sample data (seeded, so the files are reproducible):
//   demo/data/customers/<name>.json   a few detailed customers for the demo page
//   demo/data/profiles.ndjson         a population of vault documents for batch jobs
//   demo/data/transactions.ndjson     their purchases, one line each, for `selfcrm fit`
// Usage: node scripts/make-samples.mjs [count]
import { mkdirSync, writeFileSync } from 'node:fs';

const out = new URL('../demo/data/', import.meta.url);
const count = Number(process.argv[2] ?? 300);
let seed = 20261122;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const asOf = Date.parse('2026-11-01T00:00:00Z');
const day = 86400000;

const first = ['Ann', 'Ben', 'Chloé', 'Dev', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya'];
const last = ['Okafor', 'Lindqvist', 'Moreau', 'Patel', 'Schmidt', 'Haddad', 'Tanaka', 'Silva', 'Novak', 'Brennan', 'Kowalski', 'Ferreira'];
const domains = ['example.com', 'mail.example.org', 'example.net'];
const categories = ['shoes', 'outerwear', 'bags', 'accessories', 'repairs'];
const praise = [
  'Absolutely love the new boots, best purchase this year!',
  'Great service, the repair was quick and the staff were lovely.',
  'I told my friends about you, they all want the same jacket.',
  'You should try the winter collection, it is fantastic.',
  'Thanks for the fast reply, really appreciated.',
];
const neutral = [
  'Do you ship to Norway?',
  'How do I change the delivery address on my order?',
  'Is the leather bag available in brown?',
  'When does the sale start?',
];
const negative = [
  'The zip broke after two weeks. Not happy at all.',
  'Still no answer about my refund. This is the third time I ask!',
  'Terrible support, I am switching to another brand.',
  'Please cancel my account, the quality has gone down.',
  'The parcel arrived damaged and nobody replied to my email.',
];
const business = [
  'Our autumn sale starts Friday: 20% off all outerwear.',
  'Thanks for your message! How would you rate your last order?',
  'We are sorry to hear that. Could you send us your order number?',
  'Join the community ride this Sunday and share your photos!',
];

function customer(i, archetype) {
  const name = `${pick(first)} ${pick(last)}`;
  const [given, family] = name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(' ');
  const since = asOf - (200 + Math.floor(rand() * 900)) * day;
  const identities = [
    { kind: 'email', value: `${given}.${family}@${domains[0]}`, verified: true, primary: true, addedAt: iso(since) },
    { kind: 'email', value: `${given[0]}${family}${i}@${pick(domains.slice(1))}`, addedAt: iso(since + 40 * day) },
  ];
  if (rand() < 0.7) identities.push({ kind: 'email', value: `${family}.${given}@work.example`, addedAt: iso(since + 90 * day) });
  identities.push({ kind: 'twitter', value: `@${given}_${family}${i % 97}`, addedAt: iso(since + 10 * day) });
  if (rand() < 0.5) identities.push({ kind: 'instagram', value: `@${given}.${family}`, addedAt: iso(since + 20 * day) });

  const buys = archetype === 'prospect' ? 0 : archetype === 'lapsed' ? 2 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 12);
  const transactions = [];
  for (let t = 0; t < buys; ++t) {
    const recentLimit = archetype === 'lapsed' ? asOf - 220 * day : asOf - day;
    const at = since + Math.floor(rand() * (recentLimit - since));
    const amount = Math.round((25 + rand() * (archetype === 'evangelist' ? 260 : 140)) * 100) / 100;
    transactions.push({ id: `t${t}`, at: iso(at), amount, margin: Math.round(amount * 0.3 * 100) / 100, currency: 'EUR', category: pick(categories) });
  }
  const interactions = [];
  const texts = archetype === 'venter' ? negative : archetype === 'evangelist' ? praise : [...praise, ...neutral, ...neutral];
  const talks = archetype === 'prospect' ? 1 : 2 + Math.floor(rand() * 5);
  for (let k = 0; k < talks; ++k) {
    const at = asOf - Math.floor((talks - k) * (20 + rand() * 40)) * day;
    const fromCustomer = rand() < 0.7;
    const isPublic = archetype === 'venter' || archetype === 'evangelist' ? rand() < 0.8 : rand() < 0.3;
    interactions.push({
      id: `i${k}`,
      at: iso(at),
      channel: isPublic ? pick(['twitter', 'forum', 'instagram']) : pick(['email', 'chat', 'phone']),
      direction: fromCustomer ? 'customer-to-business' : 'business-to-customer',
      isPublic,
      participants: isPublic && archetype === 'evangelist' ? 3 + Math.floor(rand() * 20) : 2,
      threadId: rand() < 0.6 ? `th${k % 2}` : '',
      replyExpected: fromCustomer && rand() < 0.7,
      replyReceived: archetype !== 'venter' && rand() < 0.7,
      text: fromCustomer ? pick(texts) : pick(business),
    });
  }
  const score = archetype === 'venter' ? Math.floor(rand() * 5) : archetype === 'evangelist' ? 9 + Math.floor(rand() * 2)
    : archetype === 'prospect' ? 7 : Math.floor(5 + rand() * 6);
  const surveys = archetype === 'prospect' && rand() < 0.5 ? [] : [{ id: 's1', at: iso(asOf - 30 * day), score, statedIntentToRecommend: score >= 9 }];
  const referrals = [];
  const refs = archetype === 'evangelist' ? 1 + Math.floor(rand() * 4) : rand() < 0.15 ? 1 : 0;
  for (let r = 0; r < refs; ++r) {
    const converted = rand() < 0.6;
    referrals.push({ id: `r${r}`, at: iso(asOf - Math.floor(rand() * 300) * day), referredCustomerId: `c${9000 + i * 5 + r}`, converted, value: converted ? Math.round(rand() * 300) : 0 });
  }
  const followers = archetype === 'evangelist' ? 2000 + Math.floor(rand() * 40000) : Math.floor(rand() * 900);
  const reach = [{ network: 'twitter', at: iso(asOf - 5 * day), followers, posts: 20 + Math.floor(rand() * 400), reshares: Math.floor(followers * rand() * 0.05), mentions: Math.floor(rand() * 60) }];
  return {
    schemaVersion: 1,
    id: `c${String(i).padStart(4, '0')}`,
    identities,
    attributes: {
      personal: { name, locale: pick(['en-GB', 'fr-FR', 'de-DE', 'sv-SE']), birthYear: 1960 + Math.floor(rand() * 45) },
      profile: { job: pick(['teacher', 'engineer', 'nurse', 'designer', 'student', 'chef']), interests: [pick(categories), pick(['cycling', 'hiking', 'photography', 'running'])] },
      preferential: { channels: [pick(['email', 'twitter', 'forum', 'phone'])], frequency: pick(['weekly', 'monthly']) },
      performance: { attitude: pick(['bargain hunter', 'brand loyal', 'trend follower']) },
    },
    history: { transactions, interactions, surveys, referrals, reach },
  };
}

const archetypes = ['regular', 'regular', 'regular', 'evangelist', 'venter', 'lapsed', 'prospect'];
const population = Array.from({ length: count }, (_, i) => customer(i, archetypes[i % archetypes.length]));
writeFileSync(new URL('profiles.ndjson', out), population.map((p) => JSON.stringify(p)).join('\n') + '\n');
writeFileSync(new URL('transactions.ndjson', out), population.flatMap((p) => p.history.transactions.map((t) =>
  JSON.stringify({ customerId: p.id, at: t.at, amount: t.amount, margin: t.margin })))
  .join('\n') + '\n');

mkdirSync(new URL('customers/', out), { recursive: true });
const showcase = { evangelist: 3, venter: 4, regular: 0, lapsed: 5, prospect: 6 };
for (const [file, index] of Object.entries(showcase)) {
  writeFileSync(new URL(`customers/${file}.json`, out), `${JSON.stringify(population[index], null, 2)}\n`);
}
console.log(`wrote ${count} profiles, ${population.reduce((n, p) => n + p.history.transactions.length, 0)} transactions, ${Object.keys(showcase).length} showcase customers`);
