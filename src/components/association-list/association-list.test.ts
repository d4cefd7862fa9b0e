import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { W4gAssociationList } from './association-list.js';
import type { W4gAssociationSelectEvent } from '../../shared/events.js';
import type { W4gAssociationCard } from '../association-card/association-card.js';
import {
  cleanPageUrl,
  deepActiveElement,
  EMPTY_FEED,
  expectAxeClean,
  expectW4gEvent,
  nextEvent,
  settled,
  text,
  waitForState,
} from '../../../test/browser/w4g-test-helpers.js';

const TODAY = '2026-12-01';
const REGION = '/__feeds/file/feeds/region.json';

const root = (el: W4gAssociationList): ShadowRoot => el.shadowRoot!;
const names = (el: W4gAssociationList): string[] =>
  [...root(el).querySelectorAll('[part="association-name"] button')].map((b) => text(b));
const letters = (el: W4gAssociationList): string[] =>
  [...root(el).querySelectorAll('[part="letter-heading"]')].map((h) => text(h));
const statusText = (el: W4gAssociationList): string => text(root(el).querySelector('[role="status"]'));
const dialog = (el: W4gAssociationList): HTMLDialogElement => root(el).querySelector('dialog')!;
const entryButton = (el: W4gAssociationList, name: string): HTMLButtonElement => {
  const found = [...root(el).querySelectorAll<HTMLButtonElement>('[part="association-name"] button')].find(
    (b) => text(b) === name,
  );
  expect(found, `entry "${name}"`).not.to.equal(undefined);
  return found!;
};

/** A form control of the filter bar, found through its visible label. */
function control<T extends HTMLElement>(el: W4gAssociationList, label: string): T {
  const l = [...root(el).querySelectorAll('label')].find((x) => text(x) === label);
  expect(l, `label "${label}"`).not.to.equal(undefined);
  return root(el).getElementById(l!.htmlFor) as T;
}

async function list(template: ReturnType<typeof html>): Promise<W4gAssociationList> {
  const el = await fixture<W4gAssociationList>(template);
  await settled(el);
  return el;
}

const ALL = [
  'Ev. Kirchengemeinde St. Stephani Aschersleben',
  'Förderverein Burg Falkenstein e.V.',
  'Freiwillige Feuerwehr Frose',
  'Gemischter Chor Seeland e.V.',
  'Heimat- und Gartenbauverein Gatersleben e.V.',
  'Heimatverein Arnstein e.V.',
  'Hoymer Carnevalsverein e.V.',
  'Jugendclub Ermsleben',
  'Kulturkreis an der Eine e.V.',
  'Landfrauenverein Arnstein e.V.',
  'Netzwerk Wir4Gemeinsam',
  'Sportverein Falkenstein/Harz e.V.',
  'Wander- und Naturgruppe Selketal e.V.',
];

