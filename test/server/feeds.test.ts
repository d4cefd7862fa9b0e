/**
 * The served feeds: the seeded sample data, validity against the one schema, ETag / 304,
 * CORS for configured origins only, the iCalendar round trip through our reader and
 * ical.js, and the static pages with their Content-Security-Policy.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import ICAL from 'ical.js';
import { expandOccurrences, parseIcs, parseJsonFeed } from '../../src/core/index.js';
import { DIALECT, request, start, tempDir, type Running } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/feed.schema.json', import.meta.url), 'utf8'));
const ALLOWED = 'https://www.aschersleben.de';

describe('feeds of a seeded server', () => {
  let s: Running;
  before(async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'w4g-calendar.js'), 'export {};\n');
    s = await start({
      dir,
      config: { seed: true, cors: { origins: [ALLOWED, 'https://seeland.example'] } },
      staticRoots: { dist: join(dir, 'dist') },
    });
  });
  after(() => s.stop());

  test(`runs on ${DIALECT === 'postgres' ? 'PostgreSQL' : 'SQLite'}, the database of this run`, () => {
    assert.equal(s.server.store.dialect, DIALECT);
  });

  test('events.json is a valid feed with living sample data for the four towns', async () => {
    const res = await request(`${s.url}/api/events.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /^application\/json; charset=utf-8/);
    const feed = res.json;
    assert.deepEqual(Object.keys(feed), ['timeZone', 'title', 'events', 'associations']);
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    addFormats(ajv);
    assert.ok(ajv.validate(schema, feed), JSON.stringify(ajv.errors?.slice(0, 3)));
    const parsed = parseJsonFeed(feed);
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(
      new Set(parsed.events.map((e) => e.town)),
      new Set(['Aschersleben', 'Arnstein', 'Falkenstein/Harz', 'Seeland']),
    );
    assert.ok(
      parsed.events.some((e) => e.rrule?.includes('FREQ=WEEKLY')),
      'weekly series',
    );
    assert.ok(
      parsed.events.some((e) => e.rrule?.includes('FREQ=MONTHLY')),
      'monthly series',
    );
    assert.ok(
      parsed.events.some((e) => e.title.includes('Maislabyrinth') && e.allDay && e.end),
      'multi-day festival',
    );
    assert.ok(
      parsed.events.some((e) => e.title.startsWith('Kulturbus')),
      'Kulturbus tour',
    );
    assert.ok(
      parsed.events.some((e) => e.recurrenceId && e.status === 'cancelled'),
      'a cancelled date of a series',
    );
    assert.ok(parsed.associations.length >= 12);
    // Something happens in the coming eight weeks, wherever the calendar is started.
    const today = new Date().toISOString().slice(0, 10);
    const inEightWeeks = new Date(Date.now() + 56 * 86_400_000).toISOString().slice(0, 10);
    const soon = expandOccurrences(parsed.events, { start: today, end: inEightWeeks });
    assert.ok(soon.length > 20, `${soon.length} occurrences in eight weeks`);
    assert.ok(soon.some((o) => o.status === 'cancelled'));
  });

  test('associations.json lists the associations', async () => {
    const res = await request(`${s.url}/api/associations.json`);
    assert.equal(res.status, 200);
    const ids = res.json.associations.map((a: { id: string }) => a.id);
    assert.ok(ids.includes('heimatverein-arnstein') && ids.includes('chor-seeland'));
    assert.deepEqual(parseJsonFeed(res.json).errors, []);
  });

  test('ETag and Last-Modified answer conditional requests with 304', async () => {
    for (const path of ['/api/events.json', '/api/events.ics', '/api/associations.json']) {
      const first = await request(`${s.url}${path}`);
      const etag = first.headers.etag!;
      const lastModified = first.headers['last-modified']!;
      assert.match(etag, /^"[\w-]{32}"$/);
      assert.ok(Date.parse(lastModified) <= Date.now());
      assert.equal(first.headers['cache-control'], 'public, max-age=60, stale-while-revalidate=300');

      const byTag = await request(`${s.url}${path}`, { headers: { 'If-None-Match': etag } });
      assert.equal(byTag.status, 304, path);
      assert.equal(byTag.text, '');
      assert.equal(byTag.headers.etag, etag);
      assert.equal(byTag.headers['cache-control'], first.headers['cache-control']);
      const inList = await request(`${s.url}${path}`, { headers: { 'If-None-Match': `"other", W/${etag}` } });
      assert.equal(inList.status, 304, 'weak comparison, list of tags');
      const byDate = await request(`${s.url}${path}`, { headers: { 'If-Modified-Since': lastModified } });
      assert.equal(byDate.status, 304);
      const stale = await request(`${s.url}${path}`, {
        headers: { 'If-None-Match': '"old"', 'If-Modified-Since': lastModified },
      });
      assert.equal(stale.status, 200, 'If-None-Match wins over If-Modified-Since');
      const older = await request(`${s.url}${path}`, {
        headers: { 'If-Modified-Since': new Date(Date.parse(lastModified) - 1000).toUTCString() },
      });
      assert.equal(older.status, 200);
      const head = await request(`${s.url}${path}`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.etag, etag);
    }
  });

  test('CORS: configured origins may read and post, others get no CORS headers', async () => {
    const allowed = await request(`${s.url}/api/events.json`, { headers: { Origin: ALLOWED } });
    assert.equal(allowed.headers['access-control-allow-origin'], ALLOWED);
    assert.match(String(allowed.headers.vary), /Origin/);
    assert.match(String(allowed.headers['access-control-expose-headers']), /ETag/);

    const denied = await request(`${s.url}/api/events.json`, { headers: { Origin: 'https://evil.example' } });
    assert.equal(denied.status, 200);
    assert.equal(denied.headers['access-control-allow-origin'], undefined);

    const preflight = await request(`${s.url}/api/submissions`, {
      method: 'OPTIONS',
      headers: {
        Origin: ALLOWED,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers['access-control-allow-origin'], ALLOWED);
    assert.match(String(preflight.headers['access-control-allow-headers']), /Idempotency-Key/);
    assert.match(String(preflight.headers['access-control-allow-methods']), /POST/);

    const deniedPreflight = await request(`${s.url}/api/submissions`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(deniedPreflight.headers['access-control-allow-origin'], undefined);

    const adminApi = await request(`${s.url}/api/admin/submissions`, { headers: { Origin: ALLOWED } });
    assert.equal(adminApi.headers['access-control-allow-origin'], undefined, 'the admin API is same-origin only');
  });

  test('events.ics is RFC 5545 with VTIMEZONE and round-trips through parseIcs and ical.js', async () => {
    const [ics, json] = await Promise.all([request(`${s.url}/api/events.ics`), request(`${s.url}/api/events.json`)]);
    assert.equal(ics.status, 200);
    assert.match(ics.headers['content-type'] ?? '', /^text\/calendar; charset=utf-8/);
    assert.ok(ics.text.startsWith('BEGIN:VCALENDAR\r\n'));
    assert.ok(ics.text.endsWith('END:VCALENDAR\r\n'));
    assert.ok(
      ics.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
      'lines folded at 75 octets',
    );
    assert.match(ics.text, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin/);

    const expected = parseJsonFeed(json.json).events;
    const key = (e: { id: string; start: string; recurrenceId?: string }): string => `${e.id}|${e.start}|${e.recurrenceId ?? ''}`;
    const ours = parseIcs(ics.text);
    assert.deepEqual(ours.errors, []);
    assert.deepEqual(ours.events.map(key).sort(), expected.map(key).sort());
    const byKey = new Map(ours.events.map((e) => [key(e), e]));
    for (const event of expected) {
      const back = byKey.get(key(event))!;
      for (const field of [
        'title',
        'end',
        'duration',
        'rrule',
        'status',
        'town',
        'organizerId',
        'description',
        'allDay',
        'timeZone',
        'price',
      ] as const) {
        assert.deepEqual(back[field], event[field], `${event.id}: ${field}`);
      }
    }
    const window = {
      start: new Date().toISOString().slice(0, 10),
      end: new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10),
    };
    const occ = (list: typeof expected): string[] =>
      expandOccurrences(list, window).map((o) => `${o.key} ${o.start} ${o.end} ${o.status}`);
    assert.deepEqual(occ(ours.events), occ(expected), 'the same dates after the round trip');

    // ical.js: parses, sees every VEVENT, resolves the zone, and repeats the series like we do.
    const calendar = new ICAL.Component(ICAL.parse(ics.text));
    const vevents = calendar.getAllSubcomponents('vevent');
    assert.equal(vevents.length, expected.length);
    assert.equal(calendar.getAllSubcomponents('vtimezone').length, 1);
    const weekly = vevents.find(
      (v) => v.getFirstPropertyValue('uid') === 'stephani-gottesdienst' && !v.hasProperty('recurrence-id'),
    )!;
    const event = new ICAL.Event(weekly);
    assert.equal(event.startDate.zone?.tzid, 'Europe/Berlin');
    const iterator = event.iterator();
    const firstDates = [iterator.next(), iterator.next(), iterator.next()].map((t) => t!.toString());
    const ourDates = expandOccurrences(
      expected.filter((e) => e.id === 'stephani-gottesdienst' && !e.recurrenceId),
      window,
    )
      .slice(0, 3)
      .map((o) => o.start.slice(0, 19));
    assert.deepEqual(firstDates, ourDates);
  });

  test('static files: / redirects to the demo, dist/ is served, the admin page runs under a strict CSP', async () => {
    const root = await request(`${s.url}/`);
    assert.equal(root.status, 302);
    assert.equal(root.headers.location, '/demo/');
    const bundle = await request(`${s.url}/dist/w4g-calendar.js`);
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers['content-type'] ?? '', /javascript/);

    const page = await request(`${s.url}/admin/`);
    assert.equal(page.status, 200);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.doesNotMatch(page.text, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(page.text, /<style|\sstyle=|\son[a-z]+=/i, 'no inline style or handler');
    const script = await request(`${s.url}/admin/admin.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers['content-type'] ?? '', /javascript/);
    assert.match(script.text, /sessionStorage/);
    assert.doesNotMatch(script.text, /localStorage|innerHTML/);
    assert.equal((await request(`${s.url}/admin/admin.css`)).status, 200);

    const missing = await request(`${s.url}/api/nothing`);
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error, 'Nicht gefunden.');
  });
});
