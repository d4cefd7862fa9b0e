// Shared by scripts/screenshots.mjs and scripts/a11y-report.mjs: builds Storybook when it is
// stale, serves storybook-static on 127.0.0.1, lists the stories, opens them in Chromium (started
// by ./chromium.mjs) and waits until a story has settled (every w4g-* element shows a final `state`).
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const STATIC_DIR = join(ROOT, 'storybook-static');

/** Elements that never show a data state: they are settled once defined. */
const STATELESS = ['w4g-event-details'];
/** Host states that will change by themselves. */
const PENDING_STATES = ['loading', 'refreshing', 'sending'];
/** The tag of stories that stay in their loading state on purpose. */
export const LOADING_TAG = 'state-loading';

// ---------------------------------------------------------------------------------------------
// Storybook build

/** Newest modification time (ms) of the files under the given folders (missing folders count 0). */
async function newestMtime(paths) {
  let newest = 0;
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      continue;
    }
    if (info.isDirectory()) {
      const names = await readdir(path);
      newest = Math.max(newest, await newestMtime(names.map((n) => join(path, n))));
    } else {
      newest = Math.max(newest, info.mtimeMs);
    }
  }
  return newest;
}

/**
 * Why storybook-static needs a build, or undefined when it is current: missing, or older
 * than the stories, the Storybook config or the element sources.
 */
export async function staleReason(dir = STATIC_DIR) {
  let built;
  try {
    built = (await stat(join(dir, 'index.json'))).mtimeMs;
  } catch {
    return `${join(dir, 'index.json')} is missing`;
  }
  const sources = ['stories', '.storybook', 'src/components', 'src/shared', 'src/core', 'src/i18n'].map((p) => join(ROOT, p));
  const newest = await newestMtime(sources);
  return newest > built ? 'the stories or sources are newer than the build' : undefined;
}

