/**
 * Per-person choices, the daily digest with one-click unsubscribe (RFC 8058), English mails,
 * and data protection (contact retention, export, deleting one's own account), with a real
 * SMTP server in the test process and an injected clock (no waiting on the wall clock).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { formatShortDate } from '../../src/core/index.js';
import { configFromEnv, resolveConfig } from '../../src/server/config.js';
import { runsOnOrAfter } from '../../src/server/retention.js';
import { seed } from '../../src/server/seed.js';
import { request, start, submission, type Running } from './helpers.js';
import { linkIn, recipients, startInbox, type Inbox } from './smtp.js';
import { linkFor, complete, signIn, type Session } from './workspace-helpers.js';

const ADMIN = 'admin@example.org';
const EDITOR = 'redaktion-arnstein@example.org';
const SEELAND = 'redaktion-seeland@example.org';
const MEMBER = 'heimat@example.org';

const LIMITS = { accounts: { linkPerAddress: { max: 1000 }, linkPerClient: { max: 1000 } } };

function header(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines
    .find((h) => h.key === name.toLowerCase())
    ?.line.replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n\s+/g, '');
}

function to(address: string): (m: ParsedMail) => boolean {
  return (m) => recipients(m).includes(address);
}

/** A submission for `day` (YYYY-MM-DD) from 14:00 to 16:00. */
function on(day: string, title: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return submission({ title, start: `${day}T14:00`, end: `${day}T16:00`, town: 'Arnstein', ...overrides });
}

