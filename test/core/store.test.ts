import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectFormat, FeedLoadError, FeedStore, sharedFeedStore, viewUrl, windowableUrl } from '../../src/core/index.js';

const JSON_FEED = JSON.stringify({ events: [{ id: 'a', title: 'Chorprobe', start: '2026-12-01T19:00' }] });
const ICS_FEED = [
  'BEGIN:VCALENDAR',
  'BEGIN:VEVENT',
  'UID:k',
  'DTSTART:20261224T210000Z',
  'SUMMARY:Christnacht',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

interface Reply {
  status?: number;
  body?: string;
  type?: string;
  etag?: string;
  delay?: Promise<void>;
  fail?: boolean;
}

/** A scripted fetch: records requests, answers from a queue (the last answer repeats). */
function scriptedFetch(replies: Reply[]) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
    requests.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
    await reply.delay;
    if (reply.fail) throw new TypeError('fetch failed');
    const headers: Record<string, string> = { 'Content-Type': reply.type ?? 'application/json' };
    if (reply.etag) headers['ETag'] = reply.etag;
    return new Response(reply.status === 304 ? null : (reply.body ?? ''), { status: reply.status ?? 200, headers });
  };
  return { impl: impl as typeof fetch, requests };
}

describe('FeedStore', () => {
  it('shares one request among concurrent loads of a URL', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { impl, requests } = scriptedFetch([{ body: JSON_FEED, delay: gate }]);
    const store = new FeedStore({ fetch: impl });
    const loads = [
      store.load('https://example.org/a.json'),
      store.load('https://example.org/a.json'),
      store.load('https://example.org/a.json'),
    ];
    release();
    const snapshots = await Promise.all(loads);
    assert.equal(requests.length, 1);
    assert.ok(snapshots.every((s) => s === snapshots[0]));
    assert.equal(snapshots[0]!.result!.events[0]!.title, 'Chorprobe');
    assert.equal(snapshots[0]!.result!.events[0]!.source, 'https://example.org/a.json');
  });

  it('serves fresh data without a request, then revalidates with If-None-Match and keeps data on 304', async () => {
    let now = 1_000_000;
    const { impl, requests } = scriptedFetch([
      { body: JSON_FEED, etag: '"v1"' },
      { status: 304, etag: '"v1"' },
    ]);
    const store = new FeedStore({ fetch: impl, maxAge: 60_000, now: () => now });
    const first = await store.load('https://example.org/a.json');
    await store.load('https://example.org/a.json');
    assert.equal(requests.length, 1, 'fresh data needs no request');
    now += 61_000;
    const second = await store.load('https://example.org/a.json');
    assert.equal(requests.length, 2);
    assert.equal(requests[1]!.headers['If-None-Match'], '"v1"');
    assert.equal(second.result, first.result, 'a 304 keeps the same parsed data');
    assert.equal(second.loadedAt, now);
  });

  it('keeps the last good data when a refresh fails, and reports the failure', async () => {
    const { impl } = scriptedFetch([{ body: JSON_FEED }, { status: 500 }, { fail: true }]);
    const store = new FeedStore({ fetch: impl });
    await store.load('https://example.org/a.json');
    const afterHttpError = await store.load('https://example.org/a.json', { force: true });
    assert.equal(afterHttpError.result!.events.length, 1);
    assert.equal(afterHttpError.error!.kind, 'http');
    assert.equal(afterHttpError.error!.status, 500);
    const afterNetworkError = await store.load('https://example.org/a.json', { force: true });
    assert.equal(afterNetworkError.result!.events.length, 1);
    assert.equal(afterNetworkError.error!.kind, 'network');
  });

  it('rejects with a FeedLoadError when there is no data at all', async () => {
    const { impl } = scriptedFetch([{ status: 404 }]);
    const store = new FeedStore({ fetch: impl });
    await assert.rejects(
      store.load('https://example.org/missing.json'),
      (e: unknown) => e instanceof FeedLoadError && e.status === 404,
    );
  });

  it('treats an HTML page answered with 200 as a failure, not as an empty calendar', async () => {
    const { impl } = scriptedFetch([{ body: JSON_FEED }, { body: '<!doctype html><p>Wartungsarbeiten</p>', type: 'text/html' }]);
    const store = new FeedStore({ fetch: impl });
    await store.load('https://example.org/a.json');
    const snapshot = await store.load('https://example.org/a.json', { force: true });
    assert.equal(snapshot.error!.kind, 'format');
    assert.equal(snapshot.result!.events.length, 1);
  });

  it('tells JSON from iCalendar by content type and by content', () => {
    assert.equal(detectFormat('text/calendar; charset=utf-8', ''), 'ics');
    assert.equal(detectFormat('application/feed+json', ''), 'json');
    assert.equal(detectFormat('text/plain', '\uFEFF  BEGIN:VCALENDAR\r\n'), 'ics');
    assert.equal(detectFormat('application/octet-stream', new TextEncoder().encode(' {"events":[]}')), 'json');
    assert.equal(detectFormat(null, '<html>'), undefined);
  });

  it('loads iCalendar served as text/plain', async () => {
    const { impl } = scriptedFetch([{ body: ICS_FEED, type: 'text/plain' }]);
    const snapshot = await new FeedStore({ fetch: impl }).load('https://example.org/k.ics');
    assert.equal(snapshot.result!.events[0]!.title, 'Christnacht');
  });

  it('an aborted caller is detached while the shared request goes on for the others', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { impl, requests } = scriptedFetch([{ body: JSON_FEED, delay: gate }]);
    const store = new FeedStore({ fetch: impl });
    const controller = new AbortController();
    const aborted = store.load('https://example.org/a.json', { signal: controller.signal });
    const other = store.load('https://example.org/a.json');
    controller.abort();
    await assert.rejects(aborted, { name: 'AbortError' });
    release();
    assert.equal((await other).result!.events.length, 1);
    assert.equal(requests.length, 1);
  });

  it('loadAll merges sources and lists failures without rejecting', async () => {
    const fetchImpl = (async (input: RequestInfo | URL) => {
      const url = String(input);
      if (url.endsWith('a.json')) return new Response(JSON_FEED, { headers: { 'Content-Type': 'application/json' } });
      if (url.endsWith('k.ics')) return new Response(ICS_FEED, { headers: { 'Content-Type': 'text/calendar' } });
      return new Response('', { status: 503 });
    }) as typeof fetch;
    const store = new FeedStore({ fetch: fetchImpl });
    const all = await store.loadAll(['https://example.org/a.json', 'https://example.org/k.ics', 'https://example.org/down.json']);
    assert.deepEqual(all.result.events.map((e) => e.id).sort(), ['a', 'k']);
    assert.equal(all.failures.length, 1);
    assert.equal(all.failures[0]!.status, 503);
    assert.equal(all.stale, false);
  });

  it('tells subscribers about every finished load', async () => {
    const { impl } = scriptedFetch([{ body: JSON_FEED }]);
    const store = new FeedStore({ fetch: impl });
    const seen: number[] = [];
    const off = store.subscribe('https://example.org/a.json', (s) => seen.push(s.result!.events.length));
    await store.load('https://example.org/a.json');
    off();
    await store.load('https://example.org/a.json', { force: true });
    assert.deepEqual(seen, [1]);
  });

  it('times out a request that never answers', async () => {
    const never = ((_: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )) as typeof fetch;
    const store = new FeedStore({ fetch: never, timeout: 20 });
    await assert.rejects(
      store.load('https://example.org/slow.json'),
      (e: unknown) => e instanceof FeedLoadError && e.kind === 'timeout',
    );
  });

  it('sharedFeedStore is one store per page (even for two copies of the library)', () => {
    assert.equal(sharedFeedStore(), sharedFeedStore());
    assert.equal((globalThis as Record<symbol, unknown>)[Symbol.for('w4g-calendar.feed-store')], sharedFeedStore());
  });
});

