// The script-tag bundle as a webmaster uses it: dist/w4g-calendar.js on a page served with a
// strict Content-Security-Policy, in Debian's Chromium. No CSP violation, no console error,
// no request to another origin, and the lazy chunks stay unloaded when the page needs none.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { watchProblems } from '../../scripts/lib/page-problems.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'";
const TYPES = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.ics': 'text/calendar',
  '.html': 'text/html',
  '.map': 'application/json',
};

const SINGLE_EVENTS = JSON.stringify({
  timeZone: 'Europe/Berlin',
  events: [
    { id: 'a', title: 'Adventskonzert', start: '2026-12-12T19:30', end: '2026-12-12T21:30', town: 'Aschersleben' },
    { id: 'b', title: 'Weihnachtsmarkt', start: '2026-12-04', end: '2026-12-07', town: 'Aschersleben' },
    {
      id: 'x',
      title: '<img src=x onerror="window.__xss=1">',
      start: '2026-12-13T10:00',
      description: '<script>window.__xss=2</script>',
    },
  ],
});

const PAGE = (body) => `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>CSP</title>
<script type="module" src="/dist/w4g-calendar.js"></script></head><body><h1>Termine</h1>${body}</body></html>`;

let server;
let base;
let browser;

before(async () => {
  assert.ok(existsSync(join(root, 'dist/w4g-calendar.js')), 'run npm run build first');
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (status, type, body) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CSP });
      res.end(body);
    };
    if (url.pathname === '/list.html')
      return send(200, 'text/html', PAGE('<w4g-event-list src="/feeds/single.json" today="2026-12-01"></w4g-event-list>'));
    if (url.pathname === '/grid.html')
      return send(
        200,
        'text/html',
        PAGE('<w4g-month-grid src="/feeds/single.json" month="2026-12" today="2026-12-01"></w4g-month-grid>'),
      );
    if (url.pathname === '/ics.html')
      return send(200, 'text/html', PAGE('<w4g-event-list src="/demo/feeds/kirche.ics" today="2026-11-22"></w4g-event-list>'));
    if (url.pathname === '/lazy.html') {
      return send(
        200,
        'text/html',
        PAGE(
          '<w4g-association-list src="/demo/feeds/region.json"></w4g-association-list><w4g-event-form action="/api/submissions" today="2026-12-01"></w4g-event-form>',
        ),
      );
    }
    if (url.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
    if (url.pathname === '/feeds/single.json') return send(200, 'application/json', SINGLE_EVENTS);
    const file = normalize(join(root, url.pathname));
    if (
      !file.startsWith(root) ||
      !(url.pathname.startsWith('/dist/') || url.pathname.startsWith('/demo/feeds/')) ||
      !existsSync(file)
    ) {
      return send(404, 'text/plain', 'not found');
    }
    send(200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function open(path, waitFor) {
  const page = await browser.newPage({ timezoneId: 'America/New_York' });
  const watch = await watchProblems(page);
  await page.goto(base + path);
  await page.waitForFunction(waitFor, undefined, { timeout: 10_000 });
  return { page, problems: watch.problems, requests: watch.requests, violations: await watch.violations(), watch };
}

describe('dist/w4g-calendar.js under a strict CSP', () => {
  it('renders the list with no violation, no error, same-origin requests only, and no lazy chunk', async () => {
    const { page, problems, requests, violations } = await open('/list.html', () => {
      const el = document.querySelector('w4g-event-list');
      return el?.shadowRoot?.querySelectorAll('[part~="event"]').length === 3;
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    assert.ok(
      requests.every((u) => u.startsWith(base)),
      requests.join('\n'),
    );
    assert.ok(!requests.some((u) => /w4g-calendar-ics-/.test(u)), `no iCalendar chunk needed: ${requests.join(', ')}`);
    const text = await page.evaluate(() => document.querySelector('w4g-event-list').shadowRoot.textContent);
    assert.match(text, /Sa\., 12\.12\.2026/);
    assert.match(text, /19:30–21:30 Uhr/, 'Berlin time on a New York computer');
    assert.match(text, /<img src=x onerror/);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(
      await page.evaluate(() => document.querySelectorAll('w4g-event-list > script[type="application/ld+json"]').length),
      1,
    );
    await page.close();
  });

  it('renders the month grid and opens the details dialog without a violation', async () => {
    const { page, problems, violations, watch } = await open('/grid.html', () => {
      const el = document.querySelector('w4g-month-grid');
      return el?.shadowRoot?.querySelectorAll('[part~="event"]').length >= 4;
    });
    await page.evaluate(() => document.querySelector('w4g-month-grid').shadowRoot.querySelector('[part~="event"]').click());
    await page.waitForFunction(() => {
      const details = document.querySelector('w4g-month-grid').shadowRoot.querySelector('w4g-event-details');
      return details?.shadowRoot?.querySelector('dialog')?.open === true;
    });
    assert.deepEqual(await watch.violations(), []);
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('loads the iCalendar reader as a chunk for an .ics feed, still without a violation', async () => {
    const { page, problems, requests, violations } = await open('/ics.html', () => {
      const el = document.querySelector('w4g-event-list');
      return (el?.shadowRoot?.querySelectorAll('[part~="event"]').length ?? 0) > 0;
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    assert.ok(
      requests.some((u) => /w4g-calendar-ics-/.test(u)),
      'the iCalendar chunk was loaded',
    );
    await page.close();
  });

  it('loads the association directory and the form as chunks when their tags are on the page', async () => {
    const { page, problems, violations } = await open('/lazy.html', () => {
      const list = document.querySelector('w4g-association-list');
      const form = document.querySelector('w4g-event-form');
      return (list?.shadowRoot?.textContent ?? '').includes('Heimatverein') && !!form?.shadowRoot?.querySelector('form');
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
