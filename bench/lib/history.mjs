// The vault benchmarks' history: `records` NDJSON lines cycling through the five record types.
export function history(records) {
  const lines = [];
  const types = ['transaction', 'interaction', 'survey', 'referral', 'reach'];
  for (let i = 0; i < records; ++i) {
    const at = new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();
    const type = types[i % 5];
    const r = { type, at };
    if (type === 'transaction') Object.assign(r, { id: `t${i}`, amount: (i % 997) / 7, margin: (i % 101) / 3, currency: 'EUR', category: 'books' });
    if (type === 'interaction') Object.assign(r, { id: `i${i}`, channel: 'email', isPublic: i % 2 === 0, participants: 2 + (i % 5), threadId: `th${i % 100}`, text: 'thanks, that solved it' });
    if (type === 'survey') Object.assign(r, { id: `s${i}`, score: i % 11 });
    if (type === 'referral') Object.assign(r, { id: `r${i}`, referredCustomerId: `c${i}`, converted: i % 3 === 0, value: i % 50 });
    if (type === 'reach') Object.assign(r, { network: `net${i % 7}`, followers: i, posts: i % 300 });
    lines.push(JSON.stringify(r));
  }
  return lines.join('\n');
}
