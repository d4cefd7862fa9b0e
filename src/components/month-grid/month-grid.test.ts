import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { W4gMonthGrid } from './month-grid.js';
import type { W4gEventDetails } from '../event-details/event-details.js';
import { sharedFeedStore, type CalendarEvent } from '../../core/index.js';
import type {
  W4gDaySelectEvent,
  W4gErrorEvent,
  W4gEventSelectEvent,
  W4gLoadEvent,
  W4gRangeChangeEvent,
} from '../../shared/events.js';
import {
  cleanPageUrl,
  deepActiveElement,
  EMPTY_FEED,
  expectAxeClean,
  expectW4gEvent,
  FEED,
  fixtureText,
  nextEvent,
  resetFeeds,
  setSwitch,
  settled,
  text,
  waitForState,
} from '../../../test/browser/w4g-test-helpers.js';

const TODAY = '2026-12-09';
const KONZERT_KEY = 'konzert/2026-12-12T18:30:00Z';

const root = (el: W4gMonthGrid): ShadowRoot => el.shadowRoot!;
const heading = (el: W4gMonthGrid): HTMLElement => root(el).querySelector<HTMLElement>('[part="month-heading"]')!;
const cell = (el: W4gMonthGrid, date: string): HTMLTableCellElement => {
  const td = root(el).querySelector<HTMLTableCellElement>(`td[data-date="${date}"]`);
  expect(td, `cell ${date}`).not.to.be.oneOf([null, undefined]);
  return td!;
};
const dayButton = (el: W4gMonthGrid, date: string): HTMLButtonElement => cell(el, date).querySelector('button')!;
const cellTitles = (el: W4gMonthGrid, date: string): string[] =>
  [...cell(el, date).querySelectorAll('[part="event"] .title-text')].map((n) => text(n));
const tabStops = (el: W4gMonthGrid): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('table [tabindex="0"]')];
const panel = (el: W4gMonthGrid): HTMLElement => root(el).querySelector<HTMLElement>('[part="day-panel"]')!;
const statusText = (el: W4gMonthGrid): string => text(root(el).querySelector('[role="status"]'));
const navButton = (el: W4gMonthGrid, name: string): HTMLButtonElement => {
  const found = [...root(el).querySelectorAll<HTMLButtonElement>('[part="nav-button"]')].find(
    (b) => (b.getAttribute('aria-label') ?? text(b)) === name,
  );
  expect(found, `nav button "${name}"`).not.to.be.oneOf([null, undefined]);
  return found!;
};

async function grid(template: ReturnType<typeof html>): Promise<W4gMonthGrid> {
  const el = await fixture<W4gMonthGrid>(template);
  await settled(el);
  return el;
}

/** Presses a key on the focused day and checks that focus and the one tab stop moved to `date`. */
async function press(el: W4gMonthGrid, key: string, date: string, month = date.slice(0, 7)): Promise<void> {
  const [modifier, main] = key.includes('+') ? key.split('+') : [undefined, key];
  // The Chrome launcher's `press` takes one key; a modifier is held with down/up.
  if (modifier) await sendKeys({ down: modifier });
  try {
    await sendKeys({ press: main! });
  } finally {
    if (modifier) await sendKeys({ up: modifier });
  }
  await el.updateComplete;
  await waitUntil(
    () => deepActiveElement() === root(el).querySelector(`td[data-date="${date}"] button`),
    `${key} did not focus ${date}`,
  );
  expect(el.month, `${key}: month`).to.equal(month);
  const stops = tabStops(el);
  expect(stops, `${key}: one tab stop`).to.have.length(1);
  expect(stops[0]).to.equal(dayButton(el, date));
}

