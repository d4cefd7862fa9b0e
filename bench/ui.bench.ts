/**
 * UI benchmark: navigation start -> events painted, <w4g-month-grid> / <w4g-event-list>
 * (dist/w4g-calendar.js, the script-tag bundle) beside, in one run and one Chromium:
 * - the bare Lit floor (bench/ref/bare-lit.ts): fetch, filter to the month, paint;
 * - FullCalendar 7.1 (`fullcalendar`: daygrid + list, classic theme, Temporal polyfill);
 * - FullCalendar 6 (dayGridMonth / listMonth; @fullcalendar/icalendar + ical.js for .ics);
 * - EventCalendar (@event-calendar/core: DayGrid + List) on the feeds without series (it has
 *   no recurrence and no iCalendar reader);
 * - Schedule-X (@schedule-x/calendar) is not measured: it imports @preact/signals, which is
 *   not installed (and wants preact 10, where preact 11 is), and its stylesheet package
 *   @schedule-x/theme-default is missing too. The bench says so in its output.
 * plus bundle sizes (min+gzip), each target PASS/FAIL.
 *
 * Run: npm run bench:ui   (after `npm run build`; builds dist/ itself when it is missing)
 * A short development run: CLI arguments after `--` or the BENCH_* variables:
 *   --only=grid · json     BENCH_UI_ONLY    scenarios whose name contains this (e.g. "grid", "ics · 20,000")
 *   --events=1000,20000    BENCH_UI_SIZES   event counts (default 100,1000,5000,20000)
 *   --peers=fc7,lit        BENCH_UI_PEERS   who is measured beside ours (default lit,fc7,fc6,ec)
 *   --runs=3               BENCH_RUNS       passes (default 7; below 5 only on request, a dev run)
 *   --sizes-only           BENCH_UI_PART=sizes   bundle sizes only, no browser (seconds)
 *   --no-sizes             BENCH_UI_PART=time    timings only
 *   --no-windowed          BENCH_UI_WINDOWED=0   leave out the windowed scenarios
 * e.g. `npm run bench:ui -- --only=grid --events=1000 --peers=lit,fc7 --runs=3 --no-sizes`.
 * Other env: BENCH_UI_BUDGET_S (default 900: past 5 passes, a pass starts only if it should
 * end within it), CHROME_PATH, BENCH_DIST=dir (the bundle to measure; default dist/),
 * BENCH_TRACE=dir (a Chromium performance trace of each side's last run per scenario, for the
 * DevTools performance panel; tracing slows the traced runs, so they are not recorded).
 *
 * Scenarios: view (grid, list) x feed (json and ics with ~10 % weekly series; json-norec with
 * no recurring event at all) x events (100, 1,000, 5,000, 20,000 feed entries over one year
 * from the frozen today 2026-12-01, Europe/Berlin). Every side shows December 2026:
 * - grid: ours month="2026-12" (3 events per day cell, then "+n weitere"); FullCalendar
 *   dayGridMonth with dayMaxEvents: 3 (the same cap); EventCalendar dayMaxEvents: true;
 * - list: FullCalendar's listMonth shows every event of the month, so ours is limited to the
 *   same month with from="2026-12-01" to="2027-01-01" and limit="0" (all of them).
 * The peers read JSON feeds converted server-side to FullCalendar's event objects (weekly
 * series as daysOfWeek/startRecur/endRecur), served as a JSON array (their start/end query
 * ignored); FullCalendar 6 reads .ics through @fullcalendar/icalendar with ical.js 1.5.
 * In .ics scenarios the floor is the bare Lit page on the JSON feed of the same events.
 *
 * Targets (issue 11), judged at 1,000, 5,000 and 20,000 events on ratios of medians of one run:
 * - JSON scenarios: ours <= 1.3x the floor; grid <= 0.5x and list <= 0.65x FullCalendar 7;
 * - every scenario: ours <= 0.5x FullCalendar 6;
 * - .ics scenarios: ours <= 1.5x the JSON floor of the same size and view.
 *
 * Windowed (at 20,000 events, when the server can answer windows): the real server
 * (src/server, SQLite in a temporary folder) reads the 20,000-event JSON feed from the bench
 * server as its one source; ours points `src` at its /api/events.json and asks only for the
 * month (the list: its from/to), FullCalendar 7 gets the same URL as its JSON source (it
 * sends start/end itself). Target: ours paints the month faster than the floor on the full
 * static file of the same region (ours/floor < 1).
 *
 * Fairness: a fresh browser context for every run (cold HTTP and code caches on every side),
 * context time zone Europe/Berlin and locale de-DE, the same viewport, server and probe;
 * the order of the sides rotates from scenario to scenario and pass to pass, so noise hits
 * all. Peers load their own self-contained bundle (bench/ui/fc-build.ts, the same Vite);
 * ours loads dist/w4g-calendar.js, which fetches its lazy chunks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH as CHROME, launchChromium } from '../scripts/lib/chromium.mjs';
import { buildFullCalendar, fcVersions, type FcBundle } from './ui/fc-build.js';
import { generateEvents, toFullCalendarJson, toIcs, toW4gJson } from './ui/feeds.js';
import { probeScript, type ProbeConfig, type ProbeResult } from './ui/measure.js';
import { contentType, startServer, type StaticFile } from './ui/server.js';
import { startWindowedServer, type WindowedServer } from './ui/windowed.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(HERE);
/** BENCH_DIST: measure a bundle built elsewhere (`vite build --mode bundle --outDir <dir>`). */
const DIST = process.env['BENCH_DIST'] || join(ROOT, 'dist');
const FEED_DIR = join(HERE, '.cache', 'ui-feeds');
const RESULTS_FILE = join(HERE, 'results', 'ui.json');