describe('w4g-association-list', () => {
  afterEach(() => cleanPageUrl());

  describe('default render and states', () => {
    it('lists every association alphabetically under letter headings, umlauts with their base letter', async () => {
      const el = await list(html`<w4g-association-list src=${REGION} today=${TODAY}></w4g-association-list>`);
      expect(el.getAttribute('state')).to.equal('ready');
      expect(root(el).querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
      expect(names(el)).to.deep.equal(ALL);
      expect(el.associations.map((a) => a.name)).to.deep.equal(ALL);
      expect(letters(el)).to.deep.equal(['E', 'F', 'G', 'H', 'J', 'K', 'L', 'N', 'S', 'W']);
      // "Förderverein" is filed under F, before "Freiwillige".
      const f = root(el).querySelectorAll('[part="letter"]')[1]!;
      const entries = f.querySelector('ul')!;
      expect(text(root(el).getElementById(entries.getAttribute('aria-labelledby')!))).to.equal('F');
      expect([...entries.querySelectorAll('button')].map((b) => text(b))).to.deep.equal([
        'Förderverein Burg Falkenstein e.V.',
        'Freiwillige Feuerwehr Frose',
      ]);
      expect(root(el).querySelector('[part="letter-heading"]')!.tagName).to.equal('H3');
      expect(root(el).querySelector('[part="association-name"]')!.tagName).to.equal('H4');
      const entry = entryButton(el, 'Gemischter Chor Seeland e.V.').closest('li')!;
      expect(text(entry.querySelector('[part="association-meta"]'))).to.equal('Seeland');
      expect([...entry.querySelectorAll('[part="category"]')].map((c) => text(c))).to.deep.equal(['Musik', 'Kultur']);
      expect(statusText(el)).to.equal('13 Vereine gefunden.');
    });

    it('is axe clean when populated, with the filter bar', async () => {
      const el = await list(html`<w4g-association-list src=${REGION} today=${TODAY} filters></w4g-association-list>`);
      await expectAxeClean(el, 'populated');
    });

    it('shows a busy skeleton while loading (state "loading") and is axe clean', async () => {
      const el = await fixture<W4gAssociationList>(
        html`<w4g-association-list src="/__feeds/slow/6000/feeds/region.json" today=${TODAY}></w4g-association-list>`,
      );
      await waitForState(el, 'loading');
      expect(root(el).querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
      expect(root(el).querySelector('[part="skeleton"]')).not.to.equal(null);
      expect(names(el)).to.deep.equal([]);
      await expectAxeClean(el, 'loading');
    });

    it('shows role="alert" with a retry button when the feed fails (state "error"), axe clean', async () => {
      const el = await list(html`<w4g-association-list src="/__feeds/status/500" today=${TODAY}></w4g-association-list>`);
      expect(el.getAttribute('state')).to.equal('error');
      const alert = root(el).querySelector('[role="alert"]')!;
      expect(text(alert)).to.contain('Der Kalender konnte nicht geladen werden.');
      expect(text(alert.querySelector('button'))).to.equal('Erneut versuchen');
      await expectAxeClean(el, 'error');
    });

    it('says "Keine Vereine gefunden." for a feed without associations (state "empty"), axe clean', async () => {
      const el = await list(html`<w4g-association-list src=${EMPTY_FEED} today=${TODAY}></w4g-association-list>`);
      expect(el.getAttribute('state')).to.equal('empty');
      const empty = root(el).querySelector<HTMLElement>('[part="empty"]')!;
      expect(empty.hidden).to.equal(false);
      expect(text(empty)).to.equal('Keine Vereine gefunden.');
      expect(statusText(el)).to.equal('Keine Vereine gefunden.');
      await expectAxeClean(el, 'empty');
    });
  });

  describe('filters and search', () => {
    it('filters by the `town` and `category` attributes', async () => {
      const el = await list(html`<w4g-association-list src=${REGION} today=${TODAY} town="Seeland"></w4g-association-list>`);
      expect(names(el)).to.deep.equal([
        'Freiwillige Feuerwehr Frose',
        'Gemischter Chor Seeland e.V.',
        'Heimat- und Gartenbauverein Gatersleben e.V.',
        'Hoymer Carnevalsverein e.V.',
      ]);
      el.town = undefined;
      el.category = 'sport';
      await waitForState(el, 'ready');
      expect(names(el)).to.deep.equal(['Sportverein Falkenstein/Harz e.V.', 'Wander- und Naturgruppe Selketal e.V.']);
      el.category = 'Gibtsnicht';
      await waitForState(el, 'empty');
      expect(text(root(el).querySelector('[part="empty"]'))).to.equal('Keine Vereine gefunden.');
    });

    it('searches by name and narrows with the town and category selects; reset shows all again', async () => {
      const el = await list(html`<w4g-association-list src=${REGION} today=${TODAY} filters></w4g-association-list>`);
      expect(root(el).querySelector('[part="filter-bar"]')!.getAttribute('role')).to.equal('search');
      const search = control<HTMLInputElement>(el, 'Name suchen');
      expect(search.type).to.equal('search');
      search.focus();
      await sendKeys({ type: 'heimat' });
      await el.updateComplete;
      expect(names(el)).to.deep.equal(['Heimat- und Gartenbauverein Gatersleben e.V.', 'Heimatverein Arnstein e.V.']);
      // By name only: "Kirche" is in descriptions and categories but in one name alone.
      search.value = 'kirche';
      search.dispatchEvent(new Event('input'));
      await el.updateComplete;
      expect(names(el)).to.deep.equal(['Ev. Kirchengemeinde St. Stephani Aschersleben']);

      search.value = '';
      search.dispatchEvent(new Event('input'));
      const town = control<HTMLSelectElement>(el, 'Ort');
      expect([...town.options].map((o) => o.text)).to.deep.equal([
        'Alle',
        'Arnstein',
        'Aschersleben',
        'Falkenstein/Harz',
        'Seeland',
      ]);
      town.value = 'Arnstein';
      town.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(names(el)).to.deep.equal(['Heimatverein Arnstein e.V.', 'Landfrauenverein Arnstein e.V.']);
      const category = control<HTMLSelectElement>(el, 'Kategorie');
      category.value = 'Natur';
      category.dispatchEvent(new Event('change'));
      await el.updateComplete;
      expect(names(el)).to.deep.equal(['Landfrauenverein Arnstein e.V.']);
      expect(statusText(el)).to.equal('1 Verein gefunden.');

      [...root(el).querySelectorAll('[part="filter-bar"] button')]
        .find((b) => text(b) === 'Filter zurücksetzen')!
        .dispatchEvent(new MouseEvent('click'));
      await el.updateComplete;
      expect(names(el)).to.have.length(13);
      expect(town.value).to.equal('');
    });

    it('hides a select the page already set', async () => {
      const el = await list(
        html`<w4g-association-list src=${REGION} today=${TODAY} town="Arnstein" filters></w4g-association-list>`,
      );
      expect([...root(el).querySelectorAll('label')].map((l) => text(l))).to.deep.equal(['Kategorie', 'Name suchen']);
    });
  });

  describe('the card dialog', () => {
    it('opens the card in a labelled modal dialog; Escape closes it and focus returns to the entry', async () => {
      const el = await list(html`<w4g-association-list src=${REGION} today=${TODAY}></w4g-association-list>`);
      const button = entryButton(el, 'Kulturkreis an der Eine e.V.');
      expect(button.getAttribute('aria-haspopup')).to.equal('dialog');
      const selected = nextEvent<W4gAssociationSelectEvent>(document, 'w4g-association-select');
      button.focus();
      await sendKeys({ press: 'Enter' });
      const event = await selected;
      expectW4gEvent(event, 'w4g-association-select');
      expect(event.cancelable).to.equal(true);
      expect(event.detail.association.id).to.equal('kulturkreis-eine');

      await waitUntil(() => dialog(el).open, 'the dialog did not open');
      const d = dialog(el);
      expect(text(root(el).getElementById(d.getAttribute('aria-labelledby')!))).to.equal('Kulturkreis an der Eine e.V.');
      const cardEl = d.querySelector<W4gAssociationCard>('w4g-association-card')!;
      expect(cardEl.association).to.equal('kulturkreis-eine');
      await waitForState(cardEl, 'ready');
      expect(text(cardEl.shadowRoot!.querySelector('[part="description"]'))).to.contain('Lesungen, Kabarett');
      expect(cardEl.shadowRoot!.querySelectorAll('[part="event"]')).to.have.length(2);
      expect(deepActiveElement()?.id).to.equal('dialog-title');
      await expectAxeClean(el, 'dialog open');

      await sendKeys({ press: 'Escape' });
      await waitUntil(() => !dialog(el).open, 'Escape did not close the dialog');
      await waitUntil(
        () => deepActiveElement() === entryButton(el, 'Kulturkreis an der Eine e.V.'),
        'focus did not return to the entry',
      );
    });

    it('closes with the close button, focus back on the entry', async () => {
      const el = await list(html`<w4g-association-list src=${REGION} today=${TODAY}></w4g-association-list>`);
      entryButton(el, 'Jugendclub Ermsleben').click();
      await waitUntil(() => dialog(el).open, 'the dialog did not open');
      const close = root(el).querySelector<HTMLButtonElement>('[part="close-button"]')!;
      expect(text(close)).to.equal('Schließen');
      close.click();
      await waitUntil(() => !dialog(el).open, 'the close button did not close');
      // The dialog's close event (which moves focus) comes a task after close().
      await waitUntil(() => deepActiveElement() === entryButton(el, 'Jugendclub Ermsleben'), 'focus did not return to the entry');
    });

    it('leaves the dialog closed when the page cancels w4g-association-select', async () => {
      const el = await list(html`<w4g-association-list src=${REGION} today=${TODAY}></w4g-association-list>`);
      const cancel = (e: Event): void => e.preventDefault();
      document.addEventListener('w4g-association-select', cancel);
      try {
        entryButton(el, 'Jugendclub Ermsleben').click();
        await el.updateComplete;
        expect(dialog(el).open).to.equal(false);
      } finally {
        document.removeEventListener('w4g-association-select', cancel);
      }
    });
  });

  describe('attributes, properties and language', () => {
    it('reflects attributes to properties and back', async () => {
      const el = await list(
        html`<w4g-association-list
          src=${REGION}
          today=${TODAY}
          town="Seeland"
          category="Kultur"
          heading-level="2"
        ></w4g-association-list>`,
      );
      expect(el.town).to.equal('Seeland');
      expect(el.category).to.equal('Kultur');
      expect(el.headingLevel).to.equal(2);
      expect(el.filters).to.equal(false);
      expect(root(el).querySelector('[part="letter-heading"]')!.tagName).to.equal('H2');
      expect(names(el)).to.deep.equal(['Gemischter Chor Seeland e.V.', 'Hoymer Carnevalsverein e.V.']);
      el.filters = true;
      await el.updateComplete;
      expect(el.hasAttribute('filters')).to.equal(true);
      expect(root(el).querySelector('[part="filter-bar"]')).not.to.equal(null);
    });

    it('speaks English with locale="en"', async () => {
      const el = await list(html`<w4g-association-list src=${REGION} today=${TODAY} locale="en" filters></w4g-association-list>`);
      expect(statusText(el)).to.equal('13 associations found.');
      expect(root(el).querySelector('[part="filter-bar"]')!.getAttribute('aria-label')).to.equal('Filter associations');
      expect(control<HTMLInputElement>(el, 'Search by name')).not.to.equal(null);
      entryButton(el, 'Heimatverein Arnstein e.V.').click();
      await waitUntil(() => dialog(el).open, 'the dialog did not open');
      expect(text(root(el).querySelector('[part="close-button"]'))).to.equal('Close');
      expect(dialog(el).querySelector('w4g-association-card')!.getAttribute('locale')).to.equal('en');
      el.close();
      el.town = 'Gibtsnicht';
      await waitForState(el, 'empty');
      expect(text(root(el).querySelector('[part="empty"]'))).to.equal('No associations found.');
    });
  });
});
