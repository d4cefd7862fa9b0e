/**
 * Roles and permissions in the workspace API, with notifications read from a real SMTP server:
 * a region admin, the editors of Arnstein, members of the Heimatverein Arnstein (trusted or
 * not) and of the Landfrauen; the anonymous submitter with their private link.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seed } from '../../src/server/seed.js';
import { dayFromNow, request, start, submission, admin, type Running } from './helpers.js';
import { linkIn, startInbox, type Inbox } from './smtp.js';
import { complete, signIn, type Session } from './workspace-helpers.js';

const ADMIN = 'admin@example.org';
const EDITOR = 'redaktion-arnstein@example.org';
const MEMBER = 'heimat@example.org';
const OTHER_MEMBER = 'landfrau@example.org';
const NEWBIE = 'neu@example.org';

function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const day = dayFromNow(12);
  return {
    title: 'Führung durch die Burgruine',
    start: `${day}T14:00`,
    end: `${day}T16:00`,
    town: 'Arnstein',
    organizerId: 'heimatverein-arnstein',
    location: { name: 'Burgruine Arnstein' },
    ...overrides,
  };
}

async function feedIds(url: string): Promise<string[]> {
  const feed = await request(`${url}/api/events.json`);
  return (feed.json.events as { id: string }[]).map((e) => e.id);
}

describe('workspace: roles and permissions', () => {
  let inbox: Inbox;
  let s: Running;
  let adminS: Session;
  let editor: Session;
  let member: Session;
  let other: Session;

  before(async () => {
    inbox = await startInbox();
    s = await start({
      smtpUrl: inbox.url,
      adminEmail: ADMIN,
      config: { accounts: { linkPerAddress: { max: 1000 }, linkPerClient: { max: 1000 } } },
    });
    await seed(s.server.store, new Date());
    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount(EDITOR), 'editor', 'Arnstein');
    await accounts.grant(await accounts.ensureAccount(MEMBER), 'member', 'heimatverein-arnstein');
    await accounts.grant(await accounts.ensureAccount(OTHER_MEMBER), 'member', 'landfrauen-arnstein');
    adminS = await signIn(s.url, inbox, ADMIN);
    editor = await signIn(s.url, inbox, EDITOR);
    member = await signIn(s.url, inbox, MEMBER);
    other = await signIn(s.url, inbox, OTHER_MEMBER);
  });
  after(async () => {
    await s.stop();
    await inbox.close();
  });

  test('GET /api/me names the roles', async () => {
    assert.deepEqual((await member.call('/api/me')).json.roles, {
      admin: false,
      towns: [],
      associations: ['heimatverein-arnstein'],
    });
    assert.deepEqual((await editor.call('/api/me')).json.roles, { admin: false, towns: ['Arnstein'], associations: [] });
  });

  test("an untrusted association's member goes into the town's queue; the editors are told; approval tells the member", async () => {
    const created = await member.call('/api/workspace/events', { method: 'POST', body: { event: event() } });
    assert.equal(created.status, 202, created.text);
    assert.equal(created.json.status, 'pending');
    const id = created.json.id as string;
    assert.ok(!(await feedIds(s.url)).includes(id), 'not published yet');
    const waiting = await inbox.next(EDITOR, (m) => (m.subject ?? '').includes('Führung durch die Burgruine'));
    assert.equal(waiting.subject, 'Neuer Termin wartet für Arnstein: Führung durch die Burgruine');

    // Another town's queue is not the editor's; the member cannot moderate.
    const queue = await editor.call('/api/workspace/queue');
    assert.ok(queue.json.submissions.some((q: { id: string }) => q.id === id));
    const selfApprove = await member.call(`/api/workspace/queue/${id}/approve`, { method: 'POST' });
    assert.equal(selfApprove.status, 403);
    assert.match(selfApprove.json.error, /Verantwortlichen der Region|anderen Ortes|eigenen Verein/);

    const approved = await editor.call(`/api/workspace/queue/${id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200, approved.text);
    assert.ok((await feedIds(s.url)).includes(id), 'published');
    const told = await inbox.next(MEMBER, (m) => (m.subject ?? '').startsWith('Veröffentlicht'));
    assert.equal(told.subject, 'Veröffentlicht: Führung durch die Burgruine');
  });

  test("a trusted association's member publishes at once; only the town's editor (or an admin) may trust", async () => {
    const byMember = await member.call('/api/workspace/associations/heimatverein-arnstein/trust', {
      method: 'POST',
      body: { trusted: true },
    });
    assert.equal(byMember.status, 403);
    const elsewhere = await editor.call('/api/workspace/associations/kulturkreis-eine/trust', {
      method: 'POST',
      body: { trusted: true },
    });
    assert.equal(elsewhere.status, 403);
    assert.equal(elsewhere.json.error, 'Dafür ist die Redaktion eines anderen Ortes zuständig.');
    const trusted = await editor.call('/api/workspace/associations/heimatverein-arnstein/trust', {
      method: 'POST',
      body: { trusted: true },
    });
    assert.equal(trusted.status, 200);
    const created = await member.call('/api/workspace/events', {
      method: 'POST',
      body: { event: event({ title: 'Heimatabend im Saal' }) },
    });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.status, 'published');
    assert.ok((await feedIds(s.url)).includes(created.json.event.id));
  });

  test('a member edits, cancels and deletes their own events and gets a German 403 for another association', async () => {
    const mine = await member.call('/api/workspace/events', {
      method: 'POST',
      body: { event: event({ title: 'Arbeitseinsatz' }) },
    });
    assert.equal(mine.status, 201);
    const id = mine.json.event.id as string;
    const edited = await member.call(`/api/workspace/events/${id}`, {
      method: 'PUT',
      body: { event: event({ title: 'Arbeitseinsatz an der Burg' }), version: mine.json.version },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.json.event.title, 'Arbeitseinsatz an der Burg');

    // The same old version again: someone saved in between.
    const stale = await member.call(`/api/workspace/events/${id}`, {
      method: 'PUT',
      body: { event: event({ title: 'Zweite Fassung' }), version: mine.json.version },
    });
    assert.equal(stale.status, 412);
    assert.match(stale.json.error, /inzwischen geändert/);
    assert.equal(stale.json.current.title, 'Arbeitseinsatz an der Burg', 'both versions to merge');
    assert.equal(stale.json.version, edited.json.version);

    // Landfrauen member: neither edit, cancel, delete, nor create for the Heimatverein.
    for (const [method, path, body] of [
      ['PUT', `/api/workspace/events/${id}`, { event: event({ title: 'Übernommen' }) }],
      ['POST', `/api/workspace/events/${id}/cancel`, undefined],
      ['DELETE', `/api/workspace/events/${id}`, undefined],
      ['POST', '/api/workspace/events', { event: event({ title: 'Fremder Termin' }) }],
      ['PUT', '/api/workspace/associations/heimatverein-arnstein', { name: 'Übernommen' }],
    ] as const) {
      const refused = await other.call(path, { method, ...(body ? { body } : {}) });
      assert.equal(refused.status, 403, `${method} ${path}`);
      assert.equal(refused.json.error, 'Sie dürfen nur für Ihren eigenen Verein handeln.');
    }
    // Nor move their own event to the Heimatverein.
    const own = await other.call('/api/workspace/events', {
      method: 'POST',
      body: { event: event({ title: 'Kräuterwanderung', organizerId: 'landfrauen-arnstein' }) },
    });
    assert.equal(own.status, 202);

    const cancelled = await member.call(`/api/workspace/events/${id}/cancel`, { method: 'POST' });
    assert.equal(cancelled.status, 200);
    const feed = await request(`${s.url}/api/events.json`);
    assert.equal(feed.json.events.find((e: { id: string }) => e.id === id).status, 'cancelled');
    const deleted = await member.call(`/api/workspace/events/${id}`, { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.ok(!(await feedIds(s.url)).includes(id));
  });

  test("an editor edits any event of their town (the members are told) but not another town's", async () => {
    const mine = await member.call('/api/workspace/events', {
      method: 'POST',
      body: { event: event({ title: 'Ostereiersuche' }) },
    });
    const id = mine.json.event.id as string;
    const edited = await editor.call(`/api/workspace/events/${id}`, {
      method: 'PUT',
      body: { event: event({ title: 'Ostereiersuche im Park' }) },
    });
    assert.equal(edited.status, 200);
    const told = await inbox.next(MEMBER, (m) => (m.subject ?? '').includes('Ostereiersuche im Park'));
    assert.equal(told.subject, 'Die Redaktion hat Ihren Termin geändert: Ostereiersuche im Park');

    const aschersleben = (await s.server.store.publishedEvents()).find((e) => e['town'] === 'Aschersleben')!;
    const refused = await editor.call(`/api/workspace/events/${aschersleben.id}/cancel`, { method: 'POST' });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error, 'Dafür ist die Redaktion eines anderen Ortes zuständig.');
    const byAdmin = await adminS.call(`/api/workspace/events/${aschersleben.id}/cancel`, { method: 'POST' });
    assert.equal(byAdmin.status, 200);
  });

  test('a member maintains their association profile (checked like the feed)', async () => {
    const ok = await member.call('/api/workspace/associations/heimatverein-arnstein', {
      method: 'PUT',
      body: {
        name: 'Heimatverein Arnstein e.V.',
        description: 'Neu beschrieben.',
        website: 'https://heimat.example.org/',
        town: 'Seeland',
      },
    });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.association.town, 'Arnstein', 'a profile cannot move to another town');
    const assocs = await request(`${s.url}/api/associations.json`);
    const heimat = (assocs.json.associations as { id: string; description: string }[]).find(
      (a) => a.id === 'heimatverein-arnstein',
    );
    assert.equal(heimat?.description, 'Neu beschrieben.');
    const bad = await member.call('/api/workspace/associations/heimatverein-arnstein', {
      method: 'PUT',
      body: { name: 'X', website: 'javascript:alert(1)' },
    });
    assert.equal(bad.status, 422);
    assert.ok(bad.json.errors.website);
  });

  test('members invite members of their own association only; accepting signs in; removing the membership ends the sessions', async () => {
    const foreign = await member.call('/api/workspace/invitations', {
      method: 'POST',
      body: { email: NEWBIE, role: 'member', scope: 'landfrauen-arnstein' },
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.json.error, 'Sie dürfen nur Mitglieder Ihres eigenen Vereins einladen.');
    const asEditor = await member.call('/api/workspace/invitations', {
      method: 'POST',
      body: { email: NEWBIE, role: 'editor', scope: 'Arnstein' },
    });
    assert.equal(asEditor.status, 403);

    const invited = await member.call('/api/workspace/invitations', {
      method: 'POST',
      body: { email: NEWBIE, role: 'member', scope: 'heimatverein-arnstein' },
    });
    assert.equal(invited.status, 202);
    const mail = await inbox.next(NEWBIE);
    assert.match(mail.subject ?? '', /Einladung/);
    const link = linkIn(mail, '/redaktion/einladung?token=');
    const page = await request(link);
    assert.equal(page.status, 200);
    assert.match(page.text, /Anmelden<\/button>/);
    const newbie = await complete(s.url, link, '/redaktion/einladung');
    assert.deepEqual((await newbie.call('/api/me')).json.roles.associations, ['heimatverein-arnstein']);
    const again = await request(link);
    assert.equal(again.status, 410);

    const accounts = await editor.call('/api/workspace/accounts');
    const account = (accounts.json.accounts as { id: string; email: string }[]).find((a) => a.email === NEWBIE)!;
    assert.ok(account, 'the editor of Arnstein sees the members of its associations');
    const removed = await member.call('/api/workspace/roles/revoke', {
      method: 'POST',
      body: { accountId: account.id, role: 'member', scope: 'heimatverein-arnstein' },
    });
    assert.equal(removed.status, 200, removed.text);
    assert.equal((await newbie.call('/api/me')).status, 401, 'the session ended with the membership');
  });

  test('removing an account ends its sessions; only admins remove others', async () => {
    const accounts = s.server.store.accounts;
    const id = await accounts.ensureAccount('weg@example.org');
    await accounts.grant(id, 'member', 'heimatverein-arnstein');
    const gone = await signIn(s.url, inbox, 'weg@example.org');
    const byEditor = await editor.call(`/api/workspace/accounts/${id}`, { method: 'DELETE' });
    assert.equal(byEditor.status, 403);
    const byAdmin = await adminS.call(`/api/workspace/accounts/${id}`, { method: 'DELETE' });
    assert.equal(byAdmin.status, 204);
    assert.equal((await gone.call('/api/me')).status, 401);
  });

  test('a workspace write without the CSRF token or from another origin is refused in German', async () => {
    const noToken = await member.call('/api/workspace/events', {
      method: 'POST',
      body: { event: event() },
      headers: { 'X-CSRF-Token': '' },
    });
    assert.equal(noToken.status, 403);
    assert.match(noToken.json.error, /Sicherheitsmerkmal/);
    const foreign = await member.call('/api/workspace/events', {
      method: 'POST',
      body: { event: event() },
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(foreign.status, 403);
    const anonymous = await request(`${s.url}/api/workspace/events`, { method: 'POST', body: { event: event() } });
    assert.equal(anonymous.status, 401);
  });
});

describe('the anonymous submitter', () => {
  let inbox: Inbox;
  let s: Running;
  let editor: Session;
  before(async () => {
    inbox = await startInbox();
    s = await start({
      smtpUrl: inbox.url,
      config: { accounts: { linkPerAddress: { max: 1000 }, linkPerClient: { max: 1000 } } },
    });
    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount(EDITOR), 'editor', 'Arnstein');
    await accounts.grant(await accounts.ensureAccount('redaktion-seeland@example.org'), 'editor', 'Seeland');
    editor = await signIn(s.url, inbox, EDITOR);
  });
  after(async () => {
    await s.stop();
    await inbox.close();
  });

  test("reaches the right town editor's inbox, gets a receipt with a private link, corrects, is approved and told, withdraws", async () => {
    const body = submission({
      town: 'Arnstein',
      title: 'Lampionumzug',
      contact: { name: 'Erika Muster', email: 'erika@example.org' },
    });
    const sent = await request(`${s.url}/api/submissions`, { method: 'POST', body });
    assert.equal(sent.status, 202);
    const id = sent.json.id as string;
    const queued = await inbox.next(EDITOR, (m) => (m.subject ?? '').includes('Lampionumzug'));
    assert.equal(queued.subject, 'Neuer Termin wartet für Arnstein: Lampionumzug');
    assert.ok(!inbox.messages.some((m) => JSON.stringify(m.to).includes('seeland')), "not the other town's editors");

    const receipt = await inbox.next('erika@example.org');
    assert.equal(receipt.subject, 'Ihr Termin ist eingegangen: Lampionumzug');
    const link = linkIn(receipt, '/redaktion/eintrag.html#');
    const token = new URL(link).hash.slice(1);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);

    const viewed = await request(`${s.url}/api/own/submission`, { method: 'POST', body: { token } });
    assert.equal(viewed.status, 200);
    assert.equal(viewed.json.submission.status, 'pending');
    assert.equal(viewed.json.submission.event.title, 'Lampionumzug');
    const wrong = await request(`${s.url}/api/own/submission`, { method: 'POST', body: { token: 'A'.repeat(43) } });
    assert.equal(wrong.status, 404);
    assert.equal(wrong.json.error, 'Dieser Link ist ungültig.');

    const { contact: _c, formTime: _f, website2: _w, ...eventPart } = body;
    const corrected = await request(`${s.url}/api/own/submission`, {
      method: 'PUT',
      body: { token, event: { ...eventPart, title: 'Lampionumzug zum Martinstag', town: 'Seeland' } },
    });
    assert.equal(corrected.status, 200, corrected.text);
    assert.equal(corrected.json.submission.event.title, 'Lampionumzug zum Martinstag');
    assert.equal(corrected.json.submission.event.town, 'Arnstein', 'the entry stays in its queue');

    const rejectedElsewhere = await editor.call(`/api/workspace/queue/${id}/approve`, { method: 'POST' });
    assert.equal(rejectedElsewhere.status, 200);
    const published = await inbox.next('erika@example.org', (m) => (m.subject ?? '').startsWith('Veröffentlicht'));
    assert.equal(published.subject, 'Veröffentlicht: Lampionumzug zum Martinstag');
    assert.ok((await feedIds(s.url)).includes(id));

    const late = await request(`${s.url}/api/own/submission`, {
      method: 'PUT',
      body: { token, event: { ...eventPart, title: 'Noch eine Änderung' } },
    });
    assert.equal(late.status, 409);
    assert.match(late.json.error, /nicht mehr geprüft/);

    const withdrawn = await request(`${s.url}/api/own/submission/withdraw`, { method: 'POST', body: { token } });
    assert.equal(withdrawn.status, 200);
    assert.ok(!(await feedIds(s.url)).includes(id), 'withdrawn after publication');
    assert.equal(await s.server.store.submission(id), undefined);
    const after = await request(`${s.url}/api/own/submission`, { method: 'POST', body: { token } });
    assert.equal(after.status, 404);
  });

  test('a rejection tells the submitter the reason; the admin token still moderates (for scripts) and tells too', async () => {
    const sent = await request(`${s.url}/api/submissions`, {
      method: 'POST',
      body: submission({ town: 'Arnstein', title: 'Flohmarkt', contact: { name: 'Max', email: 'max@example.org' } }),
    });
    const id = sent.json.id as string;
    await inbox.next('max@example.org'); // the receipt
    const rejected = await editor.call(`/api/workspace/queue/${id}/reject`, {
      method: 'POST',
      body: { reason: 'Bitte mit Ortsangabe erneut einsenden.' },
    });
    assert.equal(rejected.status, 200);
    const told = await inbox.next('max@example.org', (m) => (m.subject ?? '').startsWith('Nicht veröffentlicht'));
    assert.match(told.text ?? '', /Begründung: Bitte mit Ortsangabe erneut einsenden\./);

    const approved = await request(`${s.url}/api/admin/submissions/${id}/approve`, { method: 'POST', headers: admin() });
    assert.equal(approved.status, 200);
    const published = await inbox.next('max@example.org', (m) => (m.subject ?? '').startsWith('Veröffentlicht'));
    assert.equal(published.subject, 'Veröffentlicht: Flohmarkt');
  });

  test('an editor cannot moderate another town', async () => {
    const sent = await request(`${s.url}/api/submissions`, {
      method: 'POST',
      body: submission({ town: 'Seeland', title: 'Seefest' }),
    });
    const refused = await editor.call(`/api/workspace/queue/${sent.json.id}/approve`, { method: 'POST' });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error, 'Dafür ist die Redaktion eines anderen Ortes zuständig.');
    const queue = await editor.call('/api/workspace/queue');
    assert.ok(!queue.json.submissions.some((q: { id: string }) => q.id === sent.json.id));
  });

  test('a rejection without a reason, and malformed workspace requests, are answered in German (never 500)', async () => {
    const sent = await request(`${s.url}/api/submissions`, {
      method: 'POST',
      body: submission({ town: 'Arnstein', title: 'Ohne Grund' }),
    });
    const rejected = await editor.call(`/api/workspace/queue/${sent.json.id}/reject`, { method: 'POST' });
    assert.equal(rejected.status, 200, rejected.text);
    const told = await inbox.next('erika@example.org', (m) => (m.subject ?? '') === 'Nicht veröffentlicht: Ohne Grund');
    assert.doesNotMatch(told.text ?? '', /Begründung/);
    const tooLong = await editor.call(`/api/workspace/queue/${sent.json.id}/reject`, {
      method: 'POST',
      body: { reason: 'x'.repeat(1001) },
    });
    assert.equal(tooLong.status, 422);
    assert.equal(tooLong.json.error, 'Bitte fassen Sie die Begründung kürzer (höchstens 1000 Zeichen).');
    for (const [method, path, body] of [
      ['POST', '/api/workspace/events', 'not json'],
      ['POST', '/api/workspace/events', { event: 'text' }],
      ['PUT', '/api/workspace/events/unknown-id', { event: {} }],
      ['POST', '/api/workspace/invitations', { email: 'x@example.org', role: 'king' }],
      ['POST', '/api/workspace/associations/unknown/trust', { trusted: 'yes' }],
    ] as const) {
      const answer = await editor.call(path, { method, body });
      assert.ok(answer.status >= 400 && answer.status < 500, `${method} ${path}: ${answer.status}`);
      assert.equal(typeof answer.json.error === 'string' || typeof answer.json.errors === 'object', true, answer.text);
    }
  });
});
