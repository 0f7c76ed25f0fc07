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
      ],
    }],
  },
  purpose: 'dpv:ServicePersonalisation',
  levels: { persona: 'borrowed', clv: 'borrowed', nps: 'displayed' },
  borrowFor: 7 * 86400,
};
