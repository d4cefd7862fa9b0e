import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import '../month-grid/define.js';
import type { W4gEventList } from './event-list.js';
import type { W4gEventDetails } from '../event-details/event-details.js';
import type { W4gMonthGrid } from '../month-grid/month-grid.js';
import { sharedFeedStore, type CalendarEvent } from '../../core/index.js';
import type { W4gErrorEvent, W4gEventSelectEvent, W4gLoadEvent, W4gRangeChangeEvent } from '../../shared/events.js';
import {
  cleanPageUrl,
  deepActiveElement,
  EMPTY_FEED,
  expectAxeClean,
  expectW4gEvent,
  FEED,
  fixtureText,
  nextEvent,
  requestCount,
  resetFeeds,
  setSwitch,
  settled,
  text,
  waitForState,
} from '../../../test/browser/w4g-test-helpers.js';

const TODAY = '2026-12-01';
const KONZERT_KEY = 'konzert/2026-12-12T18:30:00Z';

const root = (el: W4gEventList): ShadowRoot => el.shadowRoot!;
const titles = (el: W4gEventList): string[] => [...root(el).querySelectorAll('[part~="event"] .title-text')].map((n) => text(n));
const items = (el: W4gEventList): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('[part~="event"]')];
const item = (el: W4gEventList, title: string): HTMLElement => {
  const found = items(el).find((li) => text(li.querySelector('.title-text')) === title);
  expect(found, `item "${title}"`).not.to.be.oneOf([null, undefined]);
  return found!;
};
const link = (el: W4gEventList, title: string): HTMLAnchorElement => item(el, title).querySelector('a')!;
const statusText = (el: W4gEventList): string => text(root(el).querySelector('[role="status"]'));
const detailsOf = (el: W4gEventList): W4gEventDetails | null => root(el).querySelector('w4g-event-details');
const dayHeadings = (el: W4gEventList): Element[] => [...root(el).querySelectorAll('[part="day-heading"]')];

/** A form control of the filter bar, found through its visible label. */
function control<T extends HTMLElement>(el: W4gEventList, label: string): T {
  const l = [...root(el).querySelectorAll('label')].find((x) => text(x) === label);
  expect(l, `label "${label}"`).not.to.be.oneOf([null, undefined]);
  return root(el).getElementById(l!.htmlFor) as T;
}

async function list(template: ReturnType<typeof html>): Promise<W4gEventList> {
  const el = await fixture<W4gEventList>(template);
  await settled(el);
  return el;
}

async function openDetails(el: W4gEventList, title: string): Promise<W4gEventDetails> {
  const a = link(el, title);
  a.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => detailsOf(el)?.open, 'the details dialog did not open', { timeout: 5000 });
  const details = detailsOf(el)!;
  await details.updateComplete;
  return details;
}

