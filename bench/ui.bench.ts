/**
 * UI benchmark: navigation start -> events painted, <w4g-month-grid> / <w4g-event-list>
 * (dist/w4g-calendar.js, the script-tag bundle) against FullCalendar 6 (dayGridMonth /
 * listMonth), in headless Debian Chromium, plus bundle sizes (min+gzip).
 *
 * Run: npm run bench:ui   (after `npm run build`; builds dist/ itself when it is missing)
 * Env: BENCH_RUNS=n (>= 5, default 7: passes beyond 5 only while the ~5.5 min budget
 *      allows), BENCH_UI_BUDGET_S (default 330), BENCH_UI_SIZES=100,1000 (default
 *      100,1000,5000), BENCH_UI_ONLY=substring (scenarios whose name contains it), CHROME_PATH,
 *      BENCH_DIST=dir (the bundle to measure; default dist/), BENCH_TRACE=dir (a Chromium
 *      performance trace of each side's last run per scenario, for chrome://tracing or the
 *      DevTools performance panel; tracing slows the traced runs, so they are not recorded).
 *
 * Scenarios: view (grid, list) x feed (json and ics with ~10 % weekly series; json-norec with
 * no recurring event at all) x events (100, 1,000, 5,000 feed entries over one year from the
 * frozen today 2026-12-01, Europe/Berlin). Both sides show December 2026:
 * - grid: ours month="2026-12" (3 events per day cell, then "+n weitere"); FullCalendar
 *   dayGridMonth with dayMaxEvents: 3 (the same cap);
 * - list: FullCalendar's listMonth shows every event of the month, so ours is limited to the
 *   same month with from="2026-12-01" to="2027-01-01" and limit="0" (all of them): both
 *   lists show the same occurrences (a limit of 50 would compare 50 rows with ~1,000).
 * FullCalendar reads JSON feeds converted server-side to its own event objects (weekly series
 * as daysOfWeek/startRecur/endRecur), served as a JSON array (its start/end query ignored),
 * and .ics through @fullcalendar/icalendar with ical.js 1.5.
 *
 * Fairness: a fresh browser context for every run (cold HTTP and code caches on both sides),
 * context time zone Europe/Berlin and locale de-DE, the same viewport, server and probe;
 * runs interleaved (ours/FC, then FC/ours, scenario after scenario, pass after pass) so noise
 * hits both. FullCalendar's JSON pages load its JSON-only bundle (no ical.js), its .ics pages
 * the full bundle; ours always loads dist/w4g-calendar.js, which fetches its lazy chunks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH as CHROME, launchChromium } from '../scripts/lib/chromium.mjs';
import { buildFullCalendar, fcVersions, type FcBundle } from './ui/fc-build.js';
import { generateEvents, toFullCalendarJson, toIcs, toW4gJson } from './ui/feeds.js';
import { probeScript, type ProbeConfig, type ProbeResult } from './ui/measure.js';
import { contentType, startServer, type StaticFile } from './ui/server.js';

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
const PAGE_TIMEOUT_MS = 30_000;
/** Past 5 passes, a pass starts only if it is expected to end before this (~6 min in all). */
const BUDGET_MS = positiveInt(process.env['BENCH_UI_BUDGET_S'], 330) * 1000;

const TIME_TARGET = 0.45;
const TIME_TARGET_SIZES = [1000, 5000];
const INITIAL_TARGET_BYTES = 40_000; // KB = 1,000 bytes (stricter than KiB)
const ALL_TARGET_BYTES = 55_000;

