// The demo as `npm start` serves it: the network's start page and the four town sites, each
// loaded from the real server (src/server/main.ts on a fresh sample database, built dist/) in
// Debian's Chromium. Every page: served with the strict Content-Security-Policy and no
// violation of it, no console or page error, no request to any other host, every calendar
// element settled with data, no horizontal scrolling (320 and 1280 px), axe clean (WCAG 2.2 A/AA
// rules) at 320 and 1280 px, and the colours each site gives the elements through the
// --w4g-* tokens meet WCAG AA contrast (4.5:1 text, 3:1 focus ring and borders).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { watchProblems } from '../../scripts/lib/page-problems.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const AXE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const WIDTHS = [320, 1280];

/** Each page and the calendar elements it must show (in document order). */
const PAGES = [
  { path: '/demo/', tags: ['w4g-event-list'] },
  { path: '/demo/aschersleben/', tags: ['w4g-event-list', 'w4g-month-grid'] },
  { path: '/demo/arnstein/', tags: ['w4g-association-card', 'w4g-event-list', 'w4g-association-card'] },
  { path: '/demo/falkenstein/', tags: ['w4g-month-grid', 'w4g-event-form'] },
  { path: '/demo/seeland/', tags: ['w4g-association-list', 'w4g-event-list'], dark: true },
];

/** [foreground, background, minimum ratio] over the colours an element resolves from its tokens. */
const ELEMENT_PAIRS = [
  ['text', 'background', 4.5],
  ['text', 'surface', 4.5],
  ['text', 'today', 4.5],
  ['text', 'warning', 4.5],
  ['muted', 'background', 4.5],
  ['muted', 'surface', 4.5],
  ['accent', 'background', 4.5],
  ['accent', 'surface', 4.5],
  ['accent', 'today', 4.5],
  ['onAccent', 'accent', 4.5],
  ['danger', 'background', 4.5],
  ['danger', 'surface', 4.5],
  ['chipText', 'chipBackground', 4.5],
  ['focus', 'background', 3],
  ['focus', 'surface', 3],
  ['focus', 'today', 3],
];

/** The same for the page around the elements (the --site-* colours of demo.css and site.css). */
const SITE_PAIRS = [
  ['text', 'bg', 4.5],
  ['muted', 'bg', 4.5],
  ['link', 'bg', 4.5],
  ['text', 'panel-bg', 4.5],
  ['link', 'panel-bg', 4.5],
  ['header-text', 'header-bg', 4.5],
  ['nav-text', 'nav-bg', 4.5],
  ['nav-current', 'nav-bg', 3],
  ['footer-text', 'footer-bg', 4.5],
  ['focus', 'bg', 3],
  ['focus', 'nav-bg', 3],
  ['focus', 'panel-bg', 3],
];

