/**
 * One date of a series from the workspace (issue 14) with the workspace's rules (issue 13):
 * the member of the Heimatverein cancels and changes single dates of their series and splits
 * it; a member of another association gets a German 403; a stale version gets 412 with the
 * current state and nothing is written. And the event itself as `<w4g-event-form>` sends it:
 * the bare event with If-Match, its picture named by an upload's id.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { expandOccurrences, parseIcs, parseJsonFeed } from '../../src/core/index.js';
import { FIXED, NULLABLE } from '../../src/server/routes/event-edits.js';
import { seed } from '../../src/server/seed.js';
import { dayFromNow, request, start, type Running } from './helpers.js';
import { startInbox, type Inbox } from './smtp.js';
import { signIn, type Session } from './workspace-helpers.js';

const EDITOR = 'redaktion-arnstein@example.org';
const MEMBER = 'heimat@example.org';
const OTHER_MEMBER = 'landfrau@example.org';

/** A weekly series of the Heimatverein, six Thursdays from next week. */
function series(id: string): Record<string, unknown> {
  return {
    id,
    title: 'Chorprobe im Heimathaus',
    start: `${dayFromNow(7)}T19:00`,
    end: `${dayFromNow(7)}T21:00`,
    timeZone: 'Europe/Berlin',
    rrule: 'FREQ=WEEKLY;COUNT=6',
    town: 'Arnstein',
    organizerId: 'heimatverein-arnstein',
  };
}

async function feedDates(url: string, id: string): Promise<string[]> {
  const feed = parseJsonFeed((await request(`${url}/api/events.json`)).text).events.filter(
    (e) => e.id === id || e.id.startsWith(`${id}-`),
  );
  return expandOccurrences(feed, { start: dayFromNow(0), end: dayFromNow(60), zone: 'Europe/Berlin' }).map(
    (o) => `${o.start.slice(0, 16)} ${o.status} ${o.title}`,
  );
}

