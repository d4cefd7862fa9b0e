import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import './define.js';
import type { W4gEventDetails } from './event-details.js';
import { expandOccurrences, parseJsonFeed, type Association, type Occurrence } from '../../core/index.js';
import {
  cleanPageUrl,
  deepActiveElement,
  expectAxeClean,
  FEED,
  fixtureText,
  nextEvent,
  text,
} from '../../../test/browser/w4g-test-helpers.js';

const FEED_URL = new URL(FEED, location.href).href;
const KONZERT_KEY = 'konzert/2026-12-12T18:30:00Z';
/** Another origin served by the same test server: a "third party" without leaving the machine. */
const OTHER_ORIGIN = `${location.protocol}//${location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${location.port}`;

let occurrences: Occurrence[] = [];
let association: Association;

async function loadFeed(): Promise<void> {
  const feed = parseJsonFeed(await fixtureText(FEED), { baseUrl: FEED_URL });
  association = feed.associations.find((a) => a.id === 'st-stephani')!;
  occurrences = expandOccurrences(feed.events, { start: '2026-12-01', end: '2027-01-01' }).map((o) => ({
    ...o,
    source: FEED_URL,
  }));
}

function occurrence(id: string, changes: Partial<Occurrence> = {}): Occurrence {
  const o = occurrences.find((x) => x.eventId === id);
  expect(o, `occurrence ${id}`).not.to.be.oneOf([null, undefined]);
  return { ...o!, ...changes };
}

interface Setup {
  wrapper: HTMLElement;
  opener: HTMLButtonElement;
  el: W4gEventDetails;
}

async function setup(template = html`<w4g-event-details></w4g-event-details>`): Promise<Setup> {
  const wrapper = await fixture<HTMLElement>(html`<div><button id="opener">Öffnen</button>${template}</div>`);
  const el = wrapper.querySelector<W4gEventDetails>('w4g-event-details')!;
  await el.updateComplete;
  return { wrapper, opener: wrapper.querySelector('button')!, el };
}

/** Opens the dialog the way a list does: focus on an opener, then `show()`. */
async function open(s: Setup, o: Occurrence, a?: Association): Promise<ShadowRoot> {
  s.opener.focus();
  await s.el.show(o, a);
  await s.el.updateComplete;
  expect(s.el.open).to.equal(true);
  return s.el.shadowRoot!;
}

/** The `<dd>` texts of the facts list by their `<dt>`. */
function facts(r: ShadowRoot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dt of r.querySelectorAll('[part="facts"] dt')) out[text(dt)] = text(dt.nextElementSibling);
  return out;
}

function fact(r: ShadowRoot, name: string): HTMLElement | undefined {
  const dt = [...r.querySelectorAll('[part="facts"] dt')].find((x) => text(x) === name);
  return (dt?.nextElementSibling as HTMLElement | null) ?? undefined;
}

const linkTo = (r: ShadowRoot, name: string): HTMLAnchorElement | undefined =>
  [...r.querySelectorAll<HTMLAnchorElement>('a')].find((a) => text(a) === name);

