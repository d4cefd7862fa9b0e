import { expect } from '@open-wc/testing';
import { expandOccurrences, FeedStore, parseIcs } from '../../src/core/index.js';

async function requestCount(path: string): Promise<number> {
  const response = await fetch(`/__feeds/count?path=${encodeURIComponent(path)}`);
  return ((await response.json()) as { count: number }).count;
}

describe('the core in Chromium', () => {
  beforeEach(async () => {
    await fetch('/__feeds/reset', { method: 'POST' });
  });

  it('runs on a computer set to New York and still shows Berlin times', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/New_York');
    const { events } = parseIcs(
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:g\r\nDTSTART;TZID=Europe/Berlin:20261018T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Gottesdienst\r\nEND:VEVENT\r\nEND:VCALENDAR',
    );
    const starts = expandOccurrences(events, { start: '2026-10-01', end: '2026-11-30' }).map((o) => o.start);
    expect(starts).to.deep.equal(['2026-10-18T10:00:00+02:00', '2026-10-25T10:00:00+01:00', '2026-11-01T10:00:00+01:00']);
  });

  it('loads a feed once for many callers over real HTTP', async () => {
    const store = new FeedStore();
    const url = '/__feeds/slow/100/feeds/region.json';
    const results = await Promise.all([store.load(url), store.load(url), store.load(url)]);
    expect(results[0]!.result!.events.length).to.be.greaterThan(20);
    expect(await requestCount(url)).to.equal(1);
  });

  it('revalidates with the ETag and gets a 304 that keeps the parsed data', async () => {
    const store = new FeedStore({ maxAge: 0 });
    const url = '/__feeds/file/feeds/kirche.ics';
    const first = await store.load(url);
    expect(first.etag).to.be.a('string');
    const second = await store.load(url);
    expect(second.result).to.equal(first.result);
    expect(await requestCount(url)).to.equal(2);
  });

  it('keeps the last good data when the feed starts failing', async () => {
    const body = JSON.stringify({ events: [{ id: 'a', title: 'Vereinsabend', start: '2026-12-01T19:00' }] });
    await fetch('/__feeds/switch/k1', { method: 'PUT', body, headers: { 'Content-Type': 'application/json' } });
    const store = new FeedStore({ maxAge: 0 });
    const good = await store.load('/__feeds/switch/k1');
    expect(good.result!.events[0]!.title).to.equal('Vereinsabend');
    await fetch('/__feeds/switch/k1?fail=1', { method: 'PUT' });
    const stale = await store.load('/__feeds/switch/k1');
    expect(stale.error?.status).to.equal(503);
    expect(stale.result!.events[0]!.title).to.equal('Vereinsabend');
  });

  it('rejects with a FeedLoadError for a feed that answers 500 and never had data', async () => {
    const store = new FeedStore();
    let error: unknown;
    try {
      await store.load('/__feeds/status/500');
    } catch (e) {
      error = e;
    }
    expect((error as { kind?: string }).kind).to.equal('http');
    expect((error as { status?: number }).status).to.equal(500);
  });

  it('decodes bytes with a fold inside a UTF-8 character', async () => {
    const response = await fetch('/__feeds/file/ics/churchtools.ics');
    const { events } = parseIcs(await response.arrayBuffer());
    const titles = events.map((e) => e.title).join('|');
    expect(titles).to.include('Konfirmandenunterricht für Jugendliche');
    expect(titles).not.to.include('\uFFFD');
  });
});