function luminance(hex) {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

function checkPairs(colours, pairs, label) {
  const failures = [];
  for (const [fg, bg, min] of pairs) {
    for (const name of [fg, bg]) assert.match(colours[name] ?? '', /^#[0-9a-f]{6}$/, `${label}: ${name} is not an opaque colour`);
    const ratio = contrast(colours[fg], colours[bg]);
    if (ratio < min) failures.push(`${fg} ${colours[fg]} on ${bg} ${colours[bg]}: ${ratio.toFixed(2)} < ${min}`);
  }
  assert.deepEqual(failures, [], `${label}: contrast too low`);
}

let server;
let exited;
let dir;
let base;
let browser;

before(async () => {
  assert.ok(existsSync(join(root, 'dist/w4g-calendar.js')), 'run npm run build first');
  dir = mkdtempSync(join(tmpdir(), 'w4g-demo-test-'));
  // An empty config file, so that a local w4g.config.json (upstream sources) cannot change the demo.
  writeFileSync(join(dir, 'w4g.config.json'), '{}');
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('W4G_')));
  server = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/server/main.ts')], {
    cwd: root,
    env: {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      W4G_DB: join(dir, 'w4g.sqlite'),
      W4G_CONFIG: join(dir, 'w4g.config.json'),
      W4G_SEED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = once(server, 'exit');
  const log = [];
  server.stderr.on('data', (chunk) => log.push(String(chunk)));
  for await (const line of createInterface({ input: server.stdout })) {
    log.push(line);
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
    if (match) {
      base = match[1];
      break;
    }
  }
  server.stdout.resume(); // keep draining the log so that the server never blocks on a full pipe
  assert.ok(base, `the server did not start:\n${log.join('\n')}`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens a page in a fresh context and records everything that could go wrong on it. */
async function open(path, { width, colorScheme = 'light' }) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme, timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const { problems, requests, violations } = await watchProblems(page, context);
  const response = await page.goto(base + path);
  assert.equal(response.status(), 200, path);
  return { context, page, problems, requests, violations, csp: response.headers()['content-security-policy'] ?? '' };
}

/** Waits until every data element has left loading/refreshing and the form has rendered. */
async function settle(page) {
  await page.waitForFunction(
    () => {
      const hosts = [...document.querySelectorAll('body *')].filter((el) => el.localName.startsWith('w4g-'));
      return (
        hosts.length > 0 &&
        hosts.every((el) =>
          el.localName === 'w4g-event-form'
            ? !!el.shadowRoot?.querySelector('form')
            : ['ready', 'empty', 'error'].includes(el.getAttribute('state') ?? ''),
        )
      );
    },
    undefined,
    { timeout: 15_000 },
  );
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => el.localName.startsWith('w4g-'))
      .map((el) => ({ tag: el.localName, state: el.getAttribute('state') })),
  );
}

/**
 * Scrolls through the page once, as a visitor would, before axe measures it: the event list
 * lays out days below the fold only when they come near (content-visibility: auto), and
 * until then their placeholders can overlap the next target in axe's geometry.
 */
async function scrollThrough(page) {
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    }
    scrollTo(0, 0);
  });
}

