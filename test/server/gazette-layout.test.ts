/**
 * The gazette's content rules without a server: short descriptions, status words, the series
 * rule (what collapses and what stays day by day), days across a DST change, dates that began
 * before the period, the town order, the file names.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseJsonFeed } from '../../src/core/index.js';
import { buildGazette, shortText, statusLabel, type GazetteOptions } from '../../src/server/gazette/layout.js';
import { gazetteFileName } from '../../src/server/gazette/options.js';
import { gazetteText } from '../../src/server/gazette/text.js';
import { Renderer } from '../../src/server/renderer.js';

const OPTIONS: GazetteOptions = {
  towns: [],
  from: '2027-03-01',
  to: '2027-03-31',
  categories: [],
  order: 'day',
  columns: 2,
  fontSize: 10,
  maxDescription: 100,
  images: false,
  collapseSeries: true,
};

function gazette(events: Record<string, unknown>[], options: Partial<GazetteOptions> = {}): string {
  const feed = parseJsonFeed({ timeZone: 'Europe/Berlin', events, associations: [] });
  assert.deepEqual(feed.errors, []);
  return gazetteText(
    buildGazette({ events: feed.events, associations: [], timeZone: 'Europe/Berlin', title: 'Test' }, { ...OPTIONS, ...options }),
  );
}

const base = { town: 'Seeland', categories: ['Kultur'], timeZone: 'Europe/Berlin' };

describe('gazette layout', () => {
  test('descriptions: one line, cut at a word with "…", never longer than the maximum', () => {
    assert.equal(shortText('Kurz.', 60), 'Kurz.');
    assert.equal(shortText('  Zwei\n\nZeilen   mit  Abständen ', 60), 'Zwei Zeilen mit Abständen');
    const cut = shortText('Musik, Gegrilltes und Führungen durch die Ruine; für Kinder Ritterspiele.', 40)!;
    assert.equal(cut, 'Musik, Gegrilltes und Führungen durch…');
    assert.ok(cut.length <= 40);
    assert.equal(shortText('Donaudampfschifffahrtsgesellschaftskapitänsmütze', 12), 'Donaudampfs…');
    assert.equal(shortText('Etwas', 0), undefined);
    assert.equal(shortText(undefined, 50), undefined);
  });

  test('status words come from one place; an unknown status prints as itself', () => {
    assert.equal(statusLabel('cancelled'), 'abgesagt');
    assert.equal(statusLabel('postponed'), 'verschoben');
    assert.equal(statusLabel('scheduled'), undefined);
    assert.equal(statusLabel('tentative'), 'tentative');
    assert.equal(statusLabel('toString'), 'toString', 'no prototype keys');
  });

  test('a daily series collapses to "täglich"; two dates or a changed date do not collapse', () => {
    const text = gazette([
      {
        ...base,
        id: 'mais',
        title: 'Maislabyrinth',
        start: '2027-03-01T10:00:00',
        end: '2027-03-01T18:00:00',
        rrule: 'FREQ=DAILY',
      },
      { ...base, id: 'zwei', title: 'Zweimal', start: '2027-03-03T19:00:00', rrule: 'FREQ=WEEKLY;COUNT=2' },
      { ...base, id: 'kurs', title: 'Töpferkurs', start: '2027-03-02T18:00:00', rrule: 'FREQ=WEEKLY;COUNT=4' },
      {
        ...base,
        id: 'kurs',
        recurrenceId: '2027-03-16T18:00:00',
        title: 'Töpferkurs',
        start: '2027-03-16T18:00:00',
        description: 'Heute mit Brennofen.',
      },
    ]);
    assert.ok(text.includes('Regelmäßige Termine\ntäglich, 10:00–18:00 Uhr, Maislabyrinth, Seeland\n'), text);
    assert.equal(text.match(/Zweimal/g)?.length, 2);
    assert.equal(text.match(/Töpferkurs/g)?.length, 4, 'a date that reads differently keeps the series day by day');
    assert.ok(text.includes('Di., 16.03.2027\n18:00 Uhr, Töpferkurs, Seeland\nHeute mit Brennofen.'), text);
  });

  test('a biweekly series stays day by day (the rule: every day or every week)', () => {
    const text = gazette([
      { ...base, id: 'zwei-wochen', title: 'Stammtisch', start: '2027-03-05T19:00:00', rrule: 'FREQ=WEEKLY;INTERVAL=2' },
    ]);
    assert.ok(!text.includes('Regelmäßige Termine'));
    assert.deepEqual(text.match(/^\w\w\., \d\d\.\d\d\.2027$/gm), ['Fr., 05.03.2027', 'Fr., 19.03.2027']);
  });

  test('across the change to summer time: the same wall time, each date under its own Berlin day', () => {
    const text = gazette([
      { ...base, id: 'messe', title: 'Sonntagsmesse', start: '2027-03-07T10:00:00', rrule: 'FREQ=WEEKLY;BYDAY=SU' },
      { ...base, id: 'utc', title: 'Frühschoppen', start: '2027-03-28T08:00:00Z', timeZone: undefined },
      { ...base, id: 'nacht', title: 'Mondnacht', start: '2027-03-27T23:30:00Z', timeZone: undefined },
    ]);
    assert.ok(text.includes('jeden Sonntag, 10:00 Uhr, Sonntagsmesse, Seeland'), text);
    assert.ok(text.includes('So., 28.03.2027\n00:30 Uhr, Mondnacht, Seeland\n10:00 Uhr, Frühschoppen, Seeland\n'), text);
  });

  test('a festival that began before the period is printed under its first day, with its end', () => {
    const text = gazette([{ ...base, id: 'fest', title: 'Frühlingsmarkt', start: '2027-02-27', end: '2027-03-03' }]);
    assert.ok(text.includes('Mo., 01.03.2027\nganztägig bis Di., 02.03.2027, Frühlingsmarkt, Seeland\n'), text);
  });

  test('ordered by town: towns in dictionary order, dates without a town last; the place names its town only where needed', () => {
    const events = [
      { ...base, id: 'a', title: 'Im Ort', town: 'Ärzen', start: '2027-03-02T19:00:00', location: { name: 'Rathaus Ärzen' } },
      { ...base, id: 'b', title: 'Ohne Ort', town: undefined, start: '2027-03-01T19:00:00' },
      { ...base, id: 'c', title: 'Am Bach', town: 'Bad Sülze', start: '2027-03-01T18:00:00', location: { name: 'Kurhaus' } },
    ];
    const byTown = gazette(events, { order: 'town' });
    const heads = byTown.match(/^== .* ==$/gm);
    assert.deepEqual(heads, ['== Ärzen ==', '== Bad Sülze ==', '== Ohne Ortsangabe ==']);
    assert.ok(byTown.includes('18:00 Uhr, Am Bach, Kurhaus\n'), 'no town beside the place under its own heading');
    const byDay = gazette(events);
    assert.ok(byDay.includes('18:00 Uhr, Am Bach, Kurhaus, Bad Sülze\n'), byDay);
    assert.ok(byDay.includes('19:00 Uhr, Im Ort, Rathaus Ärzen\n'), 'the town is in the name already');
  });

  test('an empty period says so', () => {
    assert.ok(gazette([]).endsWith('Keine Termine in diesem Zeitraum.\n'));
  });

  test('file names: a calendar month, a single town, any other period', () => {
    assert.equal(gazetteFileName({ from: '2027-06-01', to: '2027-06-30', towns: [] }, 'docx'), 'mitteilungsblatt-2027-06.docx');
    assert.equal(gazetteFileName({ from: '2028-02-01', to: '2028-02-29', towns: [] }, 'pdf'), 'mitteilungsblatt-2028-02.pdf');
    assert.equal(
      gazetteFileName({ from: '2027-06-01', to: '2027-06-30', towns: ['Falkenstein/Harz'] }, 'txt'),
      'mitteilungsblatt-falkenstein-harz-2027-06.txt',
    );
    assert.equal(
      gazetteFileName({ from: '2027-06-01', to: '2027-07-15', towns: ['Arnstein', 'Seeland'] }, 'pdf'),
      'mitteilungsblatt-2027-06-01-bis-2027-07-15.pdf',
    );
  });
});

describe('gazette jobs in the render worker', () => {
  test('the worker keeps the last feed by its ETag: later jobs may name it by ETag alone; a new ETag brings the new feed', async () => {
    const renderer = new Renderer();
    try {
      const feed = (town: string): string =>
        JSON.stringify({
          timeZone: 'Europe/Berlin',
          events: [{ id: 'x', title: 'X', start: '2027-03-01', town, categories: ['Kultur'] }],
        });
      const first = await renderer.gazetteChoices(feed('Hoym'), 'etag-1');
      assert.deepEqual(first, { towns: ['Hoym'], categories: ['Kultur'] });
      // Same ETag: the worker answers from the feed it holds; this body is not even read.
      assert.deepEqual(await renderer.gazetteChoices('{ not JSON', 'etag-1'), first);
      assert.deepEqual((await renderer.gazetteChoices(feed('Arnstein'), 'etag-2')).towns, ['Arnstein']);
      const result = await renderer.gazette({
        feed: '',
        etag: 'etag-2',
        format: 'txt',
        images: [],
        options: { ...OPTIONS, towns: ['Arnstein'] },
      });
      assert.match(new TextDecoder().decode(result.bytes), /^Mo\., 01\.03\.2027\nganztägig, X$/m);
    } finally {
      await renderer.close();
    }
  });
});
