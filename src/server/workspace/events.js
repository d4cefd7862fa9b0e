// The workspace's events (/redaktion/): "Neuer Termin" and "Bearbeiten" with the project's own
// <w4g-event-form> (from the server's /dist/, the script-tag bundle loads the form's chunk when
// the tag appears), and the dates of a series: "Nur dieser Termin", "Dieser und alle folgenden",
// "Alle Termine", and cancelling one date. Plain JavaScript served as it is (strict CSP); every
// write carries the session's X-CSRF-Token; every permission is the server's.

const $ = (id) => document.getElementById(id);

/** Fields a change of some dates may not name (the server decides them). */
const FIXED = new Set(['id', 'recurrenceId', 'timeZone', 'sequence', 'updated']);
/** The repetition: not offered for "Nur dieser Termin" and "Dieser und alle folgenden" (no-series). */
const SERIES = new Set(['rrule', 'exdates', 'rdates']);
/** Fields that may be empty: one the person emptied travels as null ("none for these dates"). */
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

/** "2027-03-24T19:00:00+01:00" -> "Mi., 24.03.2027, 19:00 Uhr" (in Berlin, as the calendar shows it). */
function formatDate(value, allDay) {
  const date = new Date(allDay ? `${value.slice(0, 10)}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  const day = new Intl.DateTimeFormat('de-DE', {
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'Europe/Berlin',
  }).format(date);
  if (allDay) return day;
  const time = new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin' }).format(date);
  return `${day}, ${time} Uhr`;
}

function button(text, onClick, label) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** Loads the elements' script-tag bundle once (it loads the form's chunk when the tag appears). */
function loadBundle() {
  loaded ??= import('/dist/w4g-calendar.js').catch(() => {
    loaded = undefined;
    throw new Error('Das Terminformular konnte nicht geladen werden. Bitte laden Sie die Seite neu.');
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
      ctx.announce(
        e.detail.status === 201 ? 'Der Termin ist veröffentlicht.' : 'Der Termin ist zur Prüfung an die Redaktion gesendet.',
      );
      void ctx.reload();
    });
  });
  $('edit-cancel').addEventListener('click', () =>
    closeEditor('Die Bearbeitung ist abgebrochen; Ihr Entwurf bleibt gespeichert.'),
  );
}

function closeEditor(message) {
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
  const when = date ? formatDate(date.start, date.allDay) : '';
  $('edit-heading').textContent = `Termin bearbeiten: ${entry.event.title}`;
  $('edit-scope').textContent = !date
    ? ''
    : scope === 'this'
      ? `Nur dieser Termin: ${when}`
      : scope === 'following'
        ? `Dieser und alle folgenden, ab ${when}`
        : `Alle Termine der Serie (gewählt: ${when})`;
  $('edit-scope').hidden = !$('edit-scope').textContent;
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
        closeEditor('Die Änderungen sind gespeichert.');
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
  $('scope-date').textContent = `„${title}“ am ${formatDate(date.start, date.allDay)}`;
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
    const when = formatDate(date.start, date.allDay);
    const cancelled = date.status === 'cancelled';
    const label = document.createElement('span');
    label.textContent = `${when}${cancelled ? ' – abgesagt' : ''}${date.statusNote ? ` (${date.statusNote})` : ''}`;
    li.append(label, ' ');
    li.append(
      button(
        'Bearbeiten',
        async () => {
          const scope = await askScope(entry.event.title, date);
          if (scope) await openEditor(entry, scope, date).catch((error) => ctx.showAlert(error.message));
        },
        `Termin am ${when} bearbeiten`,
      ),
    );
    if (!cancelled) {
      li.append(
        ' ',
        button(
          'Absagen',
          () =>
            ctx.run(async () => {
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
              if (status === 412) throw new Error(answer.error || 'Der Termin wurde inzwischen geändert.');
              if (status === 422) throw new Error(Object.values(answer.errors || {})[0] || 'Bitte prüfen Sie die Angaben.');
            }, `Der Termin am ${when} ist abgesagt.`),
          `Termin am ${when} absagen`,
        ),
      );
    }
    list.append(li);
  }
  const heading = document.createElement('p');
  heading.className = 'hint';
  heading.textContent = body.dates.length ? 'Die nächsten Termine der Serie:' : 'Keine kommenden Termine.';
  container.append(heading, list);
}

/** "Bearbeiten" for an item of "Meine Termine", and for a series its dates. */
export function eventActions(entry, actions, article) {
  actions.prepend(button('Bearbeiten', () => void openEditor(entry, 'all'), `„${entry.event.title}“ bearbeiten`));
  if (entry.recurring) void seriesDates(entry, article).catch((error) => ctx.showAlert(error.message));
}