describe('workspace: single dates of a series', () => {
  let inbox: Inbox;
  let s: Running;
  let editor: Session;
  let member: Session;
  let other: Session;

  before(async () => {
    inbox = await startInbox();
    s = await start({
      smtpUrl: inbox.url,
      config: { accounts: { linkPerAddress: { max: 1000 }, linkPerClient: { max: 1000 } } },
    });
    await seed(s.server.store, new Date());
    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount(EDITOR), 'editor', 'Arnstein');
    await accounts.grant(await accounts.ensureAccount(MEMBER), 'member', 'heimatverein-arnstein');
    await accounts.grant(await accounts.ensureAccount(OTHER_MEMBER), 'member', 'landfrauen-arnstein');
    editor = await signIn(s.url, inbox, EDITOR);
    member = await signIn(s.url, inbox, MEMBER);
    other = await signIn(s.url, inbox, OTHER_MEMBER);
  });
  after(async () => {
    await s.stop();
    await inbox.close();
  });

  test('the member lists the coming dates, cancels one, changes one, splits the series; the feed shows it', async () => {
    await s.server.store.saveEvent(series('ws-chor') as never, 'workspace');
    const list = await member.call('/api/workspace/events');
    assert.equal(list.json.events.find((e: { event: { id: string } }) => e.event.id === 'ws-chor').recurring, true);
    const got = await member.call('/api/workspace/events/ws-chor');
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.dates.length, 6);
    const [, second, third, fourth] = got.json.dates;
    // What the form shows for "nur dieser Termin": that date, no rule.
    assert.equal(second.this.start, `${dayFromNow(14)}T19:00`);
    assert.equal(second.this.end, `${dayFromNow(14)}T21:00`);
    assert.equal(second.this.rrule, undefined);
    assert.equal(second.following.rrule, 'FREQ=WEEKLY;COUNT=6');

    const cancelled = await member.call('/api/workspace/events/ws-chor/series-edit', {
      method: 'POST',
      body: {
        occurrence: second.occurrence,
        scope: 'this',
        change: { status: 'cancelled', statusNote: 'wegen Krankheit' },
        version: got.json.version,
      },
    });
    assert.equal(cancelled.status, 200, cancelled.text);
    const moved = await member.call('/api/workspace/events/ws-chor/series-edit', {
      method: 'POST',
      headers: { 'If-Match': `"${cancelled.json.version}"` },
      body: { occurrence: third.occurrence, scope: 'this', change: { title: 'Chorprobe mit Gästen' } },
    });
    assert.equal(moved.status, 200, moved.text);
    const split = await editor.call('/api/workspace/events/ws-chor/series-edit', {
      method: 'POST',
      body: {
        occurrence: fourth.occurrence,
        scope: 'following',
        change: { start: `${dayFromNow(28)}T18:00`, end: `${dayFromNow(28)}T20:00` },
        version: moved.json.version,
      },
    });
    assert.equal(split.status, 200, split.text);
    assert.equal(split.json.created.length, 1);
    assert.deepEqual(await feedDates(s.url, 'ws-chor'), [
      `${dayFromNow(7)}T19:00 scheduled Chorprobe im Heimathaus`,
      `${dayFromNow(14)}T19:00 cancelled Chorprobe im Heimathaus`,
      `${dayFromNow(21)}T19:00 scheduled Chorprobe mit Gästen`,
      `${dayFromNow(28)}T18:00 scheduled Chorprobe im Heimathaus`,
      `${dayFromNow(35)}T18:00 scheduled Chorprobe im Heimathaus`,
      `${dayFromNow(42)}T18:00 scheduled Chorprobe im Heimathaus`,
    ]);
  });

  test('another association gets a German 403, for reading and for editing, and nothing changes', async () => {
    await s.server.store.saveEvent(series('ws-probe') as never, 'workspace');
    const got = await member.call('/api/workspace/events/ws-probe');
    const before = await feedDates(s.url, 'ws-probe');
    for (const [method, path, body] of [
      ['GET', '/api/workspace/events/ws-probe', undefined],
      [
        'POST',
        '/api/workspace/events/ws-probe/series-edit',
        { occurrence: got.json.dates[0].occurrence, scope: 'this', change: { status: 'cancelled' }, version: got.json.version },
      ],
    ] as const) {
      const refused = await other.call(path, { method, ...(body ? { body } : {}) });
      assert.equal(refused.status, 403, `${method} ${path}`);
      assert.equal(refused.json.error, 'Sie dürfen nur für Ihren eigenen Verein handeln.');
    }
    // Nor may a member hand a date over to another association.
    const moved = await member.call('/api/workspace/events/ws-probe/series-edit', {
      method: 'POST',
      body: { occurrence: got.json.dates[0].occurrence, scope: 'this', change: { organizerId: 'landfrauen-arnstein' } },
    });
    assert.equal(moved.status, 403);
    assert.deepEqual(await feedDates(s.url, 'ws-probe'), before);
  });

  test('a stale version gets 412 with the current state of that date; nothing is written', async () => {
    await s.server.store.saveEvent(series('ws-stammtisch') as never, 'workspace');
    const got = await member.call('/api/workspace/events/ws-stammtisch');
    const date = got.json.dates[2];
    const first = await editor.call('/api/workspace/events/ws-stammtisch/series-edit', {
      method: 'POST',
      body: { occurrence: date.occurrence, scope: 'this', change: { title: 'Stammtisch im Garten' }, version: got.json.version },
    });
    assert.equal(first.status, 200, first.text);
    const stale = await member.call('/api/workspace/events/ws-stammtisch/series-edit', {
      method: 'POST',
      body: { occurrence: date.occurrence, scope: 'this', change: { title: 'Stammtisch am See' }, version: got.json.version },
    });
    assert.equal(stale.status, 412);
    assert.match(stale.json.error, /inzwischen geändert/);
    assert.equal(stale.json.current.title, 'Stammtisch im Garten', 'the other person’s version of that date');
    assert.equal(stale.json.current.start, date.this.start);
    assert.equal(stale.json.version, first.json.version);
    const titles = (await feedDates(s.url, 'ws-stammtisch')).map((d) => d.split(' ').slice(2).join(' '));
    assert.ok(titles.includes('Stammtisch im Garten'));
    assert.ok(!titles.includes('Stammtisch am See'));
  });

  test('bad input: German messages at the fields (no "change." prefix), never a 500', async () => {
    await s.server.store.saveEvent(series('ws-kurs') as never, 'workspace');
    const got = await member.call('/api/workspace/events/ws-kurs');
    const answer = await member.call('/api/workspace/events/ws-kurs/series-edit', {
      method: 'POST',
      body: { occurrence: got.json.dates[0].occurrence, scope: 'this', change: { title: '' } },
    });
    assert.equal(answer.status, 422);
    assert.equal(typeof answer.json.errors.title, 'string');
    const noDate = await member.call('/api/workspace/events/ws-kurs/series-edit', {
      method: 'POST',
      body: { occurrence: `${dayFromNow(8)}T19:00`, scope: 'this', change: { status: 'cancelled' } },
    });
    assert.equal(noDate.status, 422);
    assert.equal(noDate.json.errors.occurrence, 'An diesem Datum findet kein Termin der Serie statt.');
    const unknown = await member.call('/api/workspace/events/nirgends/series-edit', {
      method: 'POST',
      body: { occurrence: `${dayFromNow(8)}T19:00`, scope: 'this', remove: true },
    });
    assert.equal(unknown.status, 404);
  });

  test('a cleared field travels: one date without description, the following ones without a place; the feed shows it', async () => {
    await s.server.store.saveEvent(
      {
        ...series('ws-singen'),
        description: 'Wir singen Frühlingslieder.',
        location: { name: 'Heimathaus', address: 'Marktplatz 1, 06456 Arnstein' },
      } as never,
      'workspace',
    );
    const got = await member.call('/api/workspace/events/ws-singen');
    const [, second, , fourth] = got.json.dates;
    const one = await member.call('/api/workspace/events/ws-singen/series-edit', {
      method: 'POST',
      body: { occurrence: second.occurrence, scope: 'this', change: { description: null }, version: got.json.version },
    });
    assert.equal(one.status, 200, one.text);
    const following = await member.call('/api/workspace/events/ws-singen/series-edit', {
      method: 'POST',
      body: { occurrence: fourth.occurrence, scope: 'following', change: { location: null }, version: one.json.version },
    });
    assert.equal(following.status, 200, following.text);
    const expected = [7, 14, 21, 28, 35, 42].map(
      (d) => `${dayFromNow(d)} ${d === 14 ? '–' : 'Wir singen Frühlingslieder.'} ${d < 28 ? 'Heimathaus' : '–'}`,
    );
    const texts = (events: ReturnType<typeof parseJsonFeed>['events']): string[] =>
      expandOccurrences(
        events.filter((e) => e.id === 'ws-singen' || e.id.startsWith('ws-singen-')),
        { start: dayFromNow(0), end: dayFromNow(60), zone: 'Europe/Berlin' },
      ).map((o) => `${o.start.slice(0, 10)} ${o.description ?? '–'} ${(o.location?.name ?? '–').split(',')[0]}`);
    const json = (await request(`${s.url}/api/events.json`)).text;
    assert.deepEqual(texts(parseJsonFeed(json).events), expected, 'the JSON feed');
    const override = (JSON.parse(json) as { events: Record<string, unknown>[] }).events.find(
      (e) => e['id'] === 'ws-singen' && e['recurrenceId'],
    )!;
    assert.equal(override['description'], null, 'the override says that date has none');
    const filtered = (await request(`${s.url}/api/events.json?town=Arnstein`)).text;
    assert.deepEqual(texts(parseJsonFeed(filtered).events), expected, 'a filtered JSON feed');
    assert.ok(!filtered.includes('"cleared"'), 'the feed writes null, not the reader’s list');
    assert.deepEqual(texts(parseIcs((await request(`${s.url}/api/events.ics`)).text).events), expected, 'the iCalendar feed');
    // What the form shows for that date: no description.
    const again = await member.call('/api/workspace/events/ws-singen');
    assert.equal(again.json.dates[1].this.description, undefined);
    assert.equal(again.json.dates[0].this.description, 'Wir singen Frühlingslieder.');
  });

  test('a change of the series itself through one date is refused at the field, never dropped', async () => {
    await s.server.store.saveEvent(series('ws-tanz') as never, 'workspace');
    const got = await member.call('/api/workspace/events/ws-tanz');
    const date = got.json.dates[1];
    for (const [scope, change, field, message] of [
      ['this', { exdates: [got.json.dates[2].occurrence] }, 'exdates', /gelten für die ganze Serie/],
      ['following', { rdates: [`${dayFromNow(50)}T19:00`] }, 'rdates', /gelten für die ganze Serie/],
      ['this', { rrule: 'FREQ=WEEKLY;INTERVAL=2;COUNT=3' }, 'rrule', /gilt für die ganze Serie/],
      ['this', { title: null }, 'title', /darf nicht leer sein/],
      ['following', { town: null }, 'town', /darf nicht leer sein/],
    ] as const) {
      const answer = await member.call('/api/workspace/events/ws-tanz/series-edit', {
        method: 'POST',
        body: { occurrence: date.occurrence, scope, change, version: got.json.version },
      });
      assert.equal(answer.status, 422, `${scope} ${field}: ${answer.text}`);
      assert.match(answer.json.errors[field], message, `${scope} ${field}`);
    }
    // Nothing was written: the same version, the same entries.
    const after = await member.call('/api/workspace/events/ws-tanz');
    assert.equal(after.json.version, got.json.version);
    assert.deepEqual(after.json.entries, got.json.entries);
  });

  test('the event as the form sends it: bare, version in If-Match, the picture by its upload id', async () => {
    const created = await editor.call('/api/workspace/events', {
      method: 'POST',
      body: { title: 'Burgfest', start: `${dayFromNow(30)}T14:00`, town: 'Arnstein', organizerId: 'heimatverein-arnstein' },
    });
    assert.equal(created.status, 201, created.text);
    const id = created.json.event.id as string;
    const noise = await sharp(randomBytes(120 * 80 * 3), { raw: { width: 120, height: 80, channels: 3 } })
      .jpeg()
      .toBuffer();
    const boundary = `----w4g${randomBytes(6).toString('hex')}`;
    const uploaded = await request(`${s.url}/api/images`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      body: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="burg.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        ),
        noise,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    assert.equal(uploaded.status, 201, uploaded.text);
    const body = {
      title: 'Burgfest mit Ritterspielen',
      start: `${dayFromNow(30)}T14:00`,
      town: 'Arnstein',
      organizerId: 'heimatverein-arnstein',
      image: { id: uploaded.json.id, alt: 'Die Burgruine im Abendlicht', license: 'CC-BY-4.0', credit: 'Anna Muster' },
    };
    const saved = await member.call(`/api/workspace/events/${id}`, {
      method: 'PUT',
      headers: { 'If-Match': `"${created.json.version}"` },
      body,
    });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json.event.image.alt, 'Die Burgruine im Abendlicht');
    assert.match(saved.json.event.image.url, new RegExp(`/api/images/${uploaded.json.id}/`));
    const stale = await member.call(`/api/workspace/events/${id}`, {
      method: 'PUT',
      headers: { 'If-Match': `"${created.json.version}"` },
      body: { ...body, title: 'Burgfest (alt)' },
    });
    assert.equal(stale.status, 412);
    assert.equal(stale.json.current.title, 'Burgfest mit Ritterspielen');
    const unknownPicture = await member.call(`/api/workspace/events/${id}`, {
      method: 'PUT',
      body: { ...body, image: { id: 'f'.repeat(32), alt: 'x', license: 'CC0-1.0' } },
    });
    assert.equal(unknownPicture.status, 422);
    assert.equal(unknownPicture.json.errors.image, 'Das Bild wurde nicht gefunden. Bitte laden Sie es erneut hoch.');
  });
});

describe('the workspace page and the server agree on a change of some dates', () => {
  // events.js is served as it is (no build step), so it cannot import the server's lists: its
  // copies are held to them here.
  const code = readFileSync(new URL('../../src/server/workspace/events.js', import.meta.url), 'utf8');
  const listIn = (name: string): string[] => {
    const found = new RegExp(`const ${name} = (?:new Set\\()?\\[([^\\]]*)\\]`).exec(code);
    assert.ok(found, `${name} in events.js`);
    return [...found[1]!.matchAll(/'(\w+)'/g)].map((m) => m[1]!);
  };

  test('it sends null for exactly the fields the server lets a change empty', () => {
    assert.deepEqual(listIn('CLEARABLE').sort(), [...NULLABLE].sort());
  });

  test('it leaves out exactly the fields the server decides itself', () => {
    assert.deepEqual(listIn('FIXED').sort(), [...FIXED].sort());
  });
});
