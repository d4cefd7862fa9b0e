// The filter form the queue and the audit log share: some choices ("Alle" or one option each),
// a period ("bis" inclusive, not before "von") and a search text, with "Filtern" and
// "Zurücksetzen". The section keeps the chosen filters and decides what a change reloads.

import { t } from '/common/workspace-i18n.js';
import { button, el, field, select } from './dom.js';

/**
 * `filterForm({ prefix, label, selects: [{ name, label, options: [[value, text]] }], labels:
 * { from, to, search }, values, onApply, onReset })`: the form, its controls' ids
 * `${prefix}-${name}` (`-from`, `-to`, `-q` for the period and the text). `onApply(filters)` gets
 * the values that are not empty, trimmed; a "bis" before the "von" is refused at its field.
 */
export function filterForm({ prefix, label, selects, labels, values, onApply, onReset }) {
  const choices = selects.map((choice) => {
    const control = select([['', t('common.all')], ...choice.options], values[choice.name] ?? '');
    control.name = choice.name;
    return field(`${prefix}-${choice.name}`, choice.label, control, { error: false });
  });
  const from = el('input', { type: 'date', name: 'from', value: values.from ?? '' });
  const to = el('input', { type: 'date', name: 'to', value: values.to ?? '' });
  const q = el('input', { type: 'search', name: 'q', value: values.q ?? '' });
  const form = el(
    'form',
    { className: 'filters', role: 'search', 'aria-label': label, noValidate: true },
    ...choices.flat(),
    ...field(`${prefix}-from`, labels.from, from, { error: false }),
    ...field(`${prefix}-to`, labels.to, to),
    ...field(`${prefix}-q`, labels.search, q, { error: false }),
    el('div', { className: 'actions' }, el('button', { type: 'submit' }, t('common.filter')), button(t('common.reset'), onReset)),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const toError = form.querySelector(`#${prefix}-to-error`);
    toError.textContent = '';
    if (from.value && to.value && to.value < from.value) {
      toError.textContent = t('common.periodOrder');
      to.focus();
      return;
    }
    const filters = {};
    for (const [k, v] of new FormData(form)) if (String(v).trim()) filters[k] = String(v).trim();
    onApply(filters);
  });
  return form;
}
