// The town's moderation queue (editors, admins): filters (town, category, period, text), each
// entry with its clashes, approve or reject one (a reason goes to the submitter) or several at
// once; below it the association requests ("Änderung melden", "Verein eintragen").

import { formatWall, t } from '/common/workspace-i18n.js';
import { button, el, field } from './dom.js';
import { filterForm } from './filter-form.js';

const $ = (id) => document.getElementById(id);

export function createQueue({ api, run, showAlert }) {
  let me;
  let filters = {};
  let facets = { towns: [], categories: [] };
  let formBuilt = false;

  const isEditor = () => Boolean(me && (me.roles.admin || me.roles.towns.length > 0));

  function buildForm() {
    const form = filterForm({
      prefix: 'queue',
      label: t('queue.filters'),
      selects: [
        { name: 'town', label: t('queue.town'), options: facets.towns.map((x) => [x, x]) },
        { name: 'category', label: t('queue.category'), options: facets.categories.map((x) => [x, x]) },
      ],
      labels: { from: t('queue.from'), to: t('queue.to'), search: t('queue.search') },
      values: filters,
      onApply(chosen) {
        filters = chosen;
        void refresh();
      },
      onReset() {
        filters = {};
        buildForm();
        void refresh();
      },
    });
    $('queue-filters').replaceChildren(form);

    const bulkReason = el('textarea', { rows: 2 });
    $('queue-bulk').replaceChildren(
      el(
        'div',
        { className: 'toolbar' },
        el('input', { type: 'checkbox', id: 'queue-select-all' }),
        el('label', { htmlFor: 'queue-select-all' }, t('queue.selectAll')),
      ),
      ...field('queue-bulk-reason', t('queue.bulkReason'), bulkReason, { hint: t('queue.bulkReasonHint') }),
      el(
        'div',
        { className: 'actions' },
        button(t('queue.bulkApprove'), () => bulk('approve'), { dataset: { action: 'approve' } }),
        button(t('queue.bulkReject'), () => bulk('reject')),
      ),
    );
    $('queue-select-all').addEventListener('change', (e) => {
      for (const box of $('queue').querySelectorAll('input[type="checkbox"]')) box.checked = e.target.checked;
    });
    formBuilt = true;
  }

  function selectedIds() {
    return [...$('queue').querySelectorAll('input[type="checkbox"]:checked')].map((b) => b.value);
  }

  function bulk(action) {
    showAlert('');
    $('queue-bulk-reason-error').textContent = '';
    const ids = selectedIds();
    if (!ids.length) {
      showAlert(t('queue.noneSelected'));
      $('queue-select-all').focus();
      return;
    }
    const reason = $('queue-bulk-reason').value.trim();
    if (action === 'reject' && !reason) {
      $('queue-bulk-reason-error').textContent = t('queue.reasonRequired');
      showAlert(t('queue.reasonRequired'));
      $('queue-bulk-reason').focus();
      return;
    }
    void run(
      () =>
        api('/api/workspace/queue/bulk', {
          method: 'POST',
          body: JSON.stringify({ ids, action, ...(action === 'reject' ? { reason } : {}) }),
        }),
      t(action === 'approve' ? 'queue.bulkApproved' : 'queue.bulkRejected', { count: ids.length }),
    );
  }

  function clashList(clashes) {
    if (!clashes.length) return el('p', { className: 'hint' }, t('queue.noClashes'));
    return el(
      'div',
      { className: 'clashes' },
      el('p', { className: 'clash-heading' }, t('queue.clashes')),
      el(
        'ul',
        {},
        clashes.map((c) =>
          el('li', {}, t('queue.clash', { title: c.title, when: formatWall(c.start), town: c.town ?? c.place ?? '' })),
        ),
      ),
    );
  }

  function entry(submission) {
    const ev = submission.event;
    const id = encodeURIComponent(submission.id);
    const reasonId = `reason-${submission.id}`;
    const reason = el('input', { id: reasonId });
    const box = el('input', { type: 'checkbox', id: `select-${submission.id}`, value: submission.id });
    const where = [formatWall(ev.start), ev.town, ev.location && ev.location.name].filter(Boolean).join(' · ');
    const article = el(
      'article',
      {},
      el('h3', { className: 'item-title' }, ev.title),
      el('div', { className: 'toolbar' }, box, el('label', { htmlFor: box.id }, t('queue.select', { title: ev.title }))),
      el('p', {}, where),
      Array.isArray(ev.categories) && ev.categories.length ? el('p', {}, ev.categories.join(', ')) : null,
      submission.contact && submission.contact.email
        ? el('p', { className: 'hint' }, t('queue.submitter', submission.contact))
        : null,
      el('p', { className: 'item-status' }, t('queue.status')),
      clashList(submission.clashes ?? []),
      ...field(reasonId, t('queue.reason'), reason),
      el(
        'div',
        { className: 'actions' },
        button(
          t('queue.approve'),
          () => run(() => api(`/api/workspace/queue/${id}/approve`, { method: 'POST' }), t('queue.approved')),
          { 'aria-label': t('queue.approveLabel', { title: ev.title }), dataset: { action: 'approve' } },
        ),
        button(
          t('queue.reject'),
          () => {
            // The submitter learns why: a rejection without a reason is stopped here.
            $(`${reasonId}-error`).textContent = '';
            if (!reason.value.trim()) {
              $(`${reasonId}-error`).textContent = t('queue.reasonRequired');
              showAlert(t('queue.reasonRequired'));
              reason.focus();
              return;
            }
            void run(
              () => api(`/api/workspace/queue/${id}/reject`, { method: 'POST', body: JSON.stringify({ reason: reason.value }) }),
              t('queue.rejected'),
            );
          },
          { 'aria-label': t('queue.rejectLabel', { title: ev.title }) },
        ),
      ),
    );
    return el('li', { className: 'item', dataset: { status: 'pending' } }, article);
  }

  function requestEntry(r) {
    const name = r.kind === 'new' ? (r.data.name ?? '') : (r.associationName ?? r.associationId ?? '');
    const id = encodeURIComponent(r.id);
    return el(
      'li',
      { className: 'item', dataset: { status: 'pending' } },
      el(
        'article',
        {},
        el('h4', { className: 'item-title' }, t(r.kind === 'new' ? 'requests.new' : 'requests.change', { name })),
        el('p', {}, [r.town, formatWall(r.createdAt)].filter(Boolean).join(' · ')),
        r.data.message ? el('p', { className: 'message' }, r.data.message) : null,
        r.data.website ? el('p', {}, t('requests.website', { url: r.data.website })) : null,
        el('p', { className: 'hint' }, t('requests.from', r.contact)),
        el(
          'div',
          { className: 'actions' },
          button(
            t('requests.accept'),
            () =>
              run(
                () => api(`/api/workspace/association-requests/${id}/accept`, { method: 'POST' }),
                r.kind === 'new' ? t('requests.acceptedNew', { name }) : t('requests.accepted'),
              ),
            { 'aria-label': t('requests.acceptLabel', { name }), dataset: { action: 'approve' } },
          ),
          button(
            t('requests.reject'),
            () => run(() => api(`/api/workspace/association-requests/${id}/reject`, { method: 'POST' }), t('requests.rejected')),
            { 'aria-label': t('requests.rejectLabel', { name }) },
          ),
        ),
      ),
    );
  }

  async function refresh() {
    const query = new URLSearchParams(filters).toString();
    const { body } = await api(`/api/workspace/queue${query ? `?${query}` : ''}`);
    const changedFacets =
      JSON.stringify(body.towns) !== JSON.stringify(facets.towns) ||
      JSON.stringify(body.categories) !== JSON.stringify(facets.categories);
    facets = { towns: body.towns, categories: body.categories };
    if (!formBuilt || changedFacets) buildForm();
    $('queue').replaceChildren(...body.submissions.map(entry));
    const filtered = Object.keys(filters).length > 0;
    $('queue-count').textContent = body.total ? t('queue.count', { shown: body.submissions.length, total: body.total }) : '';
    $('queue-empty').textContent = filtered ? t('queue.emptyFiltered') : t('queue.empty');
    $('queue-empty').hidden = body.submissions.length > 0;
    $('queue-bulk').hidden = body.submissions.length === 0;
    $('queue-select-all').checked = false;

    const requests = (await api('/api/workspace/association-requests')).body.requests;
    $('requests').replaceChildren(...requests.map(requestEntry));
    $('requests-empty').hidden = requests.length > 0;
  }

  document.addEventListener('w4g-workspace-lang', () => {
    if (!isEditor() || $('warteschlange').hidden) return;
    formBuilt = false;
    void refresh().catch((error) => showAlert(error.message));
  });

  return {
    async load(current) {
      me = current;
      $('warteschlange').hidden = !isEditor();
      if (!isEditor()) return;
      await refresh();
    },
  };
}
