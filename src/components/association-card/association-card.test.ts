import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { W4gAssociationCard } from './association-card.js';
import type { W4gEventDetails } from '../event-details/event-details.js';
import type { Association, CalendarEvent, FeedResult } from '../../core/index.js';
import type { W4gEventSelectEvent } from '../../shared/events.js';
import {
  cleanPageUrl,
  EMPTY_FEED,
  expectAxeClean,
  expectW4gEvent,
  nextEvent,
  requestCount,
  resetFeeds,
  setSwitch,
  fixtureText,
  settled,
  text,
  waitForState,
} from '../../../test/browser/w4g-test-helpers.js';

const TODAY = '2026-12-01';
const REGION = '/__feeds/file/feeds/region.json';
const STEPHANI = 'st-stephani-aschersleben';

const root = (el: W4gAssociationCard): ShadowRoot => el.shadowRoot!;
const part = (el: W4gAssociationCard, name: string): HTMLElement | null =>
  root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const statusText = (el: W4gAssociationCard): string => text(root(el).querySelector('[role="status"]'));
const eventRows = (el: W4gAssociationCard): HTMLElement[] => [...root(el).querySelectorAll<HTMLElement>('[part="event"]')];
/** The value (dd) after a term (dt) of the facts list. */
function fact(el: W4gAssociationCard, term: string): HTMLElement | undefined {
  const dt = [...root(el).querySelectorAll('[part="facts"] dt')].find((d) => text(d) === term);
  return (dt?.nextElementSibling as HTMLElement | null) ?? undefined;
}

async function card(template: ReturnType<typeof html>): Promise<W4gAssociationCard> {
  const el = await fixture<W4gAssociationCard>(template);
  await settled(el);
  return el;
}

/** Integrator data for the URL checks: one association, one event. */
function data(association: Partial<Association>): FeedResult {
  const event: CalendarEvent = {
    id: 'probe',
    title: 'Probe',
    start: '2026-12-03T19:00:00',
    end: '2026-12-03T21:00:00',
    timeZone: 'Europe/Berlin',
    allDay: false,
    status: 'scheduled',
    categories: [],
    audience: [],
    accessibility: [],
    organizerId: 'probe-verein',
  };
  return {
    events: [event],
    associations: [{ id: 'probe-verein', name: 'Probeverein', categories: [], ...association }],
    errors: [],
  };
}