describe('w4g-event-list', () => {
  afterEach(() => cleanPageUrl());

  describe('default render and states', () => {
    it('renders the events grouped by day, in German, with the host state "ready"', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      expect(el.getAttribute('state')).to.equal('ready');
      expect(root(el).querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
      expect(dayHeadings(el).map((h) => text(h))).to.deep.equal([
        'Fr., 04.12.2026',
        'Sa., 05.12.2026',
        'So., 06.12.2026',
        'Do., 10.12.2026',
        'Fr., 11.12.2026',
        'Sa., 12.12.2026',
        'So., 13.12.2026',
        'Di., 15.12.2026',
        'Fr., 18.12.2026',
        'Sa., 19.12.2026',
        'So., 20.12.2026',
        'So., 27.12.2026',
      ]);
      expect(items(el)).to.have.length(16);
      expect(el.occurrences).to.have.length(16);
      // The list is a real list: days in a <ul>, each day's events in a <ul> labelled by its heading.
      const day = root(el).querySelectorAll('[part="day"]')[5]!;
      expect(day.tagName).to.equal('LI');
      const events = day.querySelector('ul')!;
      const labelled = root(el).getElementById(events.getAttribute('aria-labelledby')!);
      expect(text(labelled)).to.equal('Sa., 12.12.2026');
      expect(labelled!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-12-12');
      expect([...events.querySelectorAll('.title-text')].map((n) => text(n))).to.deep.equal([
        'Lesung am Nachmittag',
        'Adventskonzert',
      ]);
      expect(statusText(el)).to.equal('16 Termine geladen.');
    });

    it('is axe clean when populated', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      await expectAxeClean(el, 'populated');
    });

    it('shows a busy skeleton while loading (state "loading") and is axe clean', async () => {
      const el = await fixture<W4gEventList>(
        html`<w4g-event-list src="/__feeds/slow/6000/feeds/w4g-test.json" today=${TODAY}></w4g-event-list>`,
      );
      await waitForState(el, 'loading');
      expect(root(el).querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
      expect(root(el).querySelector('[part="skeleton"]')).not.to.be.oneOf([null, undefined]);
      expect(statusText(el)).to.equal('Termine werden geladen.');
      expect(root(el).querySelector('[part="skeleton"]')!.textContent).to.contain('Termine werden geladen');
      expect(items(el)).to.have.length(0);
      await expectAxeClean(el, 'loading');
    });

    it('shows the empty text (state "empty") for a feed without events and is axe clean', async () => {
      const el = await list(html`<w4g-event-list src=${EMPTY_FEED} today=${TODAY}></w4g-event-list>`);
      expect(el.getAttribute('state')).to.equal('empty');
      const empty = root(el).querySelector<HTMLElement>('[part="empty"]')!;
      expect(empty.hidden).to.equal(false);
      expect(text(empty)).to.equal('Keine Termine gefunden.');
      expect(statusText(el)).to.equal('Keine Termine gefunden.');
      await expectAxeClean(el, 'empty');
    });

    it('shows the state as a custom state too (`:state(ready)`)', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      expect(el.matches(':state(ready)')).to.equal(true);
      expect(el.matches(':state(loading)')).to.equal(false);
    });

    it('keeps the content while refreshing (state "refreshing")', async () => {
      await resetFeeds();
      const src = '/__feeds/slow/800/feeds/w4g-test.json';
      const el = await list(html`<w4g-event-list src=${src} today=${TODAY} limit="0"></w4g-event-list>`);
      expect(el.getAttribute('state')).to.equal('ready');
      sharedFeedStore().peek(src)!.loadedAt = Date.now() - 3_600_000;
      el.to = '2027-06-01';
      await waitForState(el, 'refreshing');
      expect(items(el)).to.have.length(16);
      expect(root(el).querySelector('[part="skeleton"]')).to.equal(null);
      expect(root(el).querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
      await waitForState(el, 'ready');
      expect(items(el)).to.have.length(16);
    });

    it('is "empty" when the filters match nothing, and shows the page\'s own empty slot', async () => {
      const el = await list(
        html`<w4g-event-list src=${FEED} today=${TODAY} town="Gibtsnicht"><p slot="empty">Nichts los.</p></w4g-event-list>`,
      );
      expect(el.getAttribute('state')).to.equal('empty');
      const slot = root(el).querySelector<HTMLSlotElement>('[part="empty"] slot[name="empty"]')!;
      expect(slot.assignedElements().map((n) => text(n))).to.deep.equal(['Nichts los.']);
    });

    it('shows role="alert" with a German message and a retry button when the feed answers 500 (state "error"), axe clean', async () => {
      const el = await list(html`<w4g-event-list src="/__feeds/status/500" today=${TODAY}></w4g-event-list>`);
      expect(el.getAttribute('state')).to.equal('error');
      const alert = root(el).querySelector('[role="alert"]')!;
      expect(alert).not.to.be.oneOf([null, undefined]);
      expect(text(alert)).to.contain('Der Kalender konnte nicht geladen werden.');
      expect(text(alert)).to.contain('Der Server hat mit einem Fehler geantwortet (500).');
      const retry = alert.querySelector('button')!;
      expect(text(retry)).to.equal('Erneut versuchen');
      expect(root(el).querySelector<HTMLElement>('[part="empty"]')!.hidden).to.equal(true);
      expect(statusText(el)).to.equal('Der Kalender konnte nicht geladen werden.');
      await expectAxeClean(el, 'error');
    });

    it('says "not found" for a 404', async () => {
      const el = await list(html`<w4g-event-list src="/__feeds/status/404" today=${TODAY}></w4g-event-list>`);
      expect(text(root(el).querySelector('[role="alert"]'))).to.contain('Die Termin-Adresse wurde nicht gefunden (404).');
    });

    it('renders integrator data from the `events` property without a request', async () => {
      const events: CalendarEvent[] = [
        {
          id: 'x',
          title: 'Programmatisch',
          start: '2026-12-03T18:00:00',
          end: '2026-12-03T19:00:00',
          timeZone: 'Europe/Berlin',
          allDay: false,
          status: 'scheduled',
          categories: [],
          audience: [],
          accessibility: [],
        },
      ];
      const el = fixtureSync<W4gEventList>(html`<w4g-event-list today=${TODAY}></w4g-event-list>`);
      el.events = events;
      await waitForState(el, 'ready');
      expect(titles(el)).to.deep.equal(['Programmatisch']);
      expect(text(item(el, 'Programmatisch').querySelector('[part="event-time"]'))).to.equal('18:00–19:00 Uhr');
    });
  });

  describe('attributes and properties', () => {
    it('reads every attribute into its property', async () => {
      const el = await fixture<W4gEventList>(
        html`<w4g-event-list
          src=${EMPTY_FEED}
          town="Arnstein"
          category="Kultur"
          organizer="st-stephani"
          audience="Familien"
          q="Advent"
          locale="en"
          time-zone="America/New_York"
          from="2026-12-02"
          to="2026-12-31"
          today=${TODAY}
          limit="4"
          filters
          heading-level="2"
          no-jsonld
          theme="dark"
          image-origins="https://bilder.example.com"
        ></w4g-event-list>`,
      );
      expect(el.src).to.equal(EMPTY_FEED);
      expect(el.town).to.equal('Arnstein');
      expect(el.category).to.equal('Kultur');
      expect(el.organizer).to.equal('st-stephani');
      expect(el.audience).to.equal('Familien');
      expect(el.q).to.equal('Advent');
      expect(el.locale).to.equal('en');
      expect(el.timeZone).to.equal('America/New_York');
      expect(el.from).to.equal('2026-12-02');
      expect(el.to).to.equal('2026-12-31');
      expect(el.today).to.equal(TODAY);
      expect(el.limit).to.equal(4);
      expect(el.filters).to.equal(true);
      expect(el.headingLevel).to.equal(2);
      expect(el.noJsonld).to.equal(true);
      expect(el.theme).to.equal('dark');
      expect(el.imageOrigins).to.equal('https://bilder.example.com');
    });

    it('has the documented defaults', async () => {
      const el = await fixture<W4gEventList>(html`<w4g-event-list></w4g-event-list>`);
      expect(el.limit).to.equal(20);
      expect(el.filters).to.equal(false);
      expect(el.headingLevel).to.equal(3);
      expect(el.noJsonld).to.equal(false);
      expect(el.locale).to.equal(undefined);
      expect(el.timeZone).to.equal(undefined);
    });

    it('reflects locale, theme and filters from property to attribute', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      el.locale = 'en';
      el.theme = 'dark';
      el.filters = true;
      await el.updateComplete;
      expect(el.getAttribute('locale')).to.equal('en');
      expect(el.getAttribute('theme')).to.equal('dark');
      expect(el.hasAttribute('filters')).to.equal(true);
      el.filters = false;
      await el.updateComplete;
      expect(el.hasAttribute('filters')).to.equal(false);
    });

    it('applies town, category, organizer, audience and q (attribute and property)', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} town="Arnstein"></w4g-event-list>`);
      expect(titles(el)).to.deep.equal(['Chorprobe', 'Lesung am Nachmittag', 'Bürgersprechstunde']);
      el.removeAttribute('town');
      el.category = 'Markt, Jugend';
      await waitUntil(() => titles(el).join('|') === 'Weihnachtsmarkt|Jugendfreizeit', titles(el).join('|'));
      el.category = undefined;
      el.setAttribute('organizer', 'st-stephani');
      await waitUntil(() => titles(el).length === 5, titles(el).join('|'));
      expect(new Set(titles(el))).to.deep.equal(new Set(['Gottesdienst', 'Adventskonzert']));
      el.organizer = undefined;
      el.audience = 'Senioren';
      await waitUntil(() => titles(el).join('|') === 'Adventskonzert', titles(el).join('|'));
      el.audience = undefined;
      el.setAttribute('q', 'bastel');
      await waitUntil(() => titles(el).join('|') === 'Bastelkreis', titles(el).join('|'));
    });

    it('applies from and to (to is the last day shown)', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} from="2026-12-12" to="2026-12-12"></w4g-event-list>`);
      expect(titles(el)).to.deep.equal(['Lesung am Nachmittag', 'Adventskonzert']);
      el.from = '2026-12-20';
      el.to = '2026-12-31';
      // The youth camp (18.–20.12.) is still running on the 20th, so it is listed there.
      await waitUntil(() => titles(el).join('|') === 'Jugendfreizeit|Gottesdienst|Gottesdienst', titles(el).join('|'));
    });

    it('shows the whole `to` day: New Year\'s Eve with to="2026-12-31", nothing of New Year\'s Day', async () => {
      const events = [
        {
          id: 'silvester',
          title: 'Silvesterparty',
          start: '2026-12-31T20:00',
          end: '2027-01-01T02:00',
          timeZone: 'Europe/Berlin',
        },
        { id: 'spaet', title: 'Mitternachtsandacht', start: '2026-12-31T23:30', timeZone: 'Europe/Berlin' },
        { id: 'ganztag', title: 'Silvestermarkt', start: '2026-12-31', end: '2027-01-01' },
        { id: 'neujahr', title: 'Neujahrsempfang', start: '2027-01-01T00:00', timeZone: 'Europe/Berlin' },
      ].map((e) => ({
        status: 'scheduled' as const,
        allDay: !e.start.includes('T'),
        categories: [],
        audience: [],
        accessibility: [],
        ...e,
      }));
      const el = await list(
        html`<w4g-event-list
          .events=${events}
          today=${TODAY}
          from="2026-12-01"
          to="2026-12-31"
          time-zone="America/New_York"
        ></w4g-event-list>`,
      );
      // In New York's display zone the 31st ends six hours later: the midnight reception in Berlin is 18:00 there.
      expect(titles(el)).to.deep.equal(['Silvestermarkt', 'Silvesterparty', 'Mitternachtsandacht', 'Neujahrsempfang']);
      el.timeZone = undefined;
      await settled(el);
      expect(titles(el)).to.deep.equal(['Silvestermarkt', 'Silvesterparty', 'Mitternachtsandacht']);
    });

    it('lists an event that began before `from` on the first shown day', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} from="2026-12-06" to="2026-12-06"></w4g-event-list>`);
      expect(dayHeadings(el).map((h) => text(h))).to.deep.equal(['So., 06.12.2026']);
      expect(titles(el)).to.deep.equal(['Weihnachtsmarkt', 'Gottesdienst']);
    });

    it('switches the theme with `theme="dark"`', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      const base = root(el).querySelector('[part="base"]')!;
      expect(getComputedStyle(base).backgroundColor).to.equal('rgb(255, 255, 255)');
      el.setAttribute('theme', 'dark');
      await el.updateComplete;
      expect(el.theme).to.equal('dark');
      expect(getComputedStyle(base).backgroundColor).to.equal('rgb(27, 29, 31)');
      await expectAxeClean(el, 'dark theme');
    });
  });

  describe('events', () => {
    beforeEach(() => resetFeeds());

    it('fires w4g-load with count, sources, feedErrors and stale', async () => {
      const el = fixtureSync<W4gEventList>(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      const event = await nextEvent<W4gLoadEvent>(el, 'w4g-load');
      expectW4gEvent(event, 'w4g-load');
      expect(event.detail.count).to.equal(16);
      expect(event.detail.sources).to.deep.equal([new URL(FEED, location.href).href]);
      expect(event.detail.feedErrors).to.deep.equal([]);
      expect(event.detail.stale).to.equal(false);
      // Dispatched after the render: a listener can read the DOM.
      expect(items(el)).to.have.length(16);
    });

    it('fires w4g-error with kind, status, url and stale=false when there is no data', async () => {
      const el = fixtureSync<W4gEventList>(html`<w4g-event-list src="/__feeds/status/500" today=${TODAY}></w4g-event-list>`);
      const event = await nextEvent<W4gErrorEvent>(el, 'w4g-error');
      expectW4gEvent(event, 'w4g-error');
      expect(event.detail.kind).to.equal('http');
      expect(event.detail.status).to.equal(500);
      expect(event.detail.url).to.equal(new URL('/__feeds/status/500', location.href).href);
      expect(event.detail.stale).to.equal(false);
      expect(event.detail.message).to.be.a('string').and.not.equal('');
      expect(root(el).querySelector('[role="alert"]')).not.to.be.oneOf([null, undefined]);
    });

    it('fires a cancelable, composed w4g-event-select; preventDefault keeps the details closed', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      const seen: W4gEventSelectEvent[] = [];
      // Listening on the document proves that the event leaves the shadow root.
      const onSelect = (e: Event): void => {
        seen.push(e as W4gEventSelectEvent);
        e.preventDefault();
      };
      document.addEventListener('w4g-event-select', onSelect);
      try {
        link(el, 'Adventskonzert').click();
        await el.updateComplete;
      } finally {
        document.removeEventListener('w4g-event-select', onSelect);
      }
      expect(seen).to.have.length(1);
      const event = seen[0]!;
      expectW4gEvent(event, 'w4g-event-select');
      expect(event.cancelable).to.equal(true);
      expect(event.detail.key).to.equal(KONZERT_KEY);
      expect(event.detail.occurrence.title).to.equal('Adventskonzert');
      expect(event.detail.occurrence.start).to.equal('2026-12-12T19:30:00+01:00');
      expect(detailsOf(el)?.open ?? false).to.equal(false);
      expect(location.hash).to.equal('');
    });

    it('fires w4g-range-change when the visitor shows more, never when the page sets a property', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} limit="3"></w4g-event-list>`);
      let count = 0;
      el.addEventListener('w4g-range-change', () => count++);
      el.limit = 4;
      el.town = 'Aschersleben';
      await settled(el);
      el.town = undefined;
      await settled(el);
      expect(count).to.equal(0);
      const pending = nextEvent<W4gRangeChangeEvent>(el, 'w4g-range-change');
      root(el).querySelector<HTMLButtonElement>('[part="more-button"]')!.click();
      const event = await pending;
      expectW4gEvent(event, 'w4g-range-change');
      expect(event.detail.start).to.equal(TODAY);
      expect(event.detail.end).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect(event.detail.end > event.detail.start).to.equal(true);
      el.to = '2026-12-31';
      await settled(el);
      const again = nextEvent<W4gRangeChangeEvent>(el, 'w4g-range-change');
      root(el).querySelector<HTMLButtonElement>('[part="more-button"]')!.click();
      expect((await again).detail.end, 'the detail names the last day shown, as `to` does').to.equal('2026-12-31');
    });
  });

  describe('time zones', () => {
    it('runs in a browser set to America/New_York', () => {
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/New_York');
    });

    it('shows Berlin times to a visitor in New York, also across the DST change of 2026-10-25', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today="2026-10-17" to="2026-11-01"></w4g-event-list>`);
      expect(dayHeadings(el).map((h) => text(h))).to.deep.equal(['So., 18.10.2026', 'So., 25.10.2026', 'So., 01.11.2026']);
      expect(items(el).map((li) => text(li.querySelector('[part="event-time"]')))).to.deep.equal([
        '10:00–11:00 Uhr',
        '10:00–11:00 Uhr',
        '10:00–11:00 Uhr',
      ]);
      expect(items(el).map((li) => li.querySelector('time')!.getAttribute('datetime'))).to.deep.equal([
        '2026-10-18T10:00:00+02:00',
        '2026-10-25T10:00:00+01:00',
        '2026-11-01T10:00:00+01:00',
      ]);
    });

    it('shows New York times with time-zone="America/New_York" (the US changes a week later)', async () => {
      const el = await list(
        html`<w4g-event-list src=${FEED} today="2026-10-17" to="2026-11-01" time-zone="America/New_York"></w4g-event-list>`,
      );
      expect(items(el).map((li) => text(li.querySelector('[part="event-time"]')))).to.deep.equal([
        '04:00–05:00 Uhr',
        '05:00–06:00 Uhr',
        '04:00–05:00 Uhr',
      ]);
      el.timeZone = undefined;
      await waitUntil(() => text(items(el)[1]?.querySelector('[part="event-time"]')) === '10:00–11:00 Uhr', 'back to Berlin');
    });
  });

  describe('loading, errors and retry', () => {
    beforeEach(() => resetFeeds());

    it('makes one request for two elements on one feed', async () => {
      const path = '/__feeds/slow/50/feeds/w4g-test.json';
      const wrapper = await fixture<HTMLElement>(
        html`<div>
          <w4g-event-list src=${path} today=${TODAY}></w4g-event-list>
          <w4g-month-grid src=${path} today=${TODAY} month="2026-12"></w4g-month-grid>
        </div>`,
      );
      const el = wrapper.querySelector<W4gEventList>('w4g-event-list')!;
      const grid = wrapper.querySelector<W4gMonthGrid>('w4g-month-grid')!;
      await settled(el);
      await settled(grid);
      expect(el.getAttribute('state')).to.equal('ready');
      expect(grid.getAttribute('state')).to.equal('ready');
      expect(await requestCount(path)).to.equal(1);
    });

    it('reloads when the retry button is clicked', async () => {
      const path = '/__feeds/status/500';
      const el = await list(html`<w4g-event-list src=${path} today=${TODAY}></w4g-event-list>`);
      expect(await requestCount(path)).to.equal(1);
      const again = nextEvent<W4gErrorEvent>(el, 'w4g-error');
      root(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
      await again;
      expect(await requestCount(path)).to.equal(2);
      expect(el.getAttribute('state')).to.equal('error');
    });

    it('shows the data after a successful retry', async () => {
      const key = 'list-retry';
      await setSwitch(key, { fail: true });
      const el = await list(html`<w4g-event-list src=${`/__feeds/switch/${key}`} today=${TODAY}></w4g-event-list>`);
      expect(el.getAttribute('state')).to.equal('error');
      expect(text(root(el).querySelector('[role="alert"]'))).to.contain('(503)');
      await setSwitch(key, await fixtureText(FEED));
      const loaded = nextEvent<W4gLoadEvent>(el, 'w4g-load');
      root(el).querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
      await loaded;
      await waitForState(el, 'ready');
      expect(items(el)).to.have.length(16);
      expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    });

    it('keeps the old data with a notice when a refresh fails (w4g-error stale=true), axe clean', async () => {
      const key = 'list-stale';
      await setSwitch(key, await fixtureText(FEED));
      const el = await list(html`<w4g-event-list src=${`/__feeds/switch/${key}`} today=${TODAY} limit="0"></w4g-event-list>`);
      expect(el.getAttribute('state')).to.equal('ready');
      expect(items(el)).to.have.length(16);
      await setSwitch(key, { fail: true });
      // An hour later the visitor looks further ahead: the cached feed is old and is asked again.
      sharedFeedStore().peek(`/__feeds/switch/${key}`)!.loadedAt = Date.now() - 3_600_000;
      const failed = nextEvent<W4gErrorEvent>(el, 'w4g-error');
      el.to = '2027-06-01';
      const event = await failed;
      await waitForState(el, 'error');
      expectW4gEvent(event, 'w4g-error');
      expect(event.detail.stale).to.equal(true);
      expect(event.detail.kind).to.equal('http');
      expect(event.detail.status).to.equal(503);
      expect(items(el)).to.have.length(16);
      expect(root(el).querySelector('[role="alert"]')).to.equal(null);
      const notice = root(el).querySelector('[part="notice"]')!;
      expect(text(notice)).to.contain('Die Termine konnten nicht aktualisiert werden; angezeigt wird der letzte bekannte Stand.');
      await expectAxeClean(el, 'error with old data');
      // The notice's retry reloads; once the feed answers again the notice goes away.
      await setSwitch(key, await fixtureText(FEED));
      const loaded = nextEvent<W4gLoadEvent>(el, 'w4g-load');
      notice.querySelector('button')!.click();
      const load = await loaded;
      expect(load.detail.stale).to.equal(false);
      await waitForState(el, 'ready');
      expect(root(el).querySelector('[part="notice"]')).to.equal(null);
      expect(items(el)).to.have.length(16);
    });
  });

  describe('items', () => {
    let el: W4gEventList;
    beforeEach(async () => {
      el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
    });
    const time = (title: string): string => text(item(el, title).querySelector('[part="event-time"]'));

    it('shows time ranges with "Uhr" and a <time datetime>', () => {
      expect(time('Adventskonzert')).to.equal('19:30–21:30 Uhr');
      expect(item(el, 'Adventskonzert').querySelector('time')!.getAttribute('datetime')).to.equal('2026-12-12T19:30:00+01:00');
      expect(time('Lesung am Nachmittag')).to.equal('15:00–16:00 Uhr');
    });

    it('says "ganztägig" for an all-day event', () => {
      expect(time('Tag der offenen Tür')).to.equal('ganztägig');
    });

    it('writes the range of multi-day events (all-day end exclusive)', () => {
      expect(time('Weihnachtsmarkt')).to.equal('Fr., 04.12.2026 – So., 06.12.2026');
      expect(time('Jugendfreizeit')).to.equal('Fr., 18.12.2026, 16:00 Uhr – So., 20.12.2026, 12:00 Uhr');
    });

    it('labels a cancelled event "Abgesagt" and strikes its title through', () => {
      const li = item(el, 'Chorprobe');
      expect(li.getAttribute('part')!.split(' ')).to.include('event--cancelled');
      expect(text(li.querySelector('[part="status-badge"]'))).to.equal('Abgesagt');
      // The badge is inside the link, so the accessible name says it too.
      expect(text(li.querySelector('a'))).to.equal('Chorprobe Abgesagt');
      expect(getComputedStyle(li.querySelector('.title-text')!).textDecorationLine).to.contain('line-through');
      const normal = item(el, 'Adventskonzert');
      expect(getComputedStyle(normal.querySelector('.title-text')!).textDecorationLine).to.equal('none');
    });

    it('labels a postponed event "Verschoben" without striking it through', () => {
      const li = item(el, 'Kabarettabend');
      expect(text(li.querySelector('[part="status-badge"]'))).to.equal('Verschoben');
      expect(li.getAttribute('part')).to.equal('event');
      expect(getComputedStyle(li.querySelector('.title-text')!).textDecorationLine).to.equal('none');
    });

    it('shows categories as a list of chips and the town, place and organizer', () => {
      const li = item(el, 'Adventskonzert');
      expect([...li.querySelectorAll('[part="categories"] [part="category"]')].map((c) => text(c))).to.deep.equal([
        'Musik',
        'Kirche',
      ]);
      expect(li.querySelector('[part="categories"]')!.tagName).to.equal('UL');
      expect(text(li.querySelector('[part="event-meta"]'))).to.equal(
        'Aschersleben · St. Stephani · Ev. Kirchengemeinde St. Stephani',
      );
      expect(text(item(el, 'Bürgersprechstunde').querySelector('[part="event-meta"]'))).to.equal('Arnstein');
      expect(item(el, 'Bürgersprechstunde').querySelector('[part="categories"]')).to.equal(null);
    });

    it('gives every title a real link to the deep link of its date', () => {
      expect(link(el, 'Adventskonzert').getAttribute('href')).to.equal(`#w4g-event=${KONZERT_KEY}`);
    });
  });

  describe('limit and "Mehr anzeigen"', () => {
    it('shows `limit` events, then the next page; focus moves to the first new one', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} limit="3"></w4g-event-list>`);
      expect(titles(el)).to.deep.equal(['Weihnachtsmarkt', 'Tag der offenen Tür', 'Gottesdienst']);
      const more = root(el).querySelector<HTMLButtonElement>('[part="more-button"]')!;
      expect(text(more)).to.equal('Mehr anzeigen');
      expect(text(more.parentElement)).to.contain('3 von 16 Terminen angezeigt.');
      more.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => items(el).length === 6, `${items(el).length} items`);
      await el.updateComplete;
      expect(deepActiveElement()).to.equal(link(el, 'Chorprobe'));
      expect(titles(el).slice(3)).to.deep.equal(['Chorprobe', 'Kabarettabend', 'Lesung am Nachmittag']);
      // With limit 0 everything shows and there is no button.
      el.limit = 0;
      await el.updateComplete;
      expect(items(el)).to.have.length(16);
      expect(root(el).querySelector('[part="more-button"]')).to.equal(null);
    });

    it('paints a long list a screenful first and the rest right after; updateComplete waits for all', async () => {
      const events: CalendarEvent[] = Array.from({ length: 300 }, (_, i) => ({
        id: `e${i}`,
        title: `Termin ${i + 1}`,
        start: `2026-12-${String(1 + Math.floor(i / 10)).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:00:00`,
        allDay: false,
        timeZone: 'Europe/Berlin',
        status: 'scheduled',
        categories: [],
        audience: [],
        accessibility: [],
      }));
      const el = document.createElement('w4g-event-list') as W4gEventList;
      el.today = TODAY;
      el.limit = 0;
      el.events = events;
      const firstPaint = new Promise<number>((resolve) =>
        el.addEventListener('w4g-load', () => resolve(items(el).length), { once: true }),
      );
      document.body.append(el);
      try {
        // When the data arrives only the first screenful is rendered ...
        const first = await firstPaint;
        expect(first).to.be.within(20, 60);
        // ... the rest follows without any action, and updateComplete includes it.
        await el.updateComplete;
        expect(items(el)).to.have.length(300);
        expect(titles(el)[299]).to.equal('Termin 300');
        expect(root(el).querySelector('[part="more-button"]')).to.equal(null);
        // JSON-LD is not cut at the first screenful either (it has its own cap of 100 events).
        const ld = el.querySelector('script[type="application/ld+json"]')!.textContent!;
        expect(ld.includes('"Termin 41"'), 'JSON-LD holds rows past the first screenful').to.equal(true);
      } finally {
        el.remove();
      }
    });

    it('puts the shown events into the JSON-LD only', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} limit="2"></w4g-event-list>`);
      const data = JSON.parse(el.querySelector('script[type="application/ld+json"]')!.textContent!) as unknown;
      const names = JSON.stringify(data);
      expect(names).to.contain('Weihnachtsmarkt');
      expect(names).to.contain('Tag der offenen Tür');
      expect(names).not.to.contain('Adventskonzert');
    });
  });

  describe('subscribe', () => {
    it('has no "Abonnieren" without `subscribe`, nor when no iCalendar address can be derived', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      expect(root(el).querySelector('[part="subscribe-button"]')).to.equal(null);
      el.subscribe = '';
      await el.updateComplete;
      // A static JSON file is no events.json of the server: nothing to subscribe to.
      expect(root(el).querySelector('[part="subscribe-button"]')).to.equal(null);
    });

    it("derives the server's events.ics with the page's filters, and opens, copies and closes by keyboard", async () => {
      const el = await list(
        html`<w4g-event-list
          src="/api/events.json"
          town="Arnstein"
          category="Kirche"
          accessible
          subscribe
          today=${TODAY}
        ></w4g-event-list>`,
      );
      const button = root(el).querySelector<HTMLButtonElement>('[part="subscribe-button"]')!;
      const panel = root(el).querySelector<HTMLElement>('[part="subscribe-panel"]')!;
      expect(text(button)).to.equal('Abonnieren');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(panel.hidden).to.equal(true);
      button.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect(panel.hidden).to.equal(false);
      const url = `${location.origin}/api/events.ics?town=Arnstein&category=Kirche&accessible=1`;
      expect(control<HTMLInputElement>(el, 'Adresse des Kalenders').value).to.equal(url);
      expect(root(el).querySelector('[part="subscribe-link"]')!.getAttribute('href')).to.equal(
        url.replace(/^https?:/, 'webcal:'),
      );
      expect([...panel.querySelectorAll('summary')].map((x) => text(x))).to.deep.equal([
        'Google Kalender',
        'Outlook',
        'Apple Kalender (iPhone, iPad, Mac)',
        'Thunderbird',
      ]);
      await expectAxeClean(el, 'subscribe panel');
      root(el).querySelector<HTMLButtonElement>('[part="subscribe-copy"]')!.click();
      await waitUntil(() => text(panel.querySelector('[role="status"]')) !== '', 'copy result');
      expect([
        'Die Adresse ist kopiert.',
        'Kopieren ging nicht: Die Adresse ist markiert, bitte mit Strg+C (Mac: ⌘+C) kopieren.',
      ]).to.include(text(panel.querySelector('[role="status"]')));
      panel.querySelector<HTMLElement>('summary')!.focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(panel.hidden).to.equal(true);
      expect(root(el).activeElement).to.equal(button);
    });

    it('takes an explicit address and speaks English', async () => {
      const el = await list(
        html`<w4g-event-list
          src=${FEED}
          subscribe="https://kalender.example.org/kirche.ics"
          locale="en"
          today=${TODAY}
        ></w4g-event-list>`,
      );
      const button = root(el).querySelector<HTMLButtonElement>('[part="subscribe-button"]')!;
      expect(text(button)).to.equal('Subscribe');
      button.click();
      await el.updateComplete;
      expect(control<HTMLInputElement>(el, 'Calendar address').value).to.equal('https://kalender.example.org/kirche.ics');
      expect(root(el).querySelector('[part="subscribe-link"]')!.getAttribute('href')).to.equal(
        'webcal://kalender.example.org/kirche.ics',
      );
    });

    it('never offers an address that is not http(s)', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} subscribe="javascript:alert(1)" today=${TODAY}></w4g-event-list>`);
      expect(root(el).querySelector('[part="subscribe-button"]')).to.equal(null);
    });
  });

  describe('filter bar', () => {
    it('comes with its styles once the element has settled (a part loaded with `filters`), and is not printed', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} filters></w4g-event-list>`);
      const form = root(el).querySelector<HTMLElement>('[part="filter-bar"]')!;
      expect(getComputedStyle(form).display).to.equal('flex');
      const sheets = root(el).adoptedStyleSheets;
      const media = sheets.flatMap((sheet) => [...sheet.cssRules]).filter((r): r is CSSMediaRule => r instanceof CSSMediaRule);
      const print = media.filter((r) => r.media.mediaText === 'print').flatMap((r) => [...r.cssRules]);
      // The print rule that hides the bar comes after the bar's own display rule.
      expect(
        print.some((r) => r instanceof CSSStyleRule && r.selectorText === '.filters' && r.style.display === 'none'),
      ).to.equal(true);
      const plain = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      expect(root(plain).querySelector('[part="filter-bar"]')).to.equal(null);
      expect(root(plain).adoptedStyleSheets.length).to.be.below(sheets.length);
    });

    it('filters by town, category and search, and keeps the choice in the page URL', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} filters></w4g-event-list>`);
      const form = root(el).querySelector('[part="filter-bar"]')!;
      expect(form.getAttribute('role')).to.equal('search');
      expect(form.getAttribute('aria-label')).to.equal('Termine filtern');
      const town = control<HTMLSelectElement>(el, 'Ort');
      expect([...town.options].map((o) => o.textContent!.trim())).to.include.members([
        'Alle',
        'Arnstein',
        'Aschersleben',
        'Seeland',
      ]);

      town.value = 'Arnstein';
      town.dispatchEvent(new Event('change'));
      await waitUntil(() => titles(el).join('|') === 'Chorprobe|Lesung am Nachmittag|Bürgersprechstunde', titles(el).join('|'));
      expect(new URL(location.href).searchParams.get('w4g-town')).to.equal('Arnstein');

      const category = control<HTMLSelectElement>(el, 'Kategorie');
      category.value = 'Kultur';
      category.dispatchEvent(new Event('change'));
      await waitUntil(() => titles(el).join('|') === 'Lesung am Nachmittag', titles(el).join('|'));
      expect(new URL(location.href).searchParams.get('w4g-category')).to.equal('Kultur');
      // Screen readers hear the new number of dates, not only a change to "none".
      await el.updateComplete;
      expect(statusText(el)).to.equal('1 Termin geladen.');

      const reset = [...form.querySelectorAll('button')].find((b) => text(b) === 'Filter zurücksetzen')!;
      reset.click();
      await waitUntil(() => titles(el).length === 16, titles(el).join('|'));
      expect(new URL(location.href).searchParams.has('w4g-town')).to.equal(false);
      expect(new URL(location.href).searchParams.has('w4g-category')).to.equal(false);

      const search = control<HTMLInputElement>(el, 'Suche');
      expect(search.type).to.equal('search');
      search.value = 'glühwein';
      search.dispatchEvent(new Event('input'));
      await waitUntil(() => titles(el).join('|') === 'Adventskonzert', titles(el).join('|'));
      expect(new URL(location.href).searchParams.get('w4g-q')).to.equal('glühwein');
      await expectAxeClean(el, 'filter bar');
    });

    it('offers audience, barrier-free and free of charge where the feed has them, kept in the page URL', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} filters></w4g-event-list>`);
      const form = root(el).querySelector('[part="filter-bar"]')!;
      const reset = [...form.querySelectorAll('button')].find((b) => text(b) === 'Filter zurücksetzen')!;

      const audience = control<HTMLSelectElement>(el, 'Zielgruppe');
      expect([...audience.options].map((o) => o.textContent!.trim())).to.deep.equal(['Alle', 'Familien', 'Senioren']);
      audience.value = 'Senioren';
      audience.dispatchEvent(new Event('change'));
      await waitUntil(() => titles(el).join('|') === 'Adventskonzert', titles(el).join('|'));
      expect(new URL(location.href).searchParams.get('w4g-audience')).to.equal('Senioren');
      reset.click();
      await waitUntil(() => titles(el).length === 16, titles(el).join('|'));

      const accessible = control<HTMLInputElement>(el, 'Nur barrierefreie');
      expect(accessible.type).to.equal('checkbox');
      accessible.click();
      await waitUntil(() => titles(el).join('|') === 'Adventskonzert', titles(el).join('|'));
      expect(new URL(location.href).searchParams.get('w4g-accessible')).to.equal('1');
      await el.updateComplete;
      expect(statusText(el)).to.equal('1 Termin geladen.');

      const free = control<HTMLInputElement>(el, 'Nur kostenlose');
      free.click();
      await waitUntil(() => titles(el).length === 0, titles(el).join('|'));
      accessible.click();
      await waitUntil(() => titles(el).join('|') === 'Tag der offenen Tür', titles(el).join('|'));
      const params = new URL(location.href).searchParams;
      expect(params.get('w4g-free')).to.equal('1');
      expect(params.has('w4g-accessible')).to.equal(false);
      await expectAxeClean(el, 'filter bar with checkboxes');
      reset.click();
      await waitUntil(() => titles(el).length === 16, titles(el).join('|'));
      expect(new URL(location.href).searchParams.has('w4g-free')).to.equal(false);
      expect(free.checked).to.equal(false);
    });

    it('applies `accessible` and `free` set by the page, with or without the bar, and offers only what is left to choose', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} accessible></w4g-event-list>`);
      expect(el.accessible).to.equal(true);
      expect(titles(el)).to.deep.equal(['Adventskonzert']);
      el.free = true;
      await settled(el);
      expect(titles(el)).to.deep.equal([]);
      el.accessible = false;
      el.filters = true;
      await settled(el);
      expect(titles(el)).to.deep.equal(['Tag der offenen Tür']);
      const labels = [...root(el).querySelectorAll('[part="filter-bar"] label')].map((l) => text(l));
      // The page fixed "free"; among the free dates none is barrier-free, so neither box is offered.
      expect(labels).to.deep.equal(['Ort', 'Kategorie', 'Suche']);
      el.free = false;
      await settled(el);
      expect([...root(el).querySelectorAll('[part="filter-bar"] label')].map((l) => text(l))).to.include.members([
        'Nur barrierefreie',
        'Nur kostenlose',
      ]);
    });

    it('starts from w4g-accessible=1 in the page URL', async () => {
      const url = new URL(location.href);
      url.searchParams.set('w4g-accessible', '1');
      history.replaceState(history.state, '', url.href);
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} filters></w4g-event-list>`);
      await waitUntil(() => titles(el).join('|') === 'Adventskonzert', titles(el).join('|'));
      await el.updateComplete;
      expect(control<HTMLInputElement>(el, 'Nur barrierefreie').checked).to.equal(true);
    });

    it('starts from the filters in the page URL', async () => {
      const url = new URL(location.href);
      url.searchParams.set('w4g-category', 'Markt');
      history.replaceState(history.state, '', url.href);
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} filters></w4g-event-list>`);
      await waitUntil(() => titles(el).join('|') === 'Weihnachtsmarkt', titles(el).join('|'));
      await el.updateComplete;
      expect(control<HTMLSelectElement>(el, 'Kategorie').value).to.equal('Markt');
    });

    it('keeps the parameters of two lists apart by their ids', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div>
          <w4g-event-list id="a" src=${FEED} today=${TODAY} filters></w4g-event-list>
          <w4g-event-list id="b" src=${FEED} today=${TODAY} filters></w4g-event-list>
        </div>`,
      );
      const [a, b] = [...wrapper.querySelectorAll<W4gEventList>('w4g-event-list')] as [W4gEventList, W4gEventList];
      await settled(a);
      await settled(b);
      const town = control<HTMLSelectElement>(a, 'Ort');
      town.value = 'Seeland';
      town.dispatchEvent(new Event('change'));
      await waitUntil(() => titles(a).length === 4, titles(a).join('|'));
      const params = new URL(location.href).searchParams;
      expect(params.get('w4g-town-a')).to.equal('Seeland');
      expect(params.has('w4g-town')).to.equal(false);
      expect(params.has('w4g-town-b')).to.equal(false);
      expect(titles(b)).to.have.length(16);
    });

    it('never lets a URL parameter widen a town the page fixed (the bar only narrows)', async () => {
      const url = new URL(location.href);
      url.searchParams.set('w4g-town', 'Seeland');
      history.replaceState(history.state, '', url.href);
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} filters town="Arnstein"></w4g-event-list>`);
      // The page shows Arnstein only; Seeland's events must not appear.
      expect(
        titles(el).filter((t) => ['Tag der offenen Tür', 'Seniorennachmittag', 'Bastelkreis', 'Fotoausstellung'].includes(t)),
      ).to.deep.equal([]);
    });

    it("narrows a page's list of towns with the URL parameter", async () => {
      const url = new URL(location.href);
      url.searchParams.set('w4g-town', 'Seeland');
      history.replaceState(history.state, '', url.href);
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} filters town="Arnstein, Seeland"></w4g-event-list>`);
      expect(titles(el)).to.deep.equal(['Tag der offenen Tür', 'Seniorennachmittag', 'Bastelkreis', 'Fotoausstellung']);
    });

    it('leaves out the select the page already fixed with an attribute', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} filters town="Seeland"></w4g-event-list>`);
      const labels = [...root(el).querySelectorAll('[part="filter-bar"] label')].map((l) => text(l));
      // Only what Seeland's dates offer: no audience and no barrier-free dates there, one free one.
      expect(labels).to.deep.equal(['Kategorie', 'Suche', 'Nur kostenlose']);
      expect([...control<HTMLSelectElement>(el, 'Kategorie').options].map((o) => o.value)).to.deep.equal([
        '',
        'Familie',
        'Kultur',
      ]);
      expect(titles(el)).to.deep.equal(['Tag der offenen Tür', 'Seniorennachmittag', 'Bastelkreis', 'Fotoausstellung']);
    });
  });

  describe('pictures (images)', () => {
    const base = new URL('/__feeds/file/feeds/', location.href).href;
    const events: CalendarEvent[] = [
      {
        id: 'chor',
        title: 'Chorkonzert',
        start: '2026-12-05T17:00',
        timeZone: 'Europe/Berlin',
        image: `${base}konzert.png`,
        imageAlt: 'Der Chor vor dem Altar',
        imageWidth: 960,
        imageHeight: 640,
        imageSources: [
          { url: `${base}konzert.png?w=480`, width: 480, type: 'image/jpeg' },
          { url: `${base}konzert.png?w=480&f=webp`, width: 480, type: 'image/webp' },
          { url: `${base}konzert.png?w=960&f=avif`, width: 960, type: 'image/avif' },
          { url: `${base}konzert.png?w=480&f=avif`, width: 480, type: 'image/avif' },
          { url: 'https://tracker.example.com/p.avif', width: 1600, type: 'image/avif' },
        ],
      },
      { id: 'ohne', title: 'Lesung ohne Bild', start: '2026-12-06T15:00', timeZone: 'Europe/Berlin' },
      {
        id: 'fremd',
        title: 'Fremdes Bild',
        start: '2026-12-07T15:00',
        timeZone: 'Europe/Berlin',
        image: 'https://tracker.example.com/x.jpg',
      },
    ].map((e) => ({ status: 'scheduled' as const, allDay: false, categories: [], audience: [], accessibility: [], ...e }));
    const pictures = (el: W4gEventList): HTMLImageElement[] => [
      ...root(el).querySelectorAll<HTMLImageElement>('[part="event-image"]'),
    ];

    it('shows none without `images` (the list stays light)', async () => {
      const el = await list(html`<w4g-event-list .events=${events} today=${TODAY}></w4g-event-list>`);
      expect(titles(el)).to.include('Chorkonzert');
      expect(pictures(el)).to.have.length(0);
      expect(root(el).querySelector('picture')).to.equal(null);
    });

    it('with `images`: <picture> with AVIF first, then WebP, JPEG srcset, sizes, lazy, width/height and alt; axe clean', async () => {
      const el = await list(html`<w4g-event-list images .events=${events} today=${TODAY}></w4g-event-list>`);
      expect(el.images).to.equal(true);
      const [img, ...others] = pictures(el);
      expect(others, 'only the allowed picture').to.have.length(0);
      expect(item(el, 'Chorkonzert').contains(img!)).to.equal(true);
      expect(img!.getAttribute('src')).to.equal(`${base}konzert.png`);
      expect(img!.getAttribute('alt')).to.equal('Der Chor vor dem Altar');
      expect(img!.getAttribute('width')).to.equal('960');
      expect(img!.getAttribute('height')).to.equal('640');
      expect(img!.getAttribute('loading')).to.equal('lazy');
      expect(img!.getAttribute('srcset')).to.equal(`${base}konzert.png?w=480 480w`);
      expect(img!.getAttribute('sizes')).to.equal('(max-width: 36rem) 6rem, 7rem');
      const sources = [...img!.parentElement!.querySelectorAll('source')];
      expect(sources.map((x) => x.getAttribute('type'))).to.deep.equal(['image/avif', 'image/webp']);
      // Narrowest first; the third-party rendition is left out.
      expect(sources[0]!.getAttribute('srcset')).to.equal(
        `${base}konzert.png?w=480&f=avif 480w, ${base}konzert.png?w=960&f=avif 960w`,
      );
      expect(sources[0]!.getAttribute('sizes')).to.equal('(max-width: 36rem) 6rem, 7rem');
      // The box is reserved before the bytes arrive: 7rem wide, its height from width/height.
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      expect(Math.round(img!.getBoundingClientRect().width)).to.equal(Math.round(7 * rem));
      expect(getComputedStyle(img!).aspectRatio).to.equal('auto 960 / 640');
      expect(item(el, 'Lesung ohne Bild').querySelector('img')).to.equal(null);
      expect(item(el, 'Fremdes Bild').querySelector('img'), 'a third-party picture is not loaded').to.equal(null);
      await expectAxeClean(el, 'list with pictures');
    });

    it('the details view still shows the picture; the attribute reflects', async () => {
      const el = await list(html`<w4g-event-list .events=${events} today=${TODAY}></w4g-event-list>`);
      el.images = true;
      await settled(el);
      expect(el.hasAttribute('images')).to.equal(true);
      expect(pictures(el)).to.have.length(1);
      const details = await openDetails(el, 'Chorkonzert');
      const img = details.shadowRoot!.querySelector<HTMLImageElement>('[part="image"]')!;
      expect(img.getAttribute('alt')).to.equal('Der Chor vor dem Altar');
      expect([...details.shadowRoot!.querySelectorAll('picture source')].map((x) => x.getAttribute('type'))).to.deep.equal([
        'image/avif',
        'image/webp',
      ]);
    });
  });

  describe('details', () => {
    it("forwards the details view's parts as details-* so that the page can style them", async () => {
      const style = document.createElement('style');
      style.textContent =
        'w4g-event-list::part(details-title) { color: rgb(1, 2, 3); } w4g-event-list::part(details-dialog) { border-color: rgb(4, 5, 6); }';
      document.head.append(style);
      try {
        const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
        const details = await openDetails(el, 'Adventskonzert');
        const title = details.shadowRoot!.querySelector('[part="title"]')!;
        expect(getComputedStyle(title).color).to.equal('rgb(1, 2, 3)');
        expect(getComputedStyle(details.shadowRoot!.querySelector('[part="dialog"]')!).borderTopColor).to.equal('rgb(4, 5, 6)');
        await sendKeys({ press: 'Escape' });
        await waitUntil(() => !details.open, 'Escape did not close');
        // The next test's list must not find this deep link still in the URL (it would claim it).
        await waitUntil(() => location.hash === '', 'closing left the deep link in the URL');
      } finally {
        style.remove();
      }
    });

    it('opens a modal dialog with the title focused, sets the deep link, closes on Escape and gives focus back', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      const a = link(el, 'Adventskonzert');
      const selected = nextEvent<W4gEventSelectEvent>(el, 'w4g-event-select');
      const details = await openDetails(el, 'Adventskonzert');
      expect((await selected).detail.key).to.equal(KONZERT_KEY);
      const dialog = details.shadowRoot!.querySelector('dialog')!;
      expect(dialog.open).to.equal(true);
      expect(dialog.matches(':modal')).to.equal(true);
      const title = details.shadowRoot!.querySelector('[part="title"]')!;
      expect(text(title)).to.equal('Adventskonzert');
      expect(deepActiveElement()).to.equal(title);
      expect(location.hash).to.equal(`#w4g-event=${KONZERT_KEY}`);
      await expectAxeClean(el, 'details open');

      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !details.open, 'Escape did not close the dialog');
      expect(location.hash).to.equal('');
      await waitUntil(() => deepActiveElement() === a, `focus is on ${deepActiveElement()?.outerHTML}`);
    });

    it('passes locale, theme and image-origins on to the details', async () => {
      const el = await list(
        html`<w4g-event-list
          src=${FEED}
          today=${TODAY}
          theme="dark"
          image-origins="https://bilder.example.com"
        ></w4g-event-list>`,
      );
      const details = await openDetails(el, 'Lesung am Nachmittag');
      expect(details.getAttribute('theme')).to.equal('dark');
      expect(details.getAttribute('image-origins')).to.equal('https://bilder.example.com');
      details.close();
    });

    it('opens the details of `#w4g-event=<key>` on load', async () => {
      history.replaceState(history.state, '', `#w4g-event=${KONZERT_KEY}`);
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      await waitUntil(() => detailsOf(el)?.open, 'the deep link did not open the details', { timeout: 5000 });
      const details = detailsOf(el)!;
      await details.updateComplete;
      expect(text(details.shadowRoot!.querySelector('[part="title"]'))).to.equal('Adventskonzert');
      details.close();
    });
  });

  describe('JSON-LD', () => {
    it('writes schema.org JSON-LD into the light DOM, and `no-jsonld` removes it', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      const scripts = el.querySelectorAll(':scope > script');
      expect(scripts).to.have.length(1);
      const script = scripts[0]!;
      expect(script.getAttribute('type')).to.equal('application/ld+json');
      const json = script.textContent!;
      expect(json).not.to.contain('<');
      const data = JSON.stringify(JSON.parse(json));
      for (const name of ['Adventskonzert', 'Weihnachtsmarkt', 'Chorprobe', 'Gottesdienst']) expect(data).to.contain(name);
      expect(data).to.contain('schema.org');
      el.noJsonld = true;
      await el.updateComplete;
      expect(el.querySelector('script')).to.equal(null);
      el.noJsonld = false;
      await el.updateComplete;
      expect(el.querySelector('script[type="application/ld+json"]')).not.to.be.oneOf([null, undefined]);
    });

    it('writes none with the `no-jsonld` attribute', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} no-jsonld></w4g-event-list>`);
      expect(el.querySelector('script')).to.equal(null);
    });
  });

  describe('heading levels', () => {
    it('uses h3 for days and h4 for titles by default', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY}></w4g-event-list>`);
      expect(dayHeadings(el)[0]!.tagName).to.equal('H3');
      expect(root(el).querySelector('[part="event-title"]')!.tagName).to.equal('H4');
    });

    it('uses h2 and h3 with heading-level="2"', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} heading-level="2"></w4g-event-list>`);
      expect(dayHeadings(el)[0]!.tagName).to.equal('H2');
      expect(root(el).querySelector('[part="event-title"]')!.tagName).to.equal('H3');
      el.headingLevel = 5;
      await el.updateComplete;
      expect(dayHeadings(el)[0]!.tagName).to.equal('H5');
      expect(root(el).querySelector('[part="event-title"]')!.tagName).to.equal('H6');
    });
  });

  describe('English', () => {
    it('follows a lang="en" ancestor', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div lang="en"><w4g-event-list src=${FEED} today=${TODAY} limit="7"></w4g-event-list></div>`,
      );
      const el = wrapper.querySelector<W4gEventList>('w4g-event-list')!;
      await settled(el);
      expect(dayHeadings(el).map((h) => text(h))).to.include('Sat, 12 Dec 2026');
      expect(text(item(el, 'Adventskonzert').querySelector('[part="event-time"]'))).to.equal('7:30 PM – 9:30 PM');
      expect(text(item(el, 'Tag der offenen Tür').querySelector('[part="event-time"]'))).to.equal('all day');
      expect(text(item(el, 'Chorprobe').querySelector('[part="status-badge"]'))).to.equal('Cancelled');
      expect(text(item(el, 'Kabarettabend').querySelector('[part="status-badge"]'))).to.equal('Postponed');
      expect(text(root(el).querySelector('[part="more-button"]'))).to.equal('Show more');
      expect(statusText(el)).to.equal('16 events loaded.');
      await expectAxeClean(el, 'English');
    });

    it('follows locale="en" on a German page, and switches at once', async () => {
      const el = await list(html`<w4g-event-list src=${FEED} today=${TODAY} locale="en"></w4g-event-list>`);
      expect(text(dayHeadings(el)[0])).to.equal('Fri, 4 Dec 2026');
      expect(text(item(el, 'Weihnachtsmarkt').querySelector('[part="event-time"]'))).to.equal(
        'Fri, 4 Dec 2026 – Sun, 6 Dec 2026',
      );
      el.locale = undefined;
      await el.updateComplete;
      expect(text(dayHeadings(el)[0])).to.equal('Fr., 04.12.2026');
    });
  });
});
