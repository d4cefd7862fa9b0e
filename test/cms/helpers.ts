/**
 * Helpers for the CMS wrapper tests: the packages assembled by cms/build.mjs into a temp
 * folder, php-cli runs with JSON in and out, a local feed server that counts requests, and
 * small HTML readers.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HERE = join(ROOT, 'test', 'cms');

export interface Assembled {
  dir: string;
  wordpress: string;
  typo3: string;
  remove(): void;
}

/** Runs `node cms/build.mjs --out <temp>`: the packages as they are uploaded. Needs dist/ (`npm run build`). */
export function assemble(): Assembled {
  const dir = mkdtempSync(join(tmpdir(), 'w4g-cms-'));
  const result = spawnSync(process.execPath, [join(ROOT, 'cms', 'build.mjs'), '--out', dir], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cms/build.mjs failed: ${result.stderr}${result.stdout}`);
  return {
    dir,
    wordpress: join(dir, 'wordpress', 'w4g-calendar'),
    typo3: join(dir, 'typo3', 'w4g_calendar'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * php-cli with `input` as JSON on stdin; the JSON it prints. Asynchronous, so that a feed
 * server in this process can answer PHP's requests meanwhile.
 */
export function runPhp<T>(script: string, input: unknown, args: string[] = []): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('php', ['-d', 'display_errors=stderr', '-d', 'error_reporting=-1', script, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (status !== 0 || stderr.trim()) {
        reject(new Error(`php ${script} exited ${status}:\n${stderr}\n${stdout.slice(0, 2000)}`));
        return;
      }
      try {
        resolvePromise(JSON.parse(stdout) as T);
      } catch (error) {
        reject(new Error(`php ${script} printed no JSON (${String(error)}):\n${stdout.slice(0, 2000)}`));
      }
    });
    child.stdin.end(JSON.stringify(input));
  });
}

export function fixture(name: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'feeds', name), 'utf8');
}

/** Local times, instants in three zones, summer and winter, a night event, all-day ranges; the feed is in Berlin. */
/** December's last dates and New Year's Day: `to="2026-12-31"` must show the 31st and nothing after it. */
export const SILVESTER_FEED = JSON.stringify({
  timeZone: 'Europe/Berlin',
  events: [
    { id: 'advent', title: 'Adventskonzert', start: '2026-12-12T19:30', end: '2026-12-12T21:30', town: 'Arnstein' },
    { id: 'markt', title: 'Silvestermarkt', start: '2026-12-31', town: 'Arnstein' },
    { id: 'party', title: 'Silvesterparty', start: '2026-12-31T20:00', end: '2027-01-01T02:00', town: 'Arnstein' },
    { id: 'neujahr', title: 'Neujahrsempfang', start: '2027-01-01T11:00', town: 'Arnstein' },
  ],
});

export const ZONE_FEED = JSON.stringify({
  title: 'Zeitzonen',
  timeZone: 'Europe/Berlin',
  events: [
    { id: 'utc-winter', title: 'UTC im Winter', start: '2026-12-12T18:30:00Z', end: '2026-12-12T20:00:00Z', town: 'Seeland' },
    { id: 'local-summer', title: 'Sommerfest', start: '2027-07-03T10:00', duration: 'PT2H', town: 'Arnstein' },
    { id: 'new-york', title: 'Anruf aus New York', start: '2026-12-13T23:30:00-05:00', town: 'Aschersleben' },
    { id: 'night', title: 'Lange Nacht', start: '2026-12-19T22:00', end: '2026-12-20T02:00', town: 'Aschersleben' },
    { id: 'midnight', title: 'Bis Mitternacht', start: '2026-12-18T19:00', end: '2026-12-19T00:00', town: 'Aschersleben' },
    { id: 'allday', title: 'Markt', start: '2026-12-04', end: '2026-12-07', town: 'Aschersleben' },
    { id: 'dst-end', title: 'Zeitumstellung', start: '2026-10-25T01:30', end: '2026-10-25T04:00', town: 'Seeland' },
    { id: 'past', title: 'Vorbei', start: '2026-11-30T10:00', end: '2026-11-30T12:00', town: 'Seeland' },
    { id: 'tokyo', title: 'Tokio-Zeit', start: '2026-12-14T09:00', end: '2026-12-14T10:00', timeZone: 'Asia/Tokyo' },
  ],
});

export interface FeedServer {
  url: string;
  port: number;
  /** Requests per path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/**
 * /w4g-test.json, /region.json, /xss.json (fixtures), /zones.json (ZONE_FEED), /broken (500),
 * /html (an HTML page with 200), /kirche.ics (iCalendar), /flaky.json (the test feed once, then 503).
 */
export async function startFeedServer(): Promise<FeedServer> {
  const hits = new Map<string, number>();
  const json: Record<string, string> = {
    '/w4g-test.json': fixture('w4g-test.json'),
    '/region.json': readFileSync(join(ROOT, 'demo', 'feeds', 'region.json'), 'utf8'),
    '/xss.json': fixture('w4g-xss.json'),
    '/zones.json': ZONE_FEED,
    '/silvester.json': SILVESTER_FEED,
  };
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    const body = json[path] ?? (path === '/flaky.json' && count === 1 ? json['/w4g-test.json'] : undefined);
    if (body !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    } else if (path === '/html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Wartung</title><p>Wartungsarbeiten</p>');
    } else if (path === '/kirche.ics') {
      res.writeHead(200, { 'content-type': 'text/calendar' }).end(fixture('kirche.ics'));
    } else if (path === '/flaky.json') {
      res.writeHead(503).end('unavailable');
    } else {
      res.writeHead(path === '/broken' ? 500 : 404).end('error');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text of HTML character references (named ones of esc_html/Fluid, decimal, hex). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#')
      return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    return ENTITIES[ref] ?? whole;
  });
}

export interface Tag {
  name: string;
  attributes: Record<string, string | true>;
}

/** Every start tag outside the JSON-LD script, with its attributes (values decoded). */
export function startTags(html: string): Tag[] {
  const withoutJsonLd = html.replace(/(<script type="application\/ld\+json">)[\s\S]*?(<\/script>)/g, '$1$2');
  const tags: Tag[] = [];
  for (const m of withoutJsonLd.matchAll(
    /<([a-zA-Z][\w:-]*)((?:\s+[^\s=>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g,
  )) {
    const attributes: Record<string, string | true> = {};
    for (const a of m[2]!.matchAll(/([^\s=>"'/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
      const value = a[2] ?? a[3] ?? a[4];
      attributes[a[1]!.toLowerCase()] = value === undefined ? true : decodeEntities(value);
    }
    tags.push({ name: m[1]!.toLowerCase(), attributes });
  }
  return tags;
}

/** The fallback entries: datetime, date text, title and place as a visitor reads them. */
export interface Entry {
  datetime: string;
  when: string;
  title: string;
  href?: string;
  place?: string;
  status?: string;
  className: string;
}

export function fallbackEntries(html: string): Entry[] {
  const out: Entry[] = [];
  for (const li of html.matchAll(/<li class="([^"]*)">([\s\S]*?)<\/li>/g)) {
    const body = li[2]!;
    const time = /<time datetime="([^"]*)">([^<]*)<\/time>/.exec(body);
    const link = /<a href="([^"]*)">([^<]*)<\/a>/.exec(body);
    const span = /<span class="w4g-fallback-title">([^<]*)<\/span>/.exec(body);
    const place = /<span class="w4g-fallback-place">–\s*([^<]*)<\/span>/.exec(body);
    const status = /<strong class="w4g-fallback-status">([^<]*):<\/strong>/.exec(body);
    if (!time) throw new Error(`entry without <time>: ${body}`);
    const entry: Entry = {
      className: decodeEntities(li[1]!),
      datetime: decodeEntities(time[1]!),
      when: decodeEntities(time[2]!),
      title: decodeEntities((link?.[2] ?? span?.[1] ?? '').trim()),
    };
    if (link) entry.href = decodeEntities(link[1]!);
    if (place) entry.place = decodeEntities(place[1]!.trim());
    if (status) entry.status = decodeEntities(status[1]!);
    out.push(entry);
  }
  return out;
}

/** The text of every `<script type="application/ld+json">`. */
export function jsonLdScripts(html: string): string[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!.trim());
}

export function requireDist(): void {
  if (!existsSync(join(ROOT, 'dist', 'w4g-calendar.js')))
    throw new Error('dist/w4g-calendar.js is missing: run `npm run build` first');
}

/** Tags and attributes the wrappers write; anything else in the output came from a feed. */
const ALLOWED_TAGS = new Set([
  'w4g-event-list',
  'w4g-month-grid',
  'div',
  'p',
  'strong',
  'ul',
  'li',
  'time',
  'a',
  'span',
  'script',
]);
const ALLOWED_ATTRIBUTES = new Set([
  'src',
  'town',
  'organizer',
  'category',
  'from',
  'to',
  'limit',
  'locale',
  'today',
  'no-jsonld',
  'class',
  'datetime',
  'href',
  'type',
]);

/** Only the wrappers' own markup: no tag or attribute from a feed, http(s) links only, JSON-LD without < or >. */
export function assertInert(out: string): void {
  for (const tag of startTags(out)) {
    assert.ok(ALLOWED_TAGS.has(tag.name), `unexpected <${tag.name}>`);
    for (const [name, value] of Object.entries(tag.attributes)) {
      assert.ok(ALLOWED_ATTRIBUTES.has(name), `unexpected attribute ${name} on <${tag.name}>`);
      if (name === 'href') assert.match(String(value), /^https?:\/\//, `href ${String(value)}`);
      if (name === 'type') assert.equal(value, 'application/ld+json');
    }
  }
  assert.equal((out.match(/<script/g) ?? []).length, jsonLdScripts(out).length, 'only JSON-LD scripts');
  for (const json of jsonLdScripts(out)) assert.doesNotMatch(json, /[<>]/);
}
