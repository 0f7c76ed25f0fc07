// Tiny DOM helpers: elements are built with textContent, never innerHTML, so no customer text can
// ever be interpreted as markup.
export const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

export function replace(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}

export function say(node, text, kind = '') {
  node.textContent = text;
  node.className = kind;
}

export const fmt = (x, digits = 1) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–');
export const day = (iso) => (iso ? iso.slice(0, 10) : '–');
