// The frame a company embeds to show the customer "displayed" claims. It is the vault's origin inside
// the company's page: the page cannot read this document. Values arrive only from a vault window of
// this same origin, and only when that window approved them for the page this frame sits in.
const box = document.querySelector('[data-testid="displayed-values"]');
const embedder = location.ancestorOrigins?.[0] ?? (document.referrer ? new URL(document.referrer).origin : '');

window.addEventListener('message', (event) => {
  if (event.origin !== location.origin || event.data?.type !== 'selfcrm:display') return;
  if (event.data.origin !== embedder) return;
  box.replaceChildren(...event.data.items.map(({ label, value }) => {
    const p = document.createElement('p');
    const b = document.createElement('strong');
    b.textContent = `${label}: `;
    p.append(b, String(value));
    return p;
  }));
});
