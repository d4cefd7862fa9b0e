// The workspace (/redaktion/): sign-in by email link and the account bar. Each part is a module
// of its own: creating and editing events with <w4g-event-form> (events.js), the town's queue
// (queue.js), the association profile (profile.js), members and invitations (members.js), the
// audit log (audit.js) and the person's settings (settings.js). Texts: German and English in
// /common/workspace-i18n.js, switched by the header's button. Plain JavaScript served as it
// is, no inline code (strict CSP). The session is an HttpOnly cookie the page never sees;
// every write carries the X-CSRF-Token of GET /api/me.
// The gazette (Mitteilungsblatt) for town editors and region admins: the form's code is the
// moderation page's, shared in /common/gazette-form.js; the server limits it to their towns.

import { gazetteForm } from '/common/gazette-form.js';
import { eventActions, setupEvents } from './events.js';
import { settings } from './settings.js';
import { applyI18n, formatWall, initLanguageSwitch, t } from '/common/workspace-i18n.js';
import { createAudit } from './audit.js';
import { button } from './dom.js';
import { createMembers } from './members.js';
import { createProfile } from './profile.js';
import { createQueue } from './queue.js';

const $ = (id) => document.getElementById(id);

let me;

function announce(text) {
  $('status').textContent = text;
}

function showAlert(text) {
  $('alert').textContent = text;
}

/** A request to the server; throws with the server's German message (the page's own fallbacks in the page's language). */
async function api(path, init = {}) {
  const headers = { ...(init.body ? { 'Content-Type': 'application/json' } : {}) };
  if (init.method && init.method !== 'GET' && me) headers['X-CSRF-Token'] = me.csrfToken;
  let response;
  try {
    response = await fetch(path, { ...init, headers, cache: 'no-store', credentials: 'same-origin' });
  } catch {
    throw new Error(t('common.noServer'));
  }
  const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (response.status === 401 && path !== '/api/me') {
    showSignIn();
    throw new Error(body.error || t('signin.again'));
  }
  if (response.status === 422 || response.status === 412) return { status: response.status, body };
  if (!response.ok) throw new Error(body.error || t('common.error', { status: response.status }));
  return { status: response.status, body };
}

function showSignIn() {
  me = undefined;
  $('gazette').hidden = true;
  for (const id of ['warteschlange', 'vereinsprofil', 'mitglieder', 'protokoll']) $(id).hidden = true;
  $('workspace').hidden = true;
  $('anmelden').hidden = false;
}

function item(event, statusText, status) {
  const li = document.createElement('li');
  li.className = 'item';
  li.dataset.status = status;
  const article = document.createElement('article');
  const h = document.createElement('h3');
  h.className = 'item-title';
  h.textContent = event.title;
  const when = document.createElement('p');
  when.textContent = [formatWall(event.start), event.town, event.location && event.location.name].filter(Boolean).join(' · ');
  const st = document.createElement('p');
  st.className = 'item-status';
  st.textContent = statusText;
  article.append(h, when, st);
  li.append(article);
  return li;
}

async function run(action, done) {
  showAlert('');
  try {
    await action();
    announce(done);
    await loadAll();
  } catch (error) {
    showAlert(error.message);
  }
}

async function loadEvents() {
  const { body } = await api('/api/workspace/events');
  const list = $('events');
  list.replaceChildren();
  for (const entry of body.events) {
    const { event } = entry;
    const cancelled = event.status === 'cancelled';
    const li = item(
      event,
      t(cancelled ? 'events.statusCancelled' : 'events.statusPublished'),
      cancelled ? 'cancelled' : 'approved',
    );
    const actions = document.createElement('div');
    actions.className = 'actions';
    if (!cancelled) {
      actions.append(
        button(
          t('events.cancel'),
          () =>
            run(
              () => api(`/api/workspace/events/${encodeURIComponent(event.id)}/cancel`, { method: 'POST' }),
              t('events.cancelled'),
            ),
          { 'aria-label': t('events.cancelLabel', { title: event.title }) },
        ),
      );
    }
    actions.append(
      button(
        t('events.delete'),
        () => run(() => api(`/api/workspace/events/${encodeURIComponent(event.id)}`, { method: 'DELETE' }), t('events.deleted')),
        { 'aria-label': t('events.deleteLabel', { title: event.title }) },
      ),
    );
    li.querySelector('article').append(actions);
    eventActions(entry, actions, li.querySelector('article'));
    list.append(li);
  }
  $('events-empty').hidden = body.events.length > 0;
  const pending = $('pending');
  pending.replaceChildren(...body.pending.map((p) => item(p.event, t('events.statusPending'), 'pending')));
  $('pending-heading').hidden = body.pending.length === 0;
}