describe('w4g-month-grid', () => {
  afterEach(() => cleanPageUrl());

  describe('default render and states', () => {
    it('renders "Dezember 2026" as a native table, Monday first, with the host state "ready"', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      expect(el.getAttribute('state')).to.equal('ready');
      expect(text(heading(el))).to.equal('Dezember 2026');
      expect(heading(el).tagName).to.equal('H3');
      const table = root(el).querySelector('table')!;
      expect(root(el).getElementById(table.getAttribute('aria-labelledby')!)).to.equal(heading(el));
      const headers = [...table.querySelectorAll('thead th')];
      expect(headers.every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
      expect(headers.map((th) => text(th.querySelector('[aria-hidden="true"]')))).to.deep.equal([
        'Mo',
        'Di',
        'Mi',
        'Do',
        'Fr',
        'Sa',
        'So',
      ]);
      expect(headers.map((th) => text(th.querySelector('.visually-hidden')))).to.deep.equal([
        'Montag',
        'Dienstag',
        'Mittwoch',
        'Donnerstag',
        'Freitag',
        'Samstag',
        'Sonntag',
      ]);
      // The full name is hidden visually only, not from assistive technology.
      const hidden = headers[0]!.querySelector('.visually-hidden')!;
      expect(hidden.getAttribute('aria-hidden')).to.equal(null);
      expect(getComputedStyle(hidden).position).to.equal('absolute');
      const cells = [...table.querySelectorAll('tbody td')];
      expect(cells).to.have.length(35);
      expect(cells.every((td) => /^\d{4}-\d{2}-\d{2}$/.test(td.getAttribute('data-date') ?? ''))).to.equal(true);
      expect(cells[0]!.getAttribute('data-date')).to.equal('2026-11-30');
      expect(cells[34]!.getAttribute('data-date')).to.equal('2027-01-03');
      expect(cells.every((td) => td.querySelectorAll(':scope > button').length === 1)).to.equal(true);
      expect(cell(el, '2026-11-30').getAttribute('part')).to.contain('day--outside');
      expect(root(el).querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
    });

    it('names each day by its full date and event count', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      expect(dayButton(el, '2026-12-12').getAttribute('aria-label')).to.equal('Samstag, 12. Dezember 2026, 2 Termine');
      expect(dayButton(el, '2026-12-13').getAttribute('aria-label')).to.equal('Sonntag, 13. Dezember 2026, 1 Termin');
      expect(dayButton(el, '2026-12-01').getAttribute('aria-label')).to.equal('Dienstag, 1. Dezember 2026, keine Termine');
      expect(dayButton(el, '2026-12-15').getAttribute('aria-label')).to.equal('Dienstag, 15. Dezember 2026, 4 Termine');
      // The visible number is decoration next to the label.
      expect(dayButton(el, '2026-12-12').querySelector('[aria-hidden="true"]')!.textContent).to.equal('12');
    });

    it('marks today with aria-current="date" and makes it the one tab stop', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      const current = [...root(el).querySelectorAll('[aria-current]')];
      expect(current).to.have.length(1);
      expect(current[0]).to.equal(dayButton(el, TODAY));
      expect(current[0]!.getAttribute('aria-current')).to.equal('date');
      expect(cell(el, TODAY).getAttribute('part')).to.contain('day--today');
      expect(tabStops(el)).to.deep.equal([dayButton(el, TODAY)]);
      const others = [...root(el).querySelectorAll('table button')].filter((b) => b !== dayButton(el, TODAY));
      expect(others.every((b) => b.getAttribute('tabindex') === '-1')).to.equal(true);
    });

    it('is one tab stop: Tab enters the grid on the current day and leaves it with the next Tab', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      navButton(el, 'Nächster Monat').focus();
      await sendKeys({ press: 'Tab' });
      expect(deepActiveElement()).to.equal(dayButton(el, TODAY));
      await sendKeys({ press: 'Tab' });
      const after = deepActiveElement();
      expect(after === null || !root(el).querySelector('table')!.contains(after)).to.equal(true);
    });

    it('starts on the month of today without a `month`', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today="2026-10-20"></w4g-month-grid>`);
      expect(text(heading(el))).to.equal('Oktober 2026');
      expect(tabStops(el)).to.deep.equal([dayButton(el, '2026-10-20')]);
    });

    it('is axe clean when populated, with a selected day and with week numbers', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12" week-numbers></w4g-month-grid>`);
      await expectAxeClean(el, 'populated');
      dayButton(el, '2026-12-12').click();
      await el.updateComplete;
      await expectAxeClean(el, 'day selected');
    });

    it('is busy while loading (state "loading") and axe clean', async () => {
      const el = await fixture<W4gMonthGrid>(
        html`<w4g-month-grid src="/__feeds/slow/6000/feeds/w4g-test.json" today=${TODAY} month="2026-12"></w4g-month-grid>`,
      );
      await waitForState(el, 'loading');
      expect(root(el).querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
      expect(text(root(el).querySelector('[part="base"]'))).to.contain('Termine werden geladen');
      expect(statusText(el)).to.equal('Termine werden geladen.');
      await expectAxeClean(el, 'loading');
    });

    it('shows the empty text (state "empty") and is axe clean', async () => {
      const el = await grid(html`<w4g-month-grid src=${EMPTY_FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      expect(el.getAttribute('state')).to.equal('empty');
      const empty = root(el).querySelector<HTMLElement>('[part="empty"]')!;
      expect(empty.hidden).to.equal(false);
      expect(text(empty)).to.equal('Keine Termine gefunden.');
      expect(root(el).querySelectorAll('td')).to.have.length(35);
      await expectAxeClean(el, 'empty');
    });

    it('shows the empty text for a month without events of a feed that has some', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2027-02"></w4g-month-grid>`);
      expect(el.getAttribute('state')).to.equal('empty');
      expect(root(el).querySelector<HTMLElement>('[part="empty"]')!.hidden).to.equal(false);
    });

    it('shows role="alert" with a German message and a retry button on a 500 (state "error"), axe clean', async () => {
      const el = await grid(html`<w4g-month-grid src="/__feeds/status/500" today=${TODAY} month="2026-12"></w4g-month-grid>`);
      expect(el.getAttribute('state')).to.equal('error');
      const alert = root(el).querySelector('[role="alert"]')!;
      expect(text(alert)).to.contain('Der Kalender konnte nicht geladen werden.');
      expect(text(alert)).to.contain('Der Server hat mit einem Fehler geantwortet (500).');
      expect(text(alert.querySelector('button'))).to.equal('Erneut versuchen');
      await expectAxeClean(el, 'error');
    });
  });

  describe('attributes and properties', () => {
    it('reads every attribute into its property', async () => {
      const el = await fixture<W4gMonthGrid>(
        html`<w4g-month-grid
          src=${EMPTY_FEED}
          town="Arnstein"
          category="Kultur"
          organizer="st-stephani"
          audience="Familien"
          q="Advent"
          locale="en"
          time-zone="America/New_York"
          today=${TODAY}
          month="2027-03"
          week-numbers
          max-per-day="5"
          selected="2027-03-04"
          heading-level="4"
          no-jsonld
          theme="dark"
          image-origins="https://bilder.example.com"
        ></w4g-month-grid>`,
      );
      expect(el.src).to.equal(EMPTY_FEED);
      expect(el.town).to.equal('Arnstein');
      expect(el.category).to.equal('Kultur');
      expect(el.organizer).to.equal('st-stephani');
      expect(el.audience).to.equal('Familien');
      expect(el.q).to.equal('Advent');
      expect(el.locale).to.equal('en');
      expect(el.timeZone).to.equal('America/New_York');
      expect(el.today).to.equal(TODAY);
      expect(el.month).to.equal('2027-03');
      expect(el.weekNumbers).to.equal(true);
      expect(el.maxPerDay).to.equal(5);
      expect(el.selected).to.equal('2027-03-04');
      expect(el.headingLevel).to.equal(4);
      expect(el.noJsonld).to.equal(true);
      expect(el.theme).to.equal('dark');
      expect(el.imageOrigins).to.equal('https://bilder.example.com');
    });

    it('has the documented defaults', async () => {
      const el = await fixture<W4gMonthGrid>(html`<w4g-month-grid today=${TODAY}></w4g-month-grid>`);
      expect(el.weekNumbers).to.equal(false);
      expect(el.maxPerDay).to.equal(3);
      expect(el.headingLevel).to.equal(3);
      expect(el.selected).to.equal(undefined);
    });

    it('reflects month, selected, locale and theme to attributes', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY}></w4g-month-grid>`);
      el.month = '2027-01';
      el.selected = '2027-01-05';
      el.locale = 'en';
      el.theme = 'dark';
      await el.updateComplete;
      expect(el.getAttribute('month')).to.equal('2027-01');
      expect(el.getAttribute('selected')).to.equal('2027-01-05');
      expect(el.getAttribute('locale')).to.equal('en');
      expect(el.getAttribute('theme')).to.equal('dark');
      expect(text(heading(el))).to.equal('January 2027');
    });

    it('follows a `month` set by the page, without firing w4g-range-change', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      let count = 0;
      el.addEventListener('w4g-range-change', () => count++);
      el.setAttribute('month', '2026-10');
      await el.updateComplete;
      expect(text(heading(el))).to.equal('Oktober 2026');
      await waitUntil(() => cellTitles(el, '2026-10-25').join() === 'Gottesdienst', 'October data');
      expect(count).to.equal(0);
    });

    it('applies town, category, organizer, audience and q', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12" town="Arnstein"></w4g-month-grid>`);
      expect(cellTitles(el, '2026-12-12')).to.deep.equal(['Lesung am Nachmittag']);
      expect(dayButton(el, '2026-12-12').getAttribute('aria-label')).to.equal('Samstag, 12. Dezember 2026, 1 Termin');
      expect(cellTitles(el, '2026-12-13')).to.deep.equal([]);
      el.town = undefined;
      el.setAttribute('category', 'Musik');
      await waitUntil(() => cellTitles(el, '2026-12-12').join() === 'Adventskonzert', 'category');
      el.category = undefined;
      el.organizer = 'Heimatverein Arnstein e.V.';
      await waitUntil(() => cellTitles(el, '2026-12-12').join() === 'Lesung am Nachmittag', 'organizer');
      el.organizer = undefined;
      el.audience = 'Familien';
      await waitUntil(() => cellTitles(el, '2026-12-12').join() === 'Adventskonzert', 'audience');
      el.audience = undefined;
      el.q = 'Spiele';
      await waitUntil(() => cellTitles(el, '2026-12-15').join() === 'Spieleabend', 'q');
    });

    it('uses the heading level for the month (default h3) and the day panel (one deeper)', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12" heading-level="2"></w4g-month-grid>`);
      expect(heading(el).tagName).to.equal('H2');
      dayButton(el, '2026-12-12').click();
      await el.updateComplete;
      expect(panel(el).querySelector('[part="panel-heading"]')!.tagName).to.equal('H3');
    });

    it('switches the theme with `theme="dark"`', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12" theme="dark"></w4g-month-grid>`);
      expect(getComputedStyle(root(el).querySelector('[part="base"]')!).backgroundColor).to.equal('rgb(27, 29, 31)');
      await expectAxeClean(el, 'dark');
    });

    it('follows the system with `theme="auto"`: the dark tokens on a dark system, the light ones otherwise', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12" theme="auto"></w4g-month-grid>`);
      const background = () => getComputedStyle(root(el).querySelector('[part="base"]')!).backgroundColor;
      try {
        await emulateMedia({ colorScheme: 'dark' });
        expect(background()).to.equal('rgb(27, 29, 31)');
        await emulateMedia({ colorScheme: 'light' });
        expect(background()).to.equal('rgb(255, 255, 255)');
      } finally {
        await emulateMedia({ colorScheme: 'no-preference' });
      }
    });
  });

  describe('events in the cells', () => {
    let el: W4gMonthGrid;
    beforeEach(async () => {
      el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
    });

    it('shows an all-day multi-day event on every covered day (end exclusive)', () => {
      for (const d of ['2026-12-04', '2026-12-05', '2026-12-06']) expect(cellTitles(el, d), d).to.include('Weihnachtsmarkt');
      expect(cellTitles(el, '2026-12-07')).not.to.include('Weihnachtsmarkt');
      expect(cellTitles(el, '2026-12-03')).not.to.include('Weihnachtsmarkt');
      expect(dayButton(el, '2026-12-06').getAttribute('aria-label')).to.equal('Sonntag, 6. Dezember 2026, 2 Termine');
    });

    it('shows a timed multi-day event on every covered day', () => {
      for (const d of ['2026-12-18', '2026-12-19', '2026-12-20']) expect(cellTitles(el, d), d).to.include('Jugendfreizeit');
      expect(cellTitles(el, '2026-12-21')).not.to.include('Jugendfreizeit');
    });

    it('shows "+n weitere" past max-per-day', async () => {
      expect(cellTitles(el, '2026-12-15')).to.deep.equal(['Seniorennachmittag', 'Bastelkreis', 'Bürgersprechstunde']);
      expect(text(cell(el, '2026-12-15').querySelector('[part="more-button"]'))).to.equal('+1 weitere');
      expect(cell(el, '2026-12-12').querySelector('[part="more-button"]')).to.equal(null);
      el.maxPerDay = 2;
      await el.updateComplete;
      expect(cellTitles(el, '2026-12-15')).to.have.length(2);
      expect(text(cell(el, '2026-12-15').querySelector('[part="more-button"]'))).to.equal('+2 weitere');
      el.setAttribute('max-per-day', '1');
      await el.updateComplete;
      expect(text(cell(el, '2026-12-12').querySelector('[part="more-button"]'))).to.equal('+1 weitere');
    });

    it('"+n weitere" lists the whole day in the panel and moves focus there', async () => {
      const selected = nextEvent<W4gDaySelectEvent>(el, 'w4g-day-select');
      cell(el, '2026-12-15').querySelector<HTMLButtonElement>('[part="more-button"]')!.click();
      expect((await selected).detail.date).to.equal('2026-12-15');
      await el.updateComplete;
      const links = [...panel(el).querySelectorAll('a')];
      expect(links.map((a) => text(a))).to.deep.equal(['Seniorennachmittag', 'Bastelkreis', 'Bürgersprechstunde', 'Spieleabend']);
      await waitUntil(() => deepActiveElement() === links[0], 'focus did not move to the panel');
    });

    it('says that a cancelled event is cancelled', () => {
      const chip = [...cell(el, '2026-12-10').querySelectorAll('[part="event"]')][0]!;
      expect(text(chip)).to.equal('Chorprobe (Abgesagt)');
      expect(getComputedStyle(chip.querySelector('.title-text')!).textDecorationLine).to.contain('line-through');
    });
  });

  describe('keyboard', () => {
    it('moves by day, week, week start/end, month and year; focus and the tab stop follow, the heading changes', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      const ranges: W4gRangeChangeEvent[] = [];
      el.addEventListener('w4g-range-change', (e) => ranges.push(e));
      dayButton(el, TODAY).focus();
      await press(el, 'ArrowRight', '2026-12-10', '2026-12');
      await press(el, 'ArrowLeft', '2026-12-09', '2026-12');
      await press(el, 'ArrowDown', '2026-12-16', '2026-12');
      await press(el, 'ArrowUp', '2026-12-09', '2026-12');
      await press(el, 'Home', '2026-12-07', '2026-12');
      await press(el, 'End', '2026-12-13', '2026-12');
      expect(ranges).to.have.length(0);
      await press(el, 'PageDown', '2027-01-13');
      expect(text(heading(el))).to.equal('Januar 2027');
      expect(el.getAttribute('month')).to.equal('2027-01');
      await press(el, 'PageUp', '2026-12-13');
      expect(text(heading(el))).to.equal('Dezember 2026');
      await press(el, 'Shift+PageDown', '2027-12-13');
      expect(text(heading(el))).to.equal('Dezember 2027');
      await press(el, 'Shift+PageUp', '2026-12-13');
      expect(text(heading(el))).to.equal('Dezember 2026');
      expect(ranges.map((e) => e.detail.month)).to.deep.equal(['2027-01', '2026-12', '2027-12', '2026-12']);
      expectW4gEvent(ranges[0]!, 'w4g-range-change');
      expect(ranges[0]!.detail).to.deep.equal({ start: '2026-12-28', end: '2027-01-31', month: '2027-01' });
      expect(ranges[1]!.detail).to.deep.equal({ start: '2026-11-30', end: '2027-01-03', month: '2026-12' });
    });

    it('crosses month edges with the arrows and clamps PageDown to the month length', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      dayButton(el, '2026-12-31').focus();
      await press(el, 'ArrowRight', '2027-01-01');
      expect(text(heading(el))).to.equal('Januar 2027');
      await press(el, 'ArrowLeft', '2026-12-31');
      expect(text(heading(el))).to.equal('Dezember 2026');
      await press(el, 'ArrowDown', '2027-01-07');
      await press(el, 'ArrowUp', '2026-12-31');
      await press(el, 'PageDown', '2027-01-31');
      await press(el, 'PageDown', '2027-02-28');
      expect(text(heading(el))).to.equal('Februar 2027');
      dayButton(el, '2027-02-01').focus();
      await press(el, 'ArrowLeft', '2027-01-31');
      await press(el, 'Home', '2027-01-25');
      await press(el, 'ArrowUp', '2027-01-18');
      dayButton(el, '2027-01-01').focus();
      await press(el, 'ArrowUp', '2026-12-25');
      expect(text(heading(el))).to.equal('Dezember 2026');
    });

    it('moves into the neighbouring month from a day shown outside the month', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      dayButton(el, '2026-12-01').focus();
      await press(el, 'ArrowLeft', '2026-11-30');
      expect(text(heading(el))).to.equal('November 2026');
    });

    it('selects a day with Enter and with Space and lists its events in the panel', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      expect(panel(el).hidden).to.equal(true);
      dayButton(el, TODAY).focus();
      await press(el, 'ArrowRight', '2026-12-10');
      await press(el, 'ArrowRight', '2026-12-11');
      await press(el, 'ArrowRight', '2026-12-12');
      let selected = nextEvent<W4gDaySelectEvent>(el, 'w4g-day-select');
      await sendKeys({ press: 'Enter' });
      let event = await selected;
      expectW4gEvent(event, 'w4g-day-select');
      expect(event.detail.date).to.equal('2026-12-12');
      expect(event.detail.occurrences.map((o) => o.title)).to.deep.equal(['Lesung am Nachmittag', 'Adventskonzert']);
      await el.updateComplete;
      expect(el.selected).to.equal('2026-12-12');
      expect(el.getAttribute('selected')).to.equal('2026-12-12');
      expect(dayButton(el, '2026-12-12').getAttribute('aria-pressed')).to.equal('true');
      expect(panel(el).hidden).to.equal(false);
      expect(text(panel(el).querySelector('[part="panel-heading"]'))).to.equal('Samstag, 12. Dezember 2026');
      expect(panel(el).querySelector('[part="panel-heading"]')!.tagName).to.equal('H4');
      expect([...panel(el).querySelectorAll('[part~="panel-event"]')].map((li) => text(li))).to.deep.equal([
        '15:00–16:00 Uhr Lesung am Nachmittag · Arnstein',
        '19:30–21:30 Uhr Adventskonzert · Aschersleben',
      ]);
      expect(statusText(el)).to.equal('Samstag, 12. Dezember 2026: 2 Termine');
      expect(deepActiveElement()).to.equal(dayButton(el, '2026-12-12'));

      await press(el, 'ArrowDown', '2026-12-19');
      await press(el, 'ArrowLeft', '2026-12-18');
      await press(el, 'ArrowLeft', '2026-12-17');
      await press(el, 'ArrowLeft', '2026-12-16');
      await press(el, 'ArrowLeft', '2026-12-15');
      selected = nextEvent<W4gDaySelectEvent>(el, 'w4g-day-select');
      await sendKeys({ press: 'Space' });
      event = await selected;
      expect(event.detail.date).to.equal('2026-12-15');
      await el.updateComplete;
      expect(panel(el).querySelectorAll('[part~="panel-event"]')).to.have.length(4);
      expect(dayButton(el, '2026-12-12').getAttribute('aria-pressed')).to.equal('false');
    });

    it('lists the day the page selects with `selected`, without firing w4g-day-select', async () => {
      const el = fixtureSync<W4gMonthGrid>(
        html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12" selected="2026-12-12"></w4g-month-grid>`,
      );
      let count = 0;
      el.addEventListener('w4g-day-select', () => count++);
      await settled(el);
      expect(panel(el).hidden).to.equal(false);
      expect(panel(el).querySelectorAll('[part~="panel-event"]')).to.have.length(2);
      expect(dayButton(el, '2026-12-12').getAttribute('aria-pressed')).to.equal('true');
      expect(cell(el, '2026-12-12').getAttribute('part')).to.contain('day--selected');
      expect(count).to.equal(0);
    });

    it('a click on a day of the neighbouring month selects it and shows that month', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      const change = nextEvent<W4gRangeChangeEvent>(el, 'w4g-range-change');
      const selected = nextEvent<W4gDaySelectEvent>(el, 'w4g-day-select');
      dayButton(el, '2026-11-30').click();
      expect((await selected).detail.date).to.equal('2026-11-30');
      expect((await change).detail.month).to.equal('2026-11');
      await el.updateComplete;
      expect(text(heading(el))).to.equal('November 2026');
      expect(el.selected).to.equal('2026-11-30');
    });

    it('Enter on a day of the neighbouring month shows that month and keeps focus on the day', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      // Sunday 2027-01-03 ends the last week shown for December.
      expect(cell(el, '2027-01-03').getAttribute('part')).to.contain('day--outside');
      dayButton(el, '2027-01-03').focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await waitUntil(() => deepActiveElement() === dayButton(el, '2027-01-03'), 'focus did not follow into January');
      expect(text(heading(el))).to.equal('Januar 2027');
      expect(el.selected).to.equal('2027-01-03');
    });

    it('keeps a cancelled chip in a Sunday cell inside the grid (no sideways scrolling)', async () => {
      const events: CalendarEvent[] = [
        {
          id: 'abgesagt',
          title: 'Sonntagskonzert mit einem sehr langen Titel, der nicht in die Zelle passt',
          start: '2026-12-13T17:00:00',
          end: '2026-12-13T19:00:00',
          allDay: false,
          timeZone: 'Europe/Berlin',
          status: 'cancelled',
          categories: [],
          audience: [],
          accessibility: [],
        },
      ];
      const el = await fixture<W4gMonthGrid>(
        html`<w4g-month-grid today=${TODAY} month="2026-12" .events=${events}></w4g-month-grid>`,
      );
      await settled(el);
      expect(text(cell(el, '2026-12-13').querySelector('[part="event"]'))).to.contain('(Abgesagt)');
      expect(el.scrollWidth, 'the element is not wider than its box').to.be.at.most(el.clientWidth);
      expect(document.documentElement.scrollWidth).to.be.at.most(document.documentElement.clientWidth);
    });

    it('says so when the selected day has no events', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      dayButton(el, '2026-12-02').click();
      await el.updateComplete;
      expect(text(panel(el))).to.contain('An diesem Tag sind keine Termine eingetragen.');
      expect(statusText(el)).to.equal('Mittwoch, 2. Dezember 2026: keine Termine');
    });

    it('announces the new month when the keyboard changes it', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      dayButton(el, TODAY).focus();
      await press(el, 'PageDown', '2027-01-09');
      // STYLE.md: the month heading is aria-live="polite" (or the status region says the month).
      const live = heading(el).closest('[aria-live]')?.getAttribute('aria-live');
      expect(
        live === 'polite' || statusText(el).includes('Januar 2027'),
        `aria-live=${live}, status="${statusText(el)}"`,
      ).to.equal(true);
    });
  });

  describe('subscribe', () => {
    it('offers the events.ics of the same organizer under the header, accessible when open', async () => {
      const el = await grid(
        html`<w4g-month-grid
          src="/api/events.json"
          organizer="heimatverein-arnstein"
          today=${TODAY}
          month="2026-12"
          subscribe
        ></w4g-month-grid>`,
      );
      const base = el.shadowRoot!.querySelector('[part="base"]')!;
      const header = base.querySelector('[part="header"]')!;
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="subscribe-button"]')!;
      expect(header.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING).not.to.equal(0);
      button.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector<HTMLInputElement>('#subscribe-url')!.value).to.equal(
        `${location.origin}/api/events.ics?organizer=heimatverein-arnstein`,
      );
      expect(el.shadowRoot!.querySelector('[part="subscribe-title"]')!.tagName).to.equal('H4');
      await expectAxeClean(el, 'subscribe open');
    });
  });

  describe('navigation buttons', () => {
    it('goes to the previous and next month and back to today, firing w4g-range-change', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      let change = nextEvent<W4gRangeChangeEvent>(el, 'w4g-range-change');
      navButton(el, 'Vorheriger Monat').click();
      let event = await change;
      expectW4gEvent(event, 'w4g-range-change');
      expect(event.detail).to.deep.equal({ start: '2026-10-26', end: '2026-12-06', month: '2026-11' });
      await el.updateComplete;
      expect(text(heading(el))).to.equal('November 2026');
      await waitUntil(() => cellTitles(el, '2026-11-29').join() === 'Gottesdienst', 'November data');
      expect(tabStops(el)).to.deep.equal([dayButton(el, '2026-11-09')]);

      navButton(el, 'Nächster Monat').click();
      navButton(el, 'Nächster Monat').click();
      await el.updateComplete;
      expect(text(heading(el))).to.equal('Januar 2027');
      expect(el.month).to.equal('2027-01');

      change = nextEvent<W4gRangeChangeEvent>(el, 'w4g-range-change');
      navButton(el, 'Heute').click();
      event = await change;
      expect(event.detail.month).to.equal('2026-12');
      await el.updateComplete;
      expect(text(heading(el))).to.equal('Dezember 2026');
      expect(tabStops(el)).to.deep.equal([dayButton(el, TODAY)]);
    });

    it('shows ISO week numbers "KW" with `week-numbers`', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12" week-numbers></w4g-month-grid>`);
      const first = root(el).querySelector('thead th')!;
      expect(text(first)).to.equal('KW');
      expect(first.querySelector('abbr')!.getAttribute('title')).to.equal('Kalenderwoche');
      const rows = [...root(el).querySelectorAll('tbody th[scope="row"]')];
      expect(rows.map((th) => text(th.querySelector('[aria-hidden="true"]')))).to.deep.equal(['49', '50', '51', '52', '53']);
      expect(text(rows[0]!.querySelector('.visually-hidden'))).to.equal('Kalenderwoche 49');
      el.weekNumbers = false;
      await el.updateComplete;
      expect(root(el).querySelectorAll('tbody th')).to.have.length(0);
      expect(text(root(el).querySelector('thead th'))).to.equal('MoMontag');
    });
  });

  describe('feed events', () => {
    beforeEach(() => resetFeeds());

    it('fires w4g-load after the render', async () => {
      const el = fixtureSync<W4gMonthGrid>(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      const event = await nextEvent<W4gLoadEvent>(el, 'w4g-load');
      expectW4gEvent(event, 'w4g-load');
      expect(event.detail.count).to.equal(16);
      expect(event.detail.stale).to.equal(false);
      expect(event.detail.feedErrors).to.deep.equal([]);
      expect(event.detail.sources).to.deep.equal([new URL(FEED, location.href).href]);
      expect(cellTitles(el, '2026-12-12')).to.have.length(2);
    });

    it('fires w4g-error and reloads with the retry button', async () => {
      const key = 'grid-retry';
      await setSwitch(key, { fail: true });
      const el = fixtureSync<W4gMonthGrid>(
        html`<w4g-month-grid src=${`/__feeds/switch/${key}`} today=${TODAY} month="2026-12"></w4g-month-grid>`,
      );
      const event = await nextEvent<W4gErrorEvent>(el, 'w4g-error');
      expectW4gEvent(event, 'w4g-error');
      expect(event.detail).to.include({ kind: 'http', status: 503, stale: false });
      await setSwitch(key, await fixtureText(FEED));
      const loaded = nextEvent<W4gLoadEvent>(el, 'w4g-load');
      root(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
      await loaded;
      await waitForState(el, 'ready');
      expect(root(el).querySelector('[role="alert"]')).to.equal(null);
      expect(cellTitles(el, '2026-12-12')).to.have.length(2);
    });

    it('keeps the old month data with a notice when a later load fails (stale)', async () => {
      const key = 'grid-stale';
      const src = `/__feeds/switch/${key}`;
      await setSwitch(key, await fixtureText(FEED));
      const el = await grid(html`<w4g-month-grid src=${src} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      await setSwitch(key, { fail: true });
      // Later the visitor goes to the next month: the cached feed is old and is asked again.
      sharedFeedStore().peek(src)!.loadedAt = Date.now() - 3_600_000;
      const failed = nextEvent<W4gErrorEvent>(el, 'w4g-error');
      navButton(el, 'Vorheriger Monat').click();
      const event = await failed;
      expect(event.detail).to.include({ kind: 'http', status: 503, stale: true });
      await waitForState(el, 'error');
      expect(root(el).querySelector('[role="alert"]')).to.equal(null);
      expect(text(root(el).querySelector('[part="notice"]'))).to.contain('angezeigt wird der letzte bekannte Stand');
      expect(cellTitles(el, '2026-11-29')).to.deep.equal(['Gottesdienst']);
      await expectAxeClean(el, 'error with old data');
    });
  });

  describe('details from the grid', () => {
    it('opens the details of an event chip in a modal dialog (w4g-event-select), axe clean', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      const selected = nextEvent<W4gEventSelectEvent>(el, 'w4g-event-select');
      const chip = [...cell(el, '2026-12-12').querySelectorAll<HTMLButtonElement>('[part="event"]')][1]!;
      expect(chip.getAttribute('title')).to.equal('Adventskonzert');
      chip.click();
      const event = await selected;
      expectW4gEvent(event, 'w4g-event-select');
      expect(event.cancelable).to.equal(true);
      expect(event.detail.key).to.equal(KONZERT_KEY);
      await waitUntil(() => root(el).querySelector<W4gEventDetails>('w4g-event-details')?.open, 'no dialog');
      const details = root(el).querySelector<W4gEventDetails>('w4g-event-details')!;
      await details.updateComplete;
      expect(text(details.shadowRoot!.querySelector('[part="title"]'))).to.equal('Adventskonzert');
      expect(deepActiveElement()).to.equal(details.shadowRoot!.querySelector('[part="title"]'));
      await expectAxeClean(el, 'details open');
      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !details.open, 'Escape did not close');
      // The next test's grid must not find this deep link still in the URL (it would claim it).
      await waitUntil(() => location.hash === '', 'closing left the deep link in the URL');
    });

    it('keeps the dialog closed when w4g-event-select is cancelled', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      el.addEventListener('w4g-event-select', (e) => e.preventDefault(), { once: true });
      dayButton(el, '2026-12-12').click();
      await el.updateComplete;
      panel(el).querySelector('a')!.click();
      await el.updateComplete;
      expect(root(el).querySelector<W4gEventDetails>('w4g-event-details')?.open ?? false).to.equal(false);
      expect(location.hash).to.equal('');
    });

    it('opens the details of `#w4g-event=<key>` on load', async () => {
      history.replaceState(history.state, '', `#w4g-event=${KONZERT_KEY}`);
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      await waitUntil(() => root(el).querySelector<W4gEventDetails>('w4g-event-details')?.open, 'deep link not opened', {
        timeout: 5000,
      });
      const details = root(el).querySelector<W4gEventDetails>('w4g-event-details')!;
      await details.updateComplete;
      expect(text(details.shadowRoot!.querySelector('[part="title"]'))).to.equal('Adventskonzert');
      details.close();
    });
  });

  describe('JSON-LD', () => {
    it("writes the month's events as JSON-LD into the light DOM; `no-jsonld` removes it", async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
      const script = el.querySelector(':scope > script[type="application/ld+json"]')!;
      expect(script).not.to.be.oneOf([null, undefined]);
      expect(script.textContent).not.to.contain('<');
      const data = JSON.stringify(JSON.parse(script.textContent!));
      expect(data).to.contain('Adventskonzert');
      expect(data).to.contain('Weihnachtsmarkt');
      el.setAttribute('no-jsonld', '');
      await el.updateComplete;
      expect(el.querySelector('script')).to.equal(null);
    });
  });

  describe('time zones', () => {
    it('shows Berlin times to a visitor in New York across the DST change', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today="2026-10-20" month="2026-10"></w4g-month-grid>`);
      for (const d of ['2026-10-04', '2026-10-11', '2026-10-18', '2026-10-25'])
        expect(cellTitles(el, d), d).to.deep.equal(['Gottesdienst']);
      for (const [d, time] of [
        ['2026-10-18', '10:00–11:00 Uhr'],
        ['2026-10-25', '10:00–11:00 Uhr'],
        ['2026-11-01', '10:00–11:00 Uhr'],
      ] as const) {
        dayButton(el, d).click();
        await el.updateComplete;
        expect(text(panel(el).querySelector('.panel-time')), d).to.equal(time);
      }
    });

    it('shows New York times with time-zone="America/New_York"', async () => {
      const el = await grid(
        html`<w4g-month-grid src=${FEED} today="2026-10-20" month="2026-10" time-zone="America/New_York"></w4g-month-grid>`,
      );
      for (const [d, time] of [
        ['2026-10-18', '04:00–05:00 Uhr'],
        ['2026-10-25', '05:00–06:00 Uhr'],
      ] as const) {
        dayButton(el, d).click();
        await el.updateComplete;
        expect(text(panel(el).querySelector('.panel-time')), d).to.equal(time);
      }
    });
  });

  describe('English', () => {
    it('follows a lang="en" ancestor', async () => {
      const wrapper = await fixture<HTMLElement>(
        html`<div lang="en"><w4g-month-grid src=${FEED} today=${TODAY} month="2026-12" week-numbers></w4g-month-grid></div>`,
      );
      const el = wrapper.querySelector<W4gMonthGrid>('w4g-month-grid')!;
      await settled(el);
      expect(text(heading(el))).to.equal('December 2026');
      const headers = [...root(el).querySelectorAll('thead th[part="weekday"]')];
      expect(headers.map((th) => text(th.querySelector('[aria-hidden="true"]')))).to.deep.equal([
        'Mon',
        'Tue',
        'Wed',
        'Thu',
        'Fri',
        'Sat',
        'Sun',
      ]);
      expect(text(headers[0]!.querySelector('.visually-hidden'))).to.equal('Monday');
      expect(dayButton(el, '2026-12-12').getAttribute('aria-label')).to.equal('Saturday, 12 December 2026, 2 events');
      expect(text(cell(el, '2026-12-15').querySelector('[part="more-button"]'))).to.equal('+1 more');
      expect(navButton(el, 'Today')).not.to.be.oneOf([null, undefined]);
      expect(navButton(el, 'Previous month')).not.to.be.oneOf([null, undefined]);
      dayButton(el, '2026-12-12').click();
      await el.updateComplete;
      expect(text(panel(el).querySelector('[part~="panel-event"]'))).to.contain('3:00 PM');
      await expectAxeClean(el, 'English');
    });

    it('follows locale="en"', async () => {
      const el = await grid(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12" locale="en"></w4g-month-grid>`);
      expect(text(heading(el))).to.equal('December 2026');
      expect(text(root(el).querySelector('[part="nav-button"]:nth-of-type(2)'))).to.equal('Today');
    });
  });
});