describe('daily digest and one-click unsubscribe', () => {
  let inbox: Inbox;
  let s: Running;
  let second: Running;
  let clock = Date.parse('2026-12-01T06:30:00Z'); // 07:30 in Berlin
  let editor: Session;

  before(async () => {
    inbox = await startInbox();
    const now = () => new Date(clock);
    s = await start({ smtpUrl: inbox.url, now, config: LIMITS });
    // A second instance on the same database (the digest must go out once, not twice).
    second = await start({ smtpUrl: inbox.url, now, config: LIMITS, dir: s.dir });
    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount(EDITOR), 'editor', 'Arnstein');
    await accounts.grant(await accounts.ensureAccount(SEELAND), 'editor', 'Seeland');
    editor = await signIn(s.url, inbox, EDITOR);
  });
  after(async () => {
    await second.stop();
    await s.stop();
    await inbox.close();
  });

  test('an editor chooses the daily digest and English (CSRF-protected); a member cannot choose notices', async () => {
    const before = await editor.call('/api/me/preferences');
    assert.equal(before.status, 200);
    assert.deepEqual(before.json, { submissionNotices: 'instant', locale: 'de', receivesNotices: true });
    const noCsrf = await editor.call('/api/me/preferences', {
      method: 'PUT',
      body: { submissionNotices: 'digest' },
      headers: { 'X-CSRF-Token': 'x' },
    });
    assert.equal(noCsrf.status, 403);
    assert.match(noCsrf.json.error, /Sicherheitsmerkmal/);
    const bad = await editor.call('/api/me/preferences', { method: 'PUT', body: { submissionNotices: 'weekly' } });
    assert.equal(bad.status, 400);
    assert.equal(typeof bad.json.error, 'string');
    const saved = await editor.call('/api/me/preferences', {
      method: 'PUT',
      body: { submissionNotices: 'digest', locale: 'en' },
    });
    assert.equal(saved.status, 200, saved.text);
    assert.deepEqual(saved.json, { submissionNotices: 'digest', locale: 'en', receivesNotices: true });
    assert.equal((await editor.call('/api/me')).json.account.locale, 'en');

    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount(MEMBER), 'member', 'heimatverein-arnstein');
    const member = await signIn(s.url, inbox, MEMBER);
    const refused = await member.call('/api/me/preferences', { method: 'PUT', body: { submissionNotices: 'digest' } });
    assert.equal(refused.status, 403);
    assert.match(refused.json.error, /Redaktion/);
    const language = await member.call('/api/me/preferences', { method: 'PUT', body: { locale: 'en' } });
    assert.equal(language.status, 200);
  });

  test('nothing new: the day is claimed but nobody gets a mail', async () => {
    const before = inbox.messages.length;
    const run = await s.server.jobs.runDigest();
    assert.deepEqual(run, { day: '2026-12-01', sent: 0 });
    assert.equal(await s.server.jobs.runDigest(), undefined, 'the day is done');
    assert.equal(inbox.messages.length, before);
  });

  test("the next day's digest lists the day's submissions for the editor's towns, once, in English, with RFC 8058 headers", async () => {
    clock = Date.parse('2026-12-01T09:00:00Z');
    const titles = ['Lampionumzug', 'Adventsmarkt am Burgberg'];
    for (const title of titles) {
      const sent = await request(`${s.url}/api/submissions`, { method: 'POST', body: on('2026-12-12', title) });
      assert.equal(sent.status, 202, sent.text);
    }
    const seeland = await request(`${s.url}/api/submissions`, {
      method: 'POST',
      body: on('2026-12-13', 'Seefest', { town: 'Seeland' }),
    });
    assert.equal(seeland.status, 202);
    // The Seeland editor chose nothing: told at once. The Arnstein editor is not (digest).
    const instant = await inbox.next(SEELAND, (m) => (m.subject ?? '').includes('Seefest'));
    assert.equal(instant.subject, 'Neuer Termin wartet für Seeland: Seefest');
    await s.server.mailer.idle();

    clock = Date.parse('2026-12-02T06:15:00Z');
    // Both instances at once: exactly one claims the day.
    const runs = await Promise.all([s.server.jobs.runDigest(), second.server.jobs.runDigest(), s.server.jobs.runDigest()]);
    const done = runs.filter((r) => r !== undefined);
    assert.equal(done.length, 1, JSON.stringify(runs));
    assert.deepEqual(done[0], { day: '2026-12-02', sent: 1 });

    const toEditor = inbox.messages.filter(to(EDITOR)).filter((m) => !(m.subject ?? '').includes('sign-in'));
    const digests = toEditor.filter((m) => (m.subject ?? '').startsWith('New events'));
    assert.equal(digests.length, 1, 'one digest');
    assert.ok(!toEditor.some((m) => (m.subject ?? '').includes('waiting for Arnstein:')), 'no single notices');
    const digest = digests[0]!;
    assert.equal(digest.subject, `New events of ${formatShortDate('2026-12-02', 'en')}: 2 waiting for moderation`);
    for (const title of titles) {
      assert.ok(digest.text?.includes(title), title);
      assert.ok(String(digest.html).includes(title), title);
    }
    assert.ok(!digest.text?.includes('Seefest'), "not another town's");
    assert.match(digest.text ?? '', /Hello,/);
    assert.match(String(digest.html), /<html lang="en">/);
    const unsubscribe = header(digest, 'List-Unsubscribe');
    assert.match(unsubscribe ?? '', /^<http:\/\/[^>]+\/redaktion\/abbestellen\?token=[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}>$/);
    // The server's own origin (here each instance has its own; in production both have publicUrl).
    assert.ok([s.server.origin(), second.server.origin()].includes(new URL(unsubscribe!.slice(1, -1)).origin));
    assert.equal(header(digest, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    assert.ok(digest.text?.includes(unsubscribe!.slice(1, -1)), 'the link is in the text too');
    const run = await s.server.jobs.preferences.digestRun('2026-12-02');
    assert.equal(run?.sent, 1);
  });

  test('GET of the unsubscribe link changes nothing; the one-click POST (no session) unsubscribes', async () => {
    const digest = inbox.messages.filter(to(EDITOR)).find((m) => (m.subject ?? '').startsWith('New events'))!;
    const url = header(digest, 'List-Unsubscribe')!.slice(1, -1);
    const id = (await s.server.store.accounts.accountByEmail(EDITOR))!.id;

    const page = await request(url);
    assert.equal(page.status, 200);
    assert.match(page.text, /<html lang="de">/);
    assert.match(page.text, /<button type="submit">Abbestellen<\/button>/);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(
      (await s.server.jobs.preferences.get(id)).submissionNotices,
      'digest',
      'a GET (mail scanner) does not unsubscribe',
    );

    const forged = await request(url.replace(/\.[A-Za-z0-9_-]{43}$/, `.${'A'.repeat(43)}`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(forged.status, 400);
    assert.match(forged.text, /ungültig/);
    assert.equal((await s.server.jobs.preferences.get(id)).submissionNotices, 'digest');

    // As a mail provider posts it: no cookie, no Origin, multipart/form-data (RFC 8058 3.1).
    const boundary = 'w4gboundary';
    const done = await request(url, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    assert.equal(done.status, 200, done.text);
    assert.match(done.text, /nicht mehr/);
    assert.equal((await s.server.jobs.preferences.get(id)).submissionNotices, 'off');
    // Again (the browser form posts urlencoded): still fine.
    const again = await request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(again.status, 200);

    // The next day's news reach the editor neither as a digest nor at once.
    clock = Date.parse('2026-12-02T09:00:00Z');
    const before = inbox.messages.filter(to(EDITOR)).length;
    const sent = await request(`${s.url}/api/submissions`, { method: 'POST', body: on('2026-12-14', 'Krippenspiel') });
    assert.equal(sent.status, 202);
    await s.server.mailer.idle();
    clock = Date.parse('2026-12-03T07:00:00Z');
    assert.deepEqual(await s.server.jobs.runDigest(), { day: '2026-12-03', sent: 0 });
    assert.equal(inbox.messages.filter(to(EDITOR)).length, before);
  });
});

describe('English mails', () => {
  let inbox: Inbox;
  let s: Running;
  before(async () => {
    inbox = await startInbox();
    s = await start({ smtpUrl: inbox.url, adminEmail: ADMIN, config: LIMITS });
    await seed(s.server.store, new Date());
    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount(EDITOR), 'editor', 'Arnstein');
    await accounts.grant(await accounts.ensureAccount(MEMBER), 'member', 'heimatverein-arnstein');
  });
  after(async () => {
    await s.stop();
    await inbox.close();
  });

  test('an English account gets English mails (text and HTML): sign-in, invitation, queue, approval, rejection, changes by the editors', async () => {
    // German first: the sign-in link of a new account.
    const member = await signIn(s.url, inbox, MEMBER);
    assert.equal((await member.call('/api/me/preferences', { method: 'PUT', body: { locale: 'en' } })).status, 200);
    const editor = await signIn(s.url, inbox, EDITOR);
    assert.equal((await editor.call('/api/me/preferences', { method: 'PUT', body: { locale: 'en' } })).status, 200);

    const link = await linkFor(s.url, inbox, MEMBER);
    const signInMail = inbox.messages.filter(to(MEMBER)).at(-1)!;
    assert.equal(signInMail.subject, 'Your sign-in link for the regional calendar');
    assert.match(signInMail.text ?? '', /^Hello,\n\nopen this link/);
    assert.match(signInMail.text ?? '', /This message was sent automatically\./);
    assert.match(String(signInMail.html), /<html lang="en">/);
    assert.match(String(signInMail.html), /<a href="http:\/\/[^"]+\/redaktion\/anmelden\?token=/);
    assert.equal(header(signInMail, 'Content-Language'), 'en');
    await complete(s.url, link);

    // An invitation to an address with an English account.
    const admin = await signIn(s.url, inbox, ADMIN);
    const invited = await admin.call('/api/workspace/invitations', {
      method: 'POST',
      body: { email: MEMBER, role: 'editor', scope: 'Seeland' },
    });
    assert.equal(invited.status, 202, invited.text);
    const invitation = await inbox.next(MEMBER, (m) => (m.subject ?? '').includes('nvitation'));
    assert.equal(invitation.subject, "Invitation to the regional calendar's workspace: editor for Seeland");
    assert.match(String(invitation.html), /lang="en"/);
    // …and to a new address: German.
    await admin.call('/api/workspace/invitations', {
      method: 'POST',
      body: { email: 'neu@example.org', role: 'editor', scope: 'Seeland' },
    });
    const german = await inbox.next('neu@example.org');
    assert.equal(german.subject, 'Einladung in die Redaktion des Regionalkalenders: Redaktion Seeland');

    // The member's event waits (untrusted association); the English editor is told in English.
    const day = new Date(Date.now() + 12 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    const event = { title: 'Burgführung', start: `${day}T14:00`, town: 'Arnstein', organizerId: 'heimatverein-arnstein' };
    const created = await member.call('/api/workspace/events', { method: 'POST', body: { event } });
    assert.equal(created.status, 202, created.text);
    const queued = await inbox.next(EDITOR, (m) => (m.subject ?? '').includes('Burgführung'));
    assert.equal(queued.subject, 'New event waiting for Arnstein: Burgführung');
    assert.match(String(queued.html), /lang="en"/);

    const approved = await editor.call(`/api/workspace/queue/${created.json.id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200);
    const published = await inbox.next(MEMBER, (m) => (m.subject ?? '').startsWith('Published'));
    assert.equal(published.subject, 'Published: Burgführung');
    assert.match(published.text ?? '', /has been published/);
    assert.match(String(published.html), /<html lang="en">[\s\S]*has been published/);

    // The admin changes and cancels the association's event: the member hears in English.
    const cancelled = await admin.call(`/api/workspace/events/${created.json.id}/cancel`, { method: 'POST' });
    assert.equal(cancelled.status, 200, cancelled.text);
    const note = await inbox.next(MEMBER, (m) => (m.subject ?? '').startsWith('The editors'));
    assert.equal(note.subject, 'The editors marked as cancelled your event: Burgführung');
    assert.match(String(note.html), /lang="en"/);

    // A rejection with the editor's reason, in English.
    const second = await member.call('/api/workspace/events', {
      method: 'POST',
      body: { event: { ...event, title: 'Nachtwanderung' } },
    });
    const rejected = await editor.call(`/api/workspace/queue/${second.json.id}/reject`, {
      method: 'POST',
      body: { reason: 'Date & place are missing <b>' },
    });
    assert.equal(rejected.status, 200);
    const refusal = await inbox.next(MEMBER, (m) => (m.subject ?? '').startsWith('Not published'));
    assert.equal(refusal.subject, 'Not published: Nachtwanderung');
    assert.match(refusal.text ?? '', /Reason: Date & place are missing <b>/);
    assert.match(String(refusal.html), /Reason: Date &#38; place are missing &#60;b&#62;/);
  });

  test('an anonymous submission sent in English gets English mails; without a language, German', async () => {
    const english = await request(`${s.url}/api/submissions`, {
      method: 'POST',
      body: submission({ title: 'Carol singing', lang: 'en', contact: { name: 'Jane Doe', email: 'jane@example.org' } }),
    });
    assert.equal(english.status, 202, english.text);
    const receipt = await inbox.next('jane@example.org');
    assert.equal(receipt.subject, 'Your event has been received: Carol singing');
    assert.match(String(receipt.html), /lang="en"/);
    assert.equal((await s.server.store.submission(english.json.id))?.meta['lang'], 'en');
    const approved = await request(`${s.url}/api/admin/submissions/${english.json.id}/approve`, {
      method: 'POST',
      headers: { Authorization: 'Bearer test-admin-token-0123456789abcdef' },
    });
    assert.equal(approved.status, 200, approved.text);
    const published = await inbox.next('jane@example.org');
    assert.equal(published.subject, 'Published: Carol singing');

    const german = await request(`${s.url}/api/submissions`, {
      method: 'POST',
      body: submission({ title: 'Weihnachtssingen', contact: { name: 'Erika Muster', email: 'erika@example.org' } }),
    });
    assert.equal(german.status, 202);
    const deReceipt = await inbox.next('erika@example.org');
    assert.equal(deReceipt.subject, 'Ihr Termin ist eingegangen: Weihnachtssingen');
    assert.match(String(deReceipt.html), /<html lang="de">/);
  });

  test("an editor changes waiting entries: the anonymous submitter is told in the form's language, pointed to the private link", async () => {
    const editor = await signIn(s.url, inbox, EDITOR);
    const day = new Date(Date.now() + 15 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    for (const [lang, email, titleText] of [
      ['en', 'john@example.org', 'Nativity play'],
      [undefined, 'otto@example.org', 'Krippenspiel'],
    ] as const) {
      const sent = await request(`${s.url}/api/submissions`, {
        method: 'POST',
        body: on(day, titleText, { contact: { name: 'X Y', email }, ...(lang ? { lang } : {}) }),
      });
      assert.equal(sent.status, 202, sent.text);
      await inbox.next(email); // the receipt
      const edited = await editor.call(`/api/workspace/queue/${sent.json.id}`, {
        method: 'PUT',
        body: { event: { title: `${titleText} (Kirche)`, start: `${day}T15:00`, town: 'Arnstein' } },
      });
      assert.equal(edited.status, 200, edited.text);
      const note = await inbox.next(email);
      if (lang === 'en') {
        assert.equal(note.subject, `The editors changed your event: ${titleText} (Kirche)`);
        assert.match(note.text ?? '', /The private link in your receipt shows the current version\./);
        assert.match(String(note.html), /<html lang="en">/);
      } else {
        assert.equal(note.subject, `Die Redaktion hat Ihren Termin geändert: ${titleText} (Kirche)`);
        assert.match(note.text ?? '', /persönlichen Link aus Ihrer Eingangsbestätigung/);
        assert.match(String(note.html), /<html lang="de">/);
      }
    }
  });
});

describe('data protection', () => {
  let inbox: Inbox;
  let s: Running;
  let clock = Date.parse('2026-11-01T09:00:00Z');
  before(async () => {
    inbox = await startInbox();
    s = await start({ smtpUrl: inbox.url, adminEmail: ADMIN, now: () => new Date(clock), config: LIMITS });
    await seed(s.server.store, new Date(clock));
    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount(MEMBER), 'member', 'heimatverein-arnstein');
  });
  after(async () => {
    await s.stop();
    await inbox.close();
  });

  test('the contact of an event that ended 31 days ago is deleted, of one that ended 29 days ago kept, of an endless series kept', async () => {
    const post = async (body: Record<string, unknown>): Promise<{ id: string; token: string }> => {
      const sent = await request(`${s.url}/api/submissions`, { method: 'POST', body });
      assert.equal(sent.status, 202, sent.text);
      const email = (body['contact'] as { email: string }).email;
      const receipt = await inbox.next(email);
      return { id: sent.json.id as string, token: new URL(linkIn(receipt, '/redaktion/eintrag.html#')).hash.slice(1) };
    };
    const old = await post(on('2026-11-05', 'Martinsmarkt', { contact: { name: 'Anna Alt', email: 'anna@example.org' } }));
    const recent = await post(on('2026-11-07', 'Laternenfest', { contact: { name: 'Bert Bald', email: 'bert@example.org' } }));
    const weekly = await post(
      on('2026-11-03', 'Chorprobe', { rrule: 'FREQ=WEEKLY', contact: { name: 'Carla Chor', email: 'carla@example.org' } }),
    );
    const ended = await post(
      on('2026-11-02', 'Lesekreis', {
        rrule: 'FREQ=WEEKLY;COUNT=2',
        contact: { name: 'Dora Dauer', email: 'dora@example.org' },
      }),
    );

    // 6 December: Martinsmarkt (5 Nov) ended 31 days ago, Laternenfest (7 Nov) 29 days ago;
    // the Lesekreis' last date (9 Nov) 27 days ago.
    clock = Date.parse('2026-12-06T10:00:00Z');
    const first = await s.server.jobs.runRetention();
    assert.equal(first.submissions, 1);
    const contact = async (id: string) => (await s.server.store.submission(id))!.contact;
    assert.deepEqual(await contact(old.id), { name: '', email: '' });
    assert.deepEqual(await contact(recent.id), { name: 'Bert Bald', email: 'bert@example.org' });
    assert.deepEqual(await contact(weekly.id), { name: 'Carla Chor', email: 'carla@example.org' });
    assert.deepEqual(await contact(ended.id), { name: 'Dora Dauer', email: 'dora@example.org' });
    // The private link went with the contact; the other still works.
    assert.equal((await request(`${s.url}/api/own/submission`, { method: 'POST', body: { token: old.token } })).status, 404);
    assert.equal((await request(`${s.url}/api/own/submission`, { method: 'POST', body: { token: recent.token } })).status, 200);
    // Nothing in the database still holds the deleted address.
    const rows = await s.server.store.db
      .selectFrom('submissions')
      .select(['contact', 'contact_deleted_at'])
      .where('id', '=', old.id)
      .execute();
    assert.ok(!rows[0]!.contact.includes('anna'));
    assert.equal(rows[0]!.contact_deleted_at, '2026-12-06T10:00:00.000Z');

    // Two days later both single events are past 30 days, and the Lesekreis too; the series goes on.
    clock = Date.parse('2026-12-10T10:00:00Z');
    assert.equal((await s.server.jobs.runRetention()).submissions, 2);
    assert.deepEqual(await contact(recent.id), { name: '', email: '' });
    assert.deepEqual(await contact(ended.id), { name: '', email: '' });
    assert.deepEqual(await contact(weekly.id), { name: 'Carla Chor', email: 'carla@example.org' });
    assert.equal((await s.server.jobs.runRetention()).submissions, 0, 'idempotent');
  });

  test('export returns the account, roles, memberships, preferences and own submissions', async () => {
    clock = Date.parse('2026-12-10T11:00:00Z');
    const member = await signIn(s.url, inbox, MEMBER);
    const event = { title: 'Heimatabend', start: '2026-12-20T19:00', town: 'Arnstein', organizerId: 'heimatverein-arnstein' };
    const created = await member.call('/api/workspace/events', { method: 'POST', body: { event } });
    assert.equal(created.status, 202, created.text);
    await member.call('/api/me/preferences', { method: 'PUT', body: { locale: 'en' } });

    const exported = await member.call('/api/me/export');
    assert.equal(exported.status, 200);
    assert.match(
      String(exported.headers['content-disposition']),
      /^attachment; filename="regionalkalender-meine-daten-2026-12-10\.json"$/,
    );
    assert.equal(exported.headers['cache-control'], 'no-store');
    const data = exported.json;
    assert.equal(data.account.email, MEMBER);
    assert.deepEqual(
      data.roles.map((r: { role: string; scope: string }) => `${r.role}:${r.scope}`),
      ['member:heimatverein-arnstein'],
    );
    assert.deepEqual(data.memberships, ['heimatverein-arnstein']);
    assert.deepEqual(data.preferences, { submissionNotices: 'instant', locale: 'en' });
    assert.equal(data.submissions.length, 1);
    assert.equal(data.submissions[0].event.title, 'Heimatabend');
    assert.equal(data.submissions[0].status, 'pending');
    assert.ok(data.sessions.length >= 1);
    // Someone else's data is not in it.
    assert.ok(!exported.text.includes(ADMIN));
    assert.equal((await request(`${s.url}/api/me/export`)).status, 401);
  });

  test('deleting one’s own account needs CSRF, ends every session, keeps the events; the last admin gets 409', async () => {
    const member = await signIn(s.url, inbox, MEMBER);
    const elsewhere = await signIn(s.url, inbox, MEMBER);
    const id = (await s.server.store.accounts.accountByEmail(MEMBER))!.id;
    const before = await member.call('/api/workspace/events');
    const submissionId = before.json.pending[0].id as string;

    const noCsrf = await member.call('/api/me', { method: 'DELETE', headers: { 'X-CSRF-Token': 'nope' } });
    assert.equal(noCsrf.status, 403);
    const deleted = await member.call('/api/me', { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.match(String(deleted.headers['set-cookie']), /Max-Age=0/);
    assert.equal((await member.call('/api/me')).status, 401);
    assert.equal((await elsewhere.call('/api/me')).status, 401, 'every session ended');
    assert.equal(await s.server.store.accounts.accountByEmail(MEMBER), undefined);
    assert.equal(await s.server.store.accounts.sessionCount(id), 0);
    // The entry stays, with its association, without the person's name and address.
    const kept = await s.server.store.submission(submissionId);
    assert.equal(kept?.event['organizerId'], 'heimatverein-arnstein');
    assert.deepEqual(kept?.contact, { name: '', email: '' });
    // The audit log keeps the deletion and the earlier changes, not the person's address.
    const log = await s.server.store.db.selectFrom('audit_log').selectAll().execute();
    assert.ok(
      log.some((e) => e.action === 'account.preferences'),
      'the changed preferences were logged',
    );
    assert.ok(log.some((e) => e.action === 'account.delete' && e.subject_id === id && e.actor === 'Gelöschter Zugang'));
    for (const e of log) assert.ok(!JSON.stringify(e).includes(MEMBER), `no trace of the address in ${e.action}`);

    const admin = await signIn(s.url, inbox, ADMIN);
    const last = await admin.call('/api/me', { method: 'DELETE' });
    assert.equal(last.status, 409);
    assert.match(last.json.error, /letzte verantwortliche Person der Region/);
    assert.equal((await admin.call('/api/me')).status, 200, 'still signed in');
    const me = (await admin.call('/api/me')).json.account.id as string;
    const byId = await admin.call(`/api/workspace/accounts/${me}`, { method: 'DELETE' });
    assert.equal(byId.status, 409, 'not by the admin route either');
    assert.match(byId.json.error, /letzte verantwortliche Person/);
    // With a second admin, the first may go.
    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount('zweite@example.org'), 'admin', '');
    assert.equal((await admin.call('/api/me', { method: 'DELETE' })).status, 204);
  });
});

describe('retention: when an event has ended', () => {
  const zone = 'Europe/Berlin';
  test('single, all-day (exclusive end), multi-day, and series with UNTIL, COUNT or no end', () => {
    const allDay = { id: 'a', title: 'Markt', start: '2026-11-05', end: '2026-11-06' };
    assert.equal(runsOnOrAfter(allDay, '2026-11-05', zone), true);
    assert.equal(runsOnOrAfter(allDay, '2026-11-06', zone), false, 'the exclusive end is not a day of the event');
    const days = { id: 'b', title: 'Festwoche', start: '2026-11-01T10:00', end: '2026-11-05T20:00' };
    assert.equal(runsOnOrAfter(days, '2026-11-05', zone), true, 'its last day counts');
    assert.equal(runsOnOrAfter(days, '2026-11-06', zone), false);
    const late = { id: 'c', title: 'Silvester', start: '2026-12-31T22:00', end: '2027-01-01T02:00' };
    assert.equal(runsOnOrAfter(late, '2027-01-01', zone), true, 'past midnight in Berlin');
    const until = { id: 'd', title: 'Kurs', start: '2026-10-01T18:00', rrule: 'FREQ=WEEKLY;UNTIL=20261029T170000Z' };
    assert.equal(runsOnOrAfter(until, '2026-10-29', zone), true);
    assert.equal(runsOnOrAfter(until, '2026-10-30', zone), false);
    const count = { id: 'e', title: 'Kurs', start: '2026-10-01T18:00', rrule: 'FREQ=DAILY;COUNT=3' };
    assert.equal(runsOnOrAfter(count, '2026-10-03', zone), true);
    assert.equal(runsOnOrAfter(count, '2026-10-04', zone), false);
    const endless = { id: 'f', title: 'Stammtisch', start: '2020-01-07T19:00', rrule: 'FREQ=MONTHLY;BYDAY=1TU' };
    assert.equal(runsOnOrAfter(endless, '2030-01-01', zone), true);
  });

  test('the retention time and the digest hour are checked settings (file and environment)', () => {
    assert.equal(resolveConfig({}).privacy.contactRetentionDays, 30);
    assert.equal(resolveConfig({}).mail.digestHour, 7);
    const env = configFromEnv({ W4G_CONTACT_RETENTION_DAYS: '90', W4G_DIGEST_HOUR: '18' });
    const config = resolveConfig(env);
    assert.equal(config.privacy.contactRetentionDays, 90);
    assert.equal(config.mail.digestHour, 18);
    assert.throws(() => resolveConfig({ privacy: { contactRetentionDays: 0 } }), /contactRetentionDays/);
    assert.throws(() => resolveConfig({ privacy: { contactRetentionDays: 1.5 } }), /contactRetentionDays/);
    assert.throws(() => resolveConfig({ mail: { digestHour: 24 } }), /digestHour/);
  });
});
