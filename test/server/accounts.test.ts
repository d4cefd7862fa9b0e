/**
 * Accounts and sign-in by email link, with a real SMTP server in the test process: the same
 * answer for known and unknown addresses, a link that a GET does not use, single use, 15
 * minutes, hashed tokens, the session cookie, idle and absolute expiry, "überall abmelden",
 * CSRF, rate limits, W4G_ADMIN_EMAIL, and the outbox when there is no SMTP server.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { hashSecret } from '../../src/server/db/accounts.js';
import { request, start, tempDir, type Running } from './helpers.js';
import { linkIn, startInbox, type Inbox } from './smtp.js';
import { complete, linkFor, signIn } from './workspace-helpers.js';

const ADMIN = 'admin@example.org';

describe('sign-in by email link', () => {
  let inbox: Inbox;
  let s: Running;
  let clock = Date.parse('2026-12-01T09:00:00Z');
  before(async () => {
    inbox = await startInbox();
    s = await start({
      smtpUrl: inbox.url,
      adminEmail: ADMIN,
      now: () => new Date(clock),
      config: { accounts: { linkPerAddress: { max: 1000 }, linkPerClient: { max: 1000 } } },
    });
  });
  after(async () => {
    await s.stop();
    await inbox.close();
  });

  test('known and unknown addresses get the same answer; only the known one gets a German mail with a link to this origin', async () => {
    const unknown = await request(`${s.url}/api/auth/link`, { method: 'POST', body: { email: 'nobody@example.org' } });
    const known = await request(`${s.url}/api/auth/link`, { method: 'POST', body: { email: 'Admin@Example.org ' } });
    assert.equal(unknown.status, 202);
    assert.equal(known.status, unknown.status);
    assert.equal(known.text, unknown.text);
    assert.match(known.json.message, /Anmeldelink/);
    const mail = await inbox.next(ADMIN);
    assert.equal(mail.subject, 'Ihr Anmeldelink für den Regionalkalender');
    assert.match(mail.text ?? '', /15 Minuten/);
    const link = linkIn(mail, '/redaktion/anmelden?token=');
    assert.ok(link.startsWith(`${s.server.origin()}/redaktion/anmelden?token=`), link);
    assert.equal(new URL(link).origin, new URL(s.url).origin);
    assert.match(String(mail.html), /<a href="http:\/\/[^"]+\/redaktion\/anmelden\?token=/);
    assert.ok(!inbox.messages.some((m) => m.to && JSON.stringify(m.to).includes('nobody@')), 'no mail to an unknown address');
    // The token: 256 bits in the link, only its SHA-256 in the database.
    const token = new URL(link).searchParams.get('token')!;
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const rows = await s.server.store.db.selectFrom('login_tokens').select('token_hash').execute();
    assert.ok(rows.some((r) => r.token_hash === hashSecret(token)));
    assert.ok(!rows.some((r) => r.token_hash.includes(token)));
  });

  test('opening the link only shows a button; the POST signs in once; a second use is refused in German', async () => {
    const link = await linkFor(s.url, inbox, ADMIN);
    for (let i = 0; i < 2; i++) {
      // A mail scanner fetching the link does not use it.
      const page = await request(link);
      assert.equal(page.status, 200);
      assert.match(page.headers['content-type'] ?? '', /text\/html/);
      assert.match(page.text, /<button type="submit">Anmelden<\/button>/);
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
      assert.equal(page.headers['set-cookie'], undefined);
    }
    const token = new URL(link).searchParams.get('token')!;
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    // From another origin: refused, and the link still works afterwards.
    const foreign = await request(`${s.url}/redaktion/anmelden`, {
      method: 'POST',
      headers: { ...form, Origin: 'https://evil.example' },
      body: `token=${token}`,
    });
    assert.equal(foreign.status, 403);
    assert.match(foreign.json.error, /anderen Website/);
    const crossSite = await request(`${s.url}/redaktion/anmelden`, {
      method: 'POST',
      headers: { ...form, 'Sec-Fetch-Site': 'cross-site' },
      body: `token=${token}`,
    });
    assert.equal(crossSite.status, 403);
    const opaque = await request(`${s.url}/redaktion/anmelden`, {
      method: 'POST',
      headers: { ...form, Origin: 'null' },
      body: `token=${token}`,
    });
    assert.equal(opaque.status, 403, 'Origin: null without Sec-Fetch-Site: same-origin');

    const me = await complete(s.url, link);
    assert.match(me.cookie, /^w4g-session=[A-Za-z0-9_-]{43}$/);
    const again = await request(`${s.url}/redaktion/anmelden`, {
      method: 'POST',
      headers: { ...form, Origin: s.url },
      body: `token=${token}`,
    });
    assert.equal(again.status, 410);
    assert.match(again.text, /schon benutzt/);
    assert.match(again.text, /Neuen Link anfordern/);
    const page = await request(link);
    assert.equal(page.status, 410);
    assert.match(page.text, /Neuen Link anfordern/);
    const bogus = await request(`${s.url}/redaktion/anmelden?token=${'x'.repeat(43)}`);
    assert.equal(bogus.status, 400);
    assert.match(bogus.text, /ungültig/);
  });

  test('the session cookie is HttpOnly and SameSite=Lax (no Secure over plain http); GET /api/me', async () => {
    const link = await linkFor(s.url, inbox, ADMIN);
    const token = new URL(link).searchParams.get('token')!;
    const done = await request(`${s.url}/redaktion/anmelden`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
      body: `token=${token}`,
    });
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, '/redaktion/');
    const cookie = String(done.headers['set-cookie']?.[0]);
    assert.match(cookie, /^w4g-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=1209600$/);
    const me = await request(`${s.url}/api/me`, { headers: { Cookie: cookie.split(';')[0]! } });
    assert.equal(me.status, 200);
    assert.equal(me.json.account.email, ADMIN);
    assert.deepEqual(me.json.roles, { admin: true, towns: [], associations: [] });
    assert.equal(me.headers['cache-control'], 'no-store');
    assert.equal(me.headers['access-control-allow-origin'], undefined);
    const anonymous = await request(`${s.url}/api/me`);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.json.error, 'Bitte melden Sie sich an.');
    const forged = await request(`${s.url}/api/me`, { headers: { Cookie: `w4g-session=${'A'.repeat(43)}` } });
    assert.equal(forged.status, 401);
    // With SMTP there is no outbox page, whatever the address.
    assert.equal((await request(`${s.url}/redaktion/postausgang`)).status, 404);
    const state = await request(`${s.url}/api/auth/session`, { headers: { Cookie: cookie.split(';')[0]! } });
    assert.deepEqual(state.json, { signedIn: true, outboxPage: false });
  });

  test('an expired link (after 15 minutes) shows the German page with "Neuen Link anfordern"', async () => {
    const link = await linkFor(s.url, inbox, ADMIN);
    clock += 15 * 60_000 + 1000;
    const page = await request(link);
    assert.equal(page.status, 410);
    assert.match(page.text, /abgelaufen/);
    assert.match(page.text, /href="\/redaktion\/#anmelden">Neuen Link anfordern/);
    const token = new URL(link).searchParams.get('token')!;
    const used = await request(`${s.url}/redaktion/anmelden`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: s.url },
      body: `token=${token}`,
    });
    assert.equal(used.status, 410);
    assert.match(used.text, /abgelaufen/);
  });

  test('state-changing requests need the CSRF token and this origin; logout ends the session', async () => {
    const me = await signIn(s.url, inbox, ADMIN);
    const missing = await me.call('/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': '' } });
    assert.equal(missing.status, 403);
    assert.match(missing.json.error, /Sicherheitsmerkmal/);
    const wrong = await me.call('/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': 'x'.repeat(43) } });
    assert.equal(wrong.status, 403);
    const foreign = await me.call('/api/auth/logout', { method: 'POST', headers: { Origin: 'https://evil.example' } });
    assert.equal(foreign.status, 403);
    assert.match(foreign.json.error, /anderen Website/);
    assert.equal((await me.call('/api/me')).status, 200, 'the refused requests changed nothing');
    const out = await me.call('/api/auth/logout', { method: 'POST' });
    assert.equal(out.status, 204);
    assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
    assert.equal((await me.call('/api/me')).status, 401);
  });

  test('"überall abmelden" ends every session of the account', async () => {
    const a = await signIn(s.url, inbox, ADMIN);
    const b = await signIn(s.url, inbox, ADMIN);
    const out = await a.call('/api/auth/logout-all', { method: 'POST' });
    assert.equal(out.status, 200);
    assert.ok(out.json.ended >= 2);
    assert.equal((await a.call('/api/me')).status, 401);
    assert.equal((await b.call('/api/me')).status, 401);
  });

  test('sessions end after 24 idle hours, and after 14 days however active', async () => {
    const idle = await signIn(s.url, inbox, ADMIN);
    clock += 23 * 3_600_000;
    assert.equal((await idle.call('/api/me')).status, 200);
    clock += 23 * 3_600_000;
    assert.equal((await idle.call('/api/me')).status, 200, 'activity keeps it alive');
    clock += 24 * 3_600_000 + 1000;
    assert.equal((await idle.call('/api/me')).status, 401, 'idle for 24 hours');

    const busy = await signIn(s.url, inbox, ADMIN);
    for (let day = 0; day < 13; day++) {
      clock += 23 * 3_600_000;
      assert.equal((await busy.call('/api/me')).status, 200, `day ${day}`);
    }
    clock += 24 * 3_600_000;
    assert.equal((await busy.call('/api/me')).status, 401, 'past 14 days');
  });

  test('a malformed address is refused in German; other methods of asking are refused', async () => {
    const bad = await request(`${s.url}/api/auth/link`, { method: 'POST', body: { email: 'info?cc=x@example.org' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error, 'Bitte geben Sie eine gültige E-Mail-Adresse an.');
    const missing = await request(`${s.url}/api/auth/link`, { method: 'POST', body: { mail: ADMIN } });
    assert.equal(missing.status, 400);
    assert.match(missing.json.error, /email/);
    const form = await request(`${s.url}/api/auth/link`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `email=${ADMIN}`,
    });
    assert.equal(form.status, 415);
  });
});

describe('link requests are limited per address and per client', () => {
  test('the sixth request for one address within the hour and the fourth of one client are 429', async () => {
    const s = await start({
      config: { accounts: { linkPerAddress: { max: 5, windowSeconds: 3600 }, linkPerClient: { max: 8, windowSeconds: 3600 } } },
    });
    try {
      for (let i = 0; i < 5; i++) {
        const ok = await request(`${s.url}/api/auth/link`, { method: 'POST', body: { email: 'a@example.org' } });
        assert.equal(ok.status, 202);
      }
      const sixth = await request(`${s.url}/api/auth/link`, { method: 'POST', body: { email: 'A@example.org' } });
      assert.equal(sixth.status, 429);
      assert.match(sixth.json.error, /Zu viele Anmeldelinks/);
      assert.ok(Number(sixth.headers['retry-after']) > 0);
      for (let i = 0; i < 2; i++) {
        const other = await request(`${s.url}/api/auth/link`, { method: 'POST', body: { email: `b${i}@example.org` } });
        assert.equal(other.status, 202);
      }
      const client = await request(`${s.url}/api/auth/link`, { method: 'POST', body: { email: 'c@example.org' } });
      assert.equal(client.status, 429, 'the client has used its 8 requests');
    } finally {
      await s.stop();
    }
  });
});

describe('W4G_ADMIN_EMAIL, https, and the outbox', () => {
  test('W4G_ADMIN_EMAIL makes one region admin, however often the server starts', async () => {
    const dir = tempDir();
    for (let i = 0; i < 2; i++) {
      const s = await start({ dir, adminEmail: 'Chef@Example.org', config: { mail: { outbox: join(dir, 'outbox') } } });
      const accounts = await s.server.store.accounts.listAccounts();
      assert.equal(accounts.length, 1);
      assert.equal(accounts[0]!.email, 'chef@example.org');
      assert.deepEqual(accounts[0]!.roles, [{ role: 'admin', scope: '' }]);
      await s.server.close();
    }
  });

  test('a new database with the sample data has one demo account per role', async () => {
    const s = await start({ config: { seed: true } });
    try {
      const accounts = await s.server.store.accounts.listAccounts();
      assert.deepEqual(
        accounts.map((a) => [a.email, a.roles]),
        [
          ['heimatverein@wir4gemeinsam.example', [{ role: 'member', scope: 'heimatverein-arnstein' }]],
          ['redaktion-arnstein@wir4gemeinsam.example', [{ role: 'editor', scope: 'Arnstein' }]],
          ['region@wir4gemeinsam.example', [{ role: 'admin', scope: '' }]],
        ],
      );
    } finally {
      await s.stop();
    }
  });

  test('without SMTP every mail is an .eml file in the outbox; behind an https proxy the cookie is __Host- and Secure', async () => {
    const dir = tempDir();
    const outbox = join(dir, 'outbox');
    const s = await start({ dir, adminEmail: ADMIN, config: { mail: { outbox }, trustProxy: true } });
    try {
      assert.equal(s.server.mailer.mode, 'outbox');
      await request(`${s.url}/api/auth/link`, { method: 'POST', body: { email: ADMIN } });
      let files: string[] = [];
      while (!files.length) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        files = existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml')) : [];
      }
      const eml = readFileSync(join(outbox, files[0]!), 'utf8');
      assert.match(eml, /^To: admin@example\.org/m);
      assert.match(eml, /Content-Type: text\/html/);
      const parsed = await simpleParser(eml);
      const token = /anmelden\?token=([A-Za-z0-9_-]{43})\s/.exec(parsed.text ?? '')?.[1];
      assert.ok(token, 'the link is in the message');
      assert.deepEqual(
        s.server.mailer.outboxEntries().map((e) => e.subject),
        ['Ihr Anmeldelink für den Regionalkalender'],
      );
      // Local try-out (listening on loopback, no SMTP): the outbox page shows the link.
      const outboxPage = await request(`${s.url}/redaktion/postausgang`);
      assert.equal(outboxPage.status, 200);
      assert.ok(outboxPage.text.includes(`/redaktion/anmelden?token=${token}`));
      assert.match(String(outboxPage.headers['content-security-policy']), /default-src 'none'/);
      const state = await request(`${s.url}/api/auth/session`);
      assert.deepEqual(state.json, { signedIn: false, outboxPage: true });
      const done = await request(`${s.url}/redaktion/anmelden`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: 'https://kalender.example.org',
          'X-Forwarded-Proto': 'https',
          Host: 'kalender.example.org',
        },
        body: `token=${token}`,
      });
      assert.equal(done.status, 303, done.text);
      const cookie = String(done.headers['set-cookie']?.[0]);
      assert.match(cookie, /^__Host-w4g-session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/);
      const me = await request(`${s.url}/api/me`, { headers: { Cookie: cookie.split(';')[0]!, 'X-Forwarded-Proto': 'https' } });
      assert.equal(me.status, 200);
      // The same cookie over plain http is not the session (the names differ by design).
      const plain = await request(`${s.url}/api/me`, { headers: { Cookie: cookie.split(';')[0]! } });
      assert.equal(plain.status, 401);
    } finally {
      await s.stop();
    }
  });
});
