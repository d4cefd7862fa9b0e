/**
 * The status of every date in the list, the grid (chip, day panel) and the details view: one
 * cancelled date of a weekly series, a moved date, a sold-out date with a note; in words
 * (German and English), struck through when cancelled, axe-clean.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/event-list/define.js';
import '../../src/components/month-grid/define.js';
import type { W4gEventList } from '../../src/components/event-list/event-list.js';
import type { W4gMonthGrid } from '../../src/components/month-grid/month-grid.js';
import type { W4gEventDetails } from '../../src/components/event-details/event-details.js';
import type { CalendarEvent } from '../../src/core/index.js';
import { cleanPageUrl, expectAxeClean, settled, text } from './w4g-test-helpers.js';

const TODAY = '2027-03-01';

function ev(fields: Partial<CalendarEvent> & Pick<CalendarEvent, 'id' | 'start'>): CalendarEvent {
  return {
    title: fields.id,
    allDay: false,
    timeZone: 'Europe/Berlin',
    status: 'scheduled',
    categories: [],
    audience: [],
    accessibility: [],
    ...fields,
  };
}

/** A weekly rehearsal across the change to summer time (28.03.2027), and two single events. */
const EVENTS: CalendarEvent[] = [
  ev({ id: 'chor', title: 'Chorprobe', start: '2027-03-17T19:00:00', end: '2027-03-17T21:00:00', rrule: 'FREQ=WEEKLY;COUNT=4' }),
  ev({
    id: 'chor',
    title: 'Chorprobe',
    recurrenceId: '2027-03-24T19:00:00',
    start: '2027-03-24T19:00:00',
    end: '2027-03-24T21:00:00',
    status: 'cancelled',
    statusNote: 'wegen Unwetter',
  }),
  ev({
    id: 'chor',
    title: 'Chorprobe',
    recurrenceId: '2027-03-31T19:00:00',
    start: '2027-04-01T18:00:00',
    end: '2027-04-01T20:00:00',
    status: 'rescheduled',
  }),
  ev({ id: 'fest', title: 'Frühlingsfest', start: '2027-03-20T14:00:00', end: '2027-03-20T18:00:00', soldOut: true }),
];

const root = (el: HTMLElement): ShadowRoot => el.shadowRoot!;

describe('status of every date', () => {
  afterEach(() => cleanPageUrl());

  it('list: the cancelled date of the series is struck through and says why; the moved date says where it was', async () => {
    const el = await fixture<W4gEventList>(html`<w4g-event-list today=${TODAY} .events=${EVENTS}></w4g-event-list>`);
    await settled(el);
    const items = [...root(el).querySelectorAll<HTMLElement>('[part~="event"]')];
    const rows = items.map((li) => [
      text(li.querySelector('time')),
      text(li.querySelector('a')),
      text(li.querySelector('[part="status-note"]')),
    ]);
    expect(rows).to.deep.equal([
      ['19:00–21:00 Uhr', 'Chorprobe', ''],
      ['14:00–18:00 Uhr', 'Frühlingsfest Ausgebucht', ''],
      ['19:00–21:00 Uhr', 'Chorprobe Abgesagt', 'wegen Unwetter'],
      ['18:00–20:00 Uhr', 'Chorprobe Verlegt', 'Verlegt vom Mi., 31.03.2027, 19:00 Uhr'],
      ['19:00–21:00 Uhr', 'Chorprobe', ''],
    ]);
    const cancelled = items[2]!;
    expect(cancelled.getAttribute('part')!.split(' ')).to.include('event--cancelled');
    expect(getComputedStyle(cancelled.querySelector('.title-text')!).textDecorationLine).to.contain('line-through');
    expect(getComputedStyle(items[3]!.querySelector('.title-text')!).textDecorationLine).to.equal('none');
    await expectAxeClean(el, 'list with statuses');
  });

  it('list in English', async () => {
    const el = await fixture<W4gEventList>(html`<w4g-event-list locale="en" today=${TODAY} .events=${EVENTS}></w4g-event-list>`);
    await settled(el);
    const notes = [...root(el).querySelectorAll('[part="status-note"]')].map((n) => text(n));
    expect(notes).to.deep.equal(['wegen Unwetter', 'Moved from Wed, 31 Mar 2027, 7:00 PM']);
    const badges = [...root(el).querySelectorAll('[part="status-badge"]')].map((n) => text(n));
    expect(badges).to.deep.equal(['Sold out', 'Cancelled', 'Rescheduled']);
  });

  it('grid: chips name the status for screen readers; the day panel shows badge and note', async () => {
    const el = await fixture<W4gMonthGrid>(
      html`<w4g-month-grid today=${TODAY} month="2027-03" .events=${EVENTS}></w4g-month-grid>`,
    );
    await settled(el);
    const chip = (date: string): string =>
      text(root(el).querySelector(`[data-date="${date}"]`)!.closest('td')!.querySelector('[part="event"]'));
    expect(chip('2027-03-24')).to.equal('Chorprobe (Abgesagt: wegen Unwetter)');
    expect(chip('2027-03-20')).to.equal('Frühlingsfest (Ausgebucht)');
    expect(chip('2027-03-17')).to.equal('Chorprobe');
    const day = root(el).querySelector<HTMLButtonElement>('td[data-date="2027-03-24"] button')!;
    day.click();
    await el.updateComplete;
    const panel = root(el).querySelector('[part="panel-event"]')!;
    expect(text(panel.querySelector('[part="status-badge"]'))).to.equal('Abgesagt');
    expect(text(panel.querySelector('[part="status-note"]'))).to.equal('wegen Unwetter');
    expect(getComputedStyle(panel.querySelector('.title-text')!).textDecorationLine).to.contain('line-through');
    await expectAxeClean(el, 'grid with statuses');
  });

  it('details: the moved date shows its label and its old date', async () => {
    const el = await fixture<W4gEventList>(html`<w4g-event-list today=${TODAY} .events=${EVENTS}></w4g-event-list>`);
    await settled(el);
    const moved = [...root(el).querySelectorAll<HTMLAnchorElement>('[part~="event"] a')].find(
      (a) => text(a) === 'Chorprobe Verlegt',
    )!;
    moved.click();
    const details = (): W4gEventDetails | null => root(el).querySelector('w4g-event-details');
    await waitUntil(() => details()?.open, 'the details dialog did not open', { timeout: 5000 });
    await details()!.updateComplete;
    const r = root(details()!);
    expect(text(r.querySelector('.status'))).to.equal('Verlegt');
    expect(text(r.querySelector('[part="status-note"]'))).to.equal('Verlegt vom Mi., 31.03.2027, 19:00 Uhr');
    await expectAxeClean(details()!, 'details of a moved date');
  });
});
