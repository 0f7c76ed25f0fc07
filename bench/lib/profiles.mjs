// Generated profiles for throughput and memory benchmarks: deterministic, ~`records` history
// records each, as NDJSON vault documents. Run as a script to stream N profiles to stdout.
const texts = ['Love the new boots!', 'Where is my refund? Third time I ask.', 'Do you ship to Oslo?',
  'Terrible service, switching to another shop.', 'Great repair, thanks a lot.'];
const iso = (d) => new Date(Date.UTC(2024, 0, 1) + d * 86400000).toISOString().replace('.000Z', 'Z');

export function profileLine(i, records = 50) {
  const tx = Math.floor(records * 0.6);
  const it = Math.floor(records * 0.25);
  const transactions = Array.from({ length: tx }, (_, k) => ({
    id: `t${k}`, at: iso((i * 7 + k * 13) % 680), amount: 10 + ((i + k * 31) % 190), margin: 3 + ((i + k) % 40),
  }));
  const interactions = Array.from({ length: it }, (_, k) => ({
    id: `i${k}`, at: iso((i * 3 + k * 29) % 680), channel: k % 2 ? 'twitter' : 'email',
    direction: (i + k) % 3 ? 'customer-to-business' : 'business-to-customer', isPublic: (i + k) % 2 === 0,
    participants: 1 + ((i + k) % 6), threadId: k % 3 ? `th${k % 2}` : '', replyExpected: k % 2 === 0,
    replyReceived: (i + k) % 3 === 0, text: texts[(i + k) % texts.length],
  }));
  const rest = records - tx - it;
  const surveys = Array.from({ length: Math.max(1, Math.floor(rest / 2)) }, (_, k) => ({ id: `s${k}`, at: iso(600 + k), score: (i + k) % 11 }));
  const referrals = Array.from({ length: Math.max(0, rest - surveys.length - 1) }, (_, k) => ({
    id: `r${k}`, at: iso(300 + k), referredCustomerId: `x${i}-${k}`, converted: (i + k) % 2 === 0, value: 50 + k,
  }));
  const reach = [{ network: 'twitter', at: iso(670), followers: (i * 37) % 20000, posts: 10 + (i % 300), reshares: i % 500, mentions: i % 70 }];
  return JSON.stringify({ schemaVersion: 1, id: `p${i}`, history: { transactions, interactions, surveys, referrals, reach } });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1000);
  const records = Number(process.argv[3] ?? 50);
  let i = 0;
  const pump = () => {
    while (i < n) {
      let chunk = '';
      for (let k = 0; k < 500 && i < n; ++k, ++i) chunk += `${profileLine(i, records)}\n`;
      if (!process.stdout.write(chunk)) return process.stdout.once('drain', pump);
    }
  };
  pump();
}