/** Passes over all scenarios; past 5, a pass starts only if it should end within the budget. */
const RUNS = Math.max(5, positiveInt(process.env['BENCH_RUNS'], 7));
const MIN_RUNS = 5;
const SIZES = (process.env['BENCH_UI_SIZES'] ?? '100,1000,5000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0);
const ONLY = process.env['BENCH_UI_ONLY'] ?? '';
const TRACE_DIR = process.env['BENCH_TRACE'] ?? '';
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing'];

function positiveInt(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

type View = 'grid' | 'list';
type Variant = 'json' | 'ics' | 'json-norec';
/** `lit`: the bare Lit floor (bench/ref/bare-lit.ts), JSON scenarios only. */
type Side = 'w4g' | 'fc' | 'lit';

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
  /** Script files under /dist/ the page requested (ours). */
  scripts?: string[];
}

const log = (line = ''): void => console.log(line);

// ---------------------------------------------------------------------------------------
// Inputs: dist/, the FullCalendar bundles, the feeds
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

function feedPath(side: Side, variant: Variant, events: number): string {
  if (variant === 'ics') return `/feeds/ics-${events}.ics`;
  const norec = variant === 'json-norec' ? '-norec' : '';
  return `/feeds/${side === 'fc' ? 'fc' : 'w4g'}${norec}-${events}.json`;
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
    add(feedPath('fc', 'json', n), toFullCalendarJson(recurring), n, series);
    add(feedPath('w4g', 'ics', n), toIcs(recurring), n, series);
    const single = generateEvents({ count: n, recurringShare: 0, today: TODAY, seed: SEED + 7 * n });
    add(feedPath('w4g', 'json-norec', n), toW4gJson(single), n, 0);
    add(feedPath('fc', 'json-norec', n), toFullCalendarJson(single), n, 0);
  }
  return { files, info };
}

// ---------------------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------------------

function pagePath(side: Side, s: Scenario): string {
  return `/pages/${side}/${s.view}/${s.variant}/${s.events}.html`;
}

function fcBundleFor(variant: Variant): FcBundle {
  return variant === 'ics' ? 'fc-full' : 'fc-json';
}

const PAGE_HEAD = '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>bench</title>';

function renderPage(path: string): string | undefined {
  const m = /^\/pages\/(w4g|fc|lit)\/(grid|list)\/(json|ics|json-norec)\/(\d+)\.html$/.exec(path);
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
  if (side === 'lit') {
    const element = `<bench-bare src="${src}" view="${view}" month="${MONTH}"></bench-bare>`;
    return `${PAGE_HEAD}<script type="module" src="/fc/bare-lit.js"></script></head><body>${element}</body></html>`;
  }
  const config = {
    view: view === 'grid' ? 'dayGridMonth' : 'listMonth',
    url: src,
    format: variant === 'ics' ? 'ics' : 'json',
    date: TODAY,
  };
  return (
    `${PAGE_HEAD}<script>window.__fcBench = ${JSON.stringify(config)};</script>` +
    `<script type="module" src="/fc/${fcBundleFor(variant)}.js"></script></head><body><div id="calendar"></div></body></html>`
  );
}

/** Who is measured in a scenario: the bare Lit floor reads JSON only. */
function sidesOf(s: Scenario): Side[] {
  return s.variant === 'ics' ? ['w4g', 'fc'] : ['w4g', 'fc', 'lit'];
}

function probeFor(side: Side, view: View): ProbeConfig {
  if (side === 'lit') return { host: 'bench-bare', selector: '[part~="event"]', timeoutMs: PAGE_TIMEOUT_MS };
  if (side === 'w4g') {
    return {
      host: view === 'grid' ? 'w4g-month-grid' : 'w4g-event-list',
      selector: '[part~="event"]',
      timeoutMs: PAGE_TIMEOUT_MS,
    };
  }
  return { host: null, selector: view === 'grid' ? '.fc-event' : '.fc-list-event', timeoutMs: PAGE_TIMEOUT_MS };
}

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
    if (result.error || record.ms === undefined) {
      record.error = [result.error ?? 'no events painted', ...errors.slice(0, 2)].join('; ');
    }
    if (side === 'w4g') record.scripts = [...new Set(scripts)].sort();
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

/** Elements added after the list and the grid (issue 4): their chunks are sized apart. */
const LATER_ELEMENTS = ['w4g-event-form', 'w4g-association-card', 'w4g-association-list'];

/**
 * The files the list and the grid can ever load: w4g-calendar.js and everything reachable
 * from it through static and dynamic imports, except the imports that load the elements in
 * `exclude` (the bundle maps each lazily defined tag to `() => import('./chunk.js')`).
 */
