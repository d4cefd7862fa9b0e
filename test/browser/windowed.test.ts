/**
 * Windowed feeds in the browser (issue 11): the elements against a fixture served the way the
 * reference server serves its feed (test/feed-middleware.js calls the server's own
 * renderView), and against the same fixture as a static file.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/month-grid/define.js';
import '../../src/components/event-list/define.js';
import type { W4gMonthGrid } from '../../src/components/month-grid/month-grid.js';
import type { W4gEventList } from '../../src/components/event-list/event-list.js';
import type { W4gEventDetails } from '../../src/components/event-details/event-details.js';
import { sharedFeedStore } from '../../src/core/index.js';
import { cleanPageUrl, FEED, requestCount, resetFeeds, setSwitch, settled, text, waitForState } from './w4g-test-helpers.js';

const TODAY = '2026-12-09';
const FIXTURE = 'feeds/w4g-test.json';
const WINDOWED = `/__feeds/windowed/${FIXTURE}`;
/** The December grid's six weeks as the grid asks for them (`end` exclusive). */
const DECEMBER = 'start=2026-11-30&end=2027-01-04';
const JANUARY = 'start=2026-12-28&end=2027-02-01';

async function asked(path: string): Promise<string[]> {
  const response = await fetch(`/__feeds/asked?path=${encodeURIComponent(path)}`);
  return ((await response.json()) as { asked: string[] }).asked;
}

const root = (el: Element): ShadowRoot => el.shadowRoot!;

/** Every day cell's date and event titles: what a visitor sees of the month. */
function cells(el: W4gMonthGrid): string[] {
  return [...root(el).querySelectorAll('td[data-date]')].map(
    (td) =>
      `${td.getAttribute('data-date')}: ${[...td.querySelectorAll('[part="event"] .title-text')].map((n) => text(n)).join(' | ')}`,
  );
}

function navButton(el: W4gMonthGrid, name: string): HTMLButtonElement {
  return [...root(el).querySelectorAll<HTMLButtonElement>('[part="nav-button"]')].find(
    (b) => (b.getAttribute('aria-label') ?? text(b)) === name,
  )!;
}

async function navigate(el: W4gMonthGrid, name: string, month: string): Promise<void> {
  navButton(el, name).click();
  await waitUntil(() => el.month === month, `not at ${month}`);
  await waitUntil(() => root(el).querySelector(`td[data-date="${month}-15"]`) !== null, 'the month was not drawn');
  await settled(el);
}