/** Runs `npm run build-storybook` when asked to or when the build is stale; exits on failure. */
export async function ensureStorybook({ build = false, dir = STATIC_DIR } = {}) {
  const reason = build ? 'asked with --build' : await staleReason(dir);
  if (!reason) return;
  if (resolve(dir) !== resolve(STATIC_DIR)) {
    if (build) throw new Error(`--build builds ${STATIC_DIR}, not ${dir}`);
    // A directory given with --dir is taken as it is; only a missing index is fatal.
    if (reason.endsWith('is missing')) throw new Error(reason);
    return;
  }
  console.log(`Building Storybook (${reason}) …`);
  const result = spawnSync('npm', ['run', 'build-storybook'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build-storybook failed with exit code ${result.status}`);
}

/** The stories of storybook-static/index.json, in index order. */
export async function readStories(dir = STATIC_DIR) {
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
  return Object.values(index.entries ?? {})
    .filter((e) => e.type === 'story')
    .map((e) => ({ id: e.id, title: e.title, name: e.name, tags: e.tags ?? [] }));
}

export function isLoadingStory(story) {
  return story.tags.includes(LOADING_TAG);
}

// ---------------------------------------------------------------------------------------------
// Static server

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * Serves a folder on 127.0.0.1 at a free port (GET and HEAD only, nothing outside the folder).
 * Resolves to { origin, close() }.
 */
export async function serveStatic(dir = STATIC_DIR) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    let info;
    try {
      info = await stat(file);
    } catch {
      info = undefined;
    }
    if (!info?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    // Storybook's assets carry content hashes; the HTML and the index must always be fresh.
    const fresh = type.startsWith('text/html') || file.endsWith('index.json');
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': info.size,
      'Cache-Control': fresh ? 'no-cache' : 'max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Browser

/**
 * Browser-side helpers, installed in every document as `window.__w4g` before the page's own
 * scripts run. Shadow roots are open, so everything is reachable by walking them.
 */
function installPageHelpers({ stateless, pending }) {
  const deepAll = (root = document, out = []) => {
    for (const el of root.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) deepAll(el.shadowRoot, out);
    }
    return out;
  };
  const deepActive = () => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a === document.body ? null : a;
  };
  const hostOf = (el) => {
    let node = el;
    while (node) {
      const root = node.getRootNode();
      if (!(root instanceof ShadowRoot)) return null;
      if (root.host.localName.startsWith('w4g-')) return root.host;
      node = root.host;
    }
    return null;
  };
  /** A short, readable name for an element: tag#id[part] "text". */
  const describe = (el) => {
    if (!el) return '(nothing focused)';
    const host = hostOf(el);
    let s = el.localName;
    if (el.id) s += `#${el.id}`;
    for (const attr of ['part', 'data-date', 'data-index', 'data-id', 'name', 'type']) {
      if (el.hasAttribute(attr)) s += `[${attr}="${el.getAttribute(attr)}"]`;
    }
    const label = el.getAttribute('aria-label') || el.textContent?.trim().replace(/\s+/g, ' ') || '';
    if (label) s += ` "${label.slice(0, 60)}"`;
    return host ? `${host.localName} › ${s}` : s;
  };
  const w4gElements = () => deepAll().filter((el) => el.localName.startsWith('w4g-'));
  /** Where the story is: { settled, error?, reason?, states }. */
  const storyState = (loadingStory) => {
    const body = document.body;
    if (body?.classList.contains('sb-show-errordisplay')) {
      const message = document.querySelector('#error-message, .sb-errordisplay')?.textContent?.trim() ?? '';
      return { settled: false, error: `Storybook shows an error: ${message.slice(0, 300)}` };
    }
    if (body?.classList.contains('sb-show-nopreview')) return { settled: false, error: 'Storybook shows "no preview"' };
    // Storybook's render phases: loaders, render, play function, then "completed" … "finished".
    const phase = window.__STORYBOOK_PREVIEW__?.currentRender?.phase;
    if (phase === 'errored') return { settled: false, error: 'Storybook: the story errored (render or play function)' };
    const elements = w4gElements();
    const states = elements.map((el) => `${el.localName}=${el.getAttribute('state') ?? '–'}`);
    if (!elements.length) {
      return { settled: false, reason: `no w4g-* element yet (Storybook phase: ${phase ?? 'unknown'})`, states };
    }
    const undefinedTags = elements.filter((el) => !customElements.get(el.localName)).map((el) => el.localName);
    if (undefinedTags.length) return { settled: false, reason: `not defined: ${undefinedTags.join(', ')}`, states };
    if (loadingStory) return { settled: true, states };
    if (phase !== undefined && !['completed', 'afterEach', 'finished'].includes(phase)) {
      return { settled: false, reason: `Storybook is in its "${phase}" phase`, states };
    }
    const waiting = elements.filter(
      (el) => !stateless.includes(el.localName) && (!el.hasAttribute('state') || pending.includes(el.getAttribute('state'))),
    );
    if (waiting.length) return { settled: false, reason: `waiting for ${waiting.map(describe).join(', ')}`, states };
    return { settled: true, states };
  };
  const updatesComplete = async () => {
    await Promise.all(w4gElements().map((el) => el.updateComplete));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  };
  window.__w4g = { deepAll, deepActive, describe, hostOf, w4gElements, storyState, updatesComplete };
}

/** A browser context with fixed locale, zone and reduced motion, and the page helpers installed. */
export async function newStoryContext(browser, options = {}) {
  const context = await browser.newContext({
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    reducedMotion: 'reduce',
    colorScheme: 'light',
    forcedColors: 'none',
    ...options,
  });
  await context.addInitScript(installPageHelpers, { stateless: STATELESS, pending: PENDING_STATES });
  return context;
}

/**
 * Watches a page for what must not happen: console errors, uncaught exceptions, failed local
 * requests, and any request to a host other than `origin` (aborted: nothing leaves the
 * machine). `take()` returns the problems seen since the last call and clears them.
 */
export async function watchPage(page, origin) {
  let problems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url;
    problems.push({ kind: 'console', text: `${m.text()}${url ? ` (${url.replace(origin, '')})` : ''}` });
  });
  page.on('pageerror', (e) => problems.push({ kind: 'pageerror', text: String(e?.stack ?? e) }));
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? '';
    // ERR_ABORTED: the page went on to the next story before a preload (Storybook's fonts) finished.
    if (r.url().startsWith(`${origin}/`) && reason !== 'net::ERR_ABORTED') {
      problems.push({ kind: 'request', text: `${r.url()}: ${reason}` });
    }
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    problems.push({ kind: 'external', text: `request to another host: ${url}` });
    return route.abort('blockedbyclient');
  });
  return {
    take() {
      const out = problems;
      problems = [];
      return out;
    },
  };
}

