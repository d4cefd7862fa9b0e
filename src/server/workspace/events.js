// The workspace's events (/redaktion/): "Neuer Termin" and "Bearbeiten" with the project's own
// <w4g-event-form> (from the server's /dist/, the script-tag bundle loads the form's chunk when
// the tag appears), and the dates of a series: "Nur dieser Termin", "Dieser und alle folgenden",
// "Alle Termine", and cancelling one date. Plain JavaScript served as it is (strict CSP); every
// write carries the session's X-CSRF-Token; every permission is the server's. Texts: the
// workspace's table (German, English); the forms get the page's language as their `locale`.

import { formatDay, lang, t } from '/common/workspace-i18n.js';
import { button } from './dom.js';

const $ = (id) => document.getElementById(id);

/** Fields a change of some dates may not name (the server decides them). */
const FIXED = new Set(['id', 'recurrenceId', 'timeZone', 'sequence', 'updated']);
/** The repetition: not offered for "Nur dieser Termin" and "Dieser und alle folgenden" (no-series). */
const SERIES = new Set(['rrule', 'exdates', 'rdates']);
/**
 * Fields that may be empty: one the person emptied travels as null ("none for these dates").
 * The server's NULLABLE (routes/event-edits.ts; FIXED too): a test holds the copies equal.
 */
const CLEARABLE = [
  'description',
  'url',
  'image',
  'location',
  'price',
  'contact',
  'categories',
  'audience',
  'accessibility',
  'statusNote',
];

const isEmpty = (value) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

let ctx;
let organizers = [];
let loaded;
/** What "Termin bearbeiten" shows: the event's title, the scope and the chosen date (or none). */
let editing;

/** Loads the elements' script-tag bundle once (it loads the form's chunk when the tag appears). */
function loadBundle() {
  loaded ??= import('/dist/w4g-calendar.js').catch(() => {
    loaded = undefined;
    throw new Error(t('events.formFailed'));
  });
  return loaded;
}

/**
 * A form for the workspace, placed into `slot`: signed in (no contact fields), the session's
 * CSRF header, the account's associations; `setup` sets attributes and listeners, `properties`
 * (e.g. the edited `event`) are set once the element is defined.
 */
async function placeForm(slot, action, setup, properties = {}) {
  await loadBundle();
  const form = document.createElement('w4g-event-form');
  form.setAttribute('action', action);
  form.setAttribute('images-action', '/api/images');
  form.setAttribute('no-contact', '');
  form.setAttribute('locale', lang());
  setup(form);
  slot.replaceChildren(form);
  await customElements.whenDefined('w4g-event-form');
  form.headers = { 'X-CSRF-Token': ctx.me().csrfToken };
  form.organizers = organizers;
  Object.assign(form, properties);
}

/** The associations this account acts for, with names and towns from the public directory. */
async function loadOrganizers(me) {
  let known = new Map();
  try {
    const response = await fetch('/api/associations.json', { credentials: 'omit' });
    known = new Map((await response.json()).associations.map((a) => [a.id, a]));
  } catch {
    // The ids stand in for the names.
  }
  const ids = me.roles.admin ? [...known.keys()] : me.roles.associations;
  return ids.map((id) => ({ id, name: known.get(id)?.name ?? id, town: known.get(id)?.town }));
}

/** Sets up "Neuer Termin" once the person is signed in. */
export async function setupEvents(options) {
  ctx = options;
  const me = ctx.me();
  organizers = await loadOrganizers(me);
  await placeForm($('new-event-slot'), '/api/workspace/events', (f) => {
    f.id = 'new-event-form';
    f.addEventListener('w4g-submit-success', (e) => {
      ctx.announce(t(e.detail.status === 201 ? 'events.published' : 'events.sentForReview'));
      void ctx.reload();
    });
  });
  $('edit-cancel').addEventListener('click', () => closeEditor(t('edit.stopped')));
  // A change of language: the forms (their `locale`) and the editor's heading follow.
  document.addEventListener('w4g-workspace-lang', () => {
    for (const form of document.querySelectorAll('w4g-event-form')) form.setAttribute('locale', lang());
    if (editing) paintEditor();
  });
}

/** The editor's heading and, for a date of a series, which dates the change is for. */
function paintEditor() {
  const { title, scope, date } = editing;
  const when = date ? formatDay(date.start, date.allDay) : '';
  $('edit-heading').textContent = t('edit.headingOf', { title });
  $('edit-scope').textContent = !date
    ? ''
    : t(scope === 'this' ? 'edit.scopeThis' : scope === 'following' ? 'edit.scopeFollowing' : 'edit.scopeAll', { when });
  $('edit-scope').hidden = !$('edit-scope').textContent;
}

function closeEditor(message) {
  editing = undefined;
  $('bearbeiten').hidden = true;
  $('edit-slot').replaceChildren();
  if (message) ctx.announce(message);
  $('events-heading').focus();
}

/**
 * What a change of some dates says: the fields the person changed against what the form showed,
 * and null for a field they emptied. Exceptions, extra dates and the rule go along for "Alle
 * Termine" (the server answers at the field what it cannot take); the other scopes do not show them.
 */