describe('windowed feeds', () => {
  beforeEach(async () => {
    await resetFeeds();
    cleanPageUrl();
  });
  after(cleanPageUrl);

  it('the grid asks a windowed server for its six weeks, a new window per month, and shows what the static file shows', async () => {
    const el = await fixture<W4gMonthGrid>(
      html`<w4g-month-grid src=${WINDOWED} today=${TODAY} month="2026-12"></w4g-month-grid>`,
    );
    await settled(el);
    expect(await asked(WINDOWED)).to.deep.equal([DECEMBER]);
    expect(sharedFeedStore().mode(WINDOWED)).to.equal('windowed');
    const december = cells(el);
    expect(december.find((c) => c.startsWith('2026-12-13'))).to.contain('Gottesdienst');

    await navigate(el, 'Nächster Monat', '2027-01');
    expect(await asked(WINDOWED)).to.deep.equal([DECEMBER, JANUARY]);
    const january = cells(el);
    await navigate(el, 'Vorheriger Monat', '2026-12');
    expect(await asked(WINDOWED), 'a window already loaded is not asked again').to.have.length(2);

    const full = await fixture<W4gMonthGrid>(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`);
    await settled(full);
    expect(december).to.deep.equal(cells(full));
    await navigate(full, 'Nächster Monat', '2027-01');
    expect(january).to.deep.equal(cells(full));
  });

  it('a static file is downloaded once for the whole page, whatever the windows', async () => {
    const [grid, list] = [
      await fixture<W4gMonthGrid>(html`<w4g-month-grid src=${FEED} today=${TODAY} month="2026-12"></w4g-month-grid>`),
      await fixture<W4gEventList>(
        html`<w4g-event-list src=${FEED} today=${TODAY} to="2027-03-31" town="Seeland"></w4g-event-list>`,
      ),
    ];
    await Promise.all([settled(grid), settled(list)]);
    await navigate(grid, 'Nächster Monat', '2027-01');
    expect(await requestCount(FEED)).to.equal(1);
    expect(sharedFeedStore().mode(FEED)).to.equal('static');
    const [first] = await asked(FEED);
    expect(first, 'the first request offered a window').to.match(/^start=/);
  });

  it('two elements with the same window and filters share one request; other filters are another', async () => {
    const [a, b, c] = await Promise.all([
      fixture<W4gMonthGrid>(
        html`<w4g-month-grid src=${WINDOWED} today=${TODAY} month="2026-12" category="Kirche"></w4g-month-grid>`,
      ),
      fixture<W4gMonthGrid>(
        html`<w4g-month-grid src=${WINDOWED} today=${TODAY} month="2026-12" category="Kirche"></w4g-month-grid>`,
      ),
      fixture<W4gMonthGrid>(html`<w4g-month-grid src=${WINDOWED} today=${TODAY} month="2026-12"></w4g-month-grid>`),
    ]);
    await Promise.all([settled(a), settled(b), settled(c)]);
    expect((await asked(WINDOWED)).sort()).to.deep.equal([DECEMBER, `${DECEMBER}&category=Kirche`]);
    expect(cells(a)).to.deep.equal(cells(b));
    expect(cells(a).join()).not.to.contain('Weihnachtsmarkt');
    expect(cells(c).join()).to.contain('Weihnachtsmarkt');
  });

  it('the list sends the page’s filters; the visitor’s choice narrows on the client, as with the whole feed', async () => {
    const windowed = await fixture<W4gEventList>(
      html`<w4g-event-list
        src=${WINDOWED}
        today=${TODAY}
        from="2026-12-01"
        to="2026-12-31"
        town="Aschersleben, Seeland"
        filters
      ></w4g-event-list>`,
    );
    const full = await fixture<W4gEventList>(
      html`<w4g-event-list
        src=${FEED}
        today=${TODAY}
        from="2026-12-01"
        to="2026-12-31"
        town="Aschersleben, Seeland"
        filters
      ></w4g-event-list>`,
    );
    await Promise.all([settled(windowed), settled(full)]);
    expect(await asked(WINDOWED)).to.deep.equal(['start=2026-12-01&end=2027-01-01&town=Aschersleben%2C+Seeland']);
    const keys = (el: W4gEventList): string[] => el.occurrences.map((o) => `${o.key} ${o.start} ${o.recurrenceId}`);
    expect(keys(windowed)).to.deep.equal(keys(full));
    expect(keys(windowed).length).to.be.greaterThan(2);
    for (const el of [windowed, full]) {
      const select = root(el).querySelector<HTMLSelectElement>('#filter-category')!;
      select.value = 'Kirche';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
    const church = (el: W4gEventList): boolean =>
      el.occurrences.length > 0 && el.occurrences.every((o) => o.categories.includes('Kirche'));
    await waitUntil(() => church(windowed) && church(full), 'the visitor’s choice did not apply');
    expect(keys(windowed)).to.deep.equal(keys(full));
    expect(await asked(WINDOWED), 'the visitor’s choice needs no request').to.have.length(1);
  });

  it('a deep link to a date of a series opens its details from a window', async () => {
    history.replaceState(history.state, '', '#w4g-event=gottesdienst/2026-12-13T09:00:00Z');
    const el = await fixture<W4gMonthGrid>(
      html`<w4g-month-grid src=${WINDOWED} today=${TODAY} month="2026-12"></w4g-month-grid>`,
    );
    await settled(el);
    await waitUntil(() => root(el).querySelector<W4gEventDetails>('w4g-event-details')?.open, 'no dialog');
    const details = root(el).querySelector<W4gEventDetails>('w4g-event-details')!;
    await details.updateComplete;
    expect(text(details.shadowRoot!.querySelector('[part="title"]'))).to.equal('Gottesdienst');
    expect(details.occurrence!.recurring).to.equal(true);
    expect(details.occurrence!.key).to.equal('gottesdienst/2026-12-13T09:00:00Z');
    details.close();
  });

  it('an unreachable server: the German alert with retry, and the last good data kept', async () => {
    const el = await fixture<W4gMonthGrid>(
      html`<w4g-month-grid src=${WINDOWED} today=${TODAY} month="2026-12"></w4g-month-grid>`,
    );
    await settled(el);
    const december = cells(el);
    await setSwitch(`windowed/${FIXTURE}`, { fail: true });
    navButton(el, 'Nächster Monat').click();
    await waitForState(el, 'error');
    // No data for January: the alert with its German reason and a retry.
    const monthAlert = root(el).querySelector('[role="alert"]');
    expect(text(monthAlert)).to.contain('Der Kalender konnte nicht geladen werden');
    expect(monthAlert!.querySelector('button')).not.to.equal(null);
    // Back in December, with the server still down: its last good data, with the notice.
    const stale = await sharedFeedStore().load(WINDOWED, { view: { start: '2026-11-30', end: '2027-01-04' }, force: true });
    expect(stale.error?.status).to.equal(503);
    navButton(el, 'Vorheriger Monat').click();
    await waitUntil(() => el.month === '2026-12');
    await settled(el);
    expect(cells(el)).to.deep.equal(december);
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    expect(text(root(el).querySelector('[part="notice"]'))).to.contain('angezeigt wird der letzte bekannte Stand');

    // An element with no data yet: the alert with a German reason and a retry button.
    const fresh = await fixture<W4gMonthGrid>(
      html`<w4g-month-grid src=${WINDOWED} today=${TODAY} month="2027-02"></w4g-month-grid>`,
    );
    await waitForState(fresh, 'error');
    const alert = root(fresh).querySelector('[role="alert"]')!;
    expect(text(alert)).to.match(/nicht (geladen|erreichbar)|Fehler|konnte/i);
    await fetch('/__feeds/reset', { method: 'POST' });
    alert.querySelector<HTMLButtonElement>('button')!.click();
    await waitForState(fresh, 'ready', 'empty');
    expect(root(fresh).querySelector('[role="alert"]')).to.equal(null);
    expect(await asked(WINDOWED)).to.deep.equal(['start=2027-02-01&end=2027-03-01']);
  });
});