async function axeViolations(page) {
  await scrollThrough(page);
  await page.evaluate(AXE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map(
      (v) => `${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
    );
  }, AXE_TAGS);
}

/** The colours every element resolves from the page's tokens (and its own defaults), as #rrggbb. */
function resolvedColours(page) {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas').getContext('2d');
    const normalise = (value) => {
      const colour = /#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|hsla?\([^)]*\)/i.exec(value)?.[0] ?? value.trim();
      canvas.fillStyle = '#010203';
      canvas.fillStyle = colour;
      // An unparsable value leaves the sentinel; canvas gives opaque colours as #rrggbb.
      return canvas.fillStyle === '#010203' && colour !== '#010203' ? `unparsable: ${value}` : canvas.fillStyle;
    };
    const hosts = [...document.querySelectorAll('body *')].filter((el) => el.localName.startsWith('w4g-'));
    const elements = hosts.map((el) => {
      const style = getComputedStyle(el);
      const get = (name) => style.getPropertyValue(name);
      const accent = get('--_w4g-accent');
      const onAccent = get('--_w4g-on-accent');
      const raw = {
        text: get('--_w4g-text'),
        muted: get('--_w4g-muted'),
        background: get('--_w4g-bg'),
        surface: get('--_w4g-surface'),
        accent,
        onAccent,
        danger: get('--_w4g-danger'),
        warning: get('--_w4g-warning-bg'),
        today: get('--_w4g-today'),
        focus: get('--_w4g-focus'),
        chipBackground: get('--w4g-month-grid-event-background') || accent,
        chipText: get('--w4g-month-grid-event-color') || onAccent,
      };
      return { tag: el.localName, colours: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, normalise(v)])) };
    });
    const rootStyle = getComputedStyle(document.documentElement);
    const names = ['text', 'muted', 'link', 'bg', 'panel-bg', 'header-text', 'header-bg', 'nav-text', 'nav-bg'];
    names.push('nav-current', 'footer-text', 'footer-bg', 'focus');
    const site = Object.fromEntries(names.map((n) => [n, normalise(rootStyle.getPropertyValue(`--site-${n}`))]));
    return { elements, site };
  });
}

/** The checks every page must pass, at one width and colour scheme. */
async function checkPage({ path, tags }, { width, colorScheme = 'light' }) {
  const label = `${path} at ${width} px (${colorScheme})`;
  const { context, page, problems, requests, violations, csp } = await open(path, { width, colorScheme });
  try {
    assert.match(csp, /script-src 'self'/, `${label}: served with a strict CSP`);
    assert.match(csp, /style-src 'self'/, `${label}: served with a strict CSP`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, label);

    const states = await settle(page);
    assert.deepEqual(
      states.map((s) => s.tag),
      tags,
      `${label}: the calendar elements of the page`,
    );
    for (const s of states) {
      const expected = s.tag === 'w4g-event-form' ? 'editing' : 'ready';
      assert.equal(s.state, expected, `${label}: ${s.tag} shows sample data (state ${s.state})`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= width, `${label}: scrolls sideways (${overflow} px wide at ${width} px)`);

    const colours = await resolvedColours(page);
    for (const el of colours.elements) checkPairs(el.colours, ELEMENT_PAIRS, `${label} ${el.tag}`);
    checkPairs(colours.site, SITE_PAIRS, `${label} page`);

    assert.deepEqual(await axeViolations(page), [], `${label}: axe`);
    assert.deepEqual(await violations(), [], `${label}: CSP violations`);
    const foreign = requests.filter((u) => !u.startsWith(`${base}/`) && !u.startsWith('data:'));
    assert.deepEqual(foreign, [], `${label}: requests to other hosts`);
    assert.deepEqual(problems, [], `${label}: console`);
    assert.ok(
      requests.some((u) => u === `${base}/api/events.json`),
      `${label}: the shared feed was loaded`,
    );
  } finally {
    await context.close();
  }
}

describe('demo pages (npm start)', () => {
  for (const entry of PAGES) {
    for (const width of WIDTHS) {
      it(`${entry.path} at ${width} px`, () => checkPage(entry, { width }));
    }
    if (entry.dark) it(`${entry.path} in the dark colour scheme`, () => checkPage(entry, { width: 1280, colorScheme: 'dark' }));
  }

  it('the start page links to every town site, and every link within the demo resolves', async () => {
    const { context, page } = await open('/demo/', { width: 1280 });
    try {
      const siteLinks = await page.$$eval('.site-cards h3 a', (links) => links.map((a) => a.getAttribute('href')));
      assert.deepEqual(siteLinks, ['./aschersleben/', './arnstein/', './falkenstein/', './seeland/']);
      for (const { path } of PAGES) {
        const hrefs = await (await context.request.get(base + path)).text();
        for (const [, href] of hrefs.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)) {
          if (href.startsWith('data:')) continue;
          const url = new URL(href, base + path);
          assert.equal(url.origin, base, `${path}: ${href} stays on the server`);
          const status = (await context.request.get(url.href)).status();
          assert.equal(status, 200, `${path}: ${href} answers ${status}`);
        }
      }
    } finally {
      await context.close();
    }
  });

  it('opens an event from the Aschersleben list and an association from the Seeland directory, same origin only', async () => {
    for (const [path, tag, trigger, dialogHost] of [
      ['/demo/aschersleben/', 'w4g-event-list', '[part~="event-title"] a', 'w4g-event-details'],
      ['/demo/seeland/', 'w4g-association-list', '.entry-button', null],
    ]) {
      const { context, page, problems, requests, violations } = await open(path, { width: 320 });
      try {
        await settle(page);
        await page.locator(`${tag} ${trigger}`).first().click();
        await page.waitForFunction(
          ([t, d]) => {
            const rootNode = document.querySelector(t).shadowRoot;
            const dialog = d ? rootNode.querySelector(d)?.shadowRoot?.querySelector('dialog') : rootNode.querySelector('dialog');
            return dialog?.open === true;
          },
          [tag, dialogHost],
        );
        if (!dialogHost) {
          await page.waitForFunction(
            (t) => document.querySelector(t).shadowRoot.querySelector('w4g-association-card')?.getAttribute('state') === 'ready',
            tag,
          );
        }
        assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, `${path}: dialog fits 320 px`);
        assert.deepEqual(await axeViolations(page), [], `${path}: axe with the dialog open`);
        assert.deepEqual(await violations(), [], `${path}: CSP violations`);
        assert.deepEqual(problems, [], `${path}: console`);
        assert.deepEqual(
          requests.filter((u) => !u.startsWith(`${base}/`) && !u.startsWith('data:')),
          [],
          path,
        );
      } finally {
        await context.close();
      }
    }
  });
});
