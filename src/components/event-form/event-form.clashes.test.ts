/**
 * The clash hint of <w4g-event-form> in Chromium. The server's answer is made by the core's
 * own findClashes over a small region (what GET /api/clashes runs), from the query the form
 * really sends: a hint for an overlapping date in the same town, none for another town, and a
 * failing check that never blocks the form.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { W4gEventForm } from './event-form.js';
import { findClashes, type CalendarEvent } from '../../core/index.js';
import { deepActiveElement, expectAxeClean, text } from '../../../test/browser/w4g-test-helpers.js';

const TODAY = '2027-06-01';
const CLASHES = '/__clashes';

function ev(fields: Partial<CalendarEvent> & Pick<CalendarEvent, 'id' | 'title' | 'start' | 'end' | 'town'>): CalendarEvent {
  return {
    allDay: false,
    timeZone: 'Europe/Berlin',
    status: 'scheduled',
    categories: [],
    audience: [],
    accessibility: [],
    ...fields,
  };
}

const REGION: CalendarEvent[] = [
  ev({ id: 'konzert', title: 'Kirchenkonzert', start: '2027-06-12T15:00:00', end: '2027-06-12T17:00:00', town: 'Hoym' }),
  ev({
    id: 'fest',
    title: 'Sommerfest des Heimatvereins',
    start: '2027-06-12T14:00:00',
    end: '2027-06-12T18:00:00',
    town: 'Arnstein',
  }),
];

/** Answers the clash URL with the core's findClashes (same town only); other URLs pass. */
function serveClashes(fail = false): { queries: string[]; restore(): void } {
  const original = window.fetch;
  const queries: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    if (url.pathname !== CLASHES) return original(input, init);
    queries.push(url.search);
    if (fail) return Promise.reject(new TypeError('Failed to fetch'));
    const q = url.searchParams;
    const clashes = findClashes(REGION, {
      start: q.get('start')!,
      ...(q.get('end') ? { end: q.get('end')! } : {}),
      ...(q.get('town') ? { town: q.get('town')! } : {}),
    });
    return Promise.resolve(new Response(JSON.stringify({ clashes }), { headers: { 'Content-Type': 'application/json' } }));
  };
  return { queries, restore: () => void (window.fetch = original) };
}

const root = (el: W4gEventForm): ShadowRoot => el.shadowRoot!;
const hint = (el: W4gEventForm): HTMLElement => root(el).querySelector<HTMLElement>('[part="clash-hint"]')!;

async function type(el: W4gEventForm, id: string, value: string): Promise<void> {
  const control = root(el).getElementById(id) as HTMLInputElement | HTMLSelectElement;
  control.focus();
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

describe('w4g-event-form clash hint', () => {
  let server: ReturnType<typeof serveClashes> | undefined;
  afterEach(() => {
    server?.restore();
    server = undefined;
    localStorage.clear();
  });

  it('names the overlapping date in the same town, politely and without taking focus; axe clean', async () => {
    server = serveClashes();
    const el = await fixture<W4gEventForm>(
      html`<w4g-event-form
        action="/api/submissions"
        clashes-src=${CLASHES}
        today=${TODAY}
        towns="Hoym,Arnstein,Aschersleben"
      ></w4g-event-form>`,
    );
    expect(hint(el).getAttribute('aria-live')).to.equal('polite');
    expect(text(hint(el))).to.equal('');
    await type(el, 'f-startDate', '2027-06-12');
    await type(el, 'f-startTime', '14:00');
    await type(el, 'f-endTime', '18:00');
    expect(server.queries, 'no question without a town').to.deep.equal([]);
    await type(el, 'f-town', 'Hoym');
    await waitUntil(() => text(hint(el)) !== '', 'the hint did not appear', { timeout: 5000 });
    expect(server.queries).to.deep.equal(['?start=2027-06-12T14%3A00&end=2027-06-12T18%3A00&town=Hoym']);
    expect([...hint(el).querySelectorAll('li')].map((li) => text(li))).to.deep.equal([
      'Am Sa., 12.06.2027 gibt es in Hoym schon: Kirchenkonzert, 15:00–17:00 Uhr',
    ]);
    expect(text(hint(el))).to.contain('Sie können Ihren Termin trotzdem einreichen.');
    expect(deepActiveElement()).to.equal(root(el).getElementById('f-town'));
    await expectAxeClean(el, 'form with clash hint');

    // Another town: the hint goes away.
    await type(el, 'f-town', 'Aschersleben');
    await waitUntil(() => text(hint(el)) === '', 'the hint did not go away', { timeout: 5000 });
    expect(server.queries.length).to.equal(2);
  });

  it('asks once for a burst of typing (debounced) and says nothing for another town', async () => {
    server = serveClashes();
    const el = await fixture<W4gEventForm>(
      html`<w4g-event-form
        action="/api/submissions"
        clashes-src=${CLASHES}
        today=${TODAY}
        towns="Hoym,Arnstein,Aschersleben"
      ></w4g-event-form>`,
    );
    await type(el, 'f-town', 'Aschersleben');
    await type(el, 'f-startDate', '2027-06-12');
    await type(el, 'f-startTime', '1');
    await type(el, 'f-startTime', '15:');
    await type(el, 'f-startTime', '15:30');
    await waitUntil(() => server!.queries.length === 1, 'the check was not asked', { timeout: 5000 });
    await el.updateComplete;
    expect(server.queries).to.deep.equal(['?start=2027-06-12T15%3A30&town=Aschersleben']);
    expect(text(hint(el))).to.equal('');
  });

  it('in English', async () => {
    server = serveClashes();
    const el = await fixture<W4gEventForm>(
      html`<w4g-event-form
        locale="en"
        action="/api/submissions"
        clashes-src=${CLASHES}
        today=${TODAY}
        towns="Hoym,Arnstein"
      ></w4g-event-form>`,
    );
    await type(el, 'f-startDate', '2027-06-12');
    await type(el, 'f-startTime', '16:00');
    await type(el, 'f-town', 'Arnstein');
    await waitUntil(() => text(hint(el)) !== '', 'the hint did not appear', { timeout: 5000 });
    expect(text(hint(el).querySelector('li'))).to.equal(
      'On Sat, 12 Jun 2027 there is already in Arnstein: Sommerfest des Heimatvereins, 2:00 PM – 6:00 PM',
    );
  });

  it('a failing check shows nothing and blocks nothing', async () => {
    server = serveClashes(true);
    const el = await fixture<W4gEventForm>(
      html`<w4g-event-form action="/api/submissions" clashes-src=${CLASHES} today=${TODAY} towns="Hoym"></w4g-event-form>`,
    );
    await type(el, 'f-startDate', '2027-06-12');
    await type(el, 'f-startTime', '15:00');
    await type(el, 'f-town', 'Hoym');
    await waitUntil(() => server!.queries.length === 1, 'the check was not asked', { timeout: 5000 });
    await el.updateComplete;
    expect(text(hint(el))).to.equal('');
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    expect(el.getAttribute('state')).to.equal('editing');
  });
});
