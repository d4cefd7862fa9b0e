/**
 * GET /api/clashes: published dates at the same time in the same town, a neighbouring town
 * (configured), nearby by position, or large events anywhere; nothing from another town,
 * nothing cancelled, no contacts; German 400s; the moderation queue shows clashes too.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { admin, request, start, submission, type Answer, type Running } from './helpers.js';

const DAY = '2027-06-12';
const base = { timeZone: 'Europe/Berlin', categories: [] as string[] };
const EVENTS = [
  {
    ...base,
    id: 'konzert',
    title: 'Kirchenkonzert',
    start: `${DAY}T15:00`,
    end: `${DAY}T17:00`,
    town: 'Hoym',
    location: { name: 'St. Nicolai' },
    contact: { name: 'Pfarramt', email: 'pfarramt@example.org' },
  },
  {
    ...base,
    id: 'abgesagt',
    title: 'Abgesagtes Fest',
    start: `${DAY}T15:00`,
    end: `${DAY}T18:00`,
    town: 'Hoym',
    status: 'cancelled',
  },
  { ...base, id: 'morgens', title: 'Wochenmarkt', start: `${DAY}T08:00`, end: `${DAY}T12:00`, town: 'Aschersleben' },
  { ...base, id: 'woanders', title: 'Gartenfest', start: `${DAY}T14:00`, end: `${DAY}T18:00`, town: 'Quedlinburg' },
  {
    id: 'stadtfest',
    title: 'Stadtfest Ballenstedt',
    start: DAY,
    end: '2027-06-14',
    town: 'Ballenstedt',
    categories: ['Stadtfest'],
  },
  {
    ...base,
    id: 'nah',
    title: 'Hoffest',
    start: `${DAY}T13:00`,
    end: `${DAY}T16:00`,
    town: 'Gatersleben',
    location: { name: 'Gut', lat: 51.8204, lon: 11.2835 },
  },
];

async function withEvents(run: (s: Running) => Promise<void>): Promise<void> {
  const s = await start({ config: { clashes: { neighbours: { Hoym: ['Aschersleben'] } } } });
  try {
    await s.server.store.importData(EVENTS, [], 'seed');
    // The feed follows the database within feed.pollSeconds (1 s).
    for (let i = 0; i < 100 && !(await request(`${s.url}/api/events.json`)).text.includes('Kirchenkonzert'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await run(s);
  } finally {
    await s.stop();
  }
}

const clashes = async (s: Running, query: string): Promise<Answer & { keys: string[] }> => {
  const res = await request(`${s.url}/api/clashes?${query}`);
  return {
    ...res,
    keys: (res.json?.clashes ?? []).map((c: { key: string; reason: string }) => `${c.key.split('/')[0]} ${c.reason}`),
  };
};

describe('GET /api/clashes', () => {
  test('same town, neighbour, nearby and region-wide; not another town, not cancelled, not another time', async () => {
    await withEvents(async (s) => {
      const inHoym = await clashes(s, `start=${DAY}T14:00&end=${DAY}T18:00&town=Hoym`);
      assert.equal(inHoym.status, 200);
      assert.deepEqual(inHoym.keys, ['stadtfest region', 'konzert same-town']);
      const first = inHoym.json.clashes[1];
      assert.deepEqual(first, {
        key: 'konzert/2027-06-12T13:00:00Z',
        title: 'Kirchenkonzert',
        start: '2027-06-12T15:00:00+02:00',
        end: '2027-06-12T17:00:00+02:00',
        allDay: false,
        timeZone: 'Europe/Berlin',
        town: 'Hoym',
        place: 'St. Nicolai',
        categories: [],
        reason: 'same-town',
      });
      assert.ok(!inHoym.text.includes('pfarramt@example.org'), 'no contact data');

      // Aschersleben names no neighbours itself; Hoym names it: read both ways.
      const nearby = await clashes(s, `start=${DAY}T14:00&end=${DAY}T18:00&town=Aschersleben&lat=51.7786&lon=11.3167`);
      assert.deepEqual(nearby.keys, ['stadtfest region', 'nah nearby', 'konzert neighbour']);

      const elsewhere = await clashes(s, `start=${DAY}T14:00&end=${DAY}T18:00&town=Falkenstein%2FHarz`);
      assert.deepEqual(elsewhere.keys, ['stadtfest region']);

      const evening = await clashes(s, `start=${DAY}T19:00&town=Hoym`);
      assert.deepEqual(evening.keys, ['stadtfest region']);

      const allDay = await clashes(s, `start=${DAY}&town=Aschersleben`);
      assert.deepEqual(allDay.keys, ['stadtfest region', 'morgens same-town', 'konzert neighbour']);
    });
  });

  test('bad queries are German 400s', async () => {
    await withEvents(async (s) => {
      for (const [query, message] of [
        ['', /start|Bitte|erforderlich|fehlt/],
        ['start=morgen', /Bitte|ungültig/],
        [`start=2027-02-30T10:00`, /Beginn/],
        [`start=${DAY}T14:00&end=2027-06-01`, /Ende/],
        [`start=${DAY}&end=2027-07-12`, /zu lang/],
        [`start=${DAY}&lat=51.7`, /Breite und Länge/],
      ] as const) {
        const res = await clashes(s, query);
        assert.equal(res.status, 400, `${query}: ${res.text}`);
        assert.match(res.json.error, message, query);
      }
    });
  });

  test('the moderation queue shows a pending submission its clashes', async () => {
    await withEvents(async (s) => {
      const posted = await request(`${s.url}/api/submissions`, {
        method: 'POST',
        body: submission({ start: `${DAY}T16:00`, end: `${DAY}T18:00`, town: 'Hoym' }),
      });
      assert.equal(posted.status, 202, posted.text);
      const res = await request(`${s.url}/api/admin/submissions/${posted.json.id}`, { headers: admin() });
      assert.deepEqual(
        res.json.clashes.map((c: { title: string; reason: string }) => `${c.title} ${c.reason}`),
        ['Stadtfest Ballenstedt region', 'Kirchenkonzert same-town'],
      );
    });
  });
});
