// "Protokoll": the audit log as the person may read it (admins all, editors their towns',
// members their associations'), newest first, filtered by kind, period and text, paged;
// each entry shows who, when, what, and the changed fields before and after as a table.

import { AUDIT_ACTIONS, formatInstant, t } from '/common/workspace-i18n.js';
import { button, el } from './dom.js';
import { filterForm } from './filter-form.js';

const $ = (id) => document.getElementById(id);
const PAGE = 20;

function shown(value) {
  if (value === undefined || value === null || value === '') return t('audit.absent');
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  return String(value);
}

export function createAudit({ api, showAlert }) {
  let me;
  let filters = {};
  let offset = 0;

  function buildForm() {
    const form = filterForm({
      prefix: 'audit',
      label: t('audit.filters'),
      selects: [{ name: 'action', label: t('audit.action'), options: AUDIT_ACTIONS.map((a) => [a, t(`audit.a.${a}`)]) }],
      labels: { from: t('audit.from'), to: t('audit.to'), search: t('audit.search') },
      values: filters,
      onApply(chosen) {
        filters = chosen;
        offset = 0;
        void refresh();
      },
      onReset() {
        filters = {};
        offset = 0;
        buildForm();
        void refresh();
      },
    });
    $('audit-filters').replaceChildren(form);
  }

  function changesTable(entry) {
    if (!entry.changes.length) return null;
    const label = entry.subject.label || entry.subject.id;
    return el(
      'table',
      { className: 'changes' },
      el('caption', { className: 'visually-hidden' }, t('audit.changes', { label })),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { scope: 'col' }, t('audit.field')),
          el('th', { scope: 'col' }, t('audit.before')),
          el('th', { scope: 'col' }, t('audit.after')),
        ),
      ),
      el(
        'tbody',
        {},
        entry.changes.map((c) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, c.field),
            el('td', {}, 'before' in c ? shown(c.before) : t('audit.absent')),
            el('td', {}, 'after' in c ? shown(c.after) : t('audit.absent')),
          ),
        ),
      ),
    );
  }

  function entryItem(entry) {
    const what = t(`audit.a.${entry.action}`);
    const subject = entry.subject.label || entry.subject.id;
    const where = [entry.town, t(`audit.type.${entry.subject.type}`)].filter(Boolean).join(' · ');
    return el(
      'li',
      { className: 'item audit-entry' },
      el(
        'article',
        {},
        el('h3', { className: 'item-title' }, `${what}: ${subject}`),
        el('p', {}, el('time', { dateTime: entry.at }, formatInstant(entry.at)), ` · ${entry.actor}`),
        el('p', { className: 'hint' }, where),
        entry.note ? el('p', {}, t('audit.note', { note: entry.note })) : null,
        changesTable(entry),
      ),
    );
  }

  async function refresh() {
    const query = new URLSearchParams({ ...filters, limit: String(PAGE), offset: String(offset) });
    let body;
    try {
      ({ body } = await api(`/api/workspace/audit?${query}`));
    } catch (error) {
      showAlert(error.message);
      return;
    }
    $('audit-list').replaceChildren(...body.entries.map(entryItem));
    $('audit-empty').hidden = body.entries.length > 0;
    $('audit-range').textContent = body.entries.length
      ? t('audit.range', { first: offset + 1, last: offset + body.entries.length, total: body.total })
      : '';
    const pager = [];
    if (offset > 0) {
      pager.push(
        button(t('audit.newer'), () => {
          offset = Math.max(0, offset - PAGE);
          void refresh().then(() => $('audit-heading').focus());
        }),
      );
    }
    if (offset + body.entries.length < body.total) {
      pager.push(
        button(t('audit.older'), () => {
          offset += PAGE;
          void refresh().then(() => $('audit-heading').focus());
        }),
      );
    }
    $('audit-pager').replaceChildren(...pager);
  }

  document.addEventListener('w4g-workspace-lang', () => {
    if (!me || $('protokoll').hidden) return;
    buildForm();
    void refresh();
  });

  return {
    async load(current) {
      me = current;
      $('protokoll').hidden = false;
      if (!$('audit-filters').firstChild) buildForm();
      await refresh();
    },
  };
}
