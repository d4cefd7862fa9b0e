// The moderation page: lists submissions and approves, rejects or edits them through the
// token-protected API, and makes the calendar for the printed gazette (Mitteilungsblatt). Plain JavaScript served as it is (no build step), no inline code, so
// it runs under the page's strict Content-Security-Policy. The token is kept in
// sessionStorage only: it is gone when the tab is closed.

import { gazetteForm } from '/common/gazette-form.js';

const TOKEN_KEY = 'w4g-admin-token';
const API = '/api/admin/submissions';

/** The fields the edit form offers: [field path, label, input type]. */
const EDIT_FIELDS = [
  ['title', 'Titel', 'text'],
  ['start', 'Beginn (JJJJ-MM-TT oder JJJJ-MM-TTTHH:MM)', 'text'],
  ['end', 'Ende (leer lassen, wenn unbekannt)', 'text'],
  ['rrule', 'Wiederholung (RRULE, z. B. FREQ=WEEKLY;BYDAY=SU)', 'text'],
  ['town', 'Ort', 'text'],
  ['location.name', 'Veranstaltungsort', 'text'],
  ['location.address', 'Adresse', 'text'],
  ['organizer', 'Veranstalter', 'text'],
  ['categories', 'Kategorien (durch Komma getrennt)', 'text'],
  ['price', 'Preis', 'text'],
  ['url', 'Webseite', 'url'],
  ['description', 'Beschreibung', 'textarea'],
];

const STATUS_TEXT = { pending: 'Zu prüfen', approved: 'Freigegeben', rejected: 'Abgelehnt' };

const $ = (id) => document.getElementById(id);

function announce(text) {
  $('status').textContent = text;
}