describe('FeedStore: windowed feeds', () => {
  const URL_A = 'https://example.org/events.json';
  const DEC = { start: '2026-11-30', end: '2027-01-11', filters: { town: 'Seeland', free: true } };
  const JAN = { start: '2026-12-28', end: '2027-02-08', filters: { town: 'Seeland', free: true } };

  /** A server that answers windows: the asked days, one event per answer. */
  function windowedFetch() {
    const requests: { url: string; headers: Record<string, string> }[] = [];
    let fail = false;
    const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      requests.push({ url: url.href, headers: { ...(init?.headers as Record<string, string>) } });
      if (fail) throw new TypeError('fetch failed');
      const start = url.searchParams.get('start');
      const body = start
        ? { window: { start, end: url.searchParams.get('end') }, events: [{ id: start, title: 'T', start: `${start}T10:00:00` }] }
        : { events: [{ id: 'all', title: 'T', start: '2026-12-01T10:00:00' }] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json', ETag: `"${start}"` } });
    }) as typeof fetch;
    return { impl, requests, down: () => (fail = true) };
  }

  it('asks a JSON URL for the view; a server that answers windows gets one request per window and filters', async () => {
    const { impl, requests } = windowedFetch();
    const store = new FeedStore({ fetch: impl });
    const [a, b] = await Promise.all([store.load(URL_A, { view: DEC }), store.load(URL_A, { view: DEC })]);
    assert.equal(requests.length, 1, 'two elements with one window share the request in flight');
    assert.equal(requests[0]!.url, `${URL_A}?start=2026-11-30&end=2027-01-11&town=Seeland&free=1`);
    assert.equal(a, b);
    assert.equal(a.url, URL_A);
    assert.equal(a.result!.events[0]!.source, URL_A, 'events keep the feed URL as their source');
    assert.equal(store.mode(URL_A), 'windowed');
    await store.load(URL_A, { view: DEC });
    assert.equal(requests.length, 1, 'a fresh window is served from the cache');
    const jan = await store.load(URL_A, { view: JAN });
    assert.equal(requests.length, 2);
    assert.match(requests[1]!.url, /start=2026-12-28&end=2027-02-08/);
    assert.equal(jan.result!.events[0]!.id, '2026-12-28');
    await store.load(URL_A, { view: { ...JAN, filters: { town: 'Arnstein' } } });
    assert.equal(requests.length, 3, 'other filters are another request');
    assert.equal((await store.load(URL_A, { view: DEC, force: true })).result!.events[0]!.id, '2026-11-30');
    assert.equal(requests[3]!.headers['If-None-Match'], '"2026-11-30"', 'each window keeps its validators');
  });

  it('a second view waits for the first answer; a static feed is downloaded once and never asked for windows again', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { impl, requests } = scriptedFetch([{ body: JSON_FEED, delay: gate, etag: '"s"' }]);
    let now = 0;
    const store = new FeedStore({ fetch: impl, now: () => now });
    const loads = [store.load(URL_A, { view: DEC }), store.load(URL_A, { view: JAN }), store.load(URL_A)];
    release();
    const [dec, jan, plain] = await Promise.all(loads);
    assert.equal(requests.length, 1);
    assert.equal(store.mode(URL_A), 'static');
    assert.equal(dec, jan);
    assert.equal(dec!.result, plain!.result, 'the answer is the plain URL’s data');
    assert.equal(dec!.request, undefined);
    now += 120_000;
    await store.load(URL_A, { view: JAN });
    assert.equal(requests.length, 2);
    assert.equal(requests[1]!.url, URL_A, 'revalidated without window parameters');
    assert.equal(requests[1]!.headers['If-None-Match'], '"s"');
  });

  it('a view while the whole feed is loading, or fresh, is served from it', async () => {
    const { impl, requests } = windowedFetch();
    let now = 0;
    const store = new FeedStore({ fetch: impl, now: () => now });
    const [whole, view] = await Promise.all([store.load(URL_A), store.load(URL_A, { view: DEC })]);
    assert.equal(requests.length, 1);
    assert.equal(view, whole);
    assert.equal((await store.load(URL_A, { view: JAN })).result, whole.result);
    assert.equal(requests.length, 1);
    now += 120_000;
    const later = await store.load(URL_A, { view: JAN });
    assert.equal(requests.length, 2, 'an old whole feed: the view is asked of the server');
    assert.equal(later.result!.events[0]!.id, '2026-12-28');
    assert.equal(store.mode(URL_A), 'windowed');
  });

  it('never asks iCalendar, data: URLs or URLs that choose their own query for windows', async () => {
    const { impl, requests } = scriptedFetch([{ body: ICS_FEED, type: 'text/calendar' }]);
    const store = new FeedStore({ fetch: impl });
    await store.load('https://example.org/k.ics', { view: DEC });
    assert.equal(requests[0]!.url, 'https://example.org/k.ics');
    await store.load('https://example.org/long.json', { view: { start: '2026-12-01', end: '2027-03-04' } });
    assert.equal(requests[1]!.url, 'https://example.org/long.json', 'more than three months: the whole feed');
    await store.load('https://example.org/short.json', { view: { start: '2026-12-01', end: '2027-03-03' } });
    assert.match(requests[2]!.url, /\?start=2026-12-01&end=2027-03-03$/, '92 days: a window');
    assert.equal(windowableUrl('https://example.org/feed.json?town=Seeland'), false);
    assert.equal(windowableUrl('data:application/json,{}'), false);
    assert.equal(windowableUrl('https://example.org/feed.json?lang=de'), true);
    assert.equal(
      viewUrl('https://example.org/feed.json?lang=de#x', JAN),
      'https://example.org/feed.json?lang=de&start=2026-12-28&end=2027-02-08&town=Seeland&free=1',
    );
  });

  it('a server that refuses the query is read whole', async () => {
    const fetchImpl = (async (input: RequestInfo | URL) =>
      String(input).includes('?')
        ? new Response('{"error":"unbekannter Parameter"}', { status: 400 })
        : new Response(JSON_FEED, { headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
    const store = new FeedStore({ fetch: fetchImpl });
    const snapshot = await store.load(URL_A, { view: DEC });
    assert.equal(snapshot.result!.events[0]!.title, 'Chorprobe');
    assert.equal(store.mode(URL_A), 'static');
  });

  it('an unreachable server keeps each window’s last good data; a window never loaded fails', async () => {
    const { impl, down } = windowedFetch();
    const store = new FeedStore({ fetch: impl });
    await store.load(URL_A, { view: DEC });
    down();
    const stale = await store.load(URL_A, { view: DEC, force: true });
    assert.equal(stale.result!.events[0]!.id, '2026-11-30');
    assert.equal(stale.error!.kind, 'network');
    await assert.rejects(store.load(URL_A, { view: JAN }), (e: unknown) => e instanceof FeedLoadError && e.kind === 'network');
  });

  it('a failed first answer fails the views waiting for it without asking again', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { impl, requests } = scriptedFetch([{ fail: true, delay: gate }]);
    const store = new FeedStore({ fetch: impl });
    const loads = [store.load(URL_A, { view: DEC }), store.load(URL_A, { view: JAN })].map((p) => p.catch((e: unknown) => e));
    release();
    const [a, b] = await Promise.all(loads);
    assert.ok(a instanceof FeedLoadError && b instanceof FeedLoadError);
    assert.equal(requests.length, 1);
    assert.equal(store.mode(URL_A), undefined, 'the next load asks again');
  });
});
