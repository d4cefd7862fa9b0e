// Small DOM helpers the workspace's sections share: elements from text only (never HTML), so
// untrusted content stays text under the strict CSP.

/** `el('p', { className: 'hint', id: 'x' }, 'text', child)`: properties, then children (strings become text). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('aria-') || key === 'role' || key === 'for' || key === 'lang') node.setAttribute(key, String(value));
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** A native button that runs `onClick`. */
export function button(text, onClick, props = {}) {
  const b = el('button', { type: 'button', ...props }, text);
  b.addEventListener('click', onClick);
  return b;
}

/** A label with its control (and an optional hint and error line linked by aria-describedby). */
export function field(id, labelText, control, { hint, error = true } = {}) {
  control.id = id;
  const described = [];
  const parts = [el('label', { htmlFor: id }, labelText), control];
  if (hint) {
    parts.push(el('p', { id: `${id}-hint`, className: 'hint' }, hint));
    described.push(`${id}-hint`);
  }
  if (error) {
    parts.push(el('p', { id: `${id}-error`, className: 'field-error' }));
    described.push(`${id}-error`);
  }
  if (described.length) control.setAttribute('aria-describedby', described.join(' '));
  return parts;
}

/** A <select> with [value, text] options. */
export function select(options, value) {
  const s = el('select');
  for (const [v, text] of options) s.append(el('option', { value: v, selected: v === value }, text));
  return s;
}
