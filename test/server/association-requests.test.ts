/**
 * "Änderung melden" and "Verein eintragen" over HTTP: stored as pending for the editors with the
 * private contact, spam dropped silently, German 422s, the editors' list and status, rate limit.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { admin, request, start, type Running } from './helpers.js';

const CONTACT = { name: 'Erika Muster', email: 'erika@example.org' };

async function withAssociation(run: (s: Running) => Promise<void>, config: Record<string, unknown> = {}): Promise<void> {
  const s = await start({ config });
  try {
    await s.server.store.importData([], [{ id: 'chor', name: 'Gemischter Chor Hoym' }], 'seed');
    for (let i = 0; i < 100 && !(await request(`${s.url}/api/associations.json`)).text.includes('Gemischter Chor'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await run(s);
  } finally {
    await s.stop();
  }
}

const send = (s: Running, body: Record<string, unknown>) =>
  request(`${s.url}/api/association-requests`, { method: 'POST', body: { formTime: 20_000, website2: '', ...body } });

describe('association requests', () => {
  test('a change and a new association reach the editors; spam is dropped without a sign', async () => {
    await withAssociation(async (s) => {
      const change = await send(s, {
        kind: 'change',
        association: 'chor',
        message: 'Die Chorprobe ist jetzt donnerstags um 19 Uhr.',
        contact: CONTACT,
      });
      assert.equal(change.status, 202, change.text);
      const created = await send(s, {
        kind: 'new',
        name: 'Angelverein Frose e.V.',
        town: 'Seeland',
        website: 'https://angeln-frose.example.org',
        contact: CONTACT,
      });
      assert.equal(created.status, 202, created.text);
      const spam = await send(s, { kind: 'new', name: 'Spam GmbH', contact: CONTACT, website2: 'http://spam.example' });
      assert.equal(spam.status, 202);
      const fast = await send(s, { kind: 'new', name: 'Zu schnell e.V.', contact: CONTACT, formTime: 200 });
      assert.equal(fast.status, 202);

      const list = await request(`${s.url}/api/admin/association-requests`, { headers: admin() });
      assert.equal(list.status, 200);
      assert.equal(list.json.total, 2);
      assert.deepEqual(
        list.json.requests.map((r: { kind: string; associationId?: string; data: object; contact: object; status: string }) => [
          r.kind,
          r.associationId,
          r.data,
          r.contact,
          r.status,
        ]),
        [
          ['change', 'chor', { message: 'Die Chorprobe ist jetzt donnerstags um 19 Uhr.' }, CONTACT, 'pending'],
          [
            'new',
            undefined,
            { name: 'Angelverein Frose e.V.', town: 'Seeland', website: 'https://angeln-frose.example.org/' },
            CONTACT,
            'pending',
          ],
        ],
      );
      const done = await request(`${s.url}/api/admin/association-requests/${change.json.id}/done`, {
        method: 'POST',
        headers: admin(),
      });
      assert.equal(done.json.request.status, 'done');
      assert.equal((await request(`${s.url}/api/admin/association-requests`, { headers: admin() })).json.total, 1);
      assert.equal((await request(`${s.url}/api/admin/association-requests`)).status, 401);
      assert.equal(
        (await request(`${s.url}/api/admin/association-requests/gibtsnicht/done`, { method: 'POST', headers: admin() })).status,
        404,
      );
      // Private contacts never reach the public feeds.
      assert.ok(!(await request(`${s.url}/api/associations.json`)).text.includes('erika@example.org'));
    });
  });

  test('bad requests: German 422s and 4xx', async () => {
    await withAssociation(async (s) => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [
          { kind: 'change', association: 'gibtsnicht', message: 'Neue Probenzeiten ab März.', contact: CONTACT },
          'association',
          /gibt es im Kalender nicht/,
        ],
        [{ kind: 'change', association: 'chor', message: 'kurz', contact: CONTACT }, 'message', /mindestens 10 Zeichen/],
        [{ kind: 'new', name: 'AB', contact: CONTACT }, 'name', /Namen des Vereins/],
        [{ kind: 'new', name: 'Angelverein', contact: { name: 'Erika' } }, 'contact.email', /E-Mail/],
        [{ kind: 'new', name: 'Angelverein', website: 'javascript:alert(1)', contact: CONTACT }, 'website', /http/],
        [{ kind: 'new', name: 'Angelverein', message: 'x'.repeat(2001), contact: CONTACT }, 'message', /zu lang/],
        [{ kind: 'umzug', contact: CONTACT }, 'kind', /Änderung melden/],
      ];
      for (const [body, field, message] of cases) {
        const res = await send(s, body);
        assert.equal(res.status, 422, `${JSON.stringify(body)}: ${res.text}`);
        assert.match(res.json.errors[field], message, JSON.stringify(body));
      }
      const text = await request(`${s.url}/api/association-requests`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: 'x',
      });
      assert.equal(text.status, 415);
      assert.match(text.json.error, /application\/json/);
      assert.equal((await request(`${s.url}/api/admin/association-requests`, { headers: admin() })).json.total, 0);
    });
  });

  test('rate limited like submissions', async () => {
    await withAssociation(
      async (s) => {
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) statuses.push((await send(s, { kind: 'new', name: `Verein ${i}`, contact: CONTACT })).status);
        assert.deepEqual(statuses, [202, 202, 429]);
      },
      { rateLimit: { submissions: { max: 2, windowSeconds: 600 } } },
    );
  });
});
