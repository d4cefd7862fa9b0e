/**
 * Windowed feeds (issue 11): a month in <w4g-month-grid> from a 20,000-event region, read
 * - **static**: the region's whole feed as a static file (the bytes the reference server
 *   serves for the plain `/api/events.json`, from a plain file server that ignores queries),
 * - **windowed**: the same region from the real reference server (`createServer`, fed by the
 *   hub from two upstream calendars of half the region each), which answers the grid's six
 *   weeks.
 * Both pages load the same bundle of this checkout (esbuild, minified, code-split) from the
 * same origin; the server's answers are proxied through it, so both are same-origin requests.
 * Measured per run, in a fresh Chromium context (cold caches): navigation start -> the grid's
 * events painted (the UI bench's probe, bench/ui/measure.ts), and the feed bytes sent.
 *
 * Run: node --import tsx bench/windowed.bench.ts   (BENCH_RUNS=n, default 5; BENCH_EVENTS, default 20000)
 * Not part of `npm test` or `npm run bench`.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { launchChromium } from '../scripts/lib/chromium.mjs';
import { createServer } from '../src/server/index.js';
import { generateEvents, toW4gJson } from './ui/feeds.js';
import { probeScript, type ProbeResult } from './ui/measure.js';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const TODAY = '2026-12-01';
const MONTH = '2026-12';
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS']) || 5);
const EVENTS = Math.max(1, Number(process.env['BENCH_EVENTS']) || 20_000);

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The bundle of this checkout, in memory: entry `/w4g/w4g-calendar.js` and its chunks. */
async function bundle(): Promise<Map<string, Buffer>> {
  const out = await build({
    entryPoints: { 'w4g-calendar': join(ROOT, 'src/w4g-calendar.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    write: false,
    outdir: '/w4g',
    target: 'es2022',
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'error',
  });
  return new Map(out.outputFiles.map((f) => [f.path, Buffer.from(f.contents)]));
}

function page(src: string): string {
  return (
    '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>windowed bench</title>' +
    '<script type="module" src="/w4g/w4g-calendar.js"></script></head><body>' +
    `<w4g-month-grid src="${src}" month="${MONTH}" today="${TODAY}"></w4g-month-grid></body></html>`
  );
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'w4g-windowed-bench-'));
  const events = generateEvents({ count: EVENTS, recurringShare: 0.1, today: TODAY, seed: 0x5eed_0ca1 + EVENTS });
  // Two upstream calendars of half the region each: the hub reads at most 10 MB per source.
  const halves = [toW4gJson(events.slice(0, EVENTS >> 1)), toW4gJson(events.slice(EVENTS >> 1))];
  const upstreamLength = halves[0]!.length + halves[1]!.length;
  const upstream = createHttpServer((req, res) =>
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(halves[req.url === '/b.json' ? 1 : 0]),
  );
  const upstreamUrl = await listen(upstream);
  const server = await createServer({
    logger: false,
    config: {
      seed: false,
      database: join(dir, 'w4g.sqlite'),
      hub: { allowHosts: ['127.0.0.1'] },
      sources: [
        { id: 'a', url: `${upstreamUrl}/a.json`, refreshMinutes: 1440 },
        { id: 'b', url: `${upstreamUrl}/b.json`, refreshMinutes: 1440 },
      ],
    },
  });
  const api = await server.listen({ port: 0, host: '127.0.0.1' });
  await server.hub.refreshAll();
  let whole = Buffer.alloc(0);
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${api}/api/events.json`);
    whole = Buffer.from(await res.arrayBuffer());
    if (whole.length > upstreamLength * 0.9) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const served = (JSON.parse(whole.toString('utf8')) as { events: unknown[] }).events.length;
  if (served < EVENTS) throw new Error(`the server serves ${served} of ${EVENTS} events`);

  // The server computes a window once per feed revision (then it is cached): January's
  // window, asked twice here, shows both costs; the browser runs ask December's.
  const serverMs: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    await (await fetch(`${api}/api/events.json?start=2026-12-28&end=2027-02-01`)).arrayBuffer();
    serverMs.push(Math.round(performance.now() - t0));
  }
  // The list's default range (a year from today) as one window, for its size.
  const year = Buffer.from(await (await fetch(`${api}/api/events.json?start=${TODAY}&end=2027-12-02`)).arrayBuffer());
  const files = await bundle();
  const sent = { bytes: 0, requests: [] as string[], body: [] as Buffer[] };
  const site = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/')) {
      // The reference server, proxied so that both pages read their feed same-origin.
      sent.requests.push(url.pathname + url.search);
      const proxied = httpRequest(
        `${api}${url.pathname}${url.search}`,
        { headers: { accept: req.headers.accept ?? '*/*' } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.on('data', (chunk: Buffer) => {
            sent.bytes += chunk.length;
            sent.body.push(chunk);
          });
          answer.pipe(res);
        },
      );
      proxied.end();
      return;
    }
    if (url.pathname === '/static/events.json') {
      sent.requests.push(url.pathname + url.search);
      sent.bytes += whole.length;
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(whole);
      return;
    }
    const file = files.get(url.pathname);
    if (file) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' }).end(file);
      return;
    }
    const src =
      url.pathname === '/static.html' ? '/static/events.json' : url.pathname === '/windowed.html' ? '/api/events.json' : '';
    if (!src) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page(src));
  });
  const origin = await listen(site);

  const browser = await launchChromium();
  let windowedBody = Buffer.alloc(0);
  const results: Record<'static' | 'windowed', { ms: number; bytes: number; count: number; requests: string[] }[]> = {
    static: [],
    windowed: [],
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      const order: ('static' | 'windowed')[] = run % 2 ? ['windowed', 'static'] : ['static', 'windowed'];
      for (const side of order) {
        const context = await browser.newContext({
          timezoneId: 'Europe/Berlin',
          locale: 'de-DE',
          viewport: { width: 1280, height: 900 },
        });
        try {
          await context.addInitScript({
            content: probeScript({ host: 'w4g-month-grid', selector: '[part~="event"]', timeoutMs: 60_000 }),
          });
          const p = await context.newPage();
          let done!: (r: ProbeResult) => void;
          const result = new Promise<ProbeResult>((r) => (done = r));
          await p.exposeFunction('__benchDone', (r: ProbeResult) => done(r));
          sent.bytes = 0;
          sent.requests = [];
          sent.body = [];
          await p.goto(`${origin}/${side}.html`, { waitUntil: 'commit' });
          const r = await result;
          if (r.painted === undefined) throw new Error(`${side}: ${r.error ?? 'no events painted'}`);
          results[side].push({ ms: r.painted, bytes: sent.bytes, count: r.count, requests: [...sent.requests] });
          if (side === 'windowed') windowedBody = Buffer.concat(sent.body);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    site.close();
    await server.close();
    upstream.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const windowedAnswer = results.windowed[0]!.requests.join(', ');
  console.log(
    `${EVENTS} feed entries (10 % weekly series), December 2026 in <w4g-month-grid>, ${RUNS} runs each, cold context per run`,
  );
  console.log(`whole feed ${whole.length} bytes (gzip ${gzipSync(whole).length})`);
  console.log(`a year's window (the list's default range): ${year.length} bytes (gzip ${gzipSync(year).length})`);
  console.log(`the server's answer to a six-week window (Node fetch): first ${serverMs[0]} ms, cached ${serverMs[1]} ms`);
  console.log(`windowed: ${windowedAnswer}: ${windowedBody.length} bytes (gzip ${gzipSync(windowedBody).length})`);
  for (const side of ['static', 'windowed'] as const) {
    const rs = results[side];
    const ms = rs.map((r) => Math.round(r.ms));
    console.log(
      `${side.padEnd(8)} painted ms: median ${median(ms)}, min ${Math.min(...ms)}, max ${Math.max(...ms)} [${ms.join(', ')}]; ` +
        `feed bytes ${rs[0]!.bytes} in ${rs[0]!.requests.length} request(s); chips painted ${rs[0]!.count}`,
    );
  }
}

await main();
