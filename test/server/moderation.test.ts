/**
 * Moderation end to end over HTTP: authentication, approve -> published in both feeds at
 * once, reject -> gone, edit, and a restart on the same SQLite file that keeps everything.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { parseIcs } from '../../src/core/index.js';
import { tokenMatches } from '../../src/server/routes/admin.js';
import { admin, ADMIN_TOKEN, request, start, submission, tempDir } from './helpers.js';

describe('moderation API', () => {
  test('the token check is constant-time over hashes and exact', () => {
    assert.equal(tokenMatches(`Bearer ${ADMIN_TOKEN}`, ADMIN_TOKEN), true);
    assert.equal(tokenMatches(`bearer   ${ADMIN_TOKEN} `, ADMIN_TOKEN), true);
    for (const header of [
      undefined,
      '',
      'Bearer',
      `Basic ${ADMIN_TOKEN}`,
      `Bearer ${ADMIN_TOKEN}x`,
      `Bearer ${ADMIN_TOKEN.slice(1)}`,
      ADMIN_TOKEN,
    ]) {
      assert.equal(tokenMatches(header, ADMIN_TOKEN), false, String(header));
    }
  });

  test('without W4G_ADMIN_TOKEN moderation is off (503), submissions still work', async () => {
    const s = await start({ adminToken: undefined });
    try {
      const res = await request(`${s.url}/api/admin/submissions`, { headers: admin() });
      assert.equal(res.status, 503);
      assert.match(res.json.error, /Moderation ist ausgeschaltet/);
      assert.equal((await request(`${s.url}/api/submissions`, { method: 'POST', body: submission() })).status, 202);
      assert.deepEqual(
        (await request(`${s.url}/api/health`)).json,
        { status: 'ok' },
        'the public health is independent of moderation',
      );
    } finally {
      await s.stop();
    }
  });

  test('the admin rate limit counts before the token check, so guessing is limited too', async () => {
    const s = await start({ config: { rateLimit: { admin: { max: 3, windowSeconds: 600 } } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await request(`${s.url}/api/admin/submissions`, { headers: { Authorization: `Bearer guess-${i}` } })).status,
        );
      }
      assert.deepEqual(statuses, [401, 401, 401, 429]);
    } finally {
      await s.stop();
    }
  });

  const dir = tempDir();
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('401 without the right token, on every admin route', async () => {
    const s = await start({ dir });
    try {
      const routes: [string, string][] = [
        ['GET', '/api/admin/submissions?status=pending'],
        ['GET', '/api/admin/submissions/x'],
        ['POST', '/api/admin/submissions/x/approve'],
        ['POST', '/api/admin/submissions/x/reject'],
        ['PUT', '/api/admin/submissions/x'],
      ];
      for (const [method, path] of routes) {
        const attempts: Record<string, string>[] = [
          {},
          { Authorization: 'Bearer wrong' },
          { Authorization: `Basic ${ADMIN_TOKEN}` },
        ];
        for (const headers of attempts) {
          const res = await request(`${s.url}${path}`, { method, headers });
          assert.equal(res.status, 401, `${method} ${path} ${JSON.stringify(headers)}`);
          assert.equal(res.headers['www-authenticate'], 'Bearer realm="w4g-admin"');
          assert.equal(res.headers['cache-control'], 'no-store');
        }
      }
    } finally {
      await s.stop();
    }
  });

  test('approve publishes at once in events.json and events.ics; reject unpublishes; edit; restart keeps all', async () => {
    let s = await start({ dir });
    const api = `${s.url}/api/admin/submissions`;
    const submit = async (overrides: Record<string, unknown>): Promise<string> => {
      const res = await request(`${s.url}/api/submissions`, { method: 'POST', body: submission(overrides) });
      assert.equal(res.status, 202);
      return res.json.id;
    };
    const a = await submit({ title: 'Lesung im Bestehornpark' });
    const b = await submit({ title: 'Flohmarkt am Anger', town: 'Seeland' });

    const pending = await request(`${api}?status=pending`, { headers: admin() });
    assert.equal(pending.status, 200);
    assert.equal(pending.headers['cache-control'], 'no-store');
    assert.equal(pending.json.total, 2);
    assert.deepEqual(
      pending.json.submissions.map((x: { id: string }) => x.id),
      [a, b],
    );
    const first = pending.json.submissions[0];
    assert.equal(first.status, 'pending');
    assert.deepEqual(first.contact, { name: 'Erika Muster', email: 'erika@example.org' }, 'moderators see the contact');
    assert.equal(first.event.title, 'Lesung im Bestehornpark');
    assert.equal((await request(`${api}?status=nonsense`, { headers: admin() })).status, 400);

    const feed0 = await request(`${s.url}/api/events.json`);
    const ics0 = await request(`${s.url}/api/events.ics`);
    assert.equal(feed0.json.events.length, 0);

    const approved = await request(`${api}/${a}/approve`, { method: 'POST', headers: admin() });
    assert.equal(approved.status, 200);
    assert.equal(approved.json.submission.status, 'approved');
    assert.ok(approved.json.submission.moderatedAt);

    const feed1 = await request(`${s.url}/api/events.json`, { headers: { 'If-None-Match': feed0.headers.etag! } });
    assert.equal(feed1.status, 200, 'the ETag changed');
    assert.notEqual(feed1.headers.etag, feed0.headers.etag);
    assert.deepEqual(
      feed1.json.events.map((e: { id: string }) => e.id),
      [a],
    );
    assert.equal(feed1.json.events[0].title, 'Lesung im Bestehornpark');
    assert.ok(
      !feed1.text.includes('erika@example.org') && !feed1.text.includes('Erika Muster'),
      'the private contact is never published',
    );
    const ics1 = await request(`${s.url}/api/events.ics`, { headers: { 'If-None-Match': ics0.headers.etag! } });
    assert.equal(ics1.status, 200);
    assert.deepEqual(
      parseIcs(ics1.text).events.map((e) => [e.id, e.title]),
      [[a, 'Lesung im Bestehornpark']],
    );
    assert.ok(!ics1.text.includes('erika@example.org'));

    // Approving again changes nothing visible: the ETag stays.
    assert.equal((await request(`${api}/${a}/approve`, { method: 'POST', headers: admin() })).status, 200);
    assert.equal((await request(`${s.url}/api/events.json`, { headers: { 'If-None-Match': feed1.headers.etag! } })).status, 304);

    // Edit: errors keyed event.<field>, then a valid edit shows up in the feed at once.
    const bad = await request(`${api}/${a}`, {
      method: 'PUT',
      headers: admin(),
      body: { event: { ...first.event, title: '', end: '1999-01-01T00:00' } },
    });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.errors['event.title'], 'Bitte geben Sie einen Titel ein.');
    assert.equal(bad.json.errors['event.end'], 'Das Ende muss nach dem Beginn liegen.');
    const badContact = await request(`${api}/${a}`, {
      method: 'PUT',
      headers: admin(),
      body: { contact: { name: 'X', email: 'nope' } },
    });
    assert.deepEqual(badContact.json, { errors: { 'contact.email': 'Bitte geben Sie eine gültige E-Mail-Adresse an.' } });
    const notObject = await request(`${api}/${a}`, { method: 'PUT', headers: admin(), body: '[]' });
    assert.equal(notObject.status, 400);
    assert.equal(notObject.json.error, 'Der Inhalt muss ein JSON-Objekt sein.');
    assert.equal(
      (await request(`${api}/${a}`, { method: 'PUT', headers: admin({ 'Content-Type': 'text/plain' }), body: '{}' })).status,
      415,
    );
    const edited = await request(`${api}/${a}`, {
      method: 'PUT',
      headers: admin(),
      body: {
        event: {
          ...first.event,
          title: 'Lesung mit Musik im Bestehornpark',
          id: 'ignored',
          contact: { name: 'Kulturkreis an der Eine', email: 'info@kulturkreis.example.org' },
        },
        contact: { name: 'E. Muster', email: 'em@example.org' },
      },
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.json.submission.event.id, a, 'the id stays');
    assert.equal(edited.json.submission.contact.email, 'em@example.org');
    const feed2 = await request(`${s.url}/api/events.json`);
    assert.equal(feed2.json.events[0].title, 'Lesung mit Musik im Bestehornpark');
    assert.deepEqual(
      feed2.json.events[0].contact,
      { name: 'Kulturkreis an der Eine', email: 'info@kulturkreis.example.org' },
      'a public contact set by the moderator',
    );
    assert.ok(!feed2.text.includes('em@example.org'), 'the private contact stays private');

    // Reject the other one; reject the published one: it leaves the feed.
    assert.equal((await request(`${api}/${b}/reject`, { method: 'POST', headers: admin() })).json.submission.status, 'rejected');
    const approvedList = await request(`${api}?status=approved`, { headers: admin() });
    assert.deepEqual(
      approvedList.json.submissions.map((x: { id: string }) => x.id),
      [a],
    );
    assert.equal((await request(`${api}/${a}/reject`, { method: 'POST', headers: admin() })).status, 200);
    const feed3 = await request(`${s.url}/api/events.json`);
    assert.equal(feed3.json.events.length, 0);
    assert.notEqual(feed3.headers.etag, feed2.headers.etag);
    assert.equal(
      (await request(`${api}/${a}/approve`, { method: 'POST', headers: admin() })).status,
      200,
      'a moderator may change their mind',
    );
    const feed4 = await request(`${s.url}/api/events.json`);
    assert.equal(feed4.headers.etag, feed2.headers.etag, 'the same content has the same ETag');

    for (const [method, path] of [
      ['POST', `${api}/unknown/approve`],
      ['POST', `${api}/unknown/reject`],
      ['GET', `${api}/unknown`],
    ] as const) {
      assert.equal((await request(path, { method, headers: admin() })).status, 404);
    }
    assert.equal((await request(`${api}/unknown`, { method: 'PUT', headers: admin(), body: {} })).status, 404);

    // Restart: a new server on the same file serves the same data with the same validators.
    const ics4 = await request(`${s.url}/api/events.ics`);
    await s.stop();
    s = await start({ dir });
    try {
      const all = await request(`${s.url}/api/admin/submissions?status=all`, { headers: admin() });
      assert.equal(all.json.total, 2);
      assert.deepEqual(
        all.json.submissions.map((x: { id: string; status: string }) => [x.id, x.status]),
        [
          [a, 'approved'],
          [b, 'rejected'],
        ],
      );
      const feed5 = await request(`${s.url}/api/events.json`, { headers: { 'If-None-Match': feed4.headers.etag! } });
      assert.equal(feed5.status, 304, 'same ETag after the restart');
      const ics5 = await request(`${s.url}/api/events.ics`);
      assert.equal(ics5.text, ics4.text, 'identical iCalendar bytes (DTSTAMP is the feed’s modification time)');
      assert.equal(ics5.headers['last-modified'], ics4.headers['last-modified']);
    } finally {
      await s.stop();
    }
  });
});