export function storyUrl(origin, id) {
  return `${origin}/iframe.html?id=${encodeURIComponent(id)}&viewMode=story`;
}

/**
 * Opens a story and waits until it has settled: every w4g-* element defined and, unless the
 * story is tagged `state-loading`, in a final state. A story that has not settled within
 * `timeout` is loaded once more (a busy machine can stall one page load); the result says
 * `retried`. Throws with the reason when the second load does not settle either.
 */
export async function openStory(page, origin, story, { timeout = 15_000 } = {}) {
  try {
    return { ...(await loadStory(page, origin, story, timeout)), retried: false };
  } catch (error) {
    // Playwright's own timeouts (a page load that stalled) get the second try as well.
    if (!(error instanceof SettleTimeout) && error?.name !== 'TimeoutError') throw error;
    const firstTry = error.message.split('\n')[0];
    return { ...(await loadStory(page, origin, story, timeout)), retried: true, firstTry };
  }
}

class SettleTimeout extends Error {}

async function loadStory(page, origin, story, timeout) {
  await page.goto(storyUrl(origin, story.id), { waitUntil: 'load', timeout: Math.max(timeout, 30_000) });
  const loading = isLoadingStory(story);
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await page.evaluate((l) => window.__w4g.storyState(l), loading);
    if (last.error) throw new Error(last.error);
    if (last.settled) break;
    if (Date.now() > deadline) {
      throw new SettleTimeout(
        `did not settle within ${timeout} ms: ${last.reason} (states: ${(last.states ?? []).join(', ') || 'none'})`,
      );
    }
    await page.waitForTimeout(50);
  }
  if (loading) await page.waitForTimeout(300);
  await page.evaluate(() => window.__w4g.updatesComplete());
  return last;
}

/**
 * Dark mode: the system scheme is emulated as dark by the context; elements without a
 * `theme` of their own are set to `theme="auto"` so that they follow it (`light` is the
 * elements' default). Stories that set a theme keep theirs, and so do elements whose page
 * sets its own colour tokens: that palette is the page's (a light page design stays light).
 */
export async function followDarkScheme(page) {
  const changed = await page.evaluate(async () => {
    const tokens = ['--w4g-color-background', '--w4g-color-text', '--w4g-color-accent', '--w4g-color-surface'];
    const hosts = [...document.querySelectorAll('#storybook-root *')].filter(
      (el) =>
        el.localName.startsWith('w4g-') &&
        !el.hasAttribute('theme') &&
        !tokens.some((t) => getComputedStyle(el).getPropertyValue(t).trim() !== ''),
    );
    for (const el of hosts) el.setAttribute('theme', 'auto');
    await window.__w4g.updatesComplete();
    return hosts.length;
  });
  return changed;
}

// ---------------------------------------------------------------------------------------------
// Small utilities

/** Runs `fn` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async (slot) => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i, slot);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, (_, slot) => worker(slot)));
  return results;
}

/** Filters stories by `--only` (comma-separated substrings of the id). */
export function selectStories(stories, only) {
  if (!only) return stories;
  const parts = only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return stories.filter((s) => parts.some((p) => s.id.includes(p)));
}

/** Pads a plain-text table for the terminal. */
export function textTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => String(cell).padEnd(widths[c]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