// The editorial sections (queue.js, profile.js, members.js, audit.js) get the page's request
// function and re-render themselves when the language changes.
const sections = [createQueue, createProfile, createMembers, createAudit].map((create) =>
  create({ api, run, announce, showAlert }),
);

async function loadAll() {
  await loadEvents();
  for (const section of sections) await section.load(me);
}

const gazette = gazetteForm({
  base: '/api/workspace/gazette',
  request: () => ({ credentials: 'same-origin' }),
  unauthorized: () => {
    showSignIn();
    return t('signin.again');
  },
  announce,
  showAlert,
  // A town editor's towns come checked; a region admin chooses among all (none: all towns).
  ownTowns: () => Boolean(me && !me.roles.admin),
});
gazette.init();

// Einstellungen: notices, language, export, deleting the account (settings.js).
const preferences = settings({ api, announce, showAlert, signedOut: showSignIn });

function showRoles() {
  if (!me) return [];
  const roles = [
    me.roles.admin ? t('roles.admin') : '',
    ...me.roles.towns.map((town) => t('roles.editor', { town })),
    ...me.roles.associations.map((name) => t('roles.member', { name })),
  ].filter(Boolean);
  $('roles').textContent = roles.length ? t('roles.label', { list: roles.join(', ') }) : t('roles.none');
  return roles;
}

applyI18n();
initLanguageSwitch($('lang-switch'));
// A change of language: the roles and "Meine Termine" again (the sections and the forms re-render themselves).
document.addEventListener('w4g-workspace-lang', () => {
  if ($('signin-done').textContent) $('signin-done').textContent = t('signin.sent');
  if (!showRoles().length) return;
  void loadEvents().catch((error) => showAlert(error.message));
});

async function start() {
  let state = { signedIn: false, outboxPage: false };
  try {
    state = await (await fetch('/api/auth/session', { cache: 'no-store', credentials: 'same-origin' })).json();
  } catch {
    showAlert(t('common.noServer'));
  }
  if (!state.signedIn) {
    showSignIn();
    $('outbox-hint').hidden = !state.outboxPage;
    if (location.hash === '#anmelden') $('email').focus();
    return;
  }
  let body;
  try {
    ({ body } = await api('/api/me'));
  } catch (error) {
    showSignIn();
    showAlert(error.message);
    return;
  }
  me = body;
  $('anmelden').hidden = true;
  $('workspace').hidden = false;
  $('account-email').textContent = me.account.email;
  const roles = showRoles();
  void preferences.load();
  if (!roles.length) return;
  const exports = me.roles.admin || me.roles.towns.length > 0;
  $('gazette').hidden = !exports;
  if (exports) void gazette.loadOptions();
  try {
    await setupEvents({ me: () => me, api, announce, showAlert, run, reload: loadAll });
  } catch (error) {
    showAlert(error.message);
  }
  try {
    await loadAll();
  } catch (error) {
    showAlert(error.message);
  }
}

$('signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  showAlert('');
  const email = $('email').value.trim();
  if (!email) {
    showAlert(t('signin.emailRequired'));
    $('email').focus();
    return;
  }
  try {
    // The server answers the same for every address; the page says it in its own language.
    await api('/api/auth/link', { method: 'POST', body: JSON.stringify({ email }) });
    $('signin-done').textContent = t('signin.sent');
  } catch (error) {
    showAlert(error.message);
  }
});

$('logout').addEventListener('click', () =>
  run(() => api('/api/auth/logout', { method: 'POST' }).then(showSignIn), t('account.loggedOut')),
);
$('logout-all').addEventListener('click', () =>
  run(() => api('/api/auth/logout-all', { method: 'POST' }).then(showSignIn), t('account.loggedOutAll')),
);

void start();