describe('w4g-association-card', () => {
  afterEach(() => cleanPageUrl());

  describe('default render and states', () => {
    it('shows the association with its facts and next three events, in German (state "ready")', async () => {
      const el = await card(
        html`<w4g-association-card src=${REGION} association=${STEPHANI} today=${TODAY}></w4g-association-card>`,
      );
      expect(el.getAttribute('state')).to.equal('ready');
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('false');
      const name = part(el, 'name')!;
      expect(name.tagName).to.equal('H3');
      expect(text(name)).to.equal('Ev. Kirchengemeinde St. Stephani Aschersleben');
      expect(text(part(el, 'town'))).to.equal('Aschersleben');
      expect(text(part(el, 'description'))).to.contain('Evangelische Kirchengemeinde in der Altstadt');
      expect([...root(el).querySelectorAll('[part="category"]')].map((c) => text(c))).to.deep.equal(['Kirche', 'Musik']);
      expect(text(fact(el, 'Treffpunkt'))).to.equal('Gemeindebüro: dienstags und donnerstags 9–12 Uhr, Stephanikirchhof 1');
      expect(text(fact(el, 'Anschrift'))).to.equal('Stephanikirchhof 1, 06449 Aschersleben');
      expect(text(part(el, 'events-heading'))).to.equal('Nächste Termine');
      expect(part(el, 'events-heading')!.tagName).to.equal('H4');
      expect(eventRows(el).map((r) => text(r))).to.deep.equal([
        'So., 06.12.2026, 10:00–11:00 Uhr Sonntagsgottesdienst in St. Stephani',
        'So., 13.12.2026, 10:00–11:00 Uhr Sonntagsgottesdienst in St. Stephani',
        'So., 20.12.2026, 17:00–18:30 Uhr Musikalischer Gottesdienst zum 4. Advent',
      ]);
      expect(eventRows(el)[0]!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-12-06T10:00:00+01:00');
      expect(el.associationData?.id).to.equal(STEPHANI);
      expect(statusText(el)).to.equal('Ev. Kirchengemeinde St. Stephani Aschersleben');
      expect(el.matches(':state(ready)')).to.equal(true);
    });

    it('is axe clean when populated', async () => {
      const el = await card(
        html`<w4g-association-card src=${REGION} association=${STEPHANI} today=${TODAY}></w4g-association-card>`,
      );
      await expectAxeClean(el, 'populated');
    });

    it('shows a busy skeleton while loading (state "loading") and is axe clean', async () => {
      const el = await fixture<W4gAssociationCard>(
        html`<w4g-association-card
          src="/__feeds/slow/6000/feeds/region.json"
          association=${STEPHANI}
          today=${TODAY}
        ></w4g-association-card>`,
      );
      await waitForState(el, 'loading');
      expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
      expect(part(el, 'skeleton')).not.to.equal(null);
      expect(part(el, 'card')).to.equal(null);
      expect(statusText(el)).to.equal('Termine werden geladen.');
      await expectAxeClean(el, 'loading');
    });

    it('shows role="alert" with a retry button when the feed fails (state "error"), axe clean', async () => {
      const el = await card(
        html`<w4g-association-card src="/__feeds/status/500" association=${STEPHANI} today=${TODAY}></w4g-association-card>`,
      );
      expect(el.getAttribute('state')).to.equal('error');
      const alert = root(el).querySelector('[role="alert"]')!;
      expect(text(alert)).to.contain('Der Server hat mit einem Fehler geantwortet (500).');
      expect(text(alert.querySelector('button'))).to.equal('Erneut versuchen');
      expect(part(el, 'empty')!.hidden).to.equal(true);
      await expectAxeClean(el, 'error');
    });

    it('says "Verein nicht gefunden." for an unknown id (state "empty"), axe clean', async () => {
      const el = await card(
        html`<w4g-association-card src=${REGION} association="gibtsnicht" today=${TODAY}></w4g-association-card>`,
      );
      expect(el.getAttribute('state')).to.equal('empty');
      expect(part(el, 'empty')!.hidden).to.equal(false);
      expect(text(part(el, 'empty'))).to.equal('Verein nicht gefunden.');
      expect(statusText(el)).to.equal('Verein nicht gefunden.');
      expect(part(el, 'card')).to.equal(null);
      await expectAxeClean(el, 'empty');
    });

    it('is "empty" for a feed without associations, with the page\'s own empty slot', async () => {
      const el = await card(
        html`<w4g-association-card src=${EMPTY_FEED} association=${STEPHANI} today=${TODAY}
          ><p slot="empty">Kein Eintrag.</p></w4g-association-card
        >`,
      );
      expect(el.getAttribute('state')).to.equal('empty');
      const slot = root(el).querySelector<HTMLSlotElement>('[part="empty"] slot[name="empty"]')!;
      expect(slot.assignedElements().map((n) => text(n))).to.deep.equal(['Kein Eintrag.']);
    });
  });

  describe('contacts, logo and description', () => {
    it('links website (http/https), e-mail (mailto) and phone (tel)', async () => {
      const el = await card(
        html`<w4g-association-card src=${REGION} association=${STEPHANI} today=${TODAY}></w4g-association-card>`,
      );
      const site = fact(el, 'Webseite')!.querySelector('a')!;
      expect(site.getAttribute('href')).to.equal('https://st-stephani-aschersleben.example.org/');
      expect(text(site)).to.equal('st-stephani-aschersleben.example.org');
      const mail = fact(el, 'E-Mail')!.querySelector('a')!;
      expect(mail.getAttribute('href')).to.equal('mailto:gemeindebuero@st-stephani-aschersleben.example.org');
      expect(text(mail)).to.equal('gemeindebuero@st-stephani-aschersleben.example.org');
      const tel = fact(el, 'Telefon')!.querySelector('a')!;
      expect(tel.getAttribute('href')).to.equal('tel:+493473000001');
      expect(text(tel)).to.equal('+49 3473 000001');
    });

    it('drops a javascript: website, a bad e-mail and a bad phone number', async () => {
      const el = await fixture<W4gAssociationCard>(
        html`<w4g-association-card association="probe-verein" today=${TODAY}></w4g-association-card>`,
      );
      el.events = data({ website: 'javascript:alert(1)', email: 'kein-mail', phone: 'ruf an', meetingPlace: 'Vereinsheim' });
      await waitForState(el, 'ready');
      expect(fact(el, 'Webseite')).to.equal(undefined);
      expect(fact(el, 'E-Mail')).to.equal(undefined);
      expect(fact(el, 'Telefon')).to.equal(undefined);
      expect(root(el).querySelector('a[href^="javascript"]')).to.equal(null);
      expect(text(fact(el, 'Treffpunkt'))).to.equal('Vereinsheim');
    });

    it('shows a logo from an allowed origin with alt text, and none from a third party', async () => {
      const own = `${location.origin}/__feeds/file/feeds/konzert.png`;
      const el = await fixture<W4gAssociationCard>(
        html`<w4g-association-card association="probe-verein" today=${TODAY}></w4g-association-card>`,
      );
      el.events = data({ logo: own });
      await waitForState(el, 'ready');
      const img = part(el, 'logo') as HTMLImageElement;
      expect(img.getAttribute('src')).to.equal(own);
      expect(img.alt).to.equal('Logo von Probeverein');

      el.events = data({ logo: own, logoAlt: 'Wappen des Probevereins' });
      await waitForState(el, 'ready');
      await el.updateComplete;
      expect((part(el, 'logo') as HTMLImageElement).alt).to.equal('Wappen des Probevereins');

      el.events = data({ logo: 'https://tracker.example.com/logo.png' });
      await waitUntil(() => part(el, 'logo') === null, 'a third-party logo was shown');
      el.imageOrigins = 'https://tracker.example.com';
      await waitUntil(() => part(el, 'logo') !== null, 'an allowed extra origin was refused');
      expect(part(el, 'logo')!.getAttribute('src')).to.equal('https://tracker.example.com/logo.png');
    });

    it('keeps the description as plain text with its line breaks', async () => {
      const el = await fixture<W4gAssociationCard>(
        html`<w4g-association-card association="probe-verein" today=${TODAY}></w4g-association-card>`,
      );
      el.events = data({ description: 'Erste Zeile\nZweite <b>Zeile</b>' });
      await waitForState(el, 'ready');
      const description = part(el, 'description')!;
      expect(description.textContent).to.equal('Erste Zeile\nZweite <b>Zeile</b>');
      expect(description.querySelector('b')).to.equal(null);
      expect(getComputedStyle(description).whiteSpace).to.equal('pre-line');
    });
  });

  describe('next events', () => {
    it('shows `limit` events and says so when there are none', async () => {
      const el = await card(
        html`<w4g-association-card src=${REGION} association=${STEPHANI} today=${TODAY} limit="2"></w4g-association-card>`,
      );
      expect(eventRows(el)).to.have.length(2);
      el.limit = 4;
      await el.updateComplete;
      expect(eventRows(el)).to.have.length(4);
      el.today = '2027-12-01';
      await waitForState(el, 'ready');
      await waitUntil(() => eventRows(el).length === 0, 'events after the last date');
      expect(text(part(el, 'events'))).to.contain('Zurzeit sind keine Termine eingetragen.');
    });

    it('shows "Alle Termine" only with `all-events-href`', async () => {
      const el = await card(
        html`<w4g-association-card src=${REGION} association=${STEPHANI} today=${TODAY}></w4g-association-card>`,
      );
      expect(part(el, 'all-events-link')).to.equal(null);
      el.allEventsHref = '/termine/?w4g-organizer=st-stephani-aschersleben';
      await el.updateComplete;
      const link = part(el, 'all-events-link') as HTMLAnchorElement;
      expect(text(link)).to.equal('Alle Termine');
      expect(link.getAttribute('href')).to.equal('/termine/?w4g-organizer=st-stephani-aschersleben');
    });

    it('opens the shared details view from an event, after a cancelable w4g-event-select', async () => {
      const el = await card(
        html`<w4g-association-card src=${REGION} association=${STEPHANI} today=${TODAY}></w4g-association-card>`,
      );
      const link = eventRows(el)[2]!.querySelector<HTMLAnchorElement>('[part="event-link"]')!;
      expect(link.getAttribute('href')).to.equal('#w4g-event=stephani-gottesdienst/2026-12-20T09:00:00Z');
      const selected = nextEvent<W4gEventSelectEvent>(document, 'w4g-event-select');
      link.click();
      const event = await selected;
      expectW4gEvent(event, 'w4g-event-select');
      expect(event.detail.key).to.equal('stephani-gottesdienst/2026-12-20T09:00:00Z');
      await waitUntil(() => root(el).querySelector<W4gEventDetails>('w4g-event-details')?.open, 'the details did not open', {
        timeout: 5000,
      });
      const details = root(el).querySelector<W4gEventDetails>('w4g-event-details')!;
      expect(text(details.shadowRoot!.querySelector('[part="title"]'))).to.equal('Musikalischer Gottesdienst zum 4. Advent');
      expect(text(details.shadowRoot!.querySelector('[part="facts"]'))).to.contain(
        'Ev. Kirchengemeinde St. Stephani Aschersleben',
      );
      details.close();
    });

    it('takes the events from `events-src` when set', async () => {
      await resetFeeds();
      const eventsSrc = '/__feeds/slow/1/feeds/region.json';
      const el = await card(
        html`<w4g-association-card
          src=${EMPTY_FEED}
          events-src=${eventsSrc}
          association="kulturkreis-eine"
          today=${TODAY}
        ></w4g-association-card>`,
      );
      // The association comes from `src`: the empty feed has none.
      expect(el.getAttribute('state')).to.equal('empty');
      el.src = REGION;
      await waitForState(el, 'ready');
      await waitUntil(() => eventRows(el).length === 2, 'the events of events-src');
      expect(eventRows(el).map((r) => text(r.querySelector('[part="event-link"]')))).to.deep.equal([
        'Weihnachtsmarkt auf dem Holzmarkt',
        'Kabarettabend: „Zwischen Harz und Hinterhof“',
      ]);
      expect(text(eventRows(el)[0]!.querySelector('time'))).to.equal('Fr., 04.12.2026 – So., 06.12.2026');
      expect(await requestCount(eventsSrc)).to.equal(1);
    });

    it('says when `events-src` fails, with a retry, and stays axe clean', async () => {
      const el = await card(
        html`<w4g-association-card
          src=${REGION}
          events-src="/__feeds/status/503"
          association=${STEPHANI}
          today=${TODAY}
        ></w4g-association-card>`,
      );
      await waitUntil(() => text(part(el, 'events')).includes('Die Termine konnten nicht geladen werden.'), 'no events error');
      expect(el.getAttribute('state')).to.equal('ready');
      expect(part(el, 'events')!.querySelector('button')).not.to.equal(null);
      await expectAxeClean(el, 'events error');
    });
  });

  describe('attributes, properties and language', () => {
    it('reflects attributes to properties and back', async () => {
      const el = await card(
        html`<w4g-association-card
          src=${REGION}
          association=${STEPHANI}
          events-src=${REGION}
          all-events-href="/termine/"
          limit="1"
          heading-level="2"
          no-heading
          today=${TODAY}
        ></w4g-association-card>`,
      );
      expect(el.association).to.equal(STEPHANI);
      expect(el.eventsSrc).to.equal(REGION);
      expect(el.allEventsHref).to.equal('/termine/');
      expect(el.limit).to.equal(1);
      expect(el.headingLevel).to.equal(2);
      expect(el.noHeading).to.equal(true);
      expect(part(el, 'name')).to.equal(null);
      expect(part(el, 'events-heading')!.tagName).to.equal('H2');
      expect(eventRows(el)).to.have.length(1);
      el.association = 'kulturkreis-eine';
      await el.updateComplete;
      expect(el.getAttribute('association')).to.equal('kulturkreis-eine');
      await waitForState(el, 'ready');
      expect(el.associationData?.name).to.equal('Kulturkreis an der Eine e.V.');
    });

    it('speaks English with locale="en"', async () => {
      const el = await card(
        html`<w4g-association-card src=${REGION} association=${STEPHANI} today=${TODAY} locale="en"></w4g-association-card>`,
      );
      expect(text(part(el, 'events-heading'))).to.equal('Upcoming events');
      expect(fact(el, 'Meeting place')).not.to.equal(undefined);
      expect(fact(el, 'Phone')).not.to.equal(undefined);
      expect(text(eventRows(el)[0]!.querySelector('time'))).to.equal('Sun, 6 Dec 2026, 10:00 AM – 11:00 AM');
      el.association = 'gibtsnicht';
      await waitForState(el, 'empty');
      expect(text(part(el, 'empty'))).to.equal('Association not found.');
      expect(statusText(el)).to.equal('Association not found.');
    });
  });

  describe('"Termine abonnieren": the association calendar on its server', () => {
    const KEY = 'card-server/api/events.json';
    const SERVER_FEED = `/__feeds/switch/${KEY}`;
    beforeEach(async () => {
      await resetFeeds();
      await setSwitch(KEY, await fixtureText(REGION));
    });

    it('offers the per-association calendar of the server when the feed comes from one, keyboard and axe clean', async () => {
      const el = await card(
        html`<w4g-association-card src=${SERVER_FEED} association=${STEPHANI} today=${TODAY}></w4g-association-card>`,
      );
      const button = part(el, 'subscribe-button') as HTMLButtonElement;
      expect(text(button)).to.equal('Termine abonnieren');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(part(el, 'subscribe-panel')!.hidden).to.equal(true);
      await expectAxeClean(el, 'subscribe closed');
      button.focus();
      button.click();
      await el.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      const panel = part(el, 'subscribe-panel')!;
      expect(panel.hidden).to.equal(false);
      const expected = `${location.origin}/__feeds/switch/card-server/api/associations/${STEPHANI}/events.ics`;
      expect(root(el).querySelector<HTMLInputElement>('#subscribe-url')!.value).to.equal(expected);
      expect(part(el, 'subscribe-link')!.getAttribute('href')).to.equal(expected.replace(/^https?:/, 'webcal:'));
      expect(text(part(el, 'subscribe-title'))).to.equal('Kalender abonnieren');
      // The panel's heading sits below the section heading "Nächste Termine" (h4).
      expect(part(el, 'subscribe-title')!.tagName).to.equal('H5');
      await expectAxeClean(el, 'subscribe open');
      panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
      await el.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      expect(root(el).activeElement).to.equal(button);
    });

    it('derives it from events-src too, and speaks English', async () => {
      const el = await card(
        html`<w4g-association-card
          src=${REGION}
          events-src=${SERVER_FEED}
          association=${STEPHANI}
          today=${TODAY}
          locale="en"
        ></w4g-association-card>`,
      );
      expect(text(part(el, 'subscribe-button'))).to.equal('Subscribe to events');
      expect(root(el).querySelector<HTMLInputElement>('#subscribe-url')!.value).to.match(
        /\/__feeds\/switch\/card-server\/api\/associations\/st-stephani-aschersleben\/events\.ics$/,
      );
    });

    it('is not offered for a static feed or with no-subscribe; `subscribe` names the address', async () => {
      const plain = await card(
        html`<w4g-association-card src=${REGION} association=${STEPHANI} today=${TODAY}></w4g-association-card>`,
      );
      expect(part(plain, 'subscribe')).to.equal(null);
      const off = await card(
        html`<w4g-association-card
          src=${SERVER_FEED}
          association=${STEPHANI}
          today=${TODAY}
          no-subscribe
        ></w4g-association-card>`,
      );
      expect(off.noSubscribe).to.equal(true);
      expect(part(off, 'subscribe')).to.equal(null);
      const given = await card(
        html`<w4g-association-card
          src=${REGION}
          association=${STEPHANI}
          today=${TODAY}
          subscribe="https://kalender.example.org/stephani.ics"
        ></w4g-association-card>`,
      );
      expect(root(given).querySelector<HTMLInputElement>('#subscribe-url')!.value).to.equal(
        'https://kalender.example.org/stephani.ics',
      );
      const unsafe = await card(
        html`<w4g-association-card
          src=${REGION}
          association=${STEPHANI}
          today=${TODAY}
          subscribe="javascript:alert(1)"
        ></w4g-association-card>`,
      );
      expect(part(unsafe, 'subscribe')).to.equal(null);
    });
  });
});
