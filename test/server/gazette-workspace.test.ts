/**
 * The gazette export in the workspace (/api/workspace/gazette.*), signed in through the real
 * email-link flow: the editors of Arnstein get Arnstein's gazette (the same text as the admin
 * area's export) and a 403 for Seeland; a member and a person without role 403; no session 401;
 * a region admin every town. The admin token's routes stay as they are.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import { admin, request, start, type Running } from './helpers.js';
import { startInbox, type Inbox } from './smtp.js';
import { signIn, type Session } from './workspace-helpers.js';
import { GAZETTE_ASSOCIATIONS, GAZETTE_EVENTS } from './gazette-fixture.js';

const ADMIN = 'admin@example.org';
const EDITOR = 'redaktion-arnstein@example.org';
const MEMBER = 'heimat@example.org';
const NOBODY = 'niemand@example.org';

const ARNSTEIN = 'towns=Arnstein&from=2027-06-01&to=2027-06-30&maxDescription=60';

describe('gazette export in the workspace', () => {
  let inbox: Inbox;
  let s: Running;
  let adminS: Session;
  let editor: Session;
  let member: Session;
  let nobody: Session;

  before(async () => {
    inbox = await startInbox();
    s = await start({
      smtpUrl: inbox.url,
      adminEmail: ADMIN,
      config: { feed: { pollSeconds: 0.05 }, accounts: { linkPerAddress: { max: 1000 }, linkPerClient: { max: 1000 } } },
    });
    await s.server.store.importData(GAZETTE_EVENTS, GAZETTE_ASSOCIATIONS, 'test');
    for (;;) {
      const feed = await request(`${s.url}/api/events.json`);
      if (feed.json.events.length === GAZETTE_EVENTS.length) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount(EDITOR), 'editor', 'Arnstein');
    await accounts.grant(await accounts.ensureAccount(MEMBER), 'member', 'heimatverein-arnstein');
    await accounts.ensureAccount(NOBODY);
    adminS = await signIn(s.url, inbox, ADMIN);
    editor = await signIn(s.url, inbox, EDITOR);
    member = await signIn(s.url, inbox, MEMBER);
    nobody = await signIn(s.url, inbox, NOBODY);
  });
  after(async () => {
    await s.stop();
    await inbox.close();
  });

  test("the editor of Arnstein gets Arnstein's gazette: the same text as the admin area's", async () => {
    const res = await editor.call(`/api/workspace/gazette.txt?${ARNSTEIN}`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="mitteilungsblatt-arnstein-2027-06.txt"');
    assert.equal(res.headers['cache-control'], 'no-store');
    const lines = res.text.split('\n');
    assert.equal(lines[0], 'Veranstaltungen 01.06.2027 – 30.06.2027');
    assert.equal(lines[1], 'Arnstein');
    assert.ok(lines.includes('Sa., 12.06.2027'));
    assert.ok(res.text.includes('14:00–22:00 Uhr, Sommerfest an der Burgruine Arnstein, Burgruine Arnstein'));
    assert.ok(!res.text.includes('Offene Chorprobe'), 'no date of Seeland');
    assert.ok(!res.text.includes('Aschersleben“'), 'no date of Aschersleben');
    const byToken = await request(`${s.url}/api/admin/gazette.txt?${ARNSTEIN}`, { headers: admin() });
    assert.equal(byToken.status, 200);
    assert.equal(res.text, byToken.text);
  });

  test('the editor gets a DOCX and a PDF of Arnstein too', async () => {
    const docx = await editor.call(`/api/workspace/gazette.docx?${ARNSTEIN}`);
    assert.equal(docx.status, 200);
    assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const pdf = await editor.call(`/api/workspace/gazette.pdf?${ARNSTEIN}`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok(pdf.text.startsWith('%PDF-'));
    // The helpers read text; the raw bytes are checked in gazette.test.ts. Here: a zip with a document.
    const raw = await fetch(`${s.url}/api/workspace/gazette.docx?${ARNSTEIN}`, { headers: { Cookie: editor.cookie } });
    const files = unzipSync(new Uint8Array(await raw.arrayBuffer()));
    assert.ok(files['word/document.xml'], 'word/document.xml in the DOCX');
  });

  test('the options offer the editor only their towns; the admin every town', async () => {
    const mine = await editor.call('/api/workspace/gazette/options');
    assert.equal(mine.status, 200, mine.text);
    assert.deepEqual(mine.json.towns, ['Arnstein']);
    assert.ok((mine.json.categories as string[]).includes('Musik'));
    const all = await adminS.call('/api/workspace/gazette/options');
    assert.equal(all.status, 200);
    assert.deepEqual(all.json.towns, ['Arnstein', 'Aschersleben', 'Seeland']);
  });

  test('the editor of Arnstein may not export Seeland, nor all towns at once', async () => {
    for (const towns of ['Seeland', 'Arnstein,Seeland', '']) {
      const res = await editor.call(`/api/workspace/gazette.txt?towns=${towns}&from=2027-06-01&to=2027-06-30`);
      assert.equal(res.status, 403, `${towns}: ${res.text}`);
      assert.match(res.json.error, /nur für Arnstein/);
    }
  });

  test('a member or a person without role: 403 in German; no session: 401', async () => {
    for (const who of [member, nobody]) {
      for (const path of ['/api/workspace/gazette/options', `/api/workspace/gazette.pdf?${ARNSTEIN}`]) {
        const res = await who.call(path);
        assert.equal(res.status, 403, res.text);
        assert.match(res.json.error, /Mitteilungsblatt dürfen nur die Redaktionen/);
      }
    }
    for (const path of ['/api/workspace/gazette/options', `/api/workspace/gazette.txt?${ARNSTEIN}`]) {
      const res = await request(`${s.url}${path}`);
      assert.equal(res.status, 401);
      assert.match(res.json.error, /melden Sie sich/);
      // The admin token is no session: the workspace routes ask for the sign-in.
      assert.equal((await request(`${s.url}${path}`, { headers: admin() })).status, 401);
    }
  });

  test('the region admin exports every town, Seeland and all at once', async () => {
    const seeland = await adminS.call('/api/workspace/gazette.txt?towns=Seeland&from=2027-06-01&to=2027-06-30');
    assert.equal(seeland.status, 200, seeland.text);
    assert.ok(seeland.text.includes('Offene Chorprobe'));
    assert.ok(!seeland.text.includes('Sommerfest an der Burgruine Arnstein'));
    const every = await adminS.call('/api/workspace/gazette.txt?from=2027-06-01&to=2027-06-30');
    assert.equal(every.status, 200, every.text);
    assert.ok(every.text.includes('Offene Chorprobe'));
    assert.ok(every.text.includes('Sommerfest an der Burgruine Arnstein'));
  });

  test('a bad request in the workspace is a 400 in German, as in the admin area', async () => {
    const res = await editor.call('/api/workspace/gazette.txt?towns=Arnstein&from=2027-06-30&to=2027-06-01');
    assert.equal(res.status, 400, res.text);
    assert.match(res.json.error, /[äöüß]|Zeitraum|Ende|Beginn/);
  });
});
