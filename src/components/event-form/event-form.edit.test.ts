import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { W4gEventForm } from './event-form.js';
import type { W4gSubmitErrorEvent, W4gSubmitEvent, W4gSubmitSuccessEvent } from '../../shared/events.js';
import { expectAxeClean, nextEvent, text } from '../../../test/browser/w4g-test-helpers.js';

const TODAY = '2026-12-01';
const ACTION = '/api/workspace/events/sommerfest';
const DRAFT = `w4g-event-form:PUT ${ACTION}#sommerfest`;
const IMAGE_ID = 'a1'.repeat(16);

/** A series of the Heimatverein as the workspace API gives it: every field the form edits, and some it does not. */
const EVENT = {
  id: 'sommerfest',
  title: 'Sommerfest des Heimatvereins',
  description: 'Mit Kuchen und Musik.',
  start: '2027-06-02T14:00',
  end: '2027-06-02T18:00',
  timeZone: 'Europe/Berlin',
  rrule: 'FREQ=WEEKLY;BYDAY=WE,SA;UNTIL=20270630T215959Z',
  exdates: ['2027-06-09T14:00'],
  town: 'Arnstein',
  location: { name: 'Heimathaus', address: 'Markt 1, 06456 Arnstein' },
  categories: ['Kultur'],
  organizerId: 'heimatverein-arnstein',
  audience: ['Familien'],
  free: true,
  url: 'https://heimatverein.example/sommerfest',
  image: {
    url: `${location.origin}/api/images/${IMAGE_ID}/960.jpg`,
    alt: 'Festzelt auf dem Markt',
    credit: 'Anna Muster',
    license: 'CC-BY-4.0',
    width: 960,
    height: 640,
  },
  status: 'postponed',
  statusNote: 'wegen Unwetter',
  soldOut: true,
  contact: { name: 'Heimatverein', email: 'info@heimatverein.example' },
  updated: '2026-11-30T10:00:00Z',
};
const ORGANIZERS = [
  { id: 'heimatverein-arnstein', name: 'Heimatverein Arnstein', town: 'Arnstein' },
  { id: 'landfrauen-arnstein', name: 'Landfrauen Arnstein', town: 'Arnstein' },
];

interface Call {
  body: Record<string, unknown>;
  headers: Headers;
  method: string;
}

function stubFetch(...answers: (Response | Error)[]): { calls: Call[]; restore(): void } {
  const original = window.fetch;
  const calls: Call[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), location.href);
    if (url.pathname !== ACTION) return original(input, init);
    calls.push({ body: JSON.parse(String(init?.body)), headers: new Headers(init?.headers), method: init?.method ?? 'GET' });
    const answer = answers.shift() ?? new Error('no answer left');
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { calls, restore: () => void (window.fetch = original) };
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const root = (el: W4gEventForm): ShadowRoot => el.shadowRoot!;
const $ = <T extends HTMLElement = HTMLInputElement>(el: W4gEventForm, id: string): T => {
  const found = root(el).getElementById(id) as T | null;
  expect(found, `#${id}`).not.to.equal(null);
  return found!;
};
const part = (el: W4gEventForm, name: string): HTMLElement | null => root(el).querySelector(`[part~="${name}"]`);

