import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareText,
  distinctValues,
  expandOccurrences,
  filterAssociations,
  filterOccurrences,
  mergeFeeds,
  parseJsonFeed,
  type Occurrence,
} from '../../src/core/index.js';
import { prng } from './support/random.js';

const feed = parseJsonFeed({
  events: [
    {
      id: 'a',
      title: 'Chorprobe',
      start: '2026-12-01T19:00',
      town: 'Seeland',
      categories: ['Musik'],
      audience: ['Erwachsene'],
      organizerId: 'chor',
    },
    {
      id: 'b',
      title: 'Weihnachtsmarkt',
      start: '2026-12-04',
      end: '2026-12-07',
      town: 'Aschersleben',
      categories: ['Markt', 'Familie'],
      audience: ['Familien'],
      organizer: 'Stadt Aschersleben',
    },
    {
      id: 'c',
      title: 'Burgführung',
      start: '2026-12-05T14:00',
      town: 'Falkenstein/Harz',
      categories: ['Kultur', 'Familie'],
      description: 'Führung über die Burg Falkenstein',
      location: { name: 'Burg Falkenstein' },
    },
    {
      id: 'd',
      title: 'Lesung fällt aus',
      start: '2026-12-06T17:00',
      town: 'Arnstein',
      categories: ['Kultur'],
      status: 'cancelled',
    },
  ],
});
const all: Occurrence[] = expandOccurrences(feed.events, { start: '2026-12-01', end: '2027-01-01' });
const ids = (list: Occurrence[]) => list.map((o) => o.eventId);

describe('filters', () => {
  it('are OR within one filter and AND across filters, ignoring case and spaces', () => {
    assert.deepEqual(ids(filterOccurrences(all, { town: 'seeland, ASCHERSLEBEN' })), ['a', 'b']);
    assert.deepEqual(ids(filterOccurrences(all, { town: ['Aschersleben', 'Falkenstein/Harz'], category: 'familie' })), [
      'b',
      'c',
    ]);
    assert.deepEqual(ids(filterOccurrences(all, { town: 'Seeland', category: 'Familie' })), []);
  });

  it('match organizers by id or name and audiences', () => {
    assert.deepEqual(ids(filterOccurrences(all, { organizer: 'chor' })), ['a']);
    assert.deepEqual(ids(filterOccurrences(all, { organizer: 'Stadt Aschersleben' })), ['b']);
    assert.deepEqual(ids(filterOccurrences(all, { audience: 'Familien' })), ['b']);
  });

  it('free text needs every word, anywhere, with or without accents', () => {
    assert.deepEqual(ids(filterOccurrences(all, { q: 'burg fuhrung' })), ['c']);
    assert.deepEqual(ids(filterOccurrences(all, { q: 'BURG Falkenstein' })), ['c']);
    assert.deepEqual(ids(filterOccurrences(all, { q: 'markt aschersleben' })), ['b']);
    assert.deepEqual(ids(filterOccurrences(all, { q: '   ' })), ['a', 'b', 'c', 'd']);
  });

  it('date ranges keep what overlaps them, multi-day events included', () => {
    assert.deepEqual(ids(filterOccurrences(all, { from: '2026-12-06', to: '2026-12-07' })), ['b', 'd']);
    assert.deepEqual(ids(filterOccurrences(all, { from: '2026-12-05T15:00:00+01:00' })), ['b', 'd']);
  });

  it('a date `to` is the last day shown (inclusive), a date-time `to` keeps what starts up to it', () => {
    assert.deepEqual(ids(filterOccurrences(all, { from: '2026-12-05', to: '2026-12-05' })), ['b', 'c']);
    assert.deepEqual(ids(filterOccurrences(all, { to: '2026-12-01' })), ['a']);
    assert.deepEqual(ids(filterOccurrences(all, { to: '2026-12-05T14:00:00+01:00' })), ['a', 'b', 'c']);
    assert.deepEqual(ids(filterOccurrences(all, { to: '2026-12-05T13:59:59+01:00' })), ['a', 'b']);
  });

  it('keep only accessible or free dates when asked', () => {
    const more = parseJsonFeed({
      events: [
        { id: 'e', title: 'Orgelkonzert', start: '2026-12-08T17:00', accessibility: ['rollstuhlgerecht'], free: true },
        { id: 'f', title: 'Theater', start: '2026-12-09T19:00', accessibility: ['Induktionsschleife'], price: '8 €' },
        { id: 'g', title: 'Offenes Singen', start: '2026-12-10T19:00', free: true },
      ],
    });
    const list = [...all, ...expandOccurrences(more.events, { start: '2026-12-01', end: '2027-01-01' })];
    assert.deepEqual(ids(filterOccurrences(list, { accessible: true })), ['e', 'f']);
    assert.deepEqual(ids(filterOccurrences(list, { free: true })), ['e', 'g']);
    assert.deepEqual(ids(filterOccurrences(list, { accessible: true, free: true })), ['e']);
    assert.equal(filterOccurrences(list, { accessible: false, free: false }).length, list.length);
  });

  it('can hide cancelled dates, which are shown by default', () => {
    assert.ok(ids(filterOccurrences(all, {})).includes('d'));
    assert.ok(!ids(filterOccurrences(all, { hideCancelled: true })).includes('d'));
  });

  it('associations by town, category and name', () => {
    const { associations } = parseJsonFeed({
      associations: [
        { id: 'chor', name: 'Gemischter Chor Seeland', town: 'Seeland', categories: ['Musik'] },
        { id: 'hv', name: 'Heimatverein Arnstein', town: 'Arnstein', categories: ['Geschichte'] },
      ],
    });
    assert.deepEqual(
      filterAssociations(associations, { town: 'arnstein' }).map((a) => a.id),
      ['hv'],
    );
    assert.deepEqual(
      filterAssociations(associations, { category: 'Musik' }).map((a) => a.id),
      ['chor'],
    );
    assert.deepEqual(
      filterAssociations(associations, { q: 'chor' }).map((a) => a.id),
      ['chor'],
    );
  });

  it('distinctValues gives sorted unique values for filter menus', () => {
    assert.deepEqual(distinctValues(all.map((o) => o.town)), ['Arnstein', 'Aschersleben', 'Falkenstein/Harz', 'Seeland']);
    assert.deepEqual(distinctValues(['Musik', 'musik ', undefined, 'Äpfel']), ['Äpfel', 'Musik']);
  });
});