function changedFields(body, shown, scope) {
  const change = {};
  for (const [key, value] of Object.entries(body)) {
    if (FIXED.has(key) || (scope !== 'all' && SERIES.has(key)) || isEmpty(value)) continue;
    if (JSON.stringify(value) !== JSON.stringify(shown[key])) change[key] = value;
  }
  for (const key of CLEARABLE) if (!isEmpty(shown[key]) && isEmpty(body[key])) change[key] = null;
  // The form leaves out what is back to normal: a date that takes place again, no longer sold out.
  if (!('status' in body) && shown.status && shown.status !== 'scheduled') change.status = 'scheduled';
  if (!('soldOut' in body) && shown.soldOut) change.soldOut = false;
  return change;
}

/**
 * Opens the form in edit mode. Without a date (an event, or a series as a whole): the form's own
 * PUT of the event. For a date of a series ("Nur dieser Termin", "Dieser und alle folgenden",
 * "Alle Termine"): the page answers the form's request with the core's series edit of that date.
 */
async function openEditor(entry, scope, date) {
  const id = entry.event.id;
  // "Alle Termine" from a date: the series as it runs through that date, as the core's edit reads it.
  const shown = !date ? entry.event : scope === 'this' ? date.this : date.following;
  editing = { title: entry.event.title, scope, date };
  paintEditor();
  $('bearbeiten').hidden = false;
  await placeForm(
    $('edit-slot'),
    `/api/workspace/events/${encodeURIComponent(id)}`,
    (f) => {
      f.setAttribute('method', 'PUT');
      f.setAttribute('version', date ? entry.seriesVersion : entry.version);
      // One date, or the dates from one on: the form offers no repetition (rule, exceptions, extra dates).
      if (scope === 'this' || scope === 'following') f.setAttribute('no-series', '');
      if (date) {
        f.addEventListener('w4g-submit', (e) => {
          const body = { occurrence: date.occurrence, scope, change: changedFields(e.detail, shown, scope) };
          if (e.request.version) body.version = e.request.version;
          e.respondWith(
            fetch(`/api/workspace/events/${encodeURIComponent(id)}/series-edit`, {
              method: 'POST',
              credentials: 'same-origin',
              headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': ctx.me().csrfToken },
              body: JSON.stringify(body),
            }),
          );
        });
      }
      f.addEventListener('w4g-submit-success', () => {
        closeEditor(t('edit.saved'));
        void ctx.reload();
      });
    },
    { event: shown },
  );
  $('edit-heading').focus();
}

/** Asks which dates a change is for; resolves with the scope, or undefined when cancelled. */
function askScope(title, date) {
  const dialog = $('scope-dialog');
  $('scope-date').textContent = t('scope.date', { title, when: formatDay(date.start, date.allDay) });
  return new Promise((resolve) => {
    const done = (scope) => {
      dialog.removeEventListener('close', onClose);
      for (const b of dialog.querySelectorAll('button[data-scope]')) b.onclick = null;
      if (dialog.open) dialog.close();
      resolve(scope);
    };
    const onClose = () => done(undefined);
    for (const b of dialog.querySelectorAll('button[data-scope]')) b.onclick = () => done(b.dataset.scope || undefined);
    dialog.addEventListener('close', onClose);
    dialog.showModal();
  });
}

/** The dates of a series, each to edit or cancel on its own. */
async function seriesDates(entry, container) {
  const { body } = await ctx.api(`/api/workspace/events/${encodeURIComponent(entry.event.id)}`);
  entry.seriesVersion = body.version;
  const list = document.createElement('ul');
  list.className = 'dates';
  for (const date of body.dates) {
    const li = document.createElement('li');
    const when = formatDay(date.start, date.allDay);
    const cancelled = date.status === 'cancelled';
    const label = document.createElement('span');
    label.textContent = `${cancelled ? t('series.dateCancelled', { when }) : when}${date.statusNote ? ` (${date.statusNote})` : ''}`;
    li.append(label, ' ');
    li.append(
      button(
        t('events.edit'),
        async () => {
          const scope = await askScope(entry.event.title, date);
          if (scope) await openEditor(entry, scope, date).catch((error) => ctx.showAlert(error.message));
        },
        { 'aria-label': t('series.editLabel', { when }) },
      ),
    );
    if (!cancelled) {
      li.append(
        ' ',
        button(
          t('events.cancel'),
          () =>
            ctx.run(
              async () => {
                const { status, body: answer } = await ctx.api(
                  `/api/workspace/events/${encodeURIComponent(entry.event.id)}/series-edit`,
                  {
                    method: 'POST',
                    body: JSON.stringify({
                      occurrence: date.occurrence,
                      scope: 'this',
                      change: { status: 'cancelled' },
                      version: entry.seriesVersion,
                    }),
                  },
                );
                if (status === 412) throw new Error(answer.error || t('series.changed'));
                if (status === 422) throw new Error(Object.values(answer.errors || {})[0] || t('common.checkInput'));
              },
              t('series.cancelled', { when }),
            ),
          { 'aria-label': t('series.cancelLabel', { when }) },
        ),
      );
    }
    list.append(li);
  }
  const heading = document.createElement('p');
  heading.className = 'hint';
  heading.textContent = t(body.dates.length ? 'series.heading' : 'series.none');
  container.append(heading, list);
}

/** "Bearbeiten" for an item of "Meine Termine", and for a series its dates. */
export function eventActions(entry, actions, article) {
  actions.prepend(
    button(t('events.edit'), () => void openEditor(entry, 'all'), {
      'aria-label': t('events.editLabel', { title: entry.event.title }),
    }),
  );
  if (entry.recurring) void seriesDates(entry, article).catch((error) => ctx.showAlert(error.message));
}