async function type(el: W4gEventForm, id: string, value: string): Promise<void> {
  const control = $<HTMLInputElement | HTMLSelectElement>(el, id);
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function submit(el: W4gEventForm): Promise<void> {
  part(el, 'submit-button')!.click();
  await el.updateComplete;
}

async function editForm(event: Record<string, unknown> = EVENT, version = 'v1'): Promise<W4gEventForm> {
  const el = await fixture<W4gEventForm>(
    html`<w4g-event-form
      action=${ACTION}
      method="PUT"
      version=${version}
      today=${TODAY}
      .headers=${{ 'X-CSRF-Token': 'csrf-123' }}
      .organizers=${ORGANIZERS}
      .event=${event}
    ></w4g-event-form>`,
  );
  await el.updateComplete;
  return el;
}

describe('w4g-event-form: edit mode', () => {
  let stub: { calls: Call[]; restore(): void } | undefined;
  beforeEach(() => localStorage.removeItem(DRAFT));
  afterEach(() => {
    stub?.restore();
    stub = undefined;
    localStorage.removeItem(DRAFT);
    delete (navigator as { onLine?: boolean }).onLine;
  });

  it('prefills every field from .event: series, picture, status, organizer; no contact or consent; axe clean', async () => {
    const el = await editForm();
    expect($(el, 'f-title').value).to.equal('Sommerfest des Heimatvereins');
    expect($<HTMLTextAreaElement>(el, 'f-description').value).to.equal('Mit Kuchen und Musik.');
    expect($(el, 'f-startDate').value).to.equal('2027-06-02');
    expect($(el, 'f-startTime').value).to.equal('14:00');
    expect($(el, 'f-endTime').value).to.equal('18:00');
    expect($<HTMLSelectElement>(el, 'f-repeat').value).to.equal('weekly');
    const weekdays = [...root(el).querySelectorAll<HTMLInputElement>('input[name="weekdays"]')];
    expect(weekdays.filter((b) => b.checked).map((b) => b.value)).to.deep.equal(['WE', 'SA']);
    expect($(el, 'f-until').value).to.equal('2027-06-30');
    expect(text(part(el, 'form')), 'the exception').to.contain('09.06.2027');
    expect($<HTMLSelectElement>(el, 'f-town').value).to.equal('Arnstein');
    expect($(el, 'f-placeName').value).to.equal('Heimathaus');
    expect($<HTMLSelectElement>(el, 'f-category').value).to.equal('Kultur');
    const organizer = $<HTMLSelectElement>(el, 'f-organizer');
    expect(organizer.tagName).to.equal('SELECT');
    expect(organizer.value).to.equal('Heimatverein Arnstein');
    expect([...organizer.options].map((o) => o.text)).to.deep.equal([
      'Ohne Verein',
      'Heimatverein Arnstein',
      'Landfrauen Arnstein',
    ]);
    expect($(el, 'f-free').checked).to.equal(true);
    expect($(el, 'f-url').value).to.equal('https://heimatverein.example/sommerfest');
    expect(part(el, 'image-preview')?.getAttribute('src')).to.equal(EVENT.image.url);
    expect($(el, 'f-imageAlt').value).to.equal('Festzelt auf dem Markt');
    expect($(el, 'f-imageCredit').value).to.equal('Anna Muster');
    expect($<HTMLSelectElement>(el, 'f-status').value).to.equal('postponed');
    expect($(el, 'f-statusNote').value).to.equal('wegen Unwetter');
    expect($(el, 'f-soldOut').checked).to.equal(true);
    expect($(el, 'f-contactName').closest('fieldset')!.hidden).to.equal(true);
    expect($(el, 'f-privacy').closest('fieldset')!.hidden).to.equal(true);
    expect(text(part(el, 'submit-button'))).to.equal('Änderungen speichern');
    await expectAxeClean(el, 'edit mode');
  });

  it('sends the event with PUT, If-Match, the page headers and the fields it has no control for; 200 saves', async () => {
    stub = stubFetch(json(200, { event: { ...EVENT, title: 'Sommerfest am Markt' }, version: 'v2' }));
    const el = await editForm();
    const submitted = nextEvent<W4gSubmitEvent>(el, 'w4g-submit');
    const success = nextEvent<W4gSubmitSuccessEvent>(el, 'w4g-submit-success');
    await type(el, 'f-title', 'Sommerfest am Markt');
    await type(el, 'f-status', 'scheduled');
    await submit(el);
    const request = (await submitted).request;
    expect(request.method).to.equal('PUT');
    expect(request.version).to.equal('v1');
    expect((await success).detail).to.deep.equal({ status: 200, version: 'v2' });
    const [call] = stub.calls;
    expect(call!.method).to.equal('PUT');
    expect(call!.headers.get('If-Match')).to.equal('"v1"');
    expect(call!.headers.get('X-CSRF-Token')).to.equal('csrf-123');
    expect(call!.headers.get('Content-Type')).to.equal('application/json');
    const body = call!.body;
    expect(body['title']).to.equal('Sommerfest am Markt');
    expect(body['start']).to.equal('2027-06-02T14:00');
    expect(body['rrule']).to.equal('FREQ=WEEKLY;BYDAY=WE,SA;UNTIL=20270630T215959Z');
    expect(body['exdates']).to.deep.equal(['2027-06-09T14:00']);
    expect(body['organizerId']).to.equal('heimatverein-arnstein');
    expect(body['image']).to.deep.equal({
      id: IMAGE_ID,
      alt: 'Festzelt auf dem Markt',
      license: 'CC-BY-4.0',
      credit: 'Anna Muster',
    });
    expect(body['status'], 'back to "findet statt"').to.equal(undefined);
    expect(body['statusNote']).to.equal('wegen Unwetter');
    expect(body['soldOut']).to.equal(true);
    expect(body['contact'], 'the public contact the form does not edit travels along').to.deep.equal(EVENT.contact);
    for (const gone of ['consent', 'license', 'website2', 'formTime', 'id', 'updated'])
      expect(body[gone], gone).to.equal(undefined);
    await waitUntil(() => part(el, 'confirmation') !== null);
    expect(text(part(el, 'confirmation'))).to.equal('Die Änderungen sind gespeichert.');
    expect(localStorage.getItem(DRAFT)).to.equal(null);
  });

  it('after a 412 shows both versions field by field, keeps the draft, and saves against the new version', async () => {
    const theirs = { ...EVENT, title: 'Sommerfest (neue Uhrzeit)', start: '2027-06-02T15:00', end: '2027-06-02T19:00' };
    stub = stubFetch(
      json(412, { error: 'Der Termin wurde inzwischen geändert.', current: theirs, version: 'v3' }),
      json(200, { version: 'v4' }),
    );
    const el = await editForm();
    await type(el, 'f-title', 'Sommerfest mit Umzug');
    await type(el, 'f-placeName', 'Marktplatz');
    const failed = nextEvent<W4gSubmitErrorEvent>(el, 'w4g-submit-error');
    await submit(el);
    expect((await failed).detail).to.deep.equal({ status: 412, kind: 'conflict' });
    await waitUntil(() => part(el, 'conflict') !== null, 'no comparison');
    const conflict = part(el, 'conflict')!;
    expect(conflict.getAttribute('role')).to.equal('alert');
    const rows = [...conflict.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th, td')].slice(0, 3).map((c) => text(c)),
    );
    expect(rows).to.deep.equal([
      ['Titel', 'Sommerfest (neue Uhrzeit)', 'Sommerfest mit Umzug'],
      ['Beginn', 'Mi., 02.06.2027, 15:00', 'Mi., 02.06.2027, 14:00'],
      ['Ende', '19:00', '18:00'],
      ['Veranstaltungsort', 'Heimathaus', 'Marktplatz'],
    ]);
    expect(conflict.querySelectorAll('th[scope="col"]').length).to.equal(4);
    expect($(el, 'f-title').value, 'mine stays in the form').to.equal('Sommerfest mit Umzug');
    const draft = JSON.parse(localStorage.getItem(DRAFT)!);
    expect(draft.values.title).to.equal('Sommerfest mit Umzug');
    expect(draft.version, 'the draft now builds on their version').to.equal('v3');
    await expectAxeClean(el, 'conflict');

    // Take their time, keep my title and place.
    const take = (label: string) => conflict.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
    take('Beginn: gespeicherte Fassung übernehmen').click();
    await el.updateComplete;
    take('Ende: gespeicherte Fassung übernehmen').click();
    await el.updateComplete;
    expect($(el, 'f-startTime').value).to.equal('15:00');
    expect($(el, 'f-endTime').value).to.equal('19:00');
    expect(part(el, 'conflict')!.querySelectorAll('tbody tr').length).to.equal(2);
    await submit(el);
    await waitUntil(() => stub!.calls.length === 2);
    expect(stub.calls[1]!.headers.get('If-Match')).to.equal('"v3"');
    expect(stub.calls[1]!.body['title']).to.equal('Sommerfest mit Umzug');
    expect(stub.calls[1]!.body['start']).to.equal('2027-06-02T15:00');
  });

  it('keeps the draft (and its version) through 422, 503 and offline; a reload restores it', async () => {
    stub = stubFetch(json(422, { errors: { title: 'Bitte kürzen Sie den Titel.' } }), json(503, {}));
    const el = await editForm();
    await type(el, 'f-title', 'Sommerfest, Entwurf');
    await submit(el);
    await waitUntil(() => part(el, 'error-summary') !== null);
    expect(text(root(el).getElementById('f-title-error'))).to.equal('Bitte kürzen Sie den Titel.');
    await submit(el);
    await waitUntil(() => part(el, 'problem') !== null);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    await submit(el);
    expect(text(part(el, 'problem'))).to.contain('Sie sind offline.');
    expect(stub.calls.length, 'nothing sent while offline').to.equal(2);
    el.remove();

    // The page is opened again later: the server's version moved on, the draft stays on v1.
    const again = await editForm(EVENT, 'v9');
    expect($(again, 'f-title').value).to.equal('Sommerfest, Entwurf');
    expect(text(root(again).querySelector('.notice'))).to.contain('Entwurf');
    delete (navigator as { onLine?: boolean }).onLine;
    stub.restore();
    stub = stubFetch(json(412, { current: EVENT, version: 'v9' }));
    await submit(again);
    await waitUntil(() => stub!.calls.length === 1);
    expect(stub.calls[0]!.headers.get('If-Match'), 'a stale draft is not saved over newer data').to.equal('"v1"');
    await waitUntil(() => part(again, 'conflict') !== null);
  });

  it('lets the page answer instead (one date of a series): respondWith, and the answer is shown as its own', async () => {
    const sent: unknown[] = [];
    const el = await editForm({ ...EVENT, rrule: undefined, exdates: undefined, recurrenceId: '2027-06-16T14:00:00+02:00' });
    el.noSeries = true;
    await el.updateComplete;
    expect($(el, 'f-title').closest('form')!.querySelector('#f-repeat')).to.equal(null);
    el.addEventListener('w4g-submit', (e) => {
      sent.push(e.detail);
      e.respondWith(Promise.resolve(json(422, { errors: { statusNote: 'Bitte kürzen Sie den Hinweis.' } })));
    });
    await submit(el);
    await waitUntil(() => part(el, 'error-summary') !== null);
    expect(sent.length).to.equal(1);
    expect(text(root(el).getElementById('f-statusNote-error'))).to.equal('Bitte kürzen Sie den Hinweis.');
  });

  it('creates for a signed-in author: no-contact sends the event alone, organizers preselect and fill in the town', async () => {
    const CREATE = '/api/workspace/events';
    localStorage.removeItem(`w4g-event-form:${CREATE}`);
    const original = window.fetch;
    const calls: Call[] = [];
    window.fetch = (_input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ body: JSON.parse(String(init?.body)), headers: new Headers(init?.headers), method: init?.method ?? 'GET' });
      return Promise.resolve(json(201, { status: 'published', version: 'n1' }));
    };
    try {
      const el = await fixture<W4gEventForm>(
        html`<w4g-event-form
          action=${CREATE}
          no-contact
          today=${TODAY}
          .headers=${{ 'X-CSRF-Token': 'csrf-9' }}
          .organizers=${[{ id: 'landfrauen-seeland', name: 'Landfrauen Seeland', town: 'Seeland' }, ...ORGANIZERS]}
        ></w4g-event-form>`,
      );
      await el.updateComplete;
      expect($<HTMLSelectElement>(el, 'f-organizer').value).to.equal('Landfrauen Seeland');
      expect($<HTMLSelectElement>(el, 'f-town').value).to.equal('Seeland');
      await type(el, 'f-organizer', 'Heimatverein Arnstein');
      expect($<HTMLSelectElement>(el, 'f-town').value, 'the association’s town').to.equal('Arnstein');
      await type(el, 'f-title', 'Kräuterwanderung');
      await type(el, 'f-startDate', '2026-12-20');
      expect(part(el, 'status-section'), 'no status when creating').to.equal(null);
      await submit(el);
      await waitUntil(() => part(el, 'confirmation') !== null, 'never confirmed');
      expect(calls.length).to.equal(1);
      expect(calls[0]!.method).to.equal('POST');
      expect(calls[0]!.headers.get('X-CSRF-Token')).to.equal('csrf-9');
      expect(calls[0]!.headers.get('If-Match')).to.equal(null);
      expect(calls[0]!.body).to.deep.equal({
        title: 'Kräuterwanderung',
        start: '2026-12-20',
        timeZone: 'Europe/Berlin',
        town: 'Arnstein',
        organizerId: 'heimatverein-arnstein',
      });
      await expectAxeClean(el, 'created');
    } finally {
      window.fetch = original;
      localStorage.removeItem(`w4g-event-form:${CREATE}`);
    }
  });

  it('speaks English in edit mode', async () => {
    const el = await editForm();
    el.setAttribute('locale', 'en');
    await el.updateComplete;
    expect(text(part(el, 'submit-button'))).to.equal('Save changes');
    expect(text(part(el, 'status-section')!.querySelector('legend'))).to.equal('State of the event');
  });
});