function showAlert(text) {
  $('alert').textContent = text;
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** A request to the admin API; a 401 forgets the token and shows the login again. */
async function api(path, init = {}) {
  const headers = { Authorization: `Bearer ${token()}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) };
  let response;
  try {
    response = await fetch(path, { ...init, headers, cache: 'no-store', credentials: 'omit' });
  } catch {
    throw new Error('Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.');
  }
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin();
    throw new Error('Der Schlüssel ist falsch oder abgelaufen. Bitte melden Sie sich erneut an.');
  }
  if (response.status === 422) return { status: 422, body };
  if (!response.ok) throw new Error(body.error || `Fehler ${response.status}`);
  return { status: response.status, body };
}

/** "2026-12-12T19:30" -> "12.12.2026, 19:30 Uhr"; "2026-12-12" -> "12.12.2026". */
function formatWhen(value) {
  if (typeof value !== 'string') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?(.*)$/.exec(value);
  if (!m) return value;
  const date = `${m[3]}.${m[2]}.${m[1]}`;
  return m[4] ? `${date}, ${m[4]}:${m[5]} Uhr${m[6] ? ` (${m[6].replace(/^:\d{2}(\.\d+)?/, '')})` : ''}` : date;
}

function get(object, path) {
  return path.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object);
}

function addFact(list, term, value) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return;
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  if (value instanceof Node) dd.append(value);
  else dd.textContent = Array.isArray(value) ? value.join(', ') : String(value);
  list.append(dt, dd);
}

/**
 * A mailto URL with exactly one recipient: both halves of the address percent-encoded, so
 * that `?`, `&`, `%` or `#` in a stored address can never add cc, subject or body (RFC 6068).
 */
function mailtoHref(email) {
  const text = String(email);
  const at = text.lastIndexOf('@');
  if (at <= 0) return `mailto:${encodeURIComponent(text)}`;
  return `mailto:${encodeURIComponent(text.slice(0, at))}@${encodeURIComponent(text.slice(at + 1))}`;
}

function mailLink(contact) {
  const span = document.createElement('span');
  span.append(`${contact.name} `);
  const a = document.createElement('a');
  a.href = mailtoHref(contact.email);
  a.textContent = `<${contact.email}>`;
  span.append(a);
  return span;
}

function renderItem(submission) {
  const fragment = $('item-template').content.cloneNode(true);
  const item = fragment.querySelector('.item');
  const { event } = submission;
  item.dataset.id = submission.id;
  item.dataset.status = submission.status;
  item.querySelector('.item-title').textContent = event.title;
  item.querySelector('.item-status').textContent = STATUS_TEXT[submission.status] ?? submission.status;
  const facts = item.querySelector('.facts');
  addFact(facts, 'Beginn', formatWhen(event.start));
  addFact(facts, 'Ende', formatWhen(event.end));
  addFact(facts, 'Wiederholung', event.rrule);
  addFact(facts, 'Ort', [event.town, get(event, 'location.name'), get(event, 'location.address')].filter(Boolean).join(' · '));
  addFact(facts, 'Veranstalter', event.organizer || event.organizerId);
  addFact(facts, 'Kategorien', event.categories);
  addFact(facts, 'Preis', event.free ? 'Eintritt frei' : event.price);
  addFact(facts, 'Webseite', event.url);
  addFact(facts, 'Beschreibung', event.description);
  addFact(facts, 'Eingesandt von (nicht öffentlich)', mailLink(submission.contact));
  addFact(facts, 'Eingegangen', new Date(submission.createdAt).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' }));
  item.querySelector('[data-action="approve"]').hidden = submission.status === 'approved';
  item.querySelector('[data-action="reject"]').hidden = submission.status === 'rejected';
  item.querySelector('.actions').addEventListener('click', (e) => onAction(e, submission, item));
  const form = item.querySelector('form.edit');
  form.addEventListener('submit', (e) => onSave(e, submission, form));
  form.querySelector('[data-action="cancel"]').addEventListener('click', () => {
    form.hidden = true;
    item.querySelector('[data-action="edit"]').focus();
  });
  return fragment;
}

function buildEditFields(form, submission) {
  const container = form.querySelector('.fields');
  container.replaceChildren();
  for (const [path, label, type] of EDIT_FIELDS) {
    const id = `f-${submission.id}-${path.replace('.', '-')}`;
    const labelEl = document.createElement('label');
    labelEl.htmlFor = id;
    labelEl.textContent = label;
    const input = document.createElement(type === 'textarea' ? 'textarea' : 'input');
    if (type !== 'textarea') input.type = type;
    input.id = id;
    input.name = path;
    const value = get(submission.event, path);
    input.value = Array.isArray(value) ? value.join(', ') : (value ?? '');
    const error = document.createElement('p');
    error.id = `${id}-error`;
    error.className = 'field-error';
    error.hidden = true;
    container.append(labelEl, input, error);
  }
}

/** The edited event: the stored one with the form's values (empty fields removed). */
function eventFromForm(form, original) {
  const event = structuredClone(original);
  for (const [path] of EDIT_FIELDS) {
    const raw = form.elements.namedItem(path).value.trim();
    const value =
      path === 'categories'
        ? raw
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean)
        : raw;
    const keys = path.split('.');
    let target = event;
    for (const key of keys.slice(0, -1)) target = target[key] ??= {};
    const last = keys[keys.length - 1];
    if (value === '' || (Array.isArray(value) && !value.length)) delete target[last];
    else target[last] = value;
  }
  if (event.location && !Object.keys(event.location).length) delete event.location;
  return event;
}

function showFieldErrors(form, errors) {
  let first;
  for (const input of form.querySelectorAll('input, textarea')) {
    const message = errors[`event.${input.name}`];
    const error = $(`${input.id}-error`);
    error.hidden = !message;
    error.textContent = message ?? '';
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
      first ??= input;
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }
  const other = Object.entries(errors).filter(([key]) => !form.elements.namedItem(key.replace(/^event\./, '')));
  if (other.length) showAlert(other.map(([key, message]) => `${key}: ${message}`).join(' '));
  first?.focus();
}

async function onAction(e, submission, item) {
  const button = e.target.closest('button[data-action]');
  if (!button || button.closest('form')) return;
  const action = button.dataset.action;
  if (action === 'edit') {
    const form = item.querySelector('form.edit');
    buildEditFields(form, submission);
    form.hidden = false;
    form.querySelector('input').focus();
    return;
  }
  button.disabled = true;
  try {
    await api(`${API}/${encodeURIComponent(submission.id)}/${action}`, { method: 'POST' });
    await load(`„${submission.event.title}“ wurde ${action === 'approve' ? 'freigegeben' : 'abgelehnt'}.`);
  } catch (error) {
    showAlert(error.message);
    button.disabled = false;
  }
}

async function onSave(e, submission, form) {
  e.preventDefault();
  showAlert('');
  try {
    const { status, body } = await api(`${API}/${encodeURIComponent(submission.id)}`, {
      method: 'PUT',
      body: JSON.stringify({ event: eventFromForm(form, submission.event) }),
    });
    if (status === 422) {
      showFieldErrors(form, body.errors ?? {});
      return;
    }
    await load('Änderungen gespeichert.');
  } catch (error) {
    showAlert(error.message);
  }
}

/** Shows the list; `done` is announced first (the result of an action). */
async function load(done = '') {
  const status = $('status-filter').value;
  try {
    const { body } = await api(`${API}?status=${encodeURIComponent(status)}&limit=200`);
    const list = $('list');
    list.replaceChildren(...body.submissions.map(renderItem));
    $('empty').hidden = body.submissions.length > 0;
    announce(`${done} ${body.total} Einsendung${body.total === 1 ? '' : 'en'} in dieser Ansicht.`.trim());
  } catch (error) {
    showAlert(error.message);
  }
}

// --- Mitteilungsblatt (the form's code is shared with the workspace: /common/gazette-form.js) ---

const gazette = gazetteForm({
  base: '/api/admin/gazette',
  request: () => ({ headers: { Authorization: `Bearer ${token()}` }, credentials: 'omit' }),
  unauthorized: () => {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin();
    return 'Der Schlüssel ist falsch oder abgelaufen. Bitte melden Sie sich erneut an.';
  },
  announce,
  showAlert,
});

function showLogin() {
  $('areas').hidden = true;
  $('gazette').hidden = true;
  $('queue').hidden = true;
  $('login').hidden = false;
  $('token').focus();
}

async function showQueue() {
  $('login').hidden = true;
  $('queue').hidden = false;
  $('gazette').hidden = false;
  $('areas').hidden = false;
  showAlert('');
  await Promise.all([load(), gazette.loadOptions()]);
}

function init() {
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $('token').value.trim();
    if (!value) {
      showAlert('Bitte geben Sie den Moderations-Schlüssel ein.');
      $('token').focus();
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, value);
    $('token').value = '';
    void showQueue();
  });
  $('logout').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    $('list').replaceChildren();
    announce('Abgemeldet.');
    showLogin();
  });
  $('reload').addEventListener('click', () => void load());
  gazette.init();
  $('status-filter').addEventListener('change', () => void load());
  if (token()) void showQueue();
  else showLogin();
}

init();