const TODAY = '2026-12-01';
const MONTH = '2026-12';
const MONTH_END = '2027-01-01';
const SEED = 0x5eed_0ca1;
const RECURRING_SHARE = 0.1;
const PAGE_TIMEOUT_MS = 60_000;

// ---- targets (issue 11)
const TARGET_SIZES = [1000, 5000, 20000];
const FLOOR_TARGET = 1.3;
const ICS_FLOOR_TARGET = 1.5;
const FC7_TARGET: Record<View, number> = { grid: 0.5, list: 0.65 };
const FC6_TARGET = 0.5;
const KB = 1000; // KB = 1,000 bytes (stricter than KiB)
const SIZE_TARGETS = { initial: 38 * KB, listAndGridAll: 50 * KB, form: 13 * KB, associations: 5 * KB };

// ---- what to run: CLI arguments (after `npm run bench:ui --`) or the environment
const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    events: { type: 'string' },
    peers: { type: 'string' },
    runs: { type: 'string' },
    'sizes-only': { type: 'boolean' },
    'no-sizes': { type: 'boolean' },
    'no-windowed': { type: 'boolean' },
  },
  strict: true,
});

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

const RUNS_RAW = args.runs ?? process.env['BENCH_RUNS'];
/** Passes over all scenarios. Fewer than 5 only when asked for (a development run). */
const RUNS = positiveInt(RUNS_RAW, 7);
const MIN_RUNS = Math.min(5, RUNS);
/** Past MIN_RUNS passes, a pass starts only if it is expected to end before this. */
const BUDGET_MS = positiveInt(process.env['BENCH_UI_BUDGET_S'], 900) * 1000;
const SIZES = list(args.events ?? process.env['BENCH_UI_SIZES'] ?? '100,1000,5000,20000')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const ONLY = args.only ?? process.env['BENCH_UI_ONLY'] ?? '';
const PART = args['sizes-only'] ? 'sizes' : args['no-sizes'] ? 'time' : (process.env['BENCH_UI_PART'] ?? 'all');
const WINDOWED = !args['no-windowed'] && process.env['BENCH_UI_WINDOWED'] !== '0';
const WINDOWED_EVENTS = 20000;
const WINDOWED_TARGET = 1;
const TRACE_DIR = process.env['BENCH_TRACE'] ?? '';
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'];

type View = 'grid' | 'list';
type Variant = 'json' | 'ics' | 'json-norec' | 'windowed';
/** `lit`: the bare Lit floor (bench/ref/bare-lit.ts); fc7 / fc6: FullCalendar; ec: EventCalendar. */
type Side = 'w4g' | 'lit' | 'fc7' | 'fc6' | 'ec';
type Peer = Exclude<Side, 'w4g'>;
const PEERS: readonly Peer[] = ['lit', 'fc7', 'fc6', 'ec'];
const SIDE_LABEL: Record<Side, string> = {
  w4g: 'ours',
  lit: 'floor',
  fc7: 'FullCalendar 7',
  fc6: 'FullCalendar 6',
  ec: 'EventCalendar',
};
const CHOSEN_PEERS = new Set<Peer>(
  (list(args.peers ?? process.env['BENCH_UI_PEERS'] ?? PEERS.join(',')) as Peer[]).filter((p) => PEERS.includes(p)),
);
const SCHEDULE_X_NOTE =
  'Schedule-X (@schedule-x/calendar) is not measured: it imports @preact/signals, which is not installed ' +
  '(and wants preact 10; preact 11 is installed), and its stylesheet package @schedule-x/theme-default is missing.';

interface Scenario {
  name: string;
  view: View;
  variant: Variant;
  events: number;
}

interface RunRecord {
  ms?: number;
  doubleRafMs?: number;
  count: number;
  feedStart?: number;
  feedEnd?: number;
  scriptsEnd?: number;
  longTaskMs: number;
  maxLongTaskMs: number;
  error?: string;
  /** Script files under /dist/ the page requested before its paint (ours). */
  scripts?: string[];
  /** Script files under /dist/ it requested after its paint, while it was measured. */
  laterScripts?: string[];
}

const log = (line = ''): void => console.log(line);

// ---------------------------------------------------------------------------------------
// Inputs: dist/, the peer bundles, the feeds
// ---------------------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** dist/w4g-calendar*.js in memory (a concurrent build cannot change them under the bench). */
function loadDist(): Map<string, Buffer> {
  const bundle = join(DIST, 'w4g-calendar.js');
  if (!existsSync(bundle)) {
    log('dist/w4g-calendar.js is missing: running `npm run build` ...');
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0 || !existsSync(bundle)) {
      throw new Error('`npm run build` failed, so there is no dist/w4g-calendar.js to measure; fix the build first.');
    }
  } else if (newestMtime(join(ROOT, 'src')) > statSync(bundle).mtimeMs) {
    log('note: src/ changed after dist/w4g-calendar.js was built; run `npm run build` to measure the current source.');
  }
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(DIST)) {
    if (/^w4g-calendar.*\.js$/.test(name)) files.set(name, readFileSync(join(DIST, name)));
  }
  return files;
}

interface Feeds {
  files: Map<string, StaticFile>;
  info: Record<string, { bytes: number; entries: number; series: number }>;
}

/** The origin of our real server in the windowed scenarios (set once it runs). */
let apiOrigin = '';

/**
 * The feed a side reads. The floor reads JSON only: in .ics scenarios the JSON of the same
 * events, in windowed ones the full static file of the region.
 */
