/**
 * The workspace's editorial side against a real server, real SQLite and a real SMTP server: the
 * audit log (before/after of an edit, an approval, a role change; who may read what), the
 * queue's filters, clashes and bulk actions, association requests in the workspace, and the
 * association profile editor (a meeting recurrence reaching the directory feed).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditChanges } from '../../src/server/audit.js';
import { seed } from '../../src/server/seed.js';
import { dayFromNow, request, start, submission, type Running } from './helpers.js';
import { linkIn, startInbox, type Inbox } from './smtp.js';
import { complete, signIn, type Session } from './workspace-helpers.js';

const ADMIN = 'admin@example.org';
const EDITOR = 'redaktion-arnstein@example.org';
const SEELAND = 'redaktion-seeland@example.org';
const MEMBER = 'heimat@example.org';
const NEWBIE = 'neu@example.org';

interface Entry {
  action: string;
  actor: string;
  town: string | null;
  association: string | null;
  subject: { type: string; id: string; label: string };
  before: unknown;
  after: unknown;
  note: string | null;
  changes: { field: string; before?: unknown; after?: unknown }[];
}

async function submit(url: string, overrides: Record<string, unknown>): Promise<string> {
  const res = await request(`${url}/api/submissions`, { method: 'POST', body: submission(overrides) });
  assert.equal(res.status, 202, res.text);
  return res.json.id as string;
}

describe('workspace: audit log, queue, association requests, profiles', () => {
  let inbox: Inbox;
  let s: Running;
  let adminS: Session;
  let editor: Session;
  let seeland: Session;
  let member: Session;

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
    await accounts.grant(await accounts.ensureAccount(SEELAND), 'editor', 'Seeland');
    await accounts.grant(await accounts.ensureAccount(MEMBER), 'member', 'heimatverein-arnstein');
    adminS = await signIn(s.url, inbox, ADMIN);
    editor = await signIn(s.url, inbox, EDITOR);
    seeland = await signIn(s.url, inbox, SEELAND);
    member = await signIn(s.url, inbox, MEMBER);
  });
  after(async () => {
    await s.stop();
    await inbox.close();
  });

  const audit = async (who: Session, query = ''): Promise<Entry[]> => {
    const res = await who.call(`/api/workspace/audit${query}`);
    assert.equal(res.status, 200, res.text);
    return res.json.entries as Entry[];
  };

  test('an edit is recorded with who, before and after, and the changed fields', async () => {
    const created = await editor.call('/api/workspace/events', {
      method: 'POST',
      body: {
        event: {
          title: 'Führung durch die Burgruine',
          start: `${dayFromNow(12)}T14:00`,
          town: 'Arnstein',
          organizerId: 'heimatverein-arnstein',
        },
      },
    });
    assert.equal(created.status, 201, created.text);
    const { event, version } = created.json as { event: Record<string, unknown> & { id: string }; version: string };
    const edited = await member.call(`/api/workspace/events/${event.id}`, {
      method: 'PUT',
      body: { event: { ...event, title: 'Führung durch die Burgruine (mit Laternen)' }, version },
    });
    assert.equal(edited.status, 200, edited.text);

    const [entry] = await audit(member, `?subjectId=${event.id}&action=event.edit`);
    assert.ok(entry, 'the member sees the edit of their association’s event');
    assert.equal(entry.actor, MEMBER);
    assert.equal(entry.town, 'Arnstein');
    assert.equal(entry.association, 'heimatverein-arnstein');
    assert.equal((entry.before as { title: string }).title, 'Führung durch die Burgruine');
    assert.equal((entry.after as { title: string }).title, 'Führung durch die Burgruine (mit Laternen)');
    assert.deepEqual(entry.changes, [
      { field: 'title', before: 'Führung durch die Burgruine', after: 'Führung durch die Burgruine (mit Laternen)' },
    ]);
    // A save that loses (412: the version is old) changes nothing and records nothing.
    const stale = await editor.call(`/api/workspace/events/${event.id}`, {
      method: 'PUT',
      body: { event: { ...event, title: 'Zu spät gespeichert' }, version },
    });
    assert.equal(stale.status, 412, stale.text);
    // The creation by the editor came first.
    const history = await audit(editor, `?subjectId=${event.id}`);
    assert.deepEqual(
      history.map((e) => [e.action, e.actor]),
      [
        ['event.edit', MEMBER],
        ['event.create', EDITOR],
      ],
    );
  });

  test('an approval is recorded with the status before and after; the admin token is named as actor', async () => {
    const id = await submit(s.url, { title: 'Lampionumzug', town: 'Arnstein', categories: ['Familie'] });
    const approved = await editor.call(`/api/workspace/queue/${id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200, approved.text);
    const [entry] = await audit(editor, `?subjectId=${id}`);
    assert.equal(entry!.action, 'submission.approve');
    assert.equal(entry!.actor, EDITOR);
    assert.deepEqual(entry!.before, { status: 'pending' });
    assert.deepEqual(entry!.after, { status: 'approved' });
    assert.deepEqual(entry!.changes, [{ field: 'status', before: 'pending', after: 'approved' }]);

    const other = await submit(s.url, { title: 'Orgelnacht', town: 'Seeland' });
    const byToken = await request(`${s.url}/api/admin/submissions/${other}/reject`, {
      method: 'POST',
      headers: { Authorization: 'Bearer test-admin-token-0123456789abcdef' },
    });
    assert.equal(byToken.status, 200, byToken.text);
    const [tokenEntry] = await audit(adminS, `?subjectId=${other}`);
    assert.equal(tokenEntry!.actor, 'Admin-Token');
    assert.equal(tokenEntry!.action, 'submission.reject');
  });

  test('a role change is recorded: the invitation, its acceptance, the removal', async () => {
    const invited = await member.call('/api/workspace/invitations', {
      method: 'POST',
      body: { email: NEWBIE, role: 'member', scope: 'heimatverein-arnstein' },
    });
    assert.equal(invited.status, 202, invited.text);
    const link = linkIn(await inbox.next(NEWBIE), '/redaktion/einladung?token=');
    const newbie = await complete(s.url, link, '/redaktion/einladung');
    const me = (await newbie.call('/api/me')).json.account as { id: string };
    const removed = await editor.call('/api/workspace/roles/revoke', {
      method: 'POST',
      body: { accountId: me.id, role: 'member', scope: 'heimatverein-arnstein' },
    });
    assert.equal(removed.status, 200, removed.text);

    const entries = await audit(editor, '?association=heimatverein-arnstein&subjectType=account');
    assert.deepEqual(
      entries.map((e) => [e.action, e.actor, e.subject.label]),
      [
        ['role.revoke', EDITOR, NEWBIE],
        ['role.grant', NEWBIE, NEWBIE],
        ['invitation.create', MEMBER, NEWBIE],
      ],
    );
    assert.deepEqual(entries[0]!.before, { role: 'member', scope: 'heimatverein-arnstein' });
    assert.equal(entries[0]!.after, null);
    assert.deepEqual(entries[0]!.changes, [
      { field: 'role', before: 'member' },
      { field: 'scope', before: 'heimatverein-arnstein' },
    ]);
    assert.deepEqual(entries[1]!.after, { role: 'member', scope: 'heimatverein-arnstein' });
    assert.equal(entries[0]!.town, 'Arnstein');
  });

  test("a deleted account's address leaves the log; what happened stays", async () => {
    const entriesBefore = await audit(adminS, `?q=${encodeURIComponent(NEWBIE)}&limit=100`);
    assert.ok(entriesBefore.length >= 3, 'invitation, acceptance and removal name the address');
    const id = (await s.server.store.accounts.accountByEmail(NEWBIE))!.id;
    const deleted = await adminS.call(`/api/workspace/accounts/${id}`, { method: 'DELETE' });
    assert.equal(deleted.status, 204, deleted.text);
    const all = await adminS.call('/api/workspace/audit?limit=100');
    assert.ok(!all.text.includes(NEWBIE), 'the address appears nowhere in the log');
    const revoked = (all.json.entries as Entry[]).find((e) => e.action === 'role.revoke' && e.subject.id === id)!;
    assert.equal(revoked.subject.label, 'Gelöschter Zugang');
    assert.equal(revoked.actor, EDITOR, 'who removed the role is still named');
    const removal = (all.json.entries as Entry[]).find((e) => e.action === 'account.delete')!;
    assert.equal(removal.actor, ADMIN);
    assert.deepEqual(removal.before, { roles: [] });
  });

  test("an editor reads only their town's entries; another town's is a German 403; admins read all", async () => {
    const foreign = await editor.call('/api/workspace/audit?town=Seeland');
    assert.equal(foreign.status, 403);
    assert.equal(foreign.json.error, 'Dafür ist die Redaktion eines anderen Ortes zuständig.');
    const foreignAssociation = await editor.call('/api/workspace/audit?association=chor-seeland');
    assert.equal(foreignAssociation.status, 403);
    const memberForeign = await member.call('/api/workspace/audit?association=landfrauen-arnstein');
    assert.equal(memberForeign.status, 403);
    assert.equal(memberForeign.json.error, 'Sie dürfen nur für Ihren eigenen Verein handeln.');

    const mine = await audit(editor, '?limit=100');
    assert.ok(mine.length > 0);
    assert.ok(
      mine.every((e) => e.town === 'Arnstein'),
      JSON.stringify(mine.map((e) => e.town)),
    );
    assert.ok((await audit(seeland, '?limit=100')).every((e) => e.town === 'Seeland'));
    // The member sees their association's entries only (not the Lampionumzug without association).
    const member_ = await audit(member, '?limit=100');
    assert.ok(member_.length > 0 && member_.every((e) => e.association === 'heimatverein-arnstein'));
    const all = await audit(adminS, '?limit=100');
    assert.ok(all.some((e) => e.town === 'Seeland') && all.some((e) => e.town === 'Arnstein'));
    // Paging and free text.
    const page = await adminS.call('/api/workspace/audit?limit=1&offset=1');
    assert.equal(page.json.entries.length, 1);
    assert.equal(page.json.total, all.length);
    assert.deepEqual(
      (await audit(adminS, '?q=LAMPION')).map((e) => e.subject.label),
      ['Lampionumzug'],
    );
    const bad = await adminS.call('/api/workspace/audit?from=2027-01-02&to=2027-01-01');
    assert.equal(bad.status, 400);
    assert.match(bad.json.error, /liegt vor/);
  });

  test('the queue filters by town, category, period and text, and shows clashes', async () => {
    const day = dayFromNow(20);
    const a = await submit(s.url, {
      title: 'Apfelfest',
      town: 'Arnstein',
      categories: ['Familie'],
      start: `${day}T14:00`,
      end: `${day}T18:00`,
    });
    const b = await submit(s.url, {
      title: 'Chorkonzert',
      town: 'Arnstein',
      categories: ['Musik'],
      start: `${dayFromNow(30)}T19:00`,
      end: `${dayFromNow(30)}T21:00`,
    });
    // A published date in Arnstein on the Apfelfest's afternoon.
    const clash = await editor.call('/api/workspace/events', {
      method: 'POST',
      body: { event: { title: 'Sommerfest des Heimatvereins', start: `${day}T15:00`, end: `${day}T17:00`, town: 'Arnstein' } },
    });
    assert.equal(clash.status, 201, clash.text);

    const ids = async (query: string) => {
      const res = await editor.call(`/api/workspace/queue${query}`);
      assert.equal(res.status, 200, res.text);
      return (res.json.submissions as { id: string }[]).map((x) => x.id);
    };
    const all = await ids('');
    assert.ok(all.includes(a) && all.includes(b));
    assert.deepEqual(await ids('?category=Musik'), [b]);
    assert.deepEqual(await ids('?q=apfel'), [a]);
    assert.deepEqual(await ids(`?from=${dayFromNow(25)}&to=${dayFromNow(35)}`), [b]);
    // A period that ends before it starts, or a day that is not a day: 400 in German, as for the log.
    const backwards = await editor.call(`/api/workspace/queue?from=${dayFromNow(35)}&to=${dayFromNow(25)}`);
    assert.equal(backwards.status, 400);
    assert.equal(backwards.json.error, 'Das Datum „bis“ liegt vor dem Datum „von“.');
    assert.equal((await editor.call('/api/workspace/queue?from=morgen')).status, 400);
    const full = await editor.call('/api/workspace/queue');
    assert.deepEqual(full.json.towns, ['Arnstein']);
    assert.ok((full.json.categories as string[]).includes('Musik'));
    const apfel = (full.json.submissions as { id: string; clashes: { title: string }[] }[]).find((x) => x.id === a)!;
    assert.deepEqual(
      apfel.clashes.map((c) => c.title),
      ['Sommerfest des Heimatvereins'],
    );
    const chor = (full.json.submissions as { id: string; clashes: { title: string }[] }[]).find((x) => x.id === b)!;
    assert.ok(!chor.clashes.some((c) => c.title === 'Sommerfest des Heimatvereins'), 'another day: no clash with it');
    assert.equal((await editor.call('/api/workspace/queue?town=Seeland')).status, 403);
  });

  test('bulk: two submissions approved at once and both submitters told; a rejection needs a reason', async () => {
    const one = await submit(s.url, {
      title: 'Kinderflohmarkt',
      town: 'Arnstein',
      contact: { name: 'Anna', email: 'anna@example.org' },
    });
    const two = await submit(s.url, {
      title: 'Vorlesestunde',
      town: 'Arnstein',
      contact: { name: 'Bert', email: 'bert@example.org' },
    });
    const noReason = await editor.call('/api/workspace/queue/bulk', {
      method: 'POST',
      body: { ids: [one, two], action: 'reject' },
    });
    assert.equal(noReason.status, 422);
    assert.match(noReason.json.errors.reason, /Begründung/);
    const elsewhere = await submit(s.url, { title: 'Seefest', town: 'Seeland' });
    const mixed = await editor.call('/api/workspace/queue/bulk', {
      method: 'POST',
      body: { ids: [one, elsewhere], action: 'approve' },
    });
    assert.equal(mixed.status, 403, 'another town among them: nothing happens');
    assert.equal((await s.server.store.submission(one))!.status, 'pending');

    const bulk = await editor.call('/api/workspace/queue/bulk', { method: 'POST', body: { ids: [one, two], action: 'approve' } });
    assert.equal(bulk.status, 200, bulk.text);
    assert.deepEqual(bulk.json.results, [
      { id: one, status: 'approved' },
      { id: two, status: 'approved' },
    ]);
    const feed = (await request(`${s.url}/api/events.json`)).json.events as { id: string }[];
    assert.ok(feed.some((e) => e.id === one) && feed.some((e) => e.id === two));
    assert.equal(
      (await inbox.next('anna@example.org', (m) => /Veröffentlicht/.test(m.subject ?? ''))).subject,
      'Veröffentlicht: Kinderflohmarkt',
    );
    assert.equal(
      (await inbox.next('bert@example.org', (m) => /Veröffentlicht/.test(m.subject ?? ''))).subject,
      'Veröffentlicht: Vorlesestunde',
    );
    const entries = await audit(editor, '?action=submission.approve&limit=2');
    assert.deepEqual(entries.map((e) => e.subject.id).sort(), [one, two].sort());

    const three = await submit(s.url, { title: 'Tanzabend', town: 'Arnstein', contact: { name: 'C', email: 'c@example.org' } });
    const rejected = await editor.call('/api/workspace/queue/bulk', {
      method: 'POST',
      body: { ids: [three], action: 'reject', reason: 'Bitte mit Uhrzeit des Einlasses erneut senden.' },
    });
    assert.equal(rejected.status, 200, rejected.text);
    const told = await inbox.next('c@example.org', (m) => (m.text ?? '').includes('Einlasses'));
    assert.match(told.text ?? '', /Bitte mit Uhrzeit des Einlasses erneut senden\./);
    const [entry] = await audit(editor, `?subjectId=${three}`);
    assert.equal(entry!.note, 'Bitte mit Uhrzeit des Einlasses erneut senden.');
  });

  test("a member cannot edit another association's profile (German 403); a meeting recurrence reaches the directory feed", async () => {
    const foreign = await member.call('/api/workspace/associations/landfrauen-arnstein', {
      method: 'PUT',
      body: { name: 'Landfrauen', categories: [] },
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.json.error, 'Sie dürfen nur für Ihren eigenen Verein handeln.');

    const list = await member.call('/api/workspace/associations');
    assert.deepEqual(
      (list.json.associations as { association: { id: string } }[]).map((a) => a.association.id),
      ['heimatverein-arnstein'],
    );
    const current = (list.json.associations as { association: Record<string, unknown> }[])[0]!.association;
    const meeting = { title: 'Stammtisch', start: '2027-01-06T19:00', rrule: 'FREQ=MONTHLY;BYDAY=1WE', place: 'Vereinsheim' };
    const badRule = await member.call('/api/workspace/associations/heimatverein-arnstein', {
      method: 'PUT',
      body: { ...current, meetings: [{ ...meeting, rrule: 'FREQ=SOMETIMES' }] },
    });
    assert.equal(badRule.status, 422);
    assert.equal(badRule.json.errors['meetings.0.rrule'], 'Diese Wiederholung wird nicht unterstützt.');
    const saved = await member.call('/api/workspace/associations/heimatverein-arnstein', {
      method: 'PUT',
      body: { ...current, meetings: [meeting], membersWanted: true, membersWantedText: 'Tenor und Bass' },
    });
    assert.equal(saved.status, 200, saved.text);
    const directory = (await request(`${s.url}/api/associations.json`)).json.associations as Record<string, unknown>[];
    const heimat = directory.find((a) => a['id'] === 'heimatverein-arnstein')!;
    // Stored as the feed writes it: seconds, and the feed's zone.
    assert.deepEqual(heimat['meetings'], [{ ...meeting, start: '2027-01-06T19:00:00', timeZone: 'Europe/Berlin' }]);
    assert.equal(heimat['membersWantedText'], 'Tenor und Bass');
    const [entry] = await audit(member, '?action=association.edit');
    assert.ok(entry!.changes.some((c) => c.field === 'meetings.1.rrule' && c.after === 'FREQ=MONTHLY;BYDAY=1WE'));
  });

  test('association requests reach the town editors in the workspace; accepting "Verein eintragen" adds it to the directory', async () => {
    const sent = await request(`${s.url}/api/association-requests`, {
      method: 'POST',
      body: {
        kind: 'new',
        name: 'Schachfreunde Arnstein',
        town: 'Arnstein',
        website: 'https://schach.example.org/',
        contact: { name: 'Dora', email: 'dora@example.org' },
        website2: '',
        formTime: 42_000,
      },
    });
    assert.equal(sent.status, 202, sent.text);
    const seen = await editor.call('/api/workspace/association-requests');
    const req = (seen.json.requests as { id: string; town: string }[]).find((r) => r.id === sent.json.id)!;
    assert.equal(req.town, 'Arnstein');
    const other = await seeland.call('/api/workspace/association-requests');
    assert.ok(!(other.json.requests as { id: string }[]).some((r) => r.id === sent.json.id), "not Seeland's");
    assert.equal((await seeland.call(`/api/workspace/association-requests/${req.id}/accept`, { method: 'POST' })).status, 403);
    const accepted = await editor.call(`/api/workspace/association-requests/${req.id}/accept`, { method: 'POST' });
    assert.equal(accepted.status, 200, accepted.text);
    assert.equal(accepted.json.association.id, 'schachfreunde-arnstein-arnstein');
    const directory = (await request(`${s.url}/api/associations.json`)).json.associations as { id: string; town: string }[];
    assert.equal(directory.find((a) => a.id === 'schachfreunde-arnstein-arnstein')?.town, 'Arnstein');
    const again = await editor.call(`/api/workspace/association-requests/${req.id}/accept`, { method: 'POST' });
    assert.equal(again.status, 409);
    assert.equal(again.json.error, 'Diese Meldung ist schon bearbeitet.');
    // Both decisions are in the Protokoll: the status before and after, the reason as note.
    const [acceptedEntry] = await audit(editor, `?subjectId=${req.id}`);
    assert.deepEqual(
      [acceptedEntry!.action, acceptedEntry!.subject.label, acceptedEntry!.town, acceptedEntry!.association],
      ['association-request.accept', 'Schachfreunde Arnstein', 'Arnstein', 'schachfreunde-arnstein-arnstein'],
    );
    assert.deepEqual(
      [acceptedEntry!.before, acceptedEntry!.after, acceptedEntry!.note],
      [{ status: 'pending' }, { status: 'done' }, null],
    );
    const skat = await request(`${s.url}/api/association-requests`, {
      method: 'POST',
      body: {
        kind: 'new',
        name: 'Skatrunde Arnstein',
        town: 'Arnstein',
        contact: { name: 'Ede', email: 'ede@example.org' },
        website2: '',
        formTime: 42_000,
      },
    });
    assert.equal(skat.status, 202, skat.text);
    const rejected = await editor.call(`/api/workspace/association-requests/${skat.json.id}/reject`, {
      method: 'POST',
      body: { reason: 'Die Runde gehört zum Sportverein.' },
    });
    assert.equal(rejected.status, 200, rejected.text);
    const [rejectedEntry] = await audit(editor, `?subjectId=${skat.json.id}`);
    assert.deepEqual(
      [rejectedEntry!.action, rejectedEntry!.subject.label, rejectedEntry!.town, rejectedEntry!.association],
      ['association-request.reject', 'Skatrunde Arnstein', 'Arnstein', null],
    );
    assert.deepEqual(
      [rejectedEntry!.before, rejectedEntry!.after, rejectedEntry!.note],
      [{ status: 'pending' }, { status: 'rejected' }, 'Die Runde gehört zum Sportverein.'],
    );
  });
});

describe('auditChanges', () => {
  test('nested fields, lists and absent values', () => {
    assert.deepEqual(
      auditChanges(
        { title: 'A', location: { name: 'Saal' }, categories: ['Musik'] },
        { title: 'A', location: { name: 'Kirche', address: 'Markt 1' }, categories: ['Musik', 'Kirche'], status: 'cancelled' },
      ),
      [
        { field: 'location.name', before: 'Saal', after: 'Kirche' },
        { field: 'categories', before: 'Musik', after: 'Musik, Kirche' },
        { field: 'location.address', after: 'Markt 1' },
        { field: 'status', after: 'cancelled' },
      ],
    );
    assert.deepEqual(auditChanges(undefined, { trusted: true }), [{ field: 'trusted', after: true }]);
    assert.deepEqual(auditChanges({ a: 1 }, { a: 1 }), []);
  });
});