function reachableFiles(dist: Map<string, Buffer>, exclude: string[]): string[] {
  const entry = dist.get('w4g-calendar.js')!.toString('utf8');
  const excluded = new Set<string>();
  for (const m of entry.matchAll(/["'`](w4g-[a-z-]+)["'`]\s*:\s*\(\)\s*=>\s*import\(\s*["'`]\.\/([^"'`]+)["'`]/g)) {
    if (exclude.includes(m[1]!)) excluded.add(m[2]!);
  }
  if (excluded.size !== exclude.length) {
    throw new Error(`found the chunks of ${excluded.size} of ${exclude.length} lazily defined elements in w4g-calendar.js`);
  }
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name) || !dist.has(name)) return;
    seen.add(name);
    const code = dist.get(name)!.toString('utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["'`]\.\/([^"'`]+\.js)["'`]/g)) {
      if (!excluded.has(m[1]!)) visit(m[1]!);
    }
  };
  visit('w4g-calendar.js');
  return [...seen].sort();
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
// Main
// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  if (!existsSync(CHROME)) throw new Error(`no Chromium at ${CHROME}: apt-get install -y chromium, or set CHROME_PATH`);
  const dist = loadDist();
  const fcFiles = await buildFullCalendar(log);
  const feeds = makeFeeds(SIZES);

  const files = new Map<string, StaticFile>(feeds.files);
  for (const [name, body] of dist) files.set(`/dist/${name}`, { body, type: contentType(name) });
  const fcBodies = new Map<FcBundle, Buffer>();
  for (const [name, file] of Object.entries(fcFiles) as [FcBundle, string][]) {
    const body = readFileSync(file);
    fcBodies.set(name, body);
    files.set(`/fc/${name}.js`, { body, type: contentType(file) });
  }

  const scenarios: Scenario[] = [];
  for (const events of SIZES) {
    for (const variant of ['json', 'ics', 'json-norec'] as const) {
      for (const view of ['grid', 'list'] as const) {
        const name = `${view} · ${variant} · ${events.toLocaleString('en-US')}`;
        if (!ONLY || name.includes(ONLY)) scenarios.push({ name, view, variant, events });
      }
    }
  }
  if (scenarios.length === 0) throw new Error(`no scenario matches BENCH_UI_ONLY=${ONLY}`);

  const server = await startServer(files, renderPage);
  const browser = await launchChromium();
  const runs = new Map<string, Record<Side, RunRecord[]>>(scenarios.map((s) => [s.name, { w4g: [], fc: [], lit: [] }]));
  let passes = 0;
  let stoppedEarly = false;
  try {
    log(
      `chromium ${browser.version()} at ${CHROME}; ${scenarios.length} scenarios x 2 sides (3 with the bare Lit floor on JSON) x ${RUNS} runs, ` +
        `server ${server.origin}; feeds in ${relative(ROOT, FEED_DIR)}/`,
    );
    // Warm-up (not recorded): the browser process, the OS file cache, the server.
    const warm = scenarios[0]!;
    await measure(browser, server.origin, 'w4g', warm);
    await measure(browser, server.origin, 'fc', warm);

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
        for (const side of order) runs.get(s.name)![side].push(await measure(browser, server.origin, side, s));
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
  }

  // ---- timing table
  const rows: string[][] = [];
  const scenarioResults = scenarios.map((s) => {
    const r = runs.get(s.name)!;
    const w4g = summarize(r.w4g);
    const fc = summarize(r.fc);
    const bare = r.lit.length ? summarize(r.lit) : undefined;
    const bareRatio = bare?.medianMs !== undefined && fc.medianMs !== undefined ? bare.medianMs / fc.medianMs : undefined;
    const ratio = w4g.medianMs !== undefined && fc.medianMs !== undefined ? w4g.medianMs / fc.medianMs : undefined;
    const targeted = TIME_TARGET_SIZES.includes(s.events);
    const pass = targeted ? ratio !== undefined && ratio <= TIME_TARGET && w4g.errors === 0 : undefined;
    const cell = (x: SideSummary): string =>
      x.medianMs === undefined
        ? `ERROR (${x.errors}/${x.runs})`
        : `${x.medianMs.toFixed(0)}${x.errors ? ` (${x.errors} err)` : ''}`;
    rows.push([
      s.name,
      cell(w4g),
      cell(fc),
      ratio === undefined ? '–' : ratio.toFixed(2),
      targeted ? (pass ? 'PASS' : 'FAIL') : '',
      bare ? cell(bare) : '–',
      bareRatio === undefined ? '–' : bareRatio.toFixed(2),
      `${w4g.shown ?? 0} / ${fc.shown ?? 0}${bare ? ` / ${bare.shown ?? 0}` : ''}`,
    ]);
    return {
      ...s,
      w4g,
      fullcalendar: fc,
      ratio: round(ratio, 3),
      target: targeted ? TIME_TARGET : undefined,
      pass,
      ...(bare ? { bareLit: bare, bareLitRatio: round(bareRatio, 3) } : {}),
    };
  });

  log('');
  log(
    `navigation start -> events painted, median of ${passes} runs (ms); target ratio <= ${TIME_TARGET} at 1,000 and 5,000 events`,
  );
  log(
    table(
      [
        'scenario (view · feed · events)',
        'w4g ms',
        'FullCalendar ms',
        'w4g/FC',
        `<= ${TIME_TARGET}`,
        'bare Lit ms',
        'bare/FC',
        'event elements w4g / FC / bare',
      ],
      rows,
    ),
  );
  log(
    'bare Lit: the floor (bench/ref/bare-lit.ts): fetch, filter to the month, paint; no recurrence, zones, ' +
      'validation, JSON-LD or a11y work. JSON feeds only.',
  );
  for (const s of scenarioResults) {
    for (const [label, x] of [
      ['w4g', s.w4g],
      ['FullCalendar', s.fullcalendar],
      ['bare Lit', s.bareLit],
    ] as const) {
      if (!x) continue;
      if (x.firstError) log(`error: ${s.name}, ${label}: ${x.errors}/${x.runs} runs failed, e.g. ${x.firstError}`);
    }
  }

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
          (
            [
              ['w4g', s.w4g],
              ['FC', s.fullcalendar],
              ['bare', s.bareLit],
            ] as [string, SideSummary | undefined][]
          )
            .filter((entry): entry is [string, SideSummary] => entry[1] !== undefined)
            .map(([side, x]) => [
              s.name,
              side,
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

  // ---- sizes
  const distNames = [...dist.keys()].sort();
  const listAndGridNames = reachableFiles(dist, LATER_ELEMENTS);
  const gzOf = (names: string[]): number => names.reduce((a, n) => a + gz(dist.get(n)!), 0);
  // What the JSON pages without recurring events requested, per view (all sizes, all runs).
  const requested: Partial<Record<View, string[]>> = {};
  for (const s of scenarios.filter((x) => x.variant === 'json-norec')) {
    const seen = new Set(requested[s.view] ?? []);
    for (const r of runs.get(s.name)!.w4g) for (const f of r.scripts ?? []) seen.add(f);
    requested[s.view] = [...seen].sort();
  }
  const initialNames = [...new Set(Object.values(requested).flat())].filter((n) => dist.has(n)).sort();
  const sizes = {
    bundle: { files: ['w4g-calendar.js'], bytes: dist.get('w4g-calendar.js')!.length, gzip: gz(dist.get('w4g-calendar.js')!) },
    initialNoRecurrence: {
      files: initialNames,
      requestedByPage: requested,
      bytes: initialNames.reduce((a, n) => a + dist.get(n)!.length, 0),
      gzip: initialNames.length ? gzOf(initialNames) : undefined,
      target: INITIAL_TARGET_BYTES,
      pass: initialNames.length ? gzOf(initialNames) <= INITIAL_TARGET_BYTES : undefined,
    },
    all: {
      files: distNames,
      bytes: distNames.reduce((a, n) => a + dist.get(n)!.length, 0),
      gzip: gzOf(distNames),
      target: ALL_TARGET_BYTES,
      pass: gzOf(distNames) <= ALL_TARGET_BYTES,
    },
    listAndGridAll: {
      note: `everything the list and the grid can load; without the chunks of ${LATER_ELEMENTS.join(', ')}`,
      files: listAndGridNames,
      bytes: listAndGridNames.reduce((a, n) => a + dist.get(n)!.length, 0),
      gzip: gzOf(listAndGridNames),
      target: ALL_TARGET_BYTES,
      pass: gzOf(listAndGridNames) <= ALL_TARGET_BYTES,
    },
    fullyMinified: {
      bundle: await fullyMinifiedGzip(dist, ['w4g-calendar.js']),
      initialNoRecurrence: initialNames.length ? await fullyMinifiedGzip(dist, initialNames) : undefined,
      all: await fullyMinifiedGzip(dist, distNames),
    },
    fullcalendar: {
      full: { file: 'bench/.cache/fc/fc-full.js', bytes: fcBodies.get('fc-full')!.length, gzip: gz(fcBodies.get('fc-full')!) },
      jsonOnly: {
        file: 'bench/.cache/fc/fc-json.js',
        bytes: fcBodies.get('fc-json')!.length,
        gzip: gz(fcBodies.get('fc-json')!),
      },
    },
  };
  const fm = sizes.fullyMinified;
  const extra = (n: number | undefined): string => (n === undefined ? '' : ` (${kb(n)} with whitespace removed)`);
  log('');
  log('sizes (min+gzip, gzip -9; KB = 1,000 bytes):');
  log(`  dist/w4g-calendar.js alone:                 ${kb(sizes.bundle.gzip)}${extra(fm.bundle)}`);
  if (sizes.initialNoRecurrence.gzip !== undefined) {
    log(
      `  initial, JSON feed without recurrence:     ${kb(sizes.initialNoRecurrence.gzip)}${extra(fm.initialNoRecurrence)}` +
        ` -> target <= ${kb(INITIAL_TARGET_BYTES)}: ${sizes.initialNoRecurrence.pass ? 'PASS' : 'FAIL'}`,
    );
    for (const [view, names] of Object.entries(requested)) log(`    requested by the ${view} page: ${names.join(', ')}`);
  } else {
    log('  initial, JSON feed without recurrence:     not measured (no json-norec scenario ran)');
  }
  log(
    `  everything (${distNames.length} files dist/w4g-calendar*.js): ${kb(sizes.all.gzip)}${extra(fm.all)}` +
      ` -> target <= ${kb(ALL_TARGET_BYTES)}: ${sizes.all.pass ? 'PASS' : 'FAIL'}`,
  );
  log(
    `  list + grid with all they can load (${listAndGridNames.length} files: details view, iCalendar reader): ` +
      `${kb(sizes.listAndGridAll.gzip)} -> target <= ${kb(ALL_TARGET_BYTES)}: ${sizes.listAndGridAll.pass ? 'PASS' : 'FAIL'}`,
  );
  log(`    (the rest of "everything" is the form and the association elements: ${LATER_ELEMENTS.join(', ')})`);
  log(`  FullCalendar 6, daygrid + list + icalendar + ical.js (same features): ${kb(sizes.fullcalendar.full.gzip)}`);
  log(`  FullCalendar 6, daygrid + list (JSON only):                          ${kb(sizes.fullcalendar.jsonOnly.gzip)}`);
  log(
    '  (dist is built in Vite library mode, which mangles but keeps whitespace; the figures in brackets are ' +
      'what full minification would give; the targets are judged on the files as built)',
  );

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
    method: {
      start: 'navigation start (performance.now() = 0)',
      end: 'first rAF that finds event elements, then a posted message after that frame (style/layout/paint done); doubleRaf = next frame',
      context: 'fresh browser context per run (cold caches both sides), timezoneId Europe/Berlin, locale de-DE, 1280x900',
      list: 'ours from/to = the month, limit=0 (all), like FullCalendar listMonth',
      grid: 'ours month=2026-12, max-per-day 3; FullCalendar dayGridMonth, dayMaxEvents 3',
      fullcalendarJson: 'FullCalendar event objects (weekly series as daysOfWeek/startRecur/endRecur), JSON-only bundle',
      fullcalendarIcs: '@fullcalendar/icalendar 6.1.21 with ical.js 1.5.0 (aliased in its build), full bundle',
      bareLit: 'bench/ref/bare-lit.ts: a bare Lit template on our JSON feed, the floor (JSON scenarios only)',
    },
    versions: fcVersions(),
    feeds: feeds.info,
    scenarios: scenarioResults,
    sizes,
    targets: {
      timeRatio: TIME_TARGET,
      timeRatioSizes: TIME_TARGET_SIZES,
      initialGzipBytes: INITIAL_TARGET_BYTES,
      allGzipBytes: ALL_TARGET_BYTES,
    },
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  log(`results: ${relative(ROOT, RESULTS_FILE)}`);
  // Like bench:core: a broken measurement fails the command, a missed target is reported.
  if (scenarioResults.some((s) => s.w4g.errors > 0 || s.fullcalendar.errors > 0 || (s.bareLit?.errors ?? 0) > 0)) {
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
