/**
 * The wrappers' output on a real page in Chromium, with the bundle they ship and a strict CSP:
 * without JavaScript the server-side list is what visitors see; once the bundle has loaded the
 * element renders into its shadow root, which has no default slot, so the light-DOM fallback
 * is not displayed, and the element adds no second JSON-LD block (no-jsonld).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { watchProblems, type PageProblems } from '../../scripts/lib/page-problems.mjs';
import { renderFluidSubset } from './fluid-subset.js';
import { assemble, fixture, HERE, requireDist, runPhp, type Assembled } from './helpers.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";

let pkg: Assembled;
let server: Server;
let base: string;
let browser: Browser;
const pages = new Map<string, string>();

function page(body: string): string {
  // What WordPress prints for the enqueued script module (and TYPO3 for f:asset.script): a module script.
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Termine</title>
<script type="module" src="/assets/w4g-calendar.js?ver=0.1.0"></script></head><body><h1>Termine</h1>${body}</body></html>`;
}

async function open(path: string, javaScriptEnabled: boolean): Promise<PageProblems & { page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled, timezoneId: 'America/New_York' });
  const tab = await context.newPage();
  const watch = await watchProblems(tab);
  await tab.goto(base + path);
  return { page: tab, problems: watch.problems, requests: watch.requests, violations: watch.violations };
}

describe('fallback in the browser (Chromium)', () => {
  before(async () => {
    requireDist();
    pkg = assemble();
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const send = (status: number, type: string, body: string | Buffer) =>
        res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CSP }).end(body);
      if (pages.has(path)) return send(200, 'text/html; charset=utf-8', pages.get(path)!);
      if (path === '/w4g-test.json') return send(200, 'application/json', fixture('w4g-test.json'));
      if (path === '/favicon.ico') return send(204, 'image/x-icon', '');
      const assets = join(pkg.wordpress, 'assets');
      const file = normalize(join(assets, path.replace(/^\/assets\//, '')));
      if (path.startsWith('/assets/') && file.startsWith(assets) && existsSync(file))
        return send(200, 'text/javascript', readFileSync(file));
      return send(404, 'text/plain', 'not found');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;

    const wp = await runPhp<{ results: string[] }>(join(HERE, 'wordpress-harness.php'), {
      pluginDir: pkg.wordpress,
      allowLocalFeeds: [port],
      calls: [{ shortcode: `[w4g_calendar src="${base}/w4g-test.json" limit="3" today="2026-12-01"]` }],
    });
    pages.set('/wordpress.html', page(wp.results[0]!));
    const typo3 = await runPhp<{ results: Record<string, unknown>[] }>(join(HERE, 'typo3-harness.php'), {
      extDir: pkg.typo3,
      now: Date.parse('2026-12-01T10:00:00Z') / 1000,
      calls: [
        {
          processorConfiguration: { flexFormData: 'flexFormData', defaultSrc: '', cacheLifetime: '900', as: 'w4g' },
          flexFormData: { view: 'grid', src: `${base}/w4g-test.json` },
        },
      ],
    });
    const template = readFileSync(join(pkg.typo3, 'Resources', 'Private', 'Templates', 'W4gCalendar.html'), 'utf8');
    pages.set('/typo3.html', page(renderFluidSubset(template, typo3.results[0]!, { rawAllowed: ['w4g.jsonLd'] }).html));

    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    pkg?.remove();
  });

  for (const [path, tag] of [
    ['/wordpress.html', 'w4g-event-list'],
    ['/typo3.html', 'w4g-month-grid'],
  ] as const) {
    it(`${path}: without JavaScript the server-side list is shown`, async () => {
      const { page: tab, problems } = await open(path, false);
      assert.equal(await tab.locator('.w4g-fallback').isVisible(), true);
      const first = tab.locator('.w4g-fallback-event').first();
      assert.equal(await first.isVisible(), true);
      assert.match(
        await first.innerText(),
        /^Fr\., 04\.12\.2026 – So\., 06\.12\.2026: Weihnachtsmarkt – Holzmarkt, Aschersleben$/,
      );
      assert.equal(await tab.locator('script[type="application/ld+json"]').count(), 1);
      assert.deepEqual(problems, []);
      await tab.context().close();
    });

    it(`${path}: with JavaScript the element replaces it and writes no second JSON-LD`, async () => {
      const { page: tab, problems, violations } = await open(path, true);
      await tab.waitForFunction((name) => document.querySelector(name)?.getAttribute('state') === 'ready', tag, {
        timeout: 10_000,
      });
      const state = await tab.evaluate((name) => {
        const el = document.querySelector(name)!;
        const fallback = el.querySelector('.w4g-fallback')!;
        const link = el.querySelector('.w4g-fallback a') as HTMLElement | null;
        link?.focus();
        return {
          shadowText: el.shadowRoot!.textContent ?? '',
          defaultSlot: el.shadowRoot!.querySelector('slot:not([name])') !== null,
          slotted: fallback.assignedSlot !== null,
          visible: fallback.checkVisibility(),
          box: fallback.getBoundingClientRect().height,
          linkFocused: link !== null && document.activeElement === link,
          jsonLd: document.querySelectorAll('script[type="application/ld+json"]').length,
          elementJsonLd: document.querySelectorAll('script[data-w4g-jsonld]').length,
        };
      }, tag);
      assert.equal(state.defaultSlot, false, 'the shadow root has no default slot');
      assert.equal(state.slotted, false);
      assert.equal(state.visible, false, 'the fallback is not displayed');
      assert.equal(state.box, 0);
      assert.equal(state.linkFocused, false, 'links of the hidden list cannot take focus');
      assert.equal(await tab.locator('.w4g-fallback').isVisible(), false);
      assert.ok(state.shadowText.trim().length > 0, 'the element rendered');
      assert.equal(state.jsonLd, 1, 'only the server-side JSON-LD');
      assert.equal(state.elementJsonLd, 0);
      assert.deepEqual(await violations(), []);
      assert.deepEqual(problems, []);
      await tab.context().close();
    });
  }
});
