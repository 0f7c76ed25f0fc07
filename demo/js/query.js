// What Northwind asks of its customers: shared by the shop's page and its server, so both build
// the same request.
export const shopQuery = {
  dcql: {
    credentials: [{
      id: 'northwind',
      claims: [
        { id: 'name', path: ['personal', 'name'] },
        { id: 'email', path: ['identities', 'email', 'primary'] },
        { id: 'persona', path: ['persona'] },
        { id: 'clv', path: ['band', 'clv'], values: ['low', 'medium', 'high'] },
        { id: 'evangelist', path: ['segment', 'evangelist'] },
        { id: 'nps', path: ['nps', 'category'] },
        // What the shop's conversation plan (selfcrm rank) weighs: still-a-customer odds, referral
        // value, reach, open feedback and the channel the customer prefers.
        { id: 'alive', path: ['band', 'alive'] },
        { id: 'crv', path: ['band', 'crv'] },
        { id: 'influence', path: ['band', 'influence'] },
        { id: 'complaint', path: ['feedback', 'complaint'] },
        { id: 'churn', path: ['feedback', 'churn'] },
        { id: 'sentiment', path: ['feedback', 'sentiment'] },
        { id: 'degree', path: ['feedback', 'degree'] },
        { id: 'channels', path: ['preferential', 'channels'] },
      ],
    }],
  },
  purpose: 'dpv:ServicePersonalisation',
  levels: {
    persona: 'borrowed', clv: 'borrowed', nps: 'displayed',
    alive: 'borrowed', crv: 'borrowed', influence: 'borrowed',
    complaint: 'borrowed', churn: 'borrowed', sentiment: 'borrowed', degree: 'borrowed',
  },
  borrowFor: 7 * 86400,
};
