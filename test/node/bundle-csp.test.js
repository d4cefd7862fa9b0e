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

const SERIES_EVENTS = JSON.stringify({
  timeZone: 'Europe/Berlin',
  events: [{ id: 'chor', title: 'Chorprobe', start: '2026-12-02T19:00', end: '2026-12-02T21:00', rrule: 'FREQ=WEEKLY;COUNT=4' }],
});

const PAGE = (
  body,
  { before = '', after = '' } = {},
) => `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>CSP</title>
${before}<script type="module" src="/dist/w4g-calendar.js"></script>${after}</head><body><h1>Termine</h1>${body}</body></html>`;

/**
 * Elements of a CMS that render our elements inside their own shadow DOM: `cms-block` (open
 * root, content rendered after connecting, as Lit does), `cms-closed` (closed root) and
 * `cms-early` (its root exists before the bundle runs).
 */
const HOST_ELEMENTS = `
class CmsBlock extends HTMLElement {
  connectedCallback() {
    const root = this.attachShadow({ mode: this.dataset.mode || 'open' });
    if (root.mode === 'closed') window.__closedRoot = root;
    queueMicrotask(() => {
      const inner = document.createElement('div');
      inner.innerHTML = this.dataset.content;
      root.append(inner);
    });
  }
}
customElements.define('cms-block', CmsBlock);
for (const el of document.querySelectorAll('[data-early]')) {
  el.attachShadow({ mode: 'open' }).innerHTML = el.dataset.early;
}
`;
const script = (src) => `<script type="module" src="${src}"></script>`;

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
    if (url.pathname === '/empty.html')
      return send(200, 'text/html', PAGE('<w4g-event-list src="/feeds/empty.json" today="2026-12-01"></w4g-event-list>'));
    if (url.pathname === '/subscribe.html')
      return send(
        200,
        'text/html',
        PAGE(
          '<w4g-event-list src="/feeds/single.json" subscribe="https://kalender.example.org/kirche.ics" today="2026-12-01"></w4g-event-list>',
        ),
      );
    if (url.pathname === '/list.html')
      return send(200, 'text/html', PAGE('<w4g-event-list src="/feeds/single.json" today="2026-12-01"></w4g-event-list>'));
    if (url.pathname === '/series.html')
      return send(200, 'text/html', PAGE('<w4g-event-list src="/feeds/series.json" today="2026-12-01"></w4g-event-list>'));
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
    if (url.pathname === '/host-elements.js') return send(200, 'text/javascript', HOST_ELEMENTS);
    if (url.pathname === '/shadow.html') {
      const form = '<w4g-event-form action=&quot;/api/submissions&quot; today=&quot;2026-12-01&quot;></w4g-event-form>';
      const card =
        '<w4g-association-card src=&quot;/demo/feeds/region.json&quot; association=&quot;heimatverein-arnstein&quot;></w4g-association-card>';
      return send(
        200,
        'text/html',
        PAGE(`<cms-block data-content="${form}"></cms-block><cms-block data-mode="closed" data-content="${card}"></cms-block>`, {
          after: script('/host-elements.js'),
        }),
      );
    }
    if (url.pathname === '/shadow-early.html') {
      const list = '<w4g-association-list src=&quot;/demo/feeds/region.json&quot;></w4g-association-list>';
      return send(200, 'text/html', PAGE(`<div data-early="${list}"></div>`, { before: script('/host-elements.js') }));
    }
    if (url.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
    if (url.pathname === '/feeds/single.json') return send(200, 'application/json', SINGLE_EVENTS);
    if (url.pathname === '/feeds/empty.json') return send(200, 'application/json', '{"events": []}');
    if (url.pathname === '/feeds/series.json') return send(200, 'application/json', SERIES_EVENTS);
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
    const { page, problems, requests, violations, watch } = await open('/list.html', () => {
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
    assert.ok(!requests.some((u) => /w4g-calendar-series-/.test(u)), `no series support needed: ${requests.join(', ')}`);
    assert.ok(!requests.some((u) => /w4g-calendar-define-/.test(u)), `no lazy element needed: ${requests.join(', ')}`);
    const text = await page.evaluate(() => document.querySelector('w4g-event-list').shadowRoot.textContent);
    assert.match(text, /Sa\., 12\.12\.2026/);
    assert.match(text, /19:30–21:30 Uhr/, 'Berlin time on a New York computer');
    assert.match(text, /<img src=x onerror/);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    // The JSON-LD writer is a chunk loaded after the paint.
    await page.waitForFunction(
      () => document.querySelectorAll('w4g-event-list > script[type="application/ld+json"]').length === 1,
    );
    assert.ok(
      watch.requests.some((u) => /w4g-calendar-jsonld-/.test(u)),
      'the JSON-LD writer was loaded',
    );
    assert.deepEqual(watch.problems, []);
    await page.close();
  });

  it('loads the subscribe panel as a chunk for `subscribe`, with its styles, without a violation', async () => {
    const { page, problems, requests, violations, watch } = await open('/subscribe.html', () => {
      const el = document.querySelector('w4g-event-list');
      return el?.shadowRoot?.querySelectorAll('[part~="event"]').length === 3;
    });
    await page.evaluate(() => document.querySelector('w4g-event-list').updateComplete);
    assert.ok(
      watch.requests.some((u) => /w4g-calendar-subscribe-panel-/.test(u)),
      `the panel's chunk was loaded: ${watch.requests.join(', ')}`,
    );
    assert.ok(!requests.some((u) => /w4g-calendar-define-/.test(u)), `no lazy element needed: ${requests.join(', ')}`);
    await page.evaluate(() =>
      document.querySelector('w4g-event-list').shadowRoot.querySelector('[part="subscribe-button"]').click(),
    );
    await page.waitForFunction(
      () => !document.querySelector('w4g-event-list').shadowRoot.querySelector('[part="subscribe-panel"]').hidden,
    );
    const shown = await page.evaluate(() => {
      const root = document.querySelector('w4g-event-list').shadowRoot;
      const panel = root.querySelector('[part="subscribe-panel"]');
      return {
        link: root.querySelector('[part="subscribe-link"]').getAttribute('href'),
        // From the panel's own styles, added to the shadow root when they came.
        border: getComputedStyle(panel).borderTopStyle,
        wraps: getComputedStyle(root.querySelector('.subscribe-copy')).flexWrap,
      };
    });
    assert.deepEqual(shown, { link: 'webcal://kalender.example.org/kirche.ics', border: 'solid', wraps: 'wrap' });
    assert.deepEqual(await watch.violations(), []);
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('does not load the JSON-LD writer when there is nothing to write', async () => {
    const { page, problems, violations, watch } = await open('/empty.html', () =>
      document.querySelector('w4g-event-list')?.hasAttribute('state')
        ? document.querySelector('w4g-event-list').getAttribute('state') === 'empty'
        : false,
    );
    // Frames and the writer's fallback timeout (100 ms) pass without a request.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    assert.ok(!watch.requests.some((u) => /w4g-calendar-jsonld/.test(u)), watch.requests.join(', '));
    assert.equal(await page.evaluate(() => document.querySelectorAll('script[type="application/ld+json"]').length), 0);
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('loads series support as a chunk for a JSON feed with a series, and shows every date', async () => {
    const { page, problems, requests, violations } = await open('/series.html', () => {
      const el = document.querySelector('w4g-event-list');
      return el?.shadowRoot?.querySelectorAll('[part~="event"]').length === 4;
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    assert.ok(
      requests.some((u) => /w4g-calendar-series-/.test(u)),
      `series support was loaded: ${requests.join(', ')}`,
    );
    assert.ok(!requests.some((u) => /w4g-calendar-ics-/.test(u)), `no iCalendar chunk needed: ${requests.join(', ')}`);
    // One request for series support, not a second one for a helper chunk after it (the
    // JSON-LD writer, which loads after the paint, aside).
    const scripts = requests.map((u) => new URL(u).pathname).filter((p) => p.endsWith('.js') && !p.includes('-jsonld-script-'));
    assert.deepEqual(
      scripts.map((p) => p.replace(/^(\/dist\/w4g-calendar-[a-z]+)-[\w-]{8}\.js$/, '$1.js')),
      ['/dist/w4g-calendar.js', '/dist/w4g-calendar-base.js', '/dist/w4g-calendar-series.js'],
      `scripts: ${scripts.join(', ')}`,
    );
    const text = await page.evaluate(() => document.querySelector('w4g-event-list').shadowRoot.textContent);
    assert.match(text, /Mi\., 23\.12\.2026/);
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

  it('defines the lazy elements that a CMS renders inside open and closed shadow roots', async () => {
    const { page, problems, violations } = await open('/shadow.html', () => {
      const form = document.querySelector('cms-block').shadowRoot?.querySelector('w4g-event-form');
      const card = window.__closedRoot?.querySelector('w4g-association-card');
      return !!form?.shadowRoot?.querySelector('form') && (card?.shadowRoot?.textContent ?? '').includes('Heimatverein');
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    // Once every lazy element is defined, the page's attachShadow is its own again.
    await page.evaluate(() => {
      const extra = document.createElement('div');
      extra.innerHTML = '<w4g-event-details></w4g-event-details><w4g-association-list></w4g-association-list>';
      document.body.append(extra);
    });
    await page.waitForFunction(() => !!customElements.get('w4g-event-details') && !!customElements.get('w4g-association-list'));
    assert.equal(await page.evaluate(() => Element.prototype.attachShadow.toString().includes('[native code]')), true);
    await page.close();
  });

  it('defines a lazy element inside a shadow root that existed before the bundle ran', async () => {
    const { page, problems, violations } = await open('/shadow-early.html', () => {
      const list = document.querySelector('[data-early]').shadowRoot.querySelector('w4g-association-list');
      return (list?.shadowRoot?.textContent ?? '').includes('Heimatverein');
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
