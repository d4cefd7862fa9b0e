/**
 * Untrusted feed text must stay text: XSS payloads in every field of a JSON feed and an
 * iCalendar feed (and in unsafe URLs handed over through the `events` property, in the page's
 * URL parameters and in the deep link) never create an element, an event handler or a
 * javascript:/data: URL, and the page's flag that a payload would set stays undefined.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/event-list/define.js';
import '../../src/components/month-grid/define.js';
import '../../src/components/event-details/define.js';
import type { W4gEventList } from '../../src/components/event-list/event-list.js';
import type { W4gMonthGrid } from '../../src/components/month-grid/month-grid.js';
import type { W4gEventDetails } from '../../src/components/event-details/event-details.js';
import type { CalendarEvent, FeedResult } from '../../src/core/index.js';
import { cleanPageUrl, deepQueryAll, expectAxeClean, frames, settled, text } from './w4g-test-helpers.js';

const JSON_FEED = '/__feeds/file/feeds/w4g-xss.json';
const ICS_FEED = '/__feeds/file/feeds/w4g-xss.ics';
const TODAY = '2026-12-01';

type Flagged = Window & { __w4gXss?: unknown };
const flag = (): unknown => (window as Flagged).__w4gXss;

/** Every tag the three elements render themselves; anything else came from a payload. */
const OWN_TAGS = new Set(
  'a abbr br button dd dialog div dl dt figcaption figure form h2 h3 h4 h5 h6 img input label li option p picture section select slot source span table tbody td th thead time tr ul w4g-event-details'.split(
    ' ',
  ),
);
const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'background'];

