/**
 * Series edits over HTTP on the admin routes: one date cancelled, a split "dieser und alle
 * folgenden", published at once in the JSON and iCalendar feeds; bad input is a German 4xx;
 * the permission check answers 403 when it says no.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expandOccurrences, parseIcs, parseJsonFeed } from '../../src/core/index.js';
import { admin, request, start, type Running } from './helpers.js';

const NOW = () => new Date('2027-02-20T10:00:00Z');
const WINDOW = { start: '2027-03-01', end: '2027-05-01', zone: 'Europe/Berlin' };

const SERIES = {
  id: 'chor',
  title: 'Chorprobe',
  start: '2027-03-03T19:00:00',
  end: '2027-03-03T21:00:00',
  timeZone: 'Europe/Berlin',
  rrule: 'FREQ=WEEKLY;COUNT=8',
  town: 'Hoym',
};

async function withSeries(run: (s: Running) => Promise<void>, options: Parameters<typeof start>[0] = {}): Promise<void> {
  const s = await start({ now: NOW, ...options });
  try {
    await s.server.store.importData([SERIES], [], 'seed');
    await run(s);
  } finally {
    await s.stop();
  }
}

const edit = (s: Running, body: unknown, id = 'chor') =>
  request(`${s.url}/api/admin/events/${id}/series-edit`, { method: 'POST', headers: admin(), body });

async function feedDates(s: Running): Promise<{ json: string[]; ics: string[] }> {
  const show = (events: Parameters<typeof expandOccurrences>[0]): string[] =>
    expandOccurrences(events, WINDOW).map((o) => `${o.start} ${o.status}${o.statusNote ? ` ${o.statusNote}` : ''}`);
  const json = parseJsonFeed((await request(`${s.url}/api/events.json`)).text).events;
  const ics = parseIcs((await request(`${s.url}/api/events.ics`)).text).events;
  return { json: show(json), ics: show(ics) };
}

describe('series edits on the admin routes', () => {
  test('nur dieser Termin: cancelled with a note, published at once in both feeds', async () => {
    await withSeries(async (s) => {
      const got = await request(`${s.url}/api/admin/events/chor`, { headers: admin() });
      assert.equal(got.status, 200);
      assert.equal(got.json.events.length, 1);
      const res = await edit(s, {
        occurrence: '2027-03-24T19:00:00+01:00',
        scope: 'this',
        change: { status: 'cancelled', statusNote: 'wegen Unwetter' },
      });
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.json.created, []);
      const { json, ics } = await feedDates(s);
      assert.equal(json.length, 8);
      assert.equal(json[3], '2027-03-24T19:00:00+01:00 cancelled wegen Unwetter');
      assert.deepEqual(ics, json);
    });
  });

  test('dieser und alle folgenden: a new series (new id) at 18:00 from 31.03., the old one ends before it', async () => {
    await withSeries(async (s) => {
      const res = await edit(s, { occurrence: '2027-03-31T19:00:00', scope: 'following', change: { start: '2027-03-31T18:00' } });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.events[0].rrule, 'FREQ=WEEKLY;COUNT=4');
      const created = res.json.created[0];
      assert.match(created.id, /^chor-[0-9a-f]{8}$/);
      assert.equal(created.start, '2027-03-31T18:00:00');
      assert.equal((await request(`${s.url}/api/admin/events/${created.id}`, { headers: admin() })).status, 200);
      const { json, ics } = await feedDates(s);
      assert.deepEqual(json, [
        '2027-03-03T19:00:00+01:00 scheduled',
        '2027-03-10T19:00:00+01:00 scheduled',
        '2027-03-17T19:00:00+01:00 scheduled',
        '2027-03-24T19:00:00+01:00 scheduled',
        '2027-03-31T18:00:00+02:00 scheduled',
        '2027-04-07T18:00:00+02:00 scheduled',
        '2027-04-14T18:00:00+02:00 scheduled',
        '2027-04-21T18:00:00+02:00 scheduled',
      ]);
      assert.deepEqual(ics, json);
    });
  });

  test('bad input: German 4xx, nothing changes', async () => {
    await withSeries(async (s) => {
      const cases: [unknown, number, string, RegExp][] = [
        [{ occurrence: '2027-03-25T19:00:00', scope: 'this', change: {} }, 422, 'occurrence', /kein Termin der Serie/],
        [{ occurrence: '2027-03-24T19:00:00', scope: 'this', remove: true, change: {} }, 422, 'change', /entweder/],
        [{ occurrence: '2027-03-24T19:00:00', scope: 'this' }, 422, 'change', /entweder/],
        [{ occurrence: '2027-03-24T19:00:00', scope: 'this', change: { id: 'x' } }, 422, 'change.id', /nicht geändert/],
        [
          { occurrence: '2027-03-24T19:00:00', scope: 'this', change: { start: 'morgen' } },
          422,
          'change.start',
          /gültiges Datum/,
        ],
        [{ occurrence: '2027-03-24T19:00:00', scope: 'this', change: { url: 'javascript:alert(1)' } }, 422, 'change.url', /http/],
        [{ occurrence: '2027-03-24T19:00:00', scope: 'this', change: { status: 'vielleicht' } }, 422, 'change.status', /Status/],
        [
          { occurrence: '2027-03-24T19:00:00', scope: 'this', change: { rrule: 'FREQ=DAILY' } },
          422,
          'change.rrule',
          /ganze Serie/,
        ],
      ];
      for (const [body, status, field, message] of cases) {
        const res = await edit(s, body);
        assert.equal(res.status, status, `${JSON.stringify(body)}: ${res.text}`);
        assert.match(res.json.errors[field], message, JSON.stringify(body));
      }
      const schema = await edit(s, { occurrence: '2027-03-24T19:00:00', scope: 'sometimes', change: {} });
      assert.equal(schema.status, 400);
      assert.match(schema.json.error, /[äöüß]|ungültig|Bitte/);
      assert.equal((await edit(s, { occurrence: '2027-03-24T19:00:00', scope: 'this', change: {} }, 'gibtsnicht')).status, 404);
      const text = await request(`${s.url}/api/admin/events/chor/series-edit`, {
        method: 'POST',
        headers: admin({ 'Content-Type': 'text/plain' }),
        body: 'x',
      });
      assert.equal(text.status, 415);
      const unauthorized = await request(`${s.url}/api/admin/events/chor/series-edit`, {
        method: 'POST',
        body: { occurrence: '2027-03-24T19:00:00', scope: 'this', remove: true },
      });
      assert.equal(unauthorized.status, 401);
      const stored = await request(`${s.url}/api/admin/events/chor`, { headers: admin() });
      assert.deepEqual(stored.json.events, [SERIES], 'nothing changed');
    });
  });

  test('the one permission check: 403 when it says no', async () => {
    const asked: string[] = [];
    await withSeries(
      async (s) => {
        assert.equal((await request(`${s.url}/api/admin/events/chor`, { headers: admin() })).status, 200);
        const res = await edit(s, { occurrence: '2027-03-24T19:00:00', scope: 'this', remove: true });
        assert.equal(res.status, 403);
        assert.match(res.json.error, /nicht bearbeiten/);
        assert.deepEqual(asked, ['chor read', 'chor edit']);
      },
      {
        eventPermission: (_request, id, action) => {
          asked.push(`${id} ${action}`);
          return action === 'read';
        },
      },
    );
  });
});