function feedPath(side: Side, variant: Variant, events: number): string {
  const norec = variant === 'json-norec' ? '-norec' : '';
  if (side === 'lit') return `/feeds/w4g${norec}-${events}.json`;
  if (variant === 'windowed') return `${apiOrigin}/api/events.json`;
  if (variant === 'ics') return `/feeds/ics-${events}.ics`;
  return `/feeds/${side === 'w4g' ? 'w4g' : 'fc'}${norec}-${events}.json`;
}

function makeFeeds(sizes: number[]): Feeds {
  mkdirSync(FEED_DIR, { recursive: true });
  const files = new Map<string, StaticFile>();
  const info: Feeds['info'] = {};
  const add = (path: string, text: string, entries: number, series: number): void => {
    const body = Buffer.from(text);
    files.set(path, { body, type: contentType(path) });
    info[path] = { bytes: body.length, entries, series };
    writeFileSync(join(FEED_DIR, path.slice('/feeds/'.length)), body);
  };
  for (const n of sizes) {
    const recurring = generateEvents({ count: n, recurringShare: RECURRING_SHARE, today: TODAY, seed: SEED + n });
    const series = recurring.filter((e) => e.weekly).length;
    add(feedPath('w4g', 'json', n), toW4gJson(recurring), n, series);
    add(feedPath('fc6', 'json', n), toFullCalendarJson(recurring), n, series);
    add(feedPath('w4g', 'ics', n), toIcs(recurring), n, series);
    const single = generateEvents({ count: n, recurringShare: 0, today: TODAY, seed: SEED + 7 * n });
    add(feedPath('w4g', 'json-norec', n), toW4gJson(single), n, 0);
    add(feedPath('fc6', 'json-norec', n), toFullCalendarJson(single), n, 0);
  }
  return { files, info };
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

function pagePath(side: Side, s: Scenario): string {
  return `/pages/${side}/${s.view}/${s.variant}/${s.events}.html`;
}

/** The bundle (and stylesheet) of a peer's page. */
function peerBundle(side: Peer, variant: Variant): { js: FcBundle; css?: FcBundle } {
  switch (side) {
    case 'lit':
      return { js: 'bare-lit' };
    case 'fc6':
      return { js: variant === 'ics' ? 'fc-full' : 'fc-json' };
    case 'fc7':
      return { js: 'fc7', css: 'fc7' };
    case 'ec':
      return { js: 'ec', css: 'ec' };
  }
}

const PAGE_HEAD = '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>bench</title>';

function renderPage(path: string): string | undefined {
  const m = /^\/pages\/(w4g|lit|fc7|fc6|ec)\/(grid|list)\/(json|ics|json-norec|windowed)\/(\d+)\.html$/.exec(path);
  if (!m) return undefined;
  const [, side, view, variant, events] = m as unknown as [string, Side, View, Variant, string];
  const src = feedPath(side, variant, Number(events));
  if (side === 'w4g') {
    const element =
      view === 'grid'
        ? `<w4g-month-grid src="${src}" month="${MONTH}" today="${TODAY}"></w4g-month-grid>`
        : `<w4g-event-list src="${src}" today="${TODAY}" from="${TODAY}" to="${MONTH_END}" limit="0"></w4g-event-list>`;
    return `${PAGE_HEAD}<script type="module" src="/dist/w4g-calendar.js"></script></head><body>${element}</body></html>`;
  }
  const bundle = peerBundle(side, variant);
  const css = bundle.css ? `<link rel="stylesheet" href="/fc/${bundle.css}.css">` : '';
  if (side === 'lit') {
    const element = `<bench-bare src="${src}" view="${view}" month="${MONTH}"></bench-bare>`;
    return `${PAGE_HEAD}<script type="module" src="/fc/${bundle.js}.js"></script></head><body>${element}</body></html>`;
  }
  const config = {
    view: view === 'grid' ? 'dayGridMonth' : 'listMonth',
    url: src,
    format: variant === 'ics' ? 'ics' : 'json',
    date: TODAY,
    ...(variant === 'windowed' ? { ownFormat: true } : {}),
  };
  return (
    `${PAGE_HEAD}${css}<script>window.__fcBench = ${JSON.stringify(config)};</script>` +
    `<script type="module" src="/fc/${bundle.js}.js"></script></head><body><div id="calendar"></div></body></html>`
  );
}

/**
 * Who is measured in a scenario: FullCalendar 7 and EventCalendar read no iCalendar (none
 * installed for 7; none at all in EventCalendar), EventCalendar expands no series.
 */
function sidesOf(s: Scenario): Side[] {
  const peers = PEERS.filter((p) => CHOSEN_PEERS.has(p)).filter((p) => {
    if (s.variant === 'windowed') return p === 'lit' || p === 'fc7';
    if (p === 'fc7') return s.variant !== 'ics';
    if (p === 'ec') return s.variant === 'json-norec';
    return true;
  });
  return ['w4g', ...peers];
}

function probeFor(side: Side, view: View): ProbeConfig {
  const timeoutMs = PAGE_TIMEOUT_MS;
  switch (side) {
    case 'lit':
      return { host: 'bench-bare', selector: '[part~="event"]', timeoutMs };
    case 'w4g':
      return { host: view === 'grid' ? 'w4g-month-grid' : 'w4g-event-list', selector: '[part~="event"]', timeoutMs };
    case 'fc6':
      return { host: null, selector: view === 'grid' ? '.fc-event' : '.fc-list-event', timeoutMs };
    case 'fc7':
      return { host: null, selector: FC7_SELECTOR[view], timeoutMs };
    case 'ec':
      return { host: null, selector: '.ec-event', timeoutMs };
  }
}

/** FullCalendar 7 hashes its class names; its event elements carry the event colour variable. */
const FC7_SELECTOR: Record<View, string> = {
  grid: '[style*="--fc-event-color"]',
  list: '[style*="--fc-event-color"]',
};

// ---------------------------------------------------------------------------------------
// One measured page load
// ---------------------------------------------------------------------------------------

async function measure(browser: Browser, origin: string, side: Side, s: Scenario, tracePath?: string): Promise<RunRecord> {
  const context = await browser.newContext({
    timezoneId: 'Europe/Berlin',
    locale: 'de-DE',
    viewport: { width: 1280, height: 900 },
  });
  const scripts: string[] = [];
  const errors: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await context.addInitScript({ content: probeScript(probeFor(side, s.view)) });
    const page = await context.newPage();
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.origin !== origin && url.origin !== apiOrigin) errors.push(`request to another origin: ${url.origin}`);
      if (url.pathname.startsWith('/dist/')) scripts.push(url.pathname.slice('/dist/'.length));
    });
    page.on('pageerror', (e) => errors.push(String(e.message).split('\n')[0]!));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    let resolveDone: (r: ProbeResult) => void = () => undefined;
    const done = new Promise<ProbeResult>((resolve) => (resolveDone = resolve));
    await page.exposeFunction('__benchDone', (r: ProbeResult) => resolveDone(r));
    const hardTimeout = new Promise<ProbeResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ count: 0, longTasks: [], error: `no answer from the page within ${PAGE_TIMEOUT_MS / 1000 + 5} s` }),
        PAGE_TIMEOUT_MS + 5000,
      );
    });
    if (tracePath) await browser.startTracing(page, { path: tracePath, categories: TRACE_CATEGORIES });
    await page.goto(origin + pagePath(side, s), { waitUntil: 'commit', timeout: PAGE_TIMEOUT_MS });
    const result = await Promise.race([done, hardTimeout]);
    if (tracePath) await browser.stopTracing();
    const longTaskMs = result.longTasks.filter(([start]) => start < (result.painted ?? Infinity)).reduce((a, [, d]) => a + d, 0);
    const record: RunRecord = {
      count: result.count,
      longTaskMs,
      maxLongTaskMs: Math.max(0, ...result.longTasks.map(([, d]) => d)),
    };
    if (result.painted !== undefined) record.ms = result.painted;
    if (result.doubleRaf !== undefined) record.doubleRafMs = result.doubleRaf;
    if (result.feedStart !== undefined) record.feedStart = result.feedStart;
    if (result.feedEnd !== undefined) record.feedEnd = result.feedEnd;
    if (result.scriptsEnd !== undefined) record.scriptsEnd = result.scriptsEnd;
    const foreign = errors.find((e) => e.startsWith('request to another origin'));
    if (result.error || record.ms === undefined || foreign) {
      record.error = [result.error ?? foreign ?? 'no events painted', ...errors.slice(0, 2)].join('; ');
    }
    if (side === 'w4g') {
      const before = new Set(
        (result.scriptsBeforePaint ?? []).filter((p) => p.startsWith('/dist/')).map((p) => p.slice('/dist/'.length)),
      );
      record.scripts = [...before].sort();
      const later = [...new Set(scripts)].filter((f) => !before.has(f)).sort();
      if (later.length) record.laterScripts = later;
    }
    return record;
  } catch (error) {
    return {
      count: 0,
      longTaskMs: 0,
      maxLongTaskMs: 0,
      error: `${String(error).split('\n')[0]}${errors.length ? `; ${errors[0]}` : ''}`,
    };
  } finally {
    clearTimeout(timer);
    await context.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------
// Statistics and output
// ---------------------------------------------------------------------------------------

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(n: number | undefined, digits = 1): number | undefined {
  if (n === undefined) return undefined;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

interface SideSummary {
  medianMs?: number;
  minMs?: number;
  maxMs?: number;
  doubleRafMedianMs?: number;
  runs: number;
  errors: number;
  firstError?: string;
  shown?: number;
  feedStartMedianMs?: number;
  feedEndMedianMs?: number;
  scriptsEndMedianMs?: number;
  longTaskMedianMs?: number;
  maxLongTaskMedianMs?: number;
  timesMs: number[];
}

function summarize(runs: RunRecord[]): SideSummary {
  const ok = runs.filter((r) => r.ms !== undefined && !r.error);
  const times = ok.map((r) => r.ms!);
  const pick = (f: (r: RunRecord) => number | undefined): number | undefined =>
    round(median(ok.map(f).filter((v): v is number => v !== undefined)));
  const failed = runs.filter((r) => r.error);
  const summary: SideSummary = { runs: runs.length, errors: failed.length, timesMs: times.map((t) => round(t)!) };
  if (times.length) {
    summary.medianMs = round(median(times));
    summary.minMs = round(Math.min(...times));
    summary.maxMs = round(Math.max(...times));
    summary.doubleRafMedianMs = pick((r) => r.doubleRafMs);
    summary.shown = median(ok.map((r) => r.count));
    summary.feedStartMedianMs = pick((r) => r.feedStart);
    summary.feedEndMedianMs = pick((r) => r.feedEnd);
    summary.scriptsEndMedianMs = pick((r) => r.scriptsEnd);
    summary.longTaskMedianMs = pick((r) => r.longTaskMs);
    summary.maxLongTaskMedianMs = pick((r) => r.maxLongTaskMs);
  }
  if (failed[0]?.error) summary.firstError = failed[0].error;
  return summary;
}

interface Target {
  /** What ours is compared with, e.g. "floor" or "FC7". */
  against: string;
  ratio?: number;
  limit: number;
  pass: boolean;
}

/** The issue's targets for one scenario (none below 1,000 events). */
function targetsOf(s: Scenario, sides: Partial<Record<Side, SideSummary>>): Target[] {
  if (!TARGET_SIZES.includes(s.events)) return [];
  const ours = sides.w4g;
  const ratio = (peer: Side): number | undefined => {
    const other = sides[peer];
    return ours?.medianMs !== undefined && other?.medianMs !== undefined ? ours.medianMs / other.medianMs : undefined;
  };
  const out: Target[] = [];
  const add = (against: string, peer: Side, limit: number, strictly = false): void => {
    if (!sides[peer]) return; // not measured in this run (peer left out)
    const r = ratio(peer);
    const within = r !== undefined && (strictly ? r < limit : r <= limit);
    out.push({ against, ...(r === undefined ? {} : { ratio: round(r, 3)! }), limit, pass: within && ours!.errors === 0 });
  };
  if (s.variant === 'windowed') {
    add('full static floor', 'lit', WINDOWED_TARGET, true);
    return out;
  }
  if (s.variant === 'ics') {
    add('JSON floor', 'lit', ICS_FLOOR_TARGET);
  } else {
    add('floor', 'lit', FLOOR_TARGET);
    add('FC7', 'fc7', FC7_TARGET[s.view]);
  }
  add('FC6', 'fc6', FC6_TARGET);
  return out;
}

function fmtRatio(x: number | undefined): string {
  return x === undefined ? '–' : x.toFixed(2);
}

/** Elements added after the list and the grid (issue 4): their chunks are sized apart. */
const FORM = 'w4g-event-form';
const ASSOCIATIONS = ['w4g-association-card', 'w4g-association-list'];
const LATER_ELEMENTS = [FORM, ...ASSOCIATIONS];

/** The chunk each lazily defined tag loads (`'w4g-x': () => import('./chunk.js')` in the entry). */
function lazyChunks(dist: Map<string, Buffer>): Map<string, string> {
  const entry = dist.get('w4g-calendar.js')!.toString('utf8');
  const chunks = new Map<string, string>();
  for (const m of entry.matchAll(/["'`](w4g-[a-z-]+)["'`]\s*:\s*\(\)\s*=>\s*import\(\s*["'`]\.\/([^"'`]+)["'`]/g)) {
    chunks.set(m[1]!, m[2]!);
  }
  const missing = LATER_ELEMENTS.filter((tag) => !chunks.has(tag));
  if (missing.length) throw new Error(`no lazily loaded chunk found for ${missing.join(', ')} in w4g-calendar.js`);
  return chunks;
}

/**
 * The files reachable from `start` through imports (static only, or static and dynamic),
 * not entering `excluded`.
 */
function reachable(dist: Map<string, Buffer>, start: string[], excluded: Set<string>, dynamic: boolean): Set<string> {
  const pattern = dynamic
    ? /(?:from|import)\s*\(?\s*["'`]\.\/([^"'`]+\.js)["'`]/g
    : /(?:from|import)\s*["'`]\.\/([^"'`]+\.js)["'`]/g;
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || excluded.has(name) || !dist.has(name)) return;
    seen.add(name);
    for (const m of dist.get(name)!.toString('utf8').matchAll(pattern)) visit(m[1]!);
  };
  for (const name of start) visit(name);
  return seen;
}

function gz(buffer: Buffer): number {
  return gzipSync(buffer, { level: 9 }).length;
}

function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

/** dist's bundle is built in Vite library mode, which leaves whitespace in (codegen off). */
async function fullyMinifiedGzip(files: Map<string, Buffer>, names: string[]): Promise<number | undefined> {
  try {
    const { minifySync } = await import('rolldown/utils');
    let total = 0;
    for (const name of names) {
      const out = minifySync(name, files.get(name)!.toString('utf8'), {
        compress: false,
        mangle: false,
        module: true,
        codegen: { removeWhitespace: true },
      });
      if (out.errors.length) return undefined;
      total += gz(Buffer.from(out.code));
    }
    return total;
  } catch {
    return undefined;
  }
}

function table(header: string[], rows: string[][], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------------------

interface SizeFigure {
  files: string[];
  bytes: number;
  gzip: number;
  /** The same files with whitespace removed (dist is built in library mode, which keeps it). */
  gzipWhitespaceRemoved?: number;
  target?: number;
  pass?: boolean;
}

async function sizeOf(dist: Map<string, Buffer>, names: Iterable<string>, target?: number): Promise<SizeFigure> {
  const files = [...names].sort();
  const gzip = files.reduce((a, n) => a + gz(dist.get(n)!), 0);
  const figure: SizeFigure = { files, bytes: files.reduce((a, n) => a + dist.get(n)!.length, 0), gzip };
  const min = await fullyMinifiedGzip(dist, files);
  if (min !== undefined) figure.gzipWhitespaceRemoved = min;
  if (target !== undefined) Object.assign(figure, { target, pass: gzip <= target });
  return figure;
}

/**
 * Our figures, each on its own: the initial list + grid (the entry and its static imports,
 * plus whatever the pages without series requested before their paint), everything the list and the grid can
 * load, and what the form and the association elements add on top of that.
 */
async function measureSizes(dist: Map<string, Buffer>, peers: Map<string, Buffer>, requested: Set<string>) {
  const chunks = lazyChunks(dist);
  const later = new Set(LATER_ELEMENTS.map((tag) => chunks.get(tag)!));
  const initialNames = reachable(dist, ['w4g-calendar.js'], new Set(), false);
  for (const name of requested) if (dist.has(name)) initialNames.add(name);
  const listAndGrid = reachable(dist, ['w4g-calendar.js'], later, true);
  const adds = (tags: string[]): Set<string> => {
    const start = tags.map((t) => chunks.get(t)!);
    return reachable(dist, start, listAndGrid, true);
  };
  /** A peer's script and, where it has one, its stylesheet. */
  const peerGz = (name: FcBundle): number =>
    [`${name}.js`, `${name}.css`].reduce((a, f) => a + (peers.has(f) ? gz(peers.get(f)!) : 0), 0);
  return {
    initial: await sizeOf(dist, initialNames, SIZE_TARGETS.initial),
    listAndGridAll: await sizeOf(dist, listAndGrid, SIZE_TARGETS.listAndGridAll),
    form: await sizeOf(dist, adds([FORM]), SIZE_TARGETS.form),
    associations: await sizeOf(dist, adds(ASSOCIATIONS), SIZE_TARGETS.associations),
    everything: await sizeOf(dist, dist.keys()),
    peers: {
      fullcalendar7: { note: 'fc7.js + fc7.css: daygrid + list + classic theme, JSON only', gzip: peerGz('fc7') },
      fullcalendar6Full: { note: 'daygrid + list + icalendar + ical.js 1.5', gzip: peerGz('fc-full') },
      fullcalendar6Json: { note: 'daygrid + list, JSON only', gzip: peerGz('fc-json') },
      eventCalendar: { note: 'ec.js + ec.css: DayGrid + List', gzip: peerGz('ec') },
      bareLit: { note: 'the floor, Lit inlined', gzip: peerGz('bare-lit') },
    },
  };
}

function printSizes(sizes: Awaited<ReturnType<typeof measureSizes>>): void {
  const verdict = (f: SizeFigure): string =>
    f.target === undefined ? '' : ` -> target <= ${kb(f.target)}: ${f.pass ? 'PASS' : 'FAIL'}`;
  const ws = (f: SizeFigure): string =>
    f.gzipWhitespaceRemoved === undefined ? '' : ` (${kb(f.gzipWhitespaceRemoved)} with whitespace removed)`;
  const line = (label: string, f: SizeFigure): void =>
    log(`  ${label.padEnd(44)} ${kb(f.gzip).padStart(8)}${ws(f)}${verdict(f)}`);
  log('');
  log('sizes (min+gzip, gzip -9; KB = 1,000 bytes), each on its own:');
  line('initial list + grid', sizes.initial);
  log(`    ${sizes.initial.files.join(', ')}`);
  line('list + grid with all they can load', sizes.listAndGridAll);
  log(`    ${sizes.listAndGridAll.files.join(', ')} (details view, iCalendar reader)`);
  line('the form (what it adds to list + grid)', sizes.form);
  log(`    ${sizes.form.files.join(', ')}`);
  line('the association elements (what they add)', sizes.associations);
  log(`    ${sizes.associations.files.join(', ')}`);
  line(`everything (${sizes.everything.files.length} files)`, sizes.everything);
  const p = sizes.peers;
  log(`  FullCalendar 7, ${p.fullcalendar7.note}: ${kb(p.fullcalendar7.gzip)}`);
  log(`  FullCalendar 6, ${p.fullcalendar6Full.note}: ${kb(p.fullcalendar6Full.gzip)}`);
  log(`  FullCalendar 6, ${p.fullcalendar6Json.note}: ${kb(p.fullcalendar6Json.gzip)}`);
  log(`  EventCalendar, ${p.eventCalendar.note}: ${kb(p.eventCalendar.gzip)}`);
  log(
    '  (dist is built in Vite library mode, which mangles but keeps whitespace; the figures in brackets are ' +
      'what full minification would give; the targets are judged on the files as built)',
  );
}

// ---------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const dist = loadDist();
  const fcFiles = await buildFullCalendar(log);
  const peerFiles = new Map<string, Buffer>();
  for (const [name, build] of Object.entries(fcFiles)) {
    peerFiles.set(`${name}.js`, readFileSync(build.js));
    if (build.css) peerFiles.set(`${name}.css`, readFileSync(build.css));
  }
  if (PART === 'sizes') {
    const sizes = await measureSizes(dist, peerFiles, new Set());
    printSizes(sizes);
    log('(sizes only: the initial figure is the entry and its static imports)');
    return;
  }
  if (!existsSync(CHROME)) throw new Error(`no Chromium at ${CHROME}: apt-get install -y chromium, or set CHROME_PATH`);
  const feeds = makeFeeds(SIZES);

  const files = new Map<string, StaticFile>(feeds.files);
  for (const [name, body] of dist) files.set(`/dist/${name}`, { body, type: contentType(name) });
  for (const [name, body] of peerFiles) files.set(`/fc/${name}`, { body, type: contentType(name) });

  const scenarios: Scenario[] = [];
  for (const events of SIZES) {
    for (const variant of ['json', 'ics', 'json-norec'] as const) {
      for (const view of ['grid', 'list'] as const) {
        const name = `${view} · ${variant} · ${events.toLocaleString('en-US')}`;
        if (!ONLY || name.includes(ONLY)) scenarios.push({ name, view, variant, events });
      }
    }
  }
  if (WINDOWED && SIZES.includes(WINDOWED_EVENTS)) {
    for (const view of ['grid', 'list'] as const) {
      const name = `${view} · windowed · ${WINDOWED_EVENTS.toLocaleString('en-US')}`;
      if (!ONLY || name.includes(ONLY)) scenarios.push({ name, view, variant: 'windowed', events: WINDOWED_EVENTS });
    }
  }
  if (scenarios.length === 0) throw new Error(`no scenario matches BENCH_UI_ONLY=${ONLY}`);

  const server = await startServer(files, renderPage);
  let windowed: WindowedServer | undefined;
  if (scenarios.some((s) => s.variant === 'windowed')) {
    const started = await startWindowedServer(`${server.origin}${feedPath('w4g', 'json', WINDOWED_EVENTS)}`, server.origin, {
      start: TODAY,
      end: MONTH_END,
    });
    if ('unavailable' in started) {
      log(`windowed scenarios left out: ${started.unavailable}`);
      scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => s.variant !== 'windowed'));
    } else {
      windowed = started;
      apiOrigin = started.origin;
      log(`windowed: our server at ${apiOrigin} serves the 20,000-event feed (${started.probeEvents} events in December)`);
    }
  }
  const browser = await launchChromium();
  const runs = new Map<string, Partial<Record<Side, RunRecord[]>>>(
    scenarios.map((s) => [s.name, Object.fromEntries(sidesOf(s).map((side) => [side, []]))]),
  );
  let passes = 0;
  let stoppedEarly = false;
  try {
    log(
      `chromium ${browser.version()} at ${CHROME}; ${scenarios.length} scenarios, sides ${['w4g', ...CHOSEN_PEERS].join(', ')}, ` +
        `${RUNS} passes${RUNS < 5 ? ' (a development run: fewer than 5)' : ''}, server ${server.origin}; feeds in ${relative(ROOT, FEED_DIR)}/`,
    );
    log(SCHEDULE_X_NOTE);
    // Warm-up (not recorded): the browser process, the OS file cache, the server.
    const warm = scenarios[0]!;
    for (const side of sidesOf(warm)) await measure(browser, server.origin, side, warm);

    let lastPassMs = 0;
    for (let pass = 0; pass < RUNS; pass++) {
      if (pass >= MIN_RUNS && performance.now() - started + lastPassMs > BUDGET_MS) {
        stoppedEarly = true;
        log(`time budget of ${BUDGET_MS / 1000} s: stopping after ${pass} passes`);
        break;
      }
      const t0 = performance.now();
      for (const [i, s] of scenarios.entries()) {
        const sides = sidesOf(s);
        const shift = (pass + i) % sides.length;
        const order = [...sides.slice(shift), ...sides.slice(0, shift)];
        for (const side of order) runs.get(s.name)![side]!.push(await measure(browser, server.origin, side, s));
        if (RUNS < 5) {
          // A development run: show each scenario as it finishes (a pass can take minutes).
          const last = sides.map((side) => {
            const r = runs.get(s.name)![side]!.at(-1)!;
            return `${SIDE_LABEL[side]} ${r.ms === undefined ? 'error' : r.ms.toFixed(0)}`;
          });
          log(`  ${s.name}: ${last.join(', ')} ms`);
        }
      }
      passes++;
      lastPassMs = performance.now() - t0;
      log(`pass ${pass + 1}/${RUNS} done in ${(lastPassMs / 1000).toFixed(1)} s`);
    }
    if (TRACE_DIR) {
      mkdirSync(TRACE_DIR, { recursive: true });
      for (const s of scenarios) {
        for (const side of sidesOf(s)) {
          const file = join(TRACE_DIR, `${side}-${s.view}-${s.variant}-${s.events}.json`);
          await measure(browser, server.origin, side, s, file);
        }
      }
      log(`traces (not in the results): ${TRACE_DIR}`);
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
    await windowed?.close();
  }

  // ---- timing table
  const shownSides: Side[] = ['w4g', ...PEERS.filter((p) => CHOSEN_PEERS.has(p))];
  const rows: string[][] = [];
  const scenarioResults = scenarios.map((s) => {
    const r = runs.get(s.name)!;
    const sides: Partial<Record<Side, SideSummary>> = {};
    for (const side of sidesOf(s)) sides[side] = summarize(r[side]!);
    const ours = sides.w4g!;
    const ratio = (peer: Side): number | undefined =>
      ours.medianMs !== undefined && sides[peer]?.medianMs !== undefined ? ours.medianMs / sides[peer].medianMs : undefined;
    const targets = targetsOf(s, sides);
    const cell = (x: SideSummary | undefined): string =>
      !x
        ? '–'
        : x.medianMs === undefined
          ? `ERROR (${x.errors}/${x.runs})`
          : `${x.medianMs.toFixed(0)}${x.errors ? ` (${x.errors} err)` : ''}`;
    rows.push([
      s.name,
      ...shownSides.map((side) => cell(sides[side])),
      ...shownSides.slice(1).map((side) => fmtRatio(ratio(side))),
      targets.map((t) => `${t.against} ${t.pass ? 'PASS' : 'FAIL'}`).join(', '),
      shownSides.map((side) => (sides[side] ? String(sides[side].shown ?? 0) : '–')).join('/'),
    ]);
    return {
      ...s,
      sides,
      ratios: Object.fromEntries(shownSides.slice(1).map((side) => [side, round(ratio(side), 3)])),
      targets,
    };
  });

  log('');
  log(`navigation start -> events painted, median of ${passes} runs (ms); ratios are ours / theirs`);
  log(
    table(
      [
        'scenario (view · feed · events)',
        ...shownSides.map((side) =>
          side === 'w4g' ? 'ours' : SIDE_LABEL[side].replace('FullCalendar ', 'FC').replace('EventCalendar', 'EC'),
        ),
        ...shownSides.slice(1).map((side) => `/${side === 'lit' ? 'floor' : side.toUpperCase()}`),
        `targets (floor <= ${FLOOR_TARGET}, .ics: JSON floor <= ${ICS_FLOOR_TARGET}; FC7 grid <= ${FC7_TARGET.grid}, list <= ${FC7_TARGET.list}; FC6 <= ${FC6_TARGET})`,
        `events shown ${shownSides.map((side) => (side === 'w4g' ? 'ours' : side)).join('/')}`,
      ],
      rows,
    ),
  );
  log(
    'floor: bench/ref/bare-lit.ts, fetch, filter to the month, paint (no recurrence, zones, validation, JSON-LD or a11y ' +
      'work); in .ics scenarios it reads the JSON feed of the same events. FC7 and EC read no .ics; EC expands no series. ' +
      `Targets at ${TARGET_SIZES.map((n) => n.toLocaleString('en-US')).join(', ')} events.`,
  );
  for (const s of scenarioResults) {
    for (const [side, x] of Object.entries(s.sides)) {
      if (x.firstError)
        log(`error: ${s.name}, ${SIDE_LABEL[side as Side]}: ${x.errors}/${x.runs} runs failed, e.g. ${x.firstError}`);
    }
  }
  const allTargets = scenarioResults.flatMap((s) => s.targets.map((t) => ({ scenario: s.name, ...t })));
  const failed = allTargets.filter((t) => !t.pass);
  log('');
  log(`time targets: ${allTargets.length - failed.length} of ${allTargets.length} PASS`);
  for (const t of failed) log(`  FAIL ${t.scenario}: ours/${t.against} ${fmtRatio(t.ratio)} > ${t.limit}`);

  // ---- where the time goes (largest size)
  const largest = Math.max(...scenarios.map((s) => s.events));
  log('');
  log(`where the time goes at ${largest.toLocaleString('en-US')} events (medians, ms after navigation start):`);
  log(
    table(
      ['scenario', 'side', 'scripts loaded', 'feed requested', 'feed received', 'painted', 'after feed', 'long tasks'],
      scenarioResults
        .filter((s) => s.events === largest)
        .flatMap((s) =>
          (Object.entries(s.sides) as [Side, SideSummary][]).map(([side, x]) => [
            s.name,
            SIDE_LABEL[side],
            String(x.scriptsEndMedianMs ?? '–'),
            String(x.feedStartMedianMs ?? '–'),
            String(x.feedEndMedianMs ?? '–'),
            String(x.medianMs ?? '–'),
            x.medianMs !== undefined && x.feedEndMedianMs !== undefined ? (x.medianMs - x.feedEndMedianMs).toFixed(1) : '–',
            x.longTaskMedianMs !== undefined ? `${x.longTaskMedianMs} (max ${x.maxLongTaskMedianMs})` : '–',
          ]),
        ),
      2,
    ),
  );

  // ---- sizes: what the pages without series requested before their paint counts as initial too
  const requested = new Set<string>();
  const later = new Set<string>();
  for (const s of scenarios.filter((x) => x.variant === 'json-norec')) {
    for (const r of runs.get(s.name)!.w4g!) {
      for (const f of r.scripts ?? []) requested.add(f);
      for (const f of r.laterScripts ?? []) later.add(f);
    }
  }
  const sizes = PART === 'time' ? undefined : await measureSizes(dist, peerFiles, requested);
  if (sizes) printSizes(sizes);
  const afterPaint = [...later].filter((f) => !requested.has(f)).sort();
  if (sizes && afterPaint.length) log(`  (requested only after the paint, not counted as initial: ${afterPaint.join(', ')})`);

  const wallS = (performance.now() - started) / 1000;
  log('');
  log(`wall time ${wallS.toFixed(0)} s (${passes} passes${stoppedEarly ? ', stopped early by the time budget' : ''})`);

  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    chromium: CHROME,
    today: TODAY,
    month: MONTH,
    runs: passes,
    requestedRuns: RUNS,
    stoppedEarly,
    wallSeconds: round(wallS),
    selection: { only: ONLY, events: SIZES, peers: [...CHOSEN_PEERS], part: PART },
    method: {
      start: 'navigation start (performance.now() = 0)',
      end: 'first rAF that finds event elements, then a posted message after that frame (style/layout/paint done); doubleRaf = next frame',
      context: 'fresh browser context per run (cold caches every side), timezoneId Europe/Berlin, locale de-DE, 1280x900',
      list: 'ours from/to = the month, limit=0 (all), like listMonth',
      grid: 'ours month=2026-12, max-per-day 3; FullCalendar dayGridMonth, dayMaxEvents 3; EventCalendar dayMaxEvents true',
      fullcalendarJson: 'FullCalendar event objects (weekly series as daysOfWeek/startRecur/endRecur), JSON-only bundles',
      fullcalendarIcs: '@fullcalendar/icalendar 6.1.21 with ical.js 1.5.0 (aliased in its build), FullCalendar 6 only',
      bareLit:
        'bench/ref/bare-lit.ts: a bare Lit template on our JSON feed, the floor (in .ics scenarios on the JSON of the same events)',
      scheduleX: SCHEDULE_X_NOTE,
    },
    versions: fcVersions(),
    feeds: feeds.info,
    scenarios: scenarioResults,
    sizes,
    targets: {
      sizes: TARGET_SIZES,
      floor: FLOOR_TARGET,
      icsJsonFloor: ICS_FLOOR_TARGET,
      fullcalendar7: FC7_TARGET,
      fullcalendar6: FC6_TARGET,
      bytes: SIZE_TARGETS,
    },
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  log(`results: ${relative(ROOT, RESULTS_FILE)}`);
  // Like bench:core: a broken measurement fails the command, a missed target is reported.
  if (scenarioResults.some((s) => Object.values(s.sides).some((x) => x.errors > 0))) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