/** Fails when anything in `root` (shadow roots included) looks like it came from markup in the feed. */
function expectNoInjection(root: Element): void {
  const inShadow = deepQueryAll(root, '*').filter((el) => el.getRootNode() instanceof ShadowRoot);
  const foreign = inShadow.filter((el) => !OWN_TAGS.has(el.localName)).map((el) => el.outerHTML.slice(0, 120));
  expect(foreign, 'elements not rendered by the components').to.deep.equal([]);
  for (const selector of [
    'img[onerror]',
    '[onload]',
    '[onerror]',
    'iframe',
    'svg',
    'object',
    'embed',
    'details',
    'b',
    'math',
    'style',
    'base',
    'meta',
  ]) {
    expect(deepQueryAll(root, selector), selector).to.have.length(0);
  }
  // The only script is the JSON-LD data block in the light DOM of a widget.
  for (const script of deepQueryAll(root, 'script')) {
    expect(script.getRootNode(), 'script outside a shadow root').to.equal(document);
    expect(script.getAttribute('type')).to.equal('application/ld+json');
    expect(script.parentElement!.localName).to.match(/^w4g-/);
  }
  const all = [root, ...deepQueryAll(root, '*')];
  const handlers = all.flatMap((el) =>
    [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName}[${a.name}]`),
  );
  expect(handlers, 'event handler attributes').to.deep.equal([]);
  const urls = all.flatMap((el) =>
    URL_ATTRIBUTES.filter((name) => el.hasAttribute(name)).map((name) => ({
      el: el.localName,
      name,
      value: el.getAttribute(name)!,
    })),
  );
  // eslint-disable-next-line no-control-regex -- browsers ignore control characters and spaces in a scheme
  const bad = urls.filter((u) => /^(javascript|data|vbscript):/i.test(u.value.replace(/[\u0000-\u0020]/g, '')));
  expect(bad, 'javascript:/data:/vbscript: URLs').to.deep.equal([]);
  for (const u of urls) {
    // Absolute http(s), mailto:, tel:, an in-page deep link, or the page's own relative feed path.
    expect(/^(https?:|mailto:|tel:|#|\/)/.test(u.value), `${u.el}[${u.name}]="${u.value}"`).to.equal(true);
  }
  for (const img of deepQueryAll(root, 'img') as HTMLImageElement[]) {
    expect(new URL(img.src).origin, 'images come from the page origin').to.equal(location.origin);
  }
}

/** The values of URL-valued JSON-LD keys, anywhere in the data. */
function urlFields(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return ['url', 'image', 'logo', 'sameAs', '@id'].includes(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => urlFields(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => urlFields(v, k));
  return [];
}

async function expectFlagUnset(): Promise<void> {
  // Let anything a payload queued (image errors, toggles, loads) run before looking.
  await frames();
  expect(flag(), 'a payload ran').to.equal(undefined);
}

/** Opens every event of the list in the details dialog and checks each. */
async function openEach(el: W4gEventList, root: Element): Promise<string[]> {
  const titles: string[] = [];
  const links = [...el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part="event-title"] a')];
  expect(links.length).to.be.greaterThan(0);
  for (const a of links) {
    const want = text(a.querySelector('.title-text'));
    a.click();
    await waitUntil(
      () => {
        const d = el.shadowRoot!.querySelector<W4gEventDetails>('w4g-event-details');
        return d?.open && text(d.shadowRoot!.querySelector('[part="title"]')) === want;
      },
      `details of ${want.slice(0, 30)} did not open`,
    );
    const details = el.shadowRoot!.querySelector<W4gEventDetails>('w4g-event-details')!;
    await details.updateComplete;
    titles.push(text(details.shadowRoot!.querySelector('[part="title"]')));
    expectNoInjection(root);
    details.close();
  }
  return titles;
}

describe('security: feed content is rendered as text', () => {
  beforeEach(() => {
    delete (window as Flagged).__w4gXss;
  });
  afterEach(() => cleanPageUrl());

  for (const [format, src] of [
    ['JSON', JSON_FEED],
    ['iCalendar', ICS_FEED],
  ] as const) {
    describe(`${format} feed`, () => {
      it('the event list with its filter bar shows the payloads as text', async () => {
        const el = await fixture<W4gEventList>(
          html`<w4g-event-list src=${src} today=${TODAY} filters limit="0"></w4g-event-list>`,
        );
        await settled(el);
        expect(el.getAttribute('state')).to.equal('ready');
        const shown = text(el.shadowRoot!.querySelector('.days'));
        expect(shown).to.contain('<img src=x onerror=');
        expect(shown).to.contain('<script>window.__w4gXss=');
        const options = [...el.shadowRoot!.querySelectorAll('option')].map((o) => o.textContent!);
        expect(options.some((o) => o.includes('onmouseover'))).to.equal(true);
        expectNoInjection(el);
        await expectFlagUnset();
      });

      it('the details of every event show the payloads as text and no unsafe link or image', async () => {
        const el = await fixture<W4gEventList>(html`<w4g-event-list src=${src} today=${TODAY} limit="0"></w4g-event-list>`);
        await settled(el);
        const titles = await openEach(el, el);
        expect(titles.length).to.equal(el.occurrences.length);
        expect(titles.join(' ')).to.contain('<');
        await expectFlagUnset();
      });

      it('the details dialog keeps the description, place and contact as plain text', async () => {
        const el = await fixture<W4gEventList>(html`<w4g-event-list src=${src} today=${TODAY} limit="0"></w4g-event-list>`);
        await settled(el);
        el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="event-title"] a')!.click();
        await waitUntil(() => el.shadowRoot!.querySelector<W4gEventDetails>('w4g-event-details')?.open, 'no dialog');
        const details = el.shadowRoot!.querySelector<W4gEventDetails>('w4g-event-details')!;
        await details.updateComplete;
        const r = details.shadowRoot!;
        const description = r.querySelector('[part="description"]')!;
        expect(description.children).to.have.length(0);
        expect(description.textContent).to.match(/^Zeile 1\n</);
        const facts = r.querySelector('[part="facts"]')!;
        expect(facts.textContent).to.contain('onerror');
        expect(r.querySelectorAll('img')).to.have.length(0);
        const website = [...r.querySelectorAll('a')].filter((a) => /Webseite/.test(a.textContent!));
        expect(website).to.have.length(0);
        await expectAxeClean(el, `${format} XSS details`);
        details.close();
        await expectFlagUnset();
      });

      it('the month grid, its day panel and print listing show the payloads as text', async () => {
        const el = await fixture<W4gMonthGrid>(html`<w4g-month-grid src=${src} today=${TODAY} month="2026-12"></w4g-month-grid>`);
        await settled(el);
        expect(el.getAttribute('state')).to.equal('ready');
        const days = [...el.shadowRoot!.querySelectorAll<HTMLTableCellElement>('td')].filter((td) =>
          td.querySelector('[part="event"]'),
        );
        expect(days.length).to.be.greaterThan(0);
        for (const td of days) {
          td.querySelector('button')!.click();
          await el.updateComplete;
          expectNoInjection(el);
        }
        const chip = el.shadowRoot!.querySelector('[part="event"]')!;
        expect(chip.getAttribute('title')).to.contain('<');
        chip.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        await waitUntil(() => el.shadowRoot!.querySelector<W4gEventDetails>('w4g-event-details')?.open, 'no dialog');
        expectNoInjection(el);
        el.shadowRoot!.querySelector<W4gEventDetails>('w4g-event-details')!.close();
        await expectFlagUnset();
      });

      it('the JSON-LD holds the payloads as data, without a single "<"', async () => {
        const wrapper = await fixture<HTMLElement>(
          html`<div>
            <w4g-event-list src=${src} today=${TODAY}></w4g-event-list>
            <w4g-month-grid src=${src} today=${TODAY} month="2026-12"></w4g-month-grid>
          </div>`,
        );
        for (const el of wrapper.querySelectorAll<W4gEventList | W4gMonthGrid>('w4g-event-list, w4g-month-grid')) {
          await settled(el);
          const scripts = el.querySelectorAll('script');
          expect(scripts).to.have.length(1);
          const json = scripts[0]!.textContent!;
          expect(json).not.to.contain('<');
          expect(json).not.to.contain('>');
          expect(json.toLowerCase()).not.to.contain('</script');
          const data = JSON.parse(json) as unknown;
          expect(JSON.stringify(data)).to.contain('<img src=x onerror=');
          // Payload text may mention javascript:, but no URL field of the data may be one.
          const urls = urlFields(data);
          expect(urls.length).to.be.greaterThan(0);
          expect(urls.filter((u) => !/^https?:\/\//.test(u))).to.deep.equal([]);
        }
        expectNoInjection(wrapper);
        await expectFlagUnset();
      });
    });
  }

  it('unsafe URLs given through the `events` property never become an href or src', async () => {
    const evil = 'javascript:window.__w4gXss="prop"';
    const event: CalendarEvent = {
      id: 'prop"><img src=x onerror=window.__w4gXss=1>',
      title: '<img src=x onerror="window.__w4gXss=\'prop-title\'">',
      start: '2026-12-12T19:30:00',
      end: '2026-12-12T21:30:00',
      timeZone: 'Europe/Berlin',
      allDay: false,
      status: 'scheduled',
      description: '<script>window.__w4gXss="prop-desc"</script>',
      url: evil,
      image: 'javascript:alert(1)',
      imageAlt: '"><img src=x onerror=window.__w4gXss=1>',
      town: '<svg onload="window.__w4gXss=1">',
      organizerId: 'evil',
      categories: ['<b onmouseover=alert(1)>x</b>'],
      audience: ['<iframe src="javascript:alert(1)">'],
      accessibility: ['<details open ontoggle=alert(1)>'],
      contact: {
        name: '<img src=x onerror=alert(1)>',
        email: 'a@b.de"><img src=x>',
        phone: '<img src=x>',
        url: ' javascript:alert(1)',
      },
    };
    const data: FeedResult = {
      events: [
        event,
        {
          ...event,
          id: 'prop-2',
          image: 'data:image/svg+xml,<svg onload=alert(1)>',
          url: 'data:text/html,<script>alert(1)</script>',
        },
      ],
      associations: [
        {
          id: 'evil',
          name: '<img src=x onerror=alert(1)>',
          categories: [],
          website: 'javascript:alert(1)',
          logo: 'javascript:alert(1)',
        },
      ],
      errors: [],
    };
    const el = await fixture<W4gEventList>(
      html`<w4g-event-list today=${TODAY} image-origins="data: javascript:"></w4g-event-list>`,
    );
    el.events = data;
    await waitUntil(() => el.getAttribute('state') === 'ready', 'never ready');
    await el.updateComplete;
    expectNoInjection(el);
    await openEach(el, el);
    await expectFlagUnset();
  });

  it('payloads in the page URL (filters, deep link) stay text', async () => {
    const url = new URL(location.href);
    url.searchParams.set('w4g-q', '<img src=x onerror="window.__w4gXss=\'url-q\'">');
    url.searchParams.set('w4g-town', '"><svg onload="window.__w4gXss=\'url-town\'">');
    url.hash = '#w4g-event=<img src=x onerror="window.__w4gXss=\'hash\'">';
    history.replaceState(history.state, '', url.href);
    const el = await fixture<W4gEventList>(html`<w4g-event-list src=${JSON_FEED} today=${TODAY} filters></w4g-event-list>`);
    await settled(el);
    const search = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(search.value).to.equal('<img src=x onerror="window.__w4gXss=\'url-q\'">');
    expect(el.shadowRoot!.querySelector('w4g-event-details')?.hasAttribute('open') ?? false).to.equal(false);
    expectNoInjection(el);
    await expectFlagUnset();
  });

  it('a standalone details element renders payload fields as text', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div><w4g-event-details></w4g-event-details></div>`);
    const el = wrapper.querySelector<W4gEventDetails>('w4g-event-details')!;
    const payload = '<img src=x onerror="window.__w4gXss=\'standalone\'">';
    await el.show(
      {
        eventId: 'x',
        key: 'x/2026-12-12T18:30:00Z',
        recurrenceId: '2026-12-12T19:30:00+01:00',
        recurring: false,
        title: payload,
        start: '2026-12-12T19:30:00+01:00',
        end: '2026-12-12T21:30:00+01:00',
        timeZone: 'Europe/Berlin',
        allDay: false,
        status: 'cancelled',
        categories: [payload],
        audience: [payload],
        accessibility: [payload],
        description: payload,
        price: payload,
        town: payload,
        organizer: payload,
        location: { name: payload, address: payload },
        contact: { name: payload, url: 'javascript:alert(1)', email: 'x@y.de', phone: '+49 1' },
        url: 'javascript:alert(1)',
        image: new URL('/__feeds/file/feeds/konzert.png', location.href).href,
        imageAlt: payload,
        imageCredit: payload,
        imageLicense: 'CC-BY-4.0',
        imageSources: [{ url: 'javascript:alert(1)', width: 480, type: 'image/webp' }],
      },
      { id: 'a', name: payload, categories: [], website: 'javascript:alert(1)' },
    );
    await el.updateComplete;
    const r = el.shadowRoot!;
    expect(text(r.querySelector('[part="title"]'))).to.equal(payload);
    expect(r.querySelector('[part="image"]')!.getAttribute('alt')).to.equal(payload);
    expect(text(r.querySelector('[part="image-credit"]'))).to.contain(payload);
    expect(r.querySelectorAll('img')).to.have.length(1);
    expect(r.querySelectorAll('source'), 'an unsafe source is left out').to.have.length(0);
    expectNoInjection(wrapper);
    el.close();
    await expectFlagUnset();
  });
});