describe('w4g-event-details', () => {
  before(loadFeed);
  afterEach(() => cleanPageUrl());

  describe('default render and attributes', () => {
    it('renders a closed dialog and nothing else until shown', async () => {
      const { el } = await setup();
      const dialog = el.shadowRoot!.querySelector('dialog')!;
      expect(dialog).not.to.be.oneOf([null, undefined]);
      expect(dialog.open).to.equal(false);
      expect(el.open).to.equal(false);
      expect(dialog.children).to.have.length(0);
      expect(getComputedStyle(el).display).to.equal('contents');
    });

    it('reads locale, theme and image-origins attributes and reflects locale and theme', async () => {
      const { el } = await setup(
        html`<w4g-event-details locale="en" theme="dark" image-origins="https://a.example"></w4g-event-details>`,
      );
      expect(el.locale).to.equal('en');
      expect(el.theme).to.equal('dark');
      expect(el.imageOrigins).to.equal('https://a.example');
      el.locale = 'de';
      el.theme = 'light';
      await el.updateComplete;
      expect(el.getAttribute('locale')).to.equal('de');
      expect(el.getAttribute('theme')).to.equal('light');
    });
  });

  describe('the dialog', () => {
    it('opens as a modal dialog labelled and focused by its title; axe clean', async () => {
      const s = await setup();
      const r = await open(s, occurrence('konzert'), association);
      const dialog = r.querySelector('dialog')!;
      expect(dialog.open).to.equal(true);
      expect(dialog.matches(':modal')).to.equal(true);
      const title = r.querySelector('[part="title"]')!;
      expect(title.tagName).to.equal('H2');
      expect(text(title)).to.equal('Adventskonzert');
      expect(r.getElementById(dialog.getAttribute('aria-labelledby')!)).to.equal(title);
      expect(deepActiveElement()).to.equal(title);
      await expectAxeClean(s.wrapper, 'details open');
    });

    it('closes with Escape, fires `close` and gives focus back to the opener', async () => {
      const s = await setup();
      await open(s, occurrence('konzert'), association);
      const closed = nextEvent(s.el, 'close');
      await sendKeys({ press: 'Escape' });
      await closed;
      expect(s.el.open).to.equal(false);
      await waitUntil(() => deepActiveElement() === s.opener, `focus is on ${deepActiveElement()?.outerHTML}`);
    });

    it('closes with its "Schließen" button', async () => {
      const s = await setup();
      const r = await open(s, occurrence('konzert'), association);
      const close = r.querySelector<HTMLButtonElement>('[part="close-button"]')!;
      expect(text(close)).to.equal('Schließen');
      const closed = nextEvent(s.el, 'close');
      close.click();
      await closed;
      expect(s.el.open).to.equal(false);
      await waitUntil(() => deepActiveElement() === s.opener, 'focus did not return');
    });

    it('closes on a click on the backdrop, not on a click inside', async () => {
      const s = await setup();
      const r = await open(s, occurrence('konzert'), association);
      try {
        const rect = r.querySelector('dialog')!.getBoundingClientRect();
        await sendMouse({ type: 'click', position: [Math.round(rect.left + 20), Math.round(rect.top + rect.height / 2)] });
        expect(s.el.open, 'a click inside keeps it open').to.equal(true);
        const closed = nextEvent(s.el, 'close');
        await sendMouse({ type: 'click', position: [2, 2] });
        await closed;
        expect(s.el.open).to.equal(false);
      } finally {
        await resetMouse();
      }
    });

    it('shows another occurrence when shown again while open', async () => {
      const s = await setup();
      await open(s, occurrence('konzert'), association);
      const r = await open(s, occurrence('lesung'));
      expect(text(r.querySelector('[part="title"]'))).to.equal('Lesung am Nachmittag');
      s.el.close();
    });
  });

  describe('content', () => {
    it('shows when, place, organizer, audience, accessibility, price, categories and contact', async () => {
      const s = await setup();
      const r = await open(s, occurrence('konzert'), association);
      expect(facts(r)).to.deep.equal({
        Wann: 'Sa., 12.12.2026, 19:30–21:30 Uhr',
        Ort: 'St. Stephani, Stephanikirchhof 1, 06449 Aschersleben',
        Veranstalter: 'Ev. Kirchengemeinde St. Stephani',
        Zielgruppe: 'Familien, Senioren',
        Barrierefreiheit: 'rollstuhlgerecht, Induktionsschleife',
        Eintritt: '10 €, ermäßigt 5 €',
        Kategorien: 'Musik, Kirche',
        Kontakt: 'Gemeindebürobuero@st-stephani.example.org+49 3473 123-45https://st-stephani.example.org/kontakt',
      });
      expect(fact(r, 'Wann')!.querySelector('time')!.getAttribute('datetime')).to.equal('2026-12-12T19:30:00+01:00');
      expect(fact(r, 'Veranstalter')!.querySelector('a')!.getAttribute('href')).to.equal('https://st-stephani.example.org/');
      expect(r.querySelector('[part="facts"]')!.tagName).to.equal('DL');
    });

    it('links contact e-mail (mailto:), phone (tel:) and website', async () => {
      const s = await setup();
      const r = await open(s, occurrence('konzert'), association);
      const contact = fact(r, 'Kontakt')!;
      const hrefs = [...contact.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(hrefs).to.deep.equal([
        'mailto:buero@st-stephani.example.org',
        'tel:+49347312345',
        'https://st-stephani.example.org/kontakt',
      ]);
      expect(text(contact.querySelector('a[href^="tel:"]'))).to.equal('+49 3473 123-45');
    });

    it('shows the description as plain text with its line breaks', async () => {
      const s = await setup();
      const r = await open(s, occurrence('konzert'), association);
      const description = r.querySelector<HTMLElement>('[part="description"]')!;
      expect(description.textContent).to.equal('Der Kirchenchor singt Adventslieder.\nAnschließend Glühwein vor der Kirche.');
      expect(description.children).to.have.length(0);
      expect(['pre-line', 'pre-wrap', 'pre']).to.include(getComputedStyle(description).whiteSpace);
      // The line break shows: the paragraph is two lines high.
      const lineHeight = parseFloat(getComputedStyle(description).lineHeight);
      expect(description.getBoundingClientRect().height).to.be.greaterThan(lineHeight * 1.5);
    });

    it('says "Eintritt frei" for a free event and "ganztägig" for an all-day one; the town is the place', async () => {
      const s = await setup();
      const r = await open(s, occurrence('tag-offen'));
      expect(facts(r)).to.deep.equal({
        Wann: 'Sa., 05.12.2026, ganztägig',
        Ort: 'Seeland',
        Eintritt: 'Eintritt frei',
        Kategorien: 'Familie',
      });
      expect(r.querySelector('[part="description"]')).to.equal(null);
    });

    it('writes the range of a multi-day event', async () => {
      const s = await setup();
      let r = await open(s, occurrence('markt'));
      expect(facts(r)['Wann']).to.equal('Fr., 04.12.2026 – So., 06.12.2026');
      r = await open(s, occurrence('freizeit'));
      expect(facts(r)['Wann']).to.equal('Fr., 18.12.2026, 16:00 Uhr – So., 20.12.2026, 12:00 Uhr');
    });

    it('shows the organizer as text without an association, and the town after the place', async () => {
      const s = await setup();
      const r = await open(s, occurrence('lesung', { location: { name: 'Heimatstube' } }));
      expect(facts(r)['Veranstalter']).to.equal('Heimatverein Arnstein e.V.');
      expect(fact(r, 'Veranstalter')!.querySelector('a')).to.equal(null);
      expect(facts(r)['Ort']).to.equal('HeimatstubeArnstein');
      expect(fact(r, 'Ort')!.querySelector('br')).not.to.be.oneOf([null, undefined]);
    });

    it('labels cancelled and postponed dates; axe clean', async () => {
      const s = await setup();
      let r = await open(s, occurrence('chorprobe'));
      expect(text(r.querySelector('.badge'))).to.equal('Abgesagt');
      await expectAxeClean(s.wrapper, 'cancelled');
      r = await open(s, occurrence('kabarett'));
      expect(text(r.querySelector('.badge'))).to.equal('Verschoben');
      r = await open(s, occurrence('lesung'));
      expect(r.querySelector('.badge')).to.equal(null);
    });

    it('links to this date on the page', async () => {
      const s = await setup();
      const r = await open(s, occurrence('konzert'), association);
      const a = linkTo(r, 'Link zu diesem Termin')!;
      const url = new URL(location.href);
      url.hash = '';
      expect(a.getAttribute('href')).to.equal(`${url.href.replace(/#$/, '')}#w4g-event=${KONZERT_KEY}`);
    });
  });

  describe('links and images', () => {
    it('links the website only for http and https', async () => {
      const s = await setup();
      let r = await open(s, occurrence('konzert'), association);
      expect(linkTo(r, 'Zur Webseite der Veranstaltung')!.getAttribute('href')).to.equal(
        'https://st-stephani.example.org/adventskonzert',
      );
      r = await open(s, occurrence('konzert', { url: 'http://example.org/x' }));
      expect(linkTo(r, 'Zur Webseite der Veranstaltung')!.getAttribute('href')).to.equal('http://example.org/x');
      for (const url of [
        'javascript:alert(1)',
        ' JaVaScRiPt:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:x',
        'ftp://example.org/',
        'mailto:a@b.de',
      ]) {
        r = await open(s, occurrence('konzert', { url }));
        expect(linkTo(r, 'Zur Webseite der Veranstaltung'), url).to.equal(undefined);
      }
      r = await open(s, occurrence('konzert', { contact: { name: 'X', url: 'javascript:alert(1)' } }), {
        ...association,
        website: 'javascript:alert(1)',
      });
      expect(fact(r, 'Kontakt')!.querySelector('a')).to.equal(null);
      expect(fact(r, 'Veranstalter')!.querySelector('a')).to.equal(null);
      const hrefs = [...r.querySelectorAll('[href]')].map((a) => a.getAttribute('href')!);
      expect(hrefs.filter((h) => !/^(https?:|mailto:|tel:)/.test(h))).to.deep.equal([]);
    });

    it("shows an image from the page's own origin, with its alt text", async () => {
      const s = await setup();
      const r = await open(s, occurrence('konzert'), association);
      const img = r.querySelector<HTMLImageElement>('[part="image"]')!;
      expect(img).not.to.be.oneOf([null, undefined]);
      expect(img.getAttribute('src')).to.equal(new URL('/__feeds/file/feeds/konzert.png', location.href).href);
      expect(img.getAttribute('alt')).to.equal('Der Chor in der Kirche');
    });

    it("shows the responsive sources, reserves the picture's place and writes the credit line with the licence", async () => {
      const base = new URL('/__feeds/file/feeds/', location.href).href;
      const s = await setup();
      const r = await open(
        s,
        occurrence('konzert', {
          image: `${base}konzert.png`,
          imageWidth: 960,
          imageHeight: 640,
          imageCredit: 'Anna Muster',
          imageLicense: 'CC-BY-SA-4.0',
          imageSources: [
            { url: `${base}konzert.png?w=480&f=webp`, width: 480, type: 'image/webp' },
            { url: `${base}konzert.png?w=480`, width: 480, type: 'image/jpeg' },
            { url: `${base}konzert.png?w=960&f=webp`, width: 960, type: 'image/webp' },
            { url: `${base}konzert.png?w=960`, width: 960, type: 'image/jpeg' },
            { url: 'https://tracker.example.com/p.webp', width: 1600, type: 'image/webp' },
          ],
        }),
      );
      const img = r.querySelector<HTMLImageElement>('[part="image"]')!;
      expect(img.getAttribute('width')).to.equal('960');
      expect(img.getAttribute('height')).to.equal('640');
      expect(img.getAttribute('loading')).to.equal('lazy');
      expect(img.getAttribute('srcset')).to.equal(`${base}konzert.png?w=480 480w, ${base}konzert.png?w=960 960w`);
      expect(img.getAttribute('sizes')).to.contain('100vw');
      const source = r.querySelector('picture source')!;
      expect(source.getAttribute('type')).to.equal('image/webp');
      // The third-party rendition is left out: only allowed origins serve pictures.
      expect(source.getAttribute('srcset')).to.equal(
        `${base}konzert.png?w=480&f=webp 480w, ${base}konzert.png?w=960&f=webp 960w`,
      );
      const credit = r.querySelector('[part="image-credit"]')!;
      expect(text(credit)).to.equal('Foto: Anna Muster, CC BY-SA 4.0');
      expect(credit.querySelector('a')!.getAttribute('href')).to.equal('https://creativecommons.org/licenses/by-sa/4.0/');
      expect(credit.querySelector('a')!.getAttribute('rel')).to.contain('license');
      await expectAxeClean(s.wrapper, 'picture with credit');
    });

    it('"nur für diesen Kalender" is named without a link; English credit line', async () => {
      const s = await setup(html`<w4g-event-details locale="en"></w4g-event-details>`);
      const r = await open(s, occurrence('konzert', { imageCredit: 'Jan Foto', imageLicense: 'calendar-only' }));
      const credit = r.querySelector('[part="image-credit"]')!;
      expect(text(credit)).to.equal('Photo: Jan Foto, only for this calendar');
      expect(credit.querySelector('a')).to.equal(null);
    });

    it('does not show an image from a third-party origin unless `image-origins` allows it', async () => {
      const image = `${OTHER_ORIGIN}/__feeds/file/feeds/konzert.png`;
      const s = await setup();
      let r = await open(s, occurrence('konzert', { image }));
      expect(r.querySelector('img')).to.equal(null);
      expect(occurrence('ausstellung').image).to.equal('https://bilder.example.com/foto.jpg');
      r = await open(s, occurrence('ausstellung'));
      expect(r.querySelector('img')).to.equal(null);
      s.el.setAttribute('image-origins', 'https://elsewhere.example, https://bilder.example.net');
      r = await open(s, occurrence('konzert', { image }));
      expect(r.querySelector('img')).to.equal(null);
      s.el.setAttribute('image-origins', `https://elsewhere.example, ${OTHER_ORIGIN}`);
      r = await open(s, occurrence('konzert', { image }));
      expect(r.querySelector('img')!.getAttribute('src')).to.equal(image);
    });

    it("allows an image from the feed's own origin", async () => {
      const image = `${OTHER_ORIGIN}/__feeds/file/feeds/konzert.png`;
      const s = await setup();
      const r = await open(s, occurrence('konzert', { image, source: `${OTHER_ORIGIN}/__feeds/file/feeds/w4g-test.json` }));
      expect(r.querySelector('img')!.getAttribute('src')).to.equal(image);
    });

    it('never shows a javascript: or data: image', async () => {
      const s = await setup(html`<w4g-event-details image-origins="data: javascript:"></w4g-event-details>`);
      for (const image of [
        'javascript:alert(1)',
        'data:image/svg+xml,<svg onload=alert(1)>',
        'data:image/png;base64,iVBORw0KGgo=',
      ]) {
        const r = await open(s, occurrence('konzert', { image }));
        expect(r.querySelector('img'), image).to.equal(null);
      }
    });
  });

  describe('"In meinen Kalender"', () => {
    it('downloads an .ics file of the date', async () => {
      const s = await setup();
      const r = await open(s, occurrence('konzert'), association);
      const button = r.querySelector<HTMLButtonElement>('[part="calendar-button"]')!;
      expect(text(button)).to.equal('In meinen Kalender');
      expect(text(r.getElementById(button.getAttribute('aria-describedby')!))).to.equal(
        'Lädt eine Kalenderdatei (.ics) für Outlook, Apple- oder Google-Kalender herunter.',
      );
      const blobs: Blob[] = [];
      const realCreate = URL.createObjectURL;
      const realRevoke = URL.revokeObjectURL;
      URL.createObjectURL = (blob: Blob | MediaSource) => {
        blobs.push(blob as Blob);
        return 'blob:w4g-test';
      };
      URL.revokeObjectURL = () => {};
      let anchor: HTMLAnchorElement | undefined;
      const onClick = (e: Event): void => {
        const a = e.composedPath()[0];
        if (a instanceof HTMLAnchorElement && a.hasAttribute('download')) {
          anchor = a;
          e.preventDefault();
        }
      };
      r.addEventListener('click', onClick, true);
      try {
        button.click();
      } finally {
        r.removeEventListener('click', onClick, true);
        URL.createObjectURL = realCreate;
        URL.revokeObjectURL = realRevoke;
      }
      expect(anchor, 'a download link was clicked').not.to.be.oneOf([null, undefined]);
      expect(anchor!.download).to.equal('Adventskonzert.ics');
      expect(anchor!.getAttribute('href')).to.equal('blob:w4g-test');
      expect(anchor!.isConnected, 'the helper link is removed again').to.equal(false);
      expect(blobs).to.have.length(1);
      expect(blobs[0]!.type).to.contain('text/calendar');
      const ics = await blobs[0]!.text();
      expect(ics).to.match(/^BEGIN:VCALENDAR\r\n/);
      expect(ics).to.contain('BEGIN:VEVENT');
      expect(ics).to.contain('SUMMARY:Adventskonzert');
      expect(ics).to.match(/DTSTART[^\r\n]*:20261212T(183000Z|193000)/);
      expect(ics).to.match(/END:VCALENDAR\r\n$/);
    });
  });

  describe('time and language', () => {
    it('shows the Berlin time in a browser set to New York', async () => {
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).to.equal('America/New_York');
      const s = await setup();
      const r = await open(s, occurrence('gottesdienst'));
      expect(facts(r)['Wann']).to.equal('So., 06.12.2026, 10:00–11:00 Uhr');
    });

    it('speaks English with locale="en" and under lang="en"', async () => {
      const s = await setup(html`<w4g-event-details locale="en"></w4g-event-details>`);
      let r = await open(s, occurrence('konzert'), association);
      expect(Object.keys(facts(r))).to.deep.equal([
        'When',
        'Place',
        'Organizer',
        'Audience',
        'Accessibility',
        'Admission',
        'Categories',
        'Contact',
      ]);
      expect(facts(r)['When']).to.equal('Sat, 12 Dec 2026, 7:30 PM – 9:30 PM');
      expect(text(r.querySelector('[part="close-button"]'))).to.equal('Close');
      expect(text(r.querySelector('[part="calendar-button"]'))).to.equal('Add to my calendar');
      r = await open(s, occurrence('chorprobe'));
      expect(text(r.querySelector('.badge'))).to.equal('Cancelled');
      s.el.close();

      const wrapper = await fixture<HTMLElement>(html`<div lang="en"><w4g-event-details></w4g-event-details></div>`);
      const el = wrapper.querySelector<W4gEventDetails>('w4g-event-details')!;
      await el.show(occurrence('tag-offen'));
      await el.updateComplete;
      expect(facts(el.shadowRoot!)).to.deep.equal({
        When: 'Sat, 5 Dec 2026, all day',
        Place: 'Seeland',
        Admission: 'Free admission',
        Categories: 'Familie',
      });
      await expectAxeClean(wrapper, 'English');
      el.close();
    });

    it('is axe clean in the dark theme', async () => {
      const s = await setup(html`<w4g-event-details theme="dark"></w4g-event-details>`);
      await open(s, occurrence('konzert'), association);
      await expectAxeClean(s.wrapper, 'dark');
    });
  });
});