describe('mergeFeeds', () => {
  it('keeps each event once per id and start, and each association once per id', () => {
    const a = parseJsonFeed({
      timeZone: 'Europe/Berlin',
      events: [{ id: 'x', title: 'x', start: '2026-12-01' }],
      associations: [{ id: 'v', name: 'V' }],
    });
    const b = parseJsonFeed({
      events: [
        { id: 'x', title: 'x (Kopie)', start: '2026-12-01' },
        { id: 'x', title: 'x, anderer Tag', start: '2026-12-02' },
      ],
      associations: [{ id: 'v', name: 'V (Kopie)' }],
    });
    const merged = mergeFeeds([a, b]);
    assert.deepEqual(
      merged.events.map((e) => e.title),
      ['x', 'x, anderer Tag'],
    );
    assert.deepEqual(
      merged.associations.map((e) => e.name),
      ['V'],
    );
  });
});

describe('German dictionary order without Intl.Collator (compareText)', () => {
  it('sorts umlauts, ß and case like DIN 5007-1 and ignores punctuation', () => {
    const titles = ['Zumba', 'Straßenfest', 'Äpfelfest', 'Orgelkonzert', '„Faust“ – Lesung', 'apfelmarkt', 'Ölmühle'];
    titles.push('Strassenbahn');
    assert.deepEqual([...titles].sort(compareText), [
      'Äpfelfest',
      'apfelmarkt',
      '„Faust“ – Lesung',
      'Ölmühle',
      'Orgelkonzert',
      'Strassenbahn',
      'Straßenfest',
      'Zumba',
    ]);
  });

  it('is a total order: texts with the same key keep a fixed order, equal texts compare 0', () => {
    assert.equal(compareText('Apfel', 'Apfel'), 0);
    assert.equal(Math.sign(compareText('Apfel', 'Äpfel')), -Math.sign(compareText('Äpfel', 'Apfel')));
    assert.notEqual(compareText('Apfel', 'Äpfel'), 0);
  });

  it('agrees with Intl.Collator("de") wherever the collator tells two texts apart at base level', () => {
    const random = prng(5007);
    const alphabet = ['a', 'b', 'ä', 'o', 'ö', 'u', 'ü', 's', 'ß', 'A', 'Ö', 'z', ' ', '1', '9'];
    const text = (): string =>
      Array.from({ length: 1 + Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]!)
        .join('')
        .trim() || 'a';
    const collator = new Intl.Collator('de', { sensitivity: 'base' });
    for (let i = 0; i < 20_000; i++) {
      const a = text();
      const b = text();
      const expected = Math.sign(collator.compare(a, b));
      if (expected !== 0) assert.equal(Math.sign(compareText(a, b)), expected, `${a} vs ${b}`);
    }
  });
});
