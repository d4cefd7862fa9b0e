import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { expandOccurrences, parseJsonFeed } from '../../src/core/index.js';

describe('parseJsonFeed', () => {
  it('reads the demo feed without a single problem', () => {
    const result = parseJsonFeed(readFileSync(new URL('../../demo/feeds/region.json', import.meta.url), 'utf8'));
    assert.deepEqual(result.errors, []);
    assert.ok(result.events.length >= 30);
    assert.ok(result.associations.length >= 10);
    assert.equal(result.timeZone, 'Europe/Berlin');
  });

  it('reads every documented field', () => {
    const { events, associations, errors } = parseJsonFeed({
      timeZone: 'Europe/Berlin',
      title: 'Wir4Gemeinsam',
      events: [
        {
          id: 'wm-2026',
          title: 'Weihnachtsmarkt',
          start: '2026-12-04',
          end: '2026-12-07',
          status: 'EventPostponed',
          description: 'Glühwein <b>und</b> Stollen',
          url: 'https://example.org/wm',
          image: 'https://example.org/wm.jpg',
          imageAlt: 'Buden auf dem Holzmarkt',
          town: 'Aschersleben',
          location: { name: 'Holzmarkt', address: 'Holzmarkt, 06449 Aschersleben', lat: 51.75, lon: 11.46 },
          organizerId: 'kulturverein',
          organizer: 'Kulturverein Aschersleben',
          categories: ['Markt', 'Familie'],
          audience: ['Familien'],
          accessibility: ['rollstuhlgerecht'],
          price: 0,
          free: true,
          contact: { name: 'Info', email: 'info@example.org', phone: '+49 3473 000000', url: 'https://example.org' },
          updated: '2026-11-01T10:00:00Z',
        },
      ],
      associations: [
        {
          id: 'kulturverein',
          name: 'Kulturverein Aschersleben e.V.',
          town: 'Aschersleben',
          categories: ['Kultur'],
          website: 'https://example.org/kv',
          email: 'kv@example.org',
          phone: '+49 3473 000001',
          address: 'Markt 1, 06449 Aschersleben',
          logo: 'https://example.org/kv.svg',
          logoAlt: 'Logo des Kulturvereins',
          meetingPlace: 'Dienstags 19 Uhr, Bestehornhaus',
        },
      ],
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(events[0], {
      id: 'wm-2026',
      title: 'Weihnachtsmarkt',
      start: '2026-12-04',
      end: '2026-12-07',
      allDay: true,
      status: 'postponed',
      categories: ['Markt', 'Familie'],
      audience: ['Familien'],
      accessibility: ['rollstuhlgerecht'],
      description: 'Glühwein <b>und</b> Stollen',
      url: 'https://example.org/wm',
      image: 'https://example.org/wm.jpg',
      imageAlt: 'Buden auf dem Holzmarkt',
      town: 'Aschersleben',
      location: { name: 'Holzmarkt', address: 'Holzmarkt, 06449 Aschersleben', lat: 51.75, lon: 11.46 },
      organizerId: 'kulturverein',
      organizer: 'Kulturverein Aschersleben',
      price: '0',
      free: true,
      contact: { name: 'Info', email: 'info@example.org', phone: '+49 3473 000000', url: 'https://example.org/' },
      updated: '2026-11-01T10:00:00Z',
    });
    assert.equal(associations[0]!.logoAlt, 'Logo des Kulturvereins');
    assert.equal(associations[0]!.website, 'https://example.org/kv');
  });

  it('reads local times in the event zone, else the feed zone, else Europe/Berlin', () => {
    const feed = (timeZone?: string, eventZone?: string) =>
      parseJsonFeed({
        ...(timeZone ? { timeZone } : {}),
        events: [{ id: 'a', title: 'a', start: '2026-07-01T12:00', ...(eventZone ? { timeZone: eventZone } : {}) }],
      });
    const at = (result: ReturnType<typeof feed>) =>
      expandOccurrences(result.events, { start: '2026-07-01', end: '2026-07-02', zone: 'UTC' })[0]!.start;
    assert.equal(at(feed()), '2026-07-01T10:00:00+00:00');
    assert.equal(at(feed('Europe/London')), '2026-07-01T11:00:00+00:00');
    assert.equal(at(feed('Europe/London', 'America/New_York')), '2026-07-01T16:00:00+00:00');
  });

  it('accepts offsets and Z as instants, and a bare array as a list of events', () => {
    const { events } = parseJsonFeed([{ id: 'a', title: 'a', start: '2026-07-01T12:00:00+02:00', end: '2026-07-01T11:00:00Z' }]);
    const [o] = expandOccurrences(events, { start: '2026-07-01', end: '2026-07-02' });
    assert.deepEqual([o!.start, o!.end], ['2026-07-01T12:00:00+02:00', '2026-07-01T13:00:00+02:00']);
  });

  it('skips events without id, title or a valid start, with a JSON pointer; keeps the rest', () => {
    const { events, errors } = parseJsonFeed({
      events: [
        { title: 'ohne id', start: '2026-07-01' },
        { id: 'b', start: '2026-07-01' },
        { id: 'c', title: 'c', start: '12.12.2026' },
        { id: 'd', title: 'd', start: '2026-02-30' },
        'not an event',
        { id: 'ok', title: 'ok', start: '2026-07-01' },
      ],
    });
    assert.deepEqual(
      events.map((e) => e.id),
      ['ok'],
    );
    assert.deepEqual(
      errors.map((e) => [e.severity, e.path]),
      [
        ['error', '/events/0/id'],
        ['error', '/events/1/title'],
        ['error', '/events/2/start'],
        ['error', '/events/3/start'],
        ['error', '/events/4'],
      ],
    );
  });

  it('drops unsafe or invalid optional fields with warnings and keeps the event', () => {
    const { events, errors } = parseJsonFeed({
      events: [
        {
          id: 'x',
          title: 'x',
          start: '2026-07-01T10:00',
          end: '2026-07-01T09:00',
          url: 'javascript:alert(1)',
          image: 'data:image/svg+xml,<svg onload=alert(1)>',
          status: 'vielleicht',
          timeZone: 'Mars/Base',
          rrule: 'FREQ=NEVER',
          exdates: ['gestern'],
          location: { lat: 200, lon: 0 },
          contact: { email: 'keine-adresse', phone: 'abc' },
        },
      ],
    });
    assert.equal(events.length, 1);
    const e = events[0]!;
    assert.equal(e.url, undefined);
    assert.equal(e.image, undefined);
    assert.equal(e.end, undefined);
    assert.equal(e.rrule, undefined);
    assert.equal(e.exdates, undefined);
    assert.equal(e.status, 'scheduled');
    assert.equal(e.timeZone, 'Europe/Berlin');
    assert.equal(e.contact, undefined);
    assert.ok(errors.every((err) => err.severity === 'warning' && err.eventId === 'x'));
    assert.equal(errors.length, 10);
    assert.deepEqual(
      errors.filter((err) => /contact/.test(err.path ?? '')).map((err) => [err.path, err.message]),
      [
        ['/events/0/contact/email', 'event "x": contact e-mail is not an e-mail address and was dropped'],
        ['/events/0/contact/phone', 'event "x": contact phone is not a phone number and was dropped'],
      ],
    );
  });

  it('reads e-mail addresses without mailto: and phone numbers as written, for contacts and associations alike', () => {
    const { events, associations, errors } = parseJsonFeed({
      events: [
        {
          id: 'x',
          title: 'x',
          start: '2026-07-01T10:00',
          contact: { email: ' MAILTO:info@chor.example ', phone: ' +49 3473 123-45 ' },
        },
      ],
      associations: [
        { id: 'chor', name: 'Kirchenchor', categories: [], email: 'mailto:chor@example.org', phone: '03473 9876' },
        { id: 'skat', name: 'Skatrunde', categories: [], email: 'keine', phone: 'abc' },
      ],
    });
    assert.deepEqual(events[0]!.contact, { email: 'info@chor.example', phone: '+49 3473 123-45' });
    assert.deepEqual([associations[0]!.email, associations[0]!.phone], ['chor@example.org', '03473 9876']);
    assert.deepEqual([associations[1]!.email, associations[1]!.phone], [undefined, undefined]);
    assert.deepEqual(
      errors.map((err) => [err.path, err.message]),
      [
        ['/associations/1/email', 'association "skat": email is not an e-mail address and was dropped'],
        ['/associations/1/phone', 'association "skat": phone is not a phone number and was dropped'],
      ],
    );
  });

  it('reads the window of a windowed answer, and warns about a broken one', () => {
    const ok = parseJsonFeed({ window: { start: '2026-12-01', end: '2026-12-31' }, events: [] });
    assert.deepEqual(ok.window, { start: '2026-12-01', end: '2026-12-31' });
    assert.equal(parseJsonFeed({ events: [] }).window, undefined);
    for (const window of [{ start: '2026-12-01' }, { start: '2026-12-31', end: '2026-12-01' }, '2026-12', { start: 1, end: 2 }]) {
      const bad = parseJsonFeed({ window, events: [] });
      assert.equal(bad.window, undefined);
      assert.equal(bad.errors[0]?.path, '/window');
    }
  });

  it('resolves relative URLs against the feed URL when one is given', () => {
    const { events } = parseJsonFeed(
      { events: [{ id: 'x', title: 'x', start: '2026-07-01', image: '/img/x.jpg' }] },
      { baseUrl: 'https://kalender.example.org/feeds/a.json' },
    );
    assert.equal(events[0]!.image, 'https://kalender.example.org/img/x.jpg');
  });

  it('reports invalid JSON text and non-object roots without throwing', () => {
    assert.match(parseJsonFeed('{"events": [').errors[0]!.message, /not valid JSON/);
    assert.equal(parseJsonFeed(42).errors[0]!.severity, 'error');
    assert.equal(parseJsonFeed(null).errors.length, 1);
    assert.equal(parseJsonFeed({ events: 'x' }).errors[0]!.path, '/events');
  });

  it('overrides and cancelled dates work as in iCalendar', () => {
    const { events } = parseJsonFeed({
      events: [
        { id: 'lauf', title: 'Lauftreff', start: '2027-01-02T09:00', end: '2027-01-02T10:15', rrule: 'FREQ=WEEKLY;BYDAY=SA' },
        { id: 'lauf', title: 'Lauftreff', start: '2027-01-02T09:00', recurrenceId: '2027-01-02T09:00', status: 'cancelled' },
      ],
    });
    const occ = expandOccurrences(events, { start: '2027-01-01', end: '2027-01-15' });
    assert.deepEqual(
      occ.map((o) => [o.start, o.status]),
      [
        ['2027-01-02T09:00:00+01:00', 'cancelled'],
        ['2027-01-09T09:00:00+01:00', 'scheduled'],
      ],
    );
  });
});
