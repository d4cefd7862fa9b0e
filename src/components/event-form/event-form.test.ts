import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { W4gEventForm } from './event-form.js';
import type { W4gSubmitErrorEvent, W4gSubmitEvent, W4gSubmitSuccessEvent } from '../../shared/events.js';
import {
  deepActiveElement,
  expectAxeClean,
  expectW4gEvent,
  FEED,
  nextEvent,
  text,
} from '../../../test/browser/w4g-test-helpers.js';

const TODAY = '2026-12-01';
const ACTION = '/api/submissions';
const STORAGE_KEY = `w4g-event-form:${ACTION}`;

type Answer = Response | Error;
interface Call {
  body: Record<string, unknown>;
  headers: Headers;
  method: string;
}

/** Replaces window.fetch for the action URL only; the association feed still comes from the test server. */
function stubFetch(...answers: Answer[]): { calls: Call[]; restore(): void } {
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

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const root = (el: W4gEventForm): ShadowRoot => el.shadowRoot!;
const $ = <T extends HTMLElement = HTMLInputElement>(el: W4gEventForm, id: string): T => {
  const found = root(el).getElementById(id) as T | null;
  expect(found, `#${id}`).not.to.equal(null);
  return found!;
};
const part = (el: W4gEventForm, name: string): HTMLElement | null => root(el).querySelector(`[part~="${name}"]`);

/** The control labelled `label` (the required star is aria-hidden and ignored). */
function byLabel<T extends HTMLElement = HTMLInputElement>(el: W4gEventForm, label: string): T {
  const l = [...root(el).querySelectorAll('label')].find((x) => text(x).replace(/ \*$/, '') === label);
  expect(l, `label "${label}"`).not.to.equal(undefined);
  return root(el).getElementById(l!.htmlFor) as T;
}

/** Types like a visitor: sets the value and fires the event the control would fire. */
async function type(el: W4gEventForm, id: string, value: string): Promise<void> {
  const control = $<HTMLInputElement | HTMLSelectElement>(el, id);
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function check(el: W4gEventForm, id: string, on = true): Promise<void> {
  const box = $(el, id);
  if (box.checked !== on) box.click();
  await el.updateComplete;
}

async function fillValid(el: W4gEventForm): Promise<void> {
  await type(el, 'f-title', 'Adventskonzert des Posaunenchors');
  await type(el, 'f-startDate', '2026-12-12');
  await type(el, 'f-startTime', '18:00');
  await type(el, 'f-endTime', '19:30');
  await type(el, 'f-town', 'Aschersleben');
  await type(el, 'f-placeName', 'St. Stephani');
  await type(el, 'f-placeAddress', 'Stephanikirchhof 1, 06449 Aschersleben');
  await type(el, 'f-category', 'Musik');
  await type(el, 'f-contactName', 'Erika Muster');
  await type(el, 'f-contactEmail', 'erika@example.org');
  await check(el, 'f-privacy');
  await check(el, 'f-publish');
}

async function submit(el: W4gEventForm): Promise<void> {
  part(el, 'submit-button')!.click();
  await el.updateComplete;
}

/** Waits until the server's answer is shown: a confirmation, a problem, or the 422 summary. */
async function answered(el: W4gEventForm): Promise<void> {
  await waitUntil(
    () => ['success', 'error'].includes(el.getAttribute('state') ?? '') || part(el, 'error-summary') !== null,
    'the answer was never shown',
    { timeout: 5000 },
  );
  await el.updateComplete;
}

async function form(
  template = html`<w4g-event-form action=${ACTION} today=${TODAY} privacy-href="/datenschutz"></w4g-event-form>`,
) {
  const el = await fixture<W4gEventForm>(template);
  await el.updateComplete;
  return el;
}

describe('w4g-event-form', () => {
  let stub: { calls: Call[]; restore(): void } | undefined;

  beforeEach(() => localStorage.removeItem(STORAGE_KEY));
  afterEach(() => {
    stub?.restore();
    stub = undefined;
    localStorage.removeItem(STORAGE_KEY);
    delete (navigator as { onLine?: boolean }).onLine;
  });

  describe('default render', () => {
    it('labels every control in German, links hints and is axe clean', async () => {
      const el = await form();
      expect(el.getAttribute('state')).to.equal('editing');
      expect(byLabel(el, 'Titel').required).to.equal(true);
      expect(byLabel(el, 'Datum des Beginns').type).to.equal('date');
      expect(byLabel(el, 'Datum des Beginns').min).to.equal(TODAY);
      expect(byLabel(el, 'Ihr Name').autocomplete).to.equal('name');
      expect(byLabel(el, 'Ihre E-Mail-Adresse').autocomplete).to.equal('email');
      expect(text(root(el).getElementById(byLabel(el, 'Ihre E-Mail-Adresse').getAttribute('aria-describedby')!))).to.contain(
        'wird nie veröffentlicht',
      );
      const towns = [...byLabel<HTMLSelectElement>(el, 'Gemeinde').options].map((o) => o.text);
      expect(towns).to.deep.equal(['Bitte wählen', 'Aschersleben', 'Arnstein', 'Falkenstein/Harz', 'Seeland', 'anderer Ort']);
      const categories = [...byLabel<HTMLSelectElement>(el, 'Kategorie').options].map((o) => o.text).slice(1);
      expect(categories).to.deep.equal(['Kultur', 'Sport', 'Kirche', 'Natur', 'Familie', 'Musik', 'Markt', 'Sonstiges']);
      expect(byLabel(el, 'Rollstuhlgerecht'.toLowerCase()).type).to.equal('checkbox');
      const license = byLabel(
        el,
        'Ich bin einverstanden, dass der Termin unter der offenen Lizenz CC BY 4.0 veröffentlicht wird.',
      );
      expect(license.required).to.equal(true);
      const privacyLink = root(el).querySelector<HTMLAnchorElement>('label[for="f-privacy"] a')!;
      expect(privacyLink.getAttribute('href')).to.equal('/datenschutz');
      // Every control has a label in the same shadow root.
      for (const control of root(el).querySelectorAll('input, select, textarea')) {
        expect(root(el).querySelector(`label[for="${control.id}"]`), control.id).not.to.equal(null);
      }
      // The honeypot is out of reach for people and assistive technology.
      const trap = root(el).querySelector<HTMLInputElement>('input[name="website2"]')!;
      expect(trap.tabIndex).to.equal(-1);
      expect(trap.autocomplete).to.equal('off');
      expect(trap.closest('[aria-hidden="true"]')).not.to.equal(null);
      expect(localStorage.getItem(STORAGE_KEY), 'nothing stored on load').to.equal(null);
      await expectAxeClean(el, 'default');
    });

    it('hides the times for all-day events, the series fields without repetition, the price when free', async () => {
      const el = await form();
      expect(root(el).querySelector('#f-until')).to.equal(null);
      await check(el, 'f-allDay');
      expect($(el, 'f-startTime').closest<HTMLElement>('.field')!.hidden).to.equal(true);
      await type(el, 'f-repeat', 'weekly');
      expect($(el, 'f-until').closest<HTMLElement>('.field')!.hidden).to.equal(true);
      await check(el, 'f-end-1');
      expect($(el, 'f-until').closest<HTMLElement>('.field')!.hidden).to.equal(false);
      await check(el, 'f-free');
      expect($(el, 'f-price').closest<HTMLElement>('.field')!.hidden).to.equal(true);
      await type(el, 'f-town', '__other');
      expect(byLabel(el, 'Name des Ortes').closest<HTMLElement>('.field')!.hidden).to.equal(false);
    });

    it('reflows at 320 px without horizontal scrolling', async () => {
      stub = stubFetch(json(503, {}));
      const el = await form();
      el.style.width = '320px';
      await fillValid(el);
      await type(el, 'f-title', '');
      await submit(el);
      await type(el, 'f-title', 'Adventskonzert');
      await submit(el);
      await answered(el);
      const base = part(el, 'base')!;
      expect(base.scrollWidth).to.be.at.most(320);
      expect(el.scrollWidth).to.be.at.most(320);
    });

    it('takes towns and categories from attributes', async () => {
      const el = await form(
        html`<w4g-event-form action=${ACTION} today=${TODAY} towns="Quedlinburg, Thale" categories="Theater"></w4g-event-form>`,
      );
      expect([...$<HTMLSelectElement>(el, 'f-town').options].map((o) => o.value)).to.deep.equal([
        '',
        'Quedlinburg',
        'Thale',
        '__other',
      ]);
      expect([...$<HTMLSelectElement>(el, 'f-category').options].map((o) => o.value)).to.deep.equal(['', 'Theater']);
    });

    it('labels the form in English with locale="en"', async () => {
      const el = await form(html`<w4g-event-form action=${ACTION} today=${TODAY} locale="en"></w4g-event-form>`);
      expect(byLabel(el, 'Title').id).to.equal('f-title');
      expect(byLabel(el, 'Start date').id).to.equal('f-startDate');
      expect(byLabel(el, 'Your e-mail address').id).to.equal('f-contactEmail');
      expect(text(part(el, 'submit-button'))).to.equal('Submit event');
      await submit(el);
      expect(text(part(el, 'error-summary'))).to.contain('Please enter a title.');
      await expectAxeClean(el, 'english, invalid');
    });
  });

  describe('client-side validation', () => {
    it('applies the limits of the feed schema, the file the server validates with', async () => {
      const schema = (await (await fetch('/schema/feed.schema.json')).json()) as {
        $defs: {
          event: { properties: { title: { maxLength: number } } };
          location: { properties: { address: { maxLength: number } } };
        };
      };
      const titleMax = schema.$defs.event.properties.title.maxLength;
      const addressMax = schema.$defs.location.properties.address.maxLength;
      stub = stubFetch();
      const el = await form();
      await fillValid(el);
      await type(el, 'f-title', 'T'.repeat(titleMax + 1));
      await type(el, 'f-placeAddress', 'A'.repeat(addressMax + 1));
      await submit(el);
      expect(text(root(el).getElementById('f-title-error'))).to.equal(`Bitte höchstens ${titleMax} Zeichen eingeben.`);
      expect(text(root(el).getElementById('f-placeAddress-error'))).to.equal(`Bitte höchstens ${addressMax} Zeichen eingeben.`);
      expect(stub.calls).to.have.length(0);
      await type(el, 'f-title', 'T'.repeat(titleMax));
      await type(el, 'f-placeAddress', 'Markt 1, 06449 Aschersleben');
      await submit(el);
      expect(stub.calls).to.have.length(1);
    });

    it('shows a summary, messages at the fields, aria-invalid, and focuses the first invalid field', async () => {
      stub = stubFetch();
      const el = await form();
      await submit(el);
      const summary = part(el, 'error-summary')!;
      expect(summary.getAttribute('role')).to.equal('alert');
      expect(text(summary)).to.contain('Bitte korrigieren Sie 6 Angaben:');
      expect(deepActiveElement()).to.equal($(el, 'f-title'));
      const title = $(el, 'f-title');
      expect(title.getAttribute('aria-invalid')).to.equal('true');
      const error = root(el).getElementById(title.getAttribute('aria-describedby')!.split(' ').at(-1)!);
      expect(text(error)).to.equal('Bitte geben Sie einen Titel ein.');
      expect(text(root(el).getElementById('f-contactEmail-error'))).to.contain('E-Mail-Adresse');
      expect(text(root(el).getElementById('f-privacy-error'))).to.equal('Bitte stimmen Sie den Datenschutzhinweisen zu.');
      // A link in the summary takes the focus to its field.
      const links = [...summary.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
        '#f-title',
        '#f-startDate',
        '#f-contactName',
        '#f-contactEmail',
        '#f-privacy',
        '#f-publish',
      ]);
      links[1]!.click();
      expect(deepActiveElement()).to.equal($(el, 'f-startDate'));
      expect(stub.calls).to.have.length(0);
      await expectAxeClean(el, 'invalid');
    });

    it('refuses a past start, an end before the start, a bad e-mail and non-http URLs', async () => {
      stub = stubFetch();
      const el = await form();
      await fillValid(el);
      await type(el, 'f-startDate', '2026-11-30');
      await type(el, 'f-contactEmail', 'erika@');
      await type(el, 'f-url', 'javascript:alert(1)');
      await submit(el);
      expect(text(root(el).getElementById('f-startDate-error'))).to.equal('Der Termin liegt in der Vergangenheit.');
      expect(text(root(el).getElementById('f-contactEmail-error'))).to.equal('Bitte geben Sie eine gültige E-Mail-Adresse an.');
      expect(text(root(el).getElementById('f-url-error'))).to.contain('http://');
      expect(deepActiveElement()).to.equal($(el, 'f-startDate'));
      await type(el, 'f-startDate', '2026-12-12');
      await type(el, 'f-endTime', '17:00');
      await submit(el);
      expect(text(root(el).getElementById('f-endTime-error'))).to.equal('Das Ende muss nach dem Beginn liegen.');
      expect(stub.calls).to.have.length(0);
    });
  });

  describe('series', () => {
    async function addDate(el: W4gEventForm, list: 'exdates' | 'rdates', date: string): Promise<void> {
      await type(el, `f-${list}-new`, date);
      $(el, `f-${list}-new`).closest('fieldset')!.querySelector<HTMLButtonElement>('.date-add button')!.click();
      await el.updateComplete;
    }
    const previewItems = (el: W4gEventForm): string[] =>
      [...root(el).querySelectorAll('[part="series-preview"] li')].map((li) => text(li));

    it('offers weekdays, an end, exceptions and extra dates, previews the next dates and sends RRULE, EXDATE and RDATE', async () => {
      stub = stubFetch(json(202, { id: 'serie' }));
      const el = await form();
      await fillValid(el);
      await type(el, 'f-startDate', '2026-12-07');
      await type(el, 'f-startTime', '19:00');
      await type(el, 'f-endTime', '21:00');
      await type(el, 'f-repeat', 'weekly');
      expect(byLabel(el, 'Alle wie viele Wochen?').value).to.equal('1');
      // Monday is the first date's weekday; Thursday is added.
      await check(el, 'f-weekdays-0');
      await check(el, 'f-weekdays-3');
      await check(el, 'f-end-2');
      await type(el, 'f-count', '6');
      await addDate(el, 'exdates', '2026-12-10');
      await addDate(el, 'rdates', '2026-12-27');
      expect(root(el).querySelector('#f-preview-heading')!.textContent!.trim()).to.equal('Die nächsten 6 Termine der Serie');
      expect(previewItems(el)).to.deep.equal([
        'Mo., 07.12.2026, 19:00–21:00 Uhr',
        'Mo., 14.12.2026, 19:00–21:00 Uhr',
        'Do., 17.12.2026, 19:00–21:00 Uhr',
        'Mo., 21.12.2026, 19:00–21:00 Uhr',
        'Do., 24.12.2026, 19:00–21:00 Uhr',
        'So., 27.12.2026, 19:00–21:00 Uhr',
      ]);
      await expectAxeClean(el, 'series');
      await submit(el);
      await answered(el);
      expect(stub.calls[0]!.body).to.deep.include({
        start: '2026-12-07T19:00',
        end: '2026-12-07T21:00',
        rrule: 'FREQ=WEEKLY;BYDAY=MO,TH;COUNT=6',
        exdates: ['2026-12-10T19:00'],
        rdates: ['2026-12-27T19:00'],
      });
    });

    it('removes a date with its button; focus goes back to the date field', async () => {
      const el = await form();
      await type(el, 'f-startDate', '2026-12-07');
      await type(el, 'f-repeat', 'weekly');
      await addDate(el, 'exdates', '2026-12-14');
      await addDate(el, 'exdates', '2026-12-21');
      const remove = root(el).querySelector<HTMLButtonElement>('button[aria-label="Mo., 14.12.2026 entfernen"]')!;
      remove.click();
      await el.updateComplete;
      await el.updateComplete;
      expect(el.values.exdates).to.deep.equal(['2026-12-21']);
      expect(root(el).activeElement).to.equal($(el, 'f-exdates-new'));
    });

    it('says at the field what does not fit: a first date outside the rule, an exception outside the series', async () => {
      stub = stubFetch();
      const el = await form();
      await fillValid(el);
      await type(el, 'f-startDate', '2026-12-07');
      await type(el, 'f-repeat', 'weekly');
      await check(el, 'f-weekdays-1');
      await addDate(el, 'exdates', '2026-12-09');
      await submit(el);
      expect(stub.calls).to.have.length(0);
      const summary = part(el, 'error-summary')!;
      expect(text(summary)).to.contain('Der erste Termin (Mo., 07.12.2026) passt nicht zu dieser Regel.');
      expect(root(el).activeElement).to.equal($(el, 'f-weekdays-0'));
      await check(el, 'f-weekdays-0');
      await submit(el);
      expect(text(root(el).querySelector('#f-exdates-error'))).to.equal(
        'Am Mi., 09.12.2026 findet ohnehin kein Termin der Serie statt.',
      );
      expect(root(el).activeElement).to.equal($(el, 'f-exdates'));
      await expectAxeClean(el, 'series errors');
    });

    it('offers "am letzten Freitag" and yearly, and speaks English', async () => {
      const el = await form(html`<w4g-event-form action=${ACTION} today=${TODAY} locale="en"></w4g-event-form>`);
      await type(el, 'f-startDate', '2026-12-25');
      await type(el, 'f-repeat', 'monthly-weekday');
      expect(byLabel<HTMLSelectElement>(el, 'Which Friday of the month?').selectedOptions[0]!.text).to.equal(
        'on the last Friday',
      );
      expect(previewItems(el).slice(0, 3)).to.deep.equal([
        'Fri, 25 Dec 2026, all day',
        'Fri, 29 Jan 2027, all day',
        'Fri, 26 Feb 2027, all day',
      ]);
      await type(el, 'f-repeat', 'yearly');
      expect($<HTMLSelectElement>(el, 'f-repeat').selectedOptions[0]!.text).to.match(/^every year on 25/);
    });
  });

  describe('sending', () => {
    it('posts the feed field names with contact, honeypot, formTime and an Idempotency-Key; 201 confirms', async () => {
      stub = stubFetch(json(201, { id: 'abc', status: 'pending' }), json(202, { id: 'def', status: 'pending' }));
      const el = await form(
        html`<w4g-event-form action=${ACTION} today=${TODAY} associations-src=${FEED} license="CC BY-SA 4.0"></w4g-event-form>`,
      );
      await waitUntil(() => root(el).querySelectorAll('#f-organizer-list option').length > 0, 'associations never loaded');
      await fillValid(el);
      await type(el, 'f-description', 'Bläsermusik zum Advent.');
      await type(el, 'f-repeat', 'weekly');
      await type(el, 'f-interval', '2');
      await check(el, 'f-end-1');
      await type(el, 'f-until', '2027-01-31');
      await type(el, 'f-organizer', 'Ev. Kirchengemeinde St. Stephani');
      await check(el, 'f-audience-2');
      await check(el, 'f-audience-0');
      await check(el, 'f-accessibility-0');
      await check(el, 'f-free');
      await type(el, 'f-url', 'https://example.org/konzert');
      expect(localStorage.getItem(STORAGE_KEY)).to.contain('Adventskonzert');

      const submitted = nextEvent<W4gSubmitEvent>(el, 'w4g-submit');
      const success = nextEvent<W4gSubmitSuccessEvent>(el, 'w4g-submit-success');
      await submit(el);
      const before = await submitted;
      expectW4gEvent(before, 'w4g-submit');
      expect(before.cancelable).to.equal(true);
      expect(before.detail).not.to.have.property('contact');
      expect(before.detail.title).to.equal('Adventskonzert des Posaunenchors');
      const done = await success;
      expectW4gEvent(done, 'w4g-submit-success');
      expect(done.detail).to.deep.equal({ status: 201, id: 'abc' });
      await answered(el);

      expect(stub.calls).to.have.length(1);
      const call = stub.calls[0]!;
      expect(call.method).to.equal('POST');
      expect(call.headers.get('Content-Type')).to.equal('application/json');
      const key = call.headers.get('Idempotency-Key')!;
      expect(key).to.match(/^[\x21-\x7e]{1,200}$/);
      const { formTime, ...body } = call.body;
      expect(formTime).to.be.a('number').and.to.be.at.least(0);
      expect(body).to.deep.equal({
        title: 'Adventskonzert des Posaunenchors',
        start: '2026-12-12T18:00',
        end: '2026-12-12T19:30',
        timeZone: 'Europe/Berlin',
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;UNTIL=20270131T225959Z',
        description: 'Bläsermusik zum Advent.',
        town: 'Aschersleben',
        location: { name: 'St. Stephani', address: 'Stephanikirchhof 1, 06449 Aschersleben' },
        categories: ['Musik'],
        organizerId: 'st-stephani',
        audience: ['Kinder', 'Familien'],
        accessibility: ['rollstuhlgerecht'],
        free: true,
        url: 'https://example.org/konzert',
        contact: { name: 'Erika Muster', email: 'erika@example.org' },
        consent: true,
        license: 'CC BY-SA 4.0',
        website2: '',
      });

      const confirmation = part(el, 'confirmation')!;
      expect(confirmation.getAttribute('role')).to.equal('status');
      expect(text(confirmation)).to.contain('Danke! Ihr Termin wird nach Prüfung veröffentlicht.');
      expect(deepActiveElement()).to.equal(confirmation);
      expect(el.getAttribute('state')).to.equal('success');
      expect(localStorage.getItem(STORAGE_KEY), 'draft removed').to.equal(null);
      await expectAxeClean(el, 'success');

      // The next event is a new draft with a new key.
      confirmation.querySelector('button')!.click();
      await el.updateComplete;
      expect($(el, 'f-title').value).to.equal('');
      await fillValid(el);
      await type(el, 'f-organizer', 'Posaunenchor Aschersleben');
      await submit(el);
      await answered(el);
      expect(stub.calls).to.have.length(2);
      expect(stub.calls[1]!.headers.get('Idempotency-Key')).not.to.equal(key);
      expect(stub.calls[1]!.body['organizer']).to.equal('Posaunenchor Aschersleben');
      expect(stub.calls[1]!.body).not.to.have.property('organizerId');
      expect(stub.calls[1]!.body).not.to.have.property('rrule');
    });

    it('an English form sends lang "en" (the submitter\'s emails are then English); a German one sends none', async () => {
      stub = stubFetch(json(201, { id: 'abc', status: 'pending' }));
      const el = await form(html`<w4g-event-form action=${ACTION} today=${TODAY} locale="en"></w4g-event-form>`);
      await fillValid(el);
      await submit(el);
      await answered(el);
      expect(stub.calls).to.have.length(1);
      expect(stub.calls[0]!.body['lang']).to.equal('en');
    });

    it('writes a monthly rule on the nth weekday and an exclusive all-day end', async () => {
      stub = stubFetch(json(202, { id: 'x' }), json(202, { id: 'y' }));
      const el = await form();
      await fillValid(el);
      await check(el, 'f-allDay');
      await type(el, 'f-startDate', '2026-12-08');
      await type(el, 'f-endDate', '2026-12-09');
      const monthly = [...$<HTMLSelectElement>(el, 'f-repeat').options].find((o) => o.value === 'monthly-weekday')!;
      expect(monthly.text).to.equal('jeden Monat an einem Dienstag');
      await type(el, 'f-repeat', 'monthly-weekday');
      expect(byLabel<HTMLSelectElement>(el, 'Welcher Dienstag im Monat?').selectedOptions[0]!.text).to.equal(
        'am zweiten Dienstag',
      );
      await check(el, 'f-end-1');
      await type(el, 'f-until', '2027-06-30');
      await submit(el);
      await answered(el);
      expect(stub.calls[0]!.body).to.include({
        start: '2026-12-08',
        end: '2026-12-10',
        rrule: 'FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270630',
      });

      part(el, 'confirmation')!.querySelector('button')!.click();
      await el.updateComplete;
      await fillValid(el);
      await check(el, 'f-allDay');
      await type(el, 'f-startDate', '2026-12-29');
      await type(el, 'f-repeat', 'monthly-weekday');
      expect(byLabel<HTMLSelectElement>(el, 'Welcher Dienstag im Monat?').selectedOptions[0]!.text).to.equal(
        'am letzten Dienstag',
      );
      await submit(el);
      await answered(el);
      expect(stub.calls[1]!.body).to.include({ start: '2026-12-29', rrule: 'FREQ=MONTHLY;BYDAY=-1TU' });
      expect(stub.calls[1]!.body).not.to.have.property('end');
    });

    it('does not send when a listener cancels w4g-submit', async () => {
      stub = stubFetch();
      const el = await form();
      await fillValid(el);
      el.addEventListener('w4g-submit', (e) => e.preventDefault(), { once: true });
      await submit(el);
      expect(stub.calls).to.have.length(0);
      expect(el.getAttribute('state')).to.equal('editing');
    });

    it('sends the honeypot but never stores it', async () => {
      stub = stubFetch(json(202, { id: 'x' }));
      const el = await form();
      const trap = root(el).querySelector<HTMLInputElement>('input[name="website2"]')!;
      trap.value = 'http://spam.example';
      trap.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      expect(localStorage.getItem(STORAGE_KEY), 'the honeypot does not start a draft').to.equal(null);
      await fillValid(el);
      const stored = localStorage.getItem(STORAGE_KEY)!;
      expect(stored).to.contain('Erika Muster');
      expect(stored).not.to.contain('spam.example');
      expect(stored).not.to.contain('website2');
      await submit(el);
      await answered(el);
      expect(stub.calls[0]!.body['website2']).to.equal('http://spam.example');
    });
  });

  describe('answers', () => {
    it('shows the messages of a 422 at their fields (dotted keys), keeps every value, and focuses the first', async () => {
      stub = stubFetch(
        json(422, {
          errors: {
            'contact.email': 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
            'location.name': 'Bitte kürzen Sie auf höchstens 300 Zeichen.',
            start: 'Der Termin liegt in der Vergangenheit.',
            duration: 'Bitte geben Sie entweder ein Ende oder eine Dauer an, nicht beides.',
            timeZone: 'Diese Zeitzone ist unbekannt.',
          },
        }),
      );
      const el = await form();
      await fillValid(el);
      const failed = nextEvent<W4gSubmitErrorEvent>(el, 'w4g-submit-error');
      await submit(el);
      const event = await failed;
      expectW4gEvent(event, 'w4g-submit-error');
      expect(event.detail.kind).to.equal('validation');
      expect(event.detail.status).to.equal(422);
      expect(event.detail.errors!['location.name']).to.equal('Bitte kürzen Sie auf höchstens 300 Zeichen.');
      await answered(el);
      expect(text(root(el).getElementById('f-placeName-error'))).to.equal('Bitte kürzen Sie auf höchstens 300 Zeichen.');
      expect(text(root(el).getElementById('f-contactEmail-error'))).to.equal('Bitte geben Sie eine gültige E-Mail-Adresse an.');
      expect(text(root(el).getElementById('f-startDate-error'))).to.equal('Der Termin liegt in der Vergangenheit.');
      expect(text(root(el).getElementById('f-endDate-error'))).to.contain('Dauer');
      expect($(el, 'f-placeName').getAttribute('aria-invalid')).to.equal('true');
      const summary = part(el, 'error-summary')!;
      expect(text(summary)).to.contain('Bitte korrigieren Sie 5 Angaben:');
      expect(text(summary)).to.contain('Diese Zeitzone ist unbekannt.');
      expect(deepActiveElement()).to.equal($(el, 'f-startDate'));
      expect($(el, 'f-title').value).to.equal('Adventskonzert des Posaunenchors');
      expect($(el, 'f-contactEmail').value).to.equal('erika@example.org');
      expect($(el, 'f-privacy').checked).to.equal(true);
      expect(localStorage.getItem(STORAGE_KEY)).to.contain('Adventskonzert');
      await expectAxeClean(el, '422');
    });

    it('after a 503 offers a retry that sends the same Idempotency-Key', async () => {
      stub = stubFetch(json(503, { error: 'Wartung' }), json(202, { id: 'ok', status: 'pending' }));
      const el = await form();
      await fillValid(el);
      const failed = nextEvent<W4gSubmitErrorEvent>(el, 'w4g-submit-error');
      await submit(el);
      expect((await failed).detail).to.deep.equal({ kind: 'server', status: 503 });
      await answered(el);
      expect(el.getAttribute('state')).to.equal('error');
      const problem = part(el, 'problem')!;
      expect(problem.getAttribute('role')).to.equal('alert');
      expect(text(problem)).to.contain('(503)');
      expect(deepActiveElement()).to.equal(problem);
      await expectAxeClean(el, '503');
      const success = nextEvent<W4gSubmitSuccessEvent>(el, 'w4g-submit-success');
      part(el, 'retry-button')!.click();
      expect((await success).detail).to.deep.equal({ status: 202, id: 'ok' });
      expect(stub.calls).to.have.length(2);
      expect(stub.calls[1]!.headers.get('Idempotency-Key')).to.equal(stub.calls[0]!.headers.get('Idempotency-Key'));
      expect(stub.calls[1]!.body['title']).to.equal(stub.calls[0]!.body['title']);
    });

    it('reports a network failure and being offline, with a retry', async () => {
      stub = stubFetch(new TypeError('Failed to fetch'));
      const el = await form();
      await fillValid(el);
      const failed = nextEvent<W4gSubmitErrorEvent>(el, 'w4g-submit-error');
      await submit(el);
      expect((await failed).detail).to.deep.equal({ kind: 'network' });
      await answered(el);
      expect(text(part(el, 'problem'))).to.contain('Der Server ist nicht erreichbar.');
      expect(part(el, 'retry-button')).not.to.equal(null);
      await expectAxeClean(el, 'network');

      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      part(el, 'retry-button')!.click();
      await el.updateComplete;
      expect(text(part(el, 'problem'))).to.contain('Sie sind offline.');
      expect(stub.calls, 'no request while offline').to.have.length(1);
      await expectAxeClean(el, 'offline');
    });

    it('asks to wait after a 429, using Retry-After', async () => {
      stub = stubFetch(json(429, { error: 'zu viele', retryAfter: 3412 }, { 'Retry-After': '30' }));
      const el = await form();
      await fillValid(el);
      const failed = nextEvent<W4gSubmitErrorEvent>(el, 'w4g-submit-error');
      await submit(el);
      expect((await failed).detail).to.deep.equal({ kind: 'rate-limit', status: 429 });
      await answered(el);
      expect(text(part(el, 'problem'))).to.contain('Bitte warten Sie 30 Sekunden');
      expect(part(el, 'retry-button')).to.equal(null);
      await expectAxeClean(el, '429');
    });
  });

  describe('draft', () => {
    it('survives a reload: stored once typed, restored with the same key, removed after success', async () => {
      stub = stubFetch(json(503, {}), json(202, { id: 'ok' }));
      const first = await form();
      expect(localStorage.getItem(STORAGE_KEY)).to.equal(null);
      await fillValid(first);
      await check(first, 'f-audience-1');
      await submit(first);
      await answered(first);
      const key = stub.calls[0]!.headers.get('Idempotency-Key');
      first.remove();

      const el = await form();
      expect(text(root(el).querySelector('.notice'))).to.equal('Ihr gespeicherter Entwurf wurde wiederhergestellt.');
      expect($(el, 'f-title').value).to.equal('Adventskonzert des Posaunenchors');
      expect($(el, 'f-startTime').value).to.equal('18:00');
      expect($<HTMLSelectElement>(el, 'f-town').value).to.equal('Aschersleben');
      expect($(el, 'f-audience-1').checked).to.equal(true);
      expect($(el, 'f-publish').checked).to.equal(true);
      await expectAxeClean(el, 'restored');
      await submit(el);
      await answered(el);
      expect(stub.calls[1]!.headers.get('Idempotency-Key'), 'a retry after reload is no duplicate').to.equal(key);
      expect(localStorage.getItem(STORAGE_KEY)).to.equal(null);
    });
  });
  describe('picture', () => {
    const IMAGES = '/__feeds/api/images';

    /** A real JPEG of the given size, drawn on a canvas. */
    async function jpeg(name = 'chor.jpg', width = 64, height = 48): Promise<File> {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#2a6';
      g.fillRect(0, 0, width, height);
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg'));
      return new File([blob], name, { type: 'image/jpeg' });
    }

    /** Chooses `file` in the real file input, as the browser's file dialog would. */
    async function choose(el: W4gEventForm, file: File): Promise<void> {
      const input = byLabel(el, 'Bilddatei');
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      await el.updateComplete;
    }

    const status = (el: W4gEventForm): string => text(root(el).querySelector('[role="status"]'));

    async function uploaded(el: W4gEventForm): Promise<void> {
      await waitUntil(() => part(el, 'image-preview') !== null, 'the preview never appeared', { timeout: 5000 });
      await el.updateComplete;
    }

    const pictureForm = (images = IMAGES) =>
      form(html`<w4g-event-form action=${ACTION} images-action=${images} today=${TODAY}></w4g-event-form>`);

    it('uploads a chosen file, shows the preview, announces it and sends the picture with alt text, credit and licence', async () => {
      stub = stubFetch(json(202, { id: 'neu', status: 'pending' }));
      const el = await pictureForm();
      await fillValid(el);
      const input = byLabel(el, 'Bilddatei');
      expect(input.type).to.equal('file');
      expect(input.getAttribute('accept')).to.contain('image/jpeg');
      expect(input.getAttribute('aria-describedby')).to.contain('f-image-hint');
      await choose(el, await jpeg());
      await uploaded(el);
      expect(status(el)).to.contain('Das Bild ist hochgeladen');
      const preview = part(el, 'image-preview') as HTMLImageElement;
      await waitUntil(() => preview.complete && preview.naturalWidth > 0, 'the preview did not load');
      expect(preview.getAttribute('width')).to.equal('640');
      expect(deepActiveElement(), 'focus moves on to the alt text').to.equal($(el, 'f-imageAlt'));
      expect(text(root(el).getElementById('f-imageAlt-hint'))).to.contain('was auf dem Bild zu sehen ist');
      expect(byLabel<HTMLTextAreaElement>(el, 'Alternativtext').required, 'the alt text is required').to.equal(true);
      expect(byLabel<HTMLSelectElement>(el, 'Lizenz des Bildes').required, 'the licence is required').to.equal(true);
      await expectAxeClean(el, 'picture uploaded');

      await submit(el);
      expect(text(root(el).getElementById('f-imageAlt-error'))).to.equal(
        'Bitte beschreiben Sie kurz, was auf dem Bild zu sehen ist.',
      );
      expect(text(root(el).getElementById('f-imageLicense-error'))).to.equal('Bitte wählen Sie eine Lizenz für das Bild.');
      expect(deepActiveElement()).to.equal($(el, 'f-imageAlt'));
      expect(stub.calls).to.have.length(0);

      await type(el, 'f-imageAlt', 'Der Posaunenchor vor dem Altar');
      await type(el, 'f-imageCredit', 'Anna Muster');
      await type(el, 'f-imageLicense', 'CC-BY-4.0');
      await submit(el);
      await answered(el);
      const { id, ...sent } = stub.calls[0]!.body['image'] as Record<string, unknown>;
      expect(id, 'the id the upload answered').to.match(/^[0-9a-f]{32}$/);
      expect(sent).to.deep.equal({ alt: 'Der Posaunenchor vor dem Altar', credit: 'Anna Muster', license: 'CC-BY-4.0' });
    });

    it('takes a file dropped on the drop zone', async () => {
      const el = await pictureForm();
      const zone = part(el, 'image-dropzone')!;
      const transfer = new DataTransfer();
      transfer.items.add(await jpeg('plakat.jpg'));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      await el.updateComplete;
      expect(zone.classList.contains('dropzone--active')).to.equal(true);
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      await uploaded(el);
      expect(zone.classList.contains('dropzone--active')).to.equal(false);
      part(el, 'image-remove')!.click();
      await el.updateComplete;
      expect(part(el, 'image-preview')).to.equal(null);
      expect(status(el)).to.equal('Das Bild wurde entfernt.');
      expect(deepActiveElement()).to.equal(byLabel(el, 'Bilddatei'));
    });

    it("shows the server's German refusal at the field and keeps everything else", async () => {
      const el = await pictureForm();
      await type(el, 'f-title', 'Adventskonzert');
      await choose(el, new File(['kein Bild'], 'brief.jpg', { type: 'image/jpeg' }));
      await waitUntil(() => root(el).getElementById('f-image-error') !== null, 'no error shown', { timeout: 5000 });
      expect(text(root(el).getElementById('f-image-error'))).to.equal(
        'Diese Datei ist kein Bild. Bitte wählen Sie ein Foto oder eine Grafik als JPEG, PNG, WebP oder AVIF.',
      );
      expect(byLabel(el, 'Bilddatei').getAttribute('aria-invalid')).to.equal('true');
      expect($(el, 'f-title').value).to.equal('Adventskonzert');
      await expectAxeClean(el, 'upload refused');
    });

    it('an interrupted upload says so and keeps the draft', async () => {
      const el = await pictureForm('/__feeds/broken/images');
      await type(el, 'f-title', 'Adventskonzert');
      await choose(el, await jpeg());
      await waitUntil(() => root(el).getElementById('f-image-error') !== null, 'no error shown', { timeout: 5000 });
      expect(text(root(el).getElementById('f-image-error'))).to.contain('(keine Verbindung)');
      expect(status(el)).to.contain('Ihre übrigen Angaben bleiben erhalten');
      expect($(el, 'f-title').value).to.equal('Adventskonzert');
      expect(localStorage.getItem(STORAGE_KEY)).to.contain('Adventskonzert');
    });

    it('refuses a HEIC photo and a file over 15 MB before uploading, with a German hint', async () => {
      // A path of its own: the middleware counts per path for every test file running at once.
      const el = await pictureForm('/__feeds/status/500/heic-and-too-big');
      await choose(el, new File(['....ftypheic'], 'IMG_0001.HEIC', { type: 'image/heic' }));
      expect(text(root(el).getElementById('f-image-error'))).to.contain('als JPEG');
      await choose(el, new File([new Uint8Array(15 * 1024 * 1024 + 1)], 'riesig.jpg', { type: 'image/jpeg' }));
      expect(text(root(el).getElementById('f-image-error'))).to.contain('höchstens 15 MB');
      const count = await (await fetch('/__feeds/count?path=/__feeds/status/500/heic-and-too-big')).json();
      expect(count.count, 'nothing was sent').to.equal(0);
    });

    it('uploads beside the submission URL by default, and keeps an uploaded picture in the draft', async () => {
      const el = await form(html`<w4g-event-form action="/__feeds/api/submissions" today=${TODAY}></w4g-event-form>`);
      await choose(el, await jpeg('vereinsheim.jpg'));
      await uploaded(el);
      el.remove();
      const again = await form(html`<w4g-event-form action="/__feeds/api/submissions" today=${TODAY}></w4g-event-form>`);
      expect(part(again, 'image-preview')).not.to.equal(null);
      localStorage.removeItem('w4g-event-form:/__feeds/api/submissions');
    });

    it('English labels', async () => {
      const el = await form(html`<w4g-event-form action=${ACTION} images-action=${IMAGES} locale="en"></w4g-event-form>`);
      expect(byLabel(el, 'Picture file').type).to.equal('file');
      expect(text(root(el).getElementById('f-image-hint'))).to.contain('at most 15 MB');
    });
  });
});
