/**
 * Living association profiles in Chromium: standing meetings in words with their next dates on
 * the card, "Mitglieder gesucht" / "Helfer gesucht" on card and list, and the list's filter.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/association-card/define.js';
import '../../src/components/association-list/define.js';
import type { W4gAssociationCard } from '../../src/components/association-card/association-card.js';
import type { W4gAssociationList } from '../../src/components/association-list/association-list.js';
import { expectAxeClean, resetFeeds, setSwitch, settled, text } from './w4g-test-helpers.js';

const FEED = '/__feeds/switch/profiles';
const BODY = {
  timeZone: 'Europe/Berlin',
  events: [],
  associations: [
    {
      id: 'chor',
      name: 'Gemischter Chor Hoym',
      town: 'Seeland',
      meetings: [{ title: 'Chorprobe', start: '2027-01-06T19:00', rrule: 'FREQ=MONTHLY;BYDAY=1WE', place: 'Vereinsheim' }],
      membersWanted: 'Tenor und Bass',
    },
    { id: 'sv', name: 'SV Arnstein', town: 'Arnstein', helpersWanted: true },
    { id: 'ruhe', name: 'Angelverein Frose', town: 'Seeland' },
  ],
};

const root = (el: HTMLElement): ShadowRoot => el.shadowRoot!;

describe('association profiles', () => {
  beforeEach(async () => {
    await resetFeeds();
    await setSwitch('profiles', JSON.stringify(BODY));
  });

  it('card: meetings in words, the next dates across the DST change, members wanted; axe clean', async () => {
    const el = await fixture<W4gAssociationCard>(
      html`<w4g-association-card src=${FEED} association="chor" today="2027-03-01"></w4g-association-card>`,
    );
    await settled(el);
    expect(text(root(el).querySelector('[part="meetings"]'))).to.equal(
      'Chorprobe: jeden 1. Mittwoch im Monat, 19:00 Uhr, Vereinsheim',
    );
    const next = [...root(el).querySelectorAll('[part="next-meetings"] time')];
    expect(next.map((t) => t.getAttribute('datetime'))).to.deep.equal([
      '2027-03-03T19:00:00+01:00',
      '2027-04-07T19:00:00+02:00',
      '2027-05-05T19:00:00+02:00',
    ]);
    expect(text(next[0]!)).to.equal('Mi., 03.03.2027, 19:00 Uhr');
    expect(text(root(el).querySelector('[part="wanted"]'))).to.equal('Mitglieder gesucht Tenor und Bass');
    await expectAxeClean(el, 'card with meetings');
  });

  it('card in English', async () => {
    const el = await fixture<W4gAssociationCard>(
      html`<w4g-association-card locale="en" src=${FEED} association="chor" today="2027-03-01"></w4g-association-card>`,
    );
    await settled(el);
    expect(text(root(el).querySelector('[part="meetings"]'))).to.equal(
      'Chorprobe: every 1st Wednesday of the month, 7:00 PM, Vereinsheim',
    );
    expect(text(root(el).querySelector('[part="wanted-badge"]'))).to.equal('New members welcome');
  });

  it('list: labels in words and a filter "Sucht Unterstützung"; axe clean', async () => {
    const el = await fixture<W4gAssociationList>(html`<w4g-association-list src=${FEED} filters></w4g-association-list>`);
    await settled(el);
    const names = (): string[] => [...root(el).querySelectorAll('[part="association-name"] button')].map((b) => text(b));
    expect(names()).to.deep.equal(['Angelverein Frose', 'Gemischter Chor Hoym', 'SV Arnstein']);
    expect([...root(el).querySelectorAll('[part="association-wanted"]')].map((p) => text(p))).to.deep.equal([
      'Mitglieder gesucht',
      'Helfer gesucht',
    ]);
    const label = [...root(el).querySelectorAll('label')].find((l) => text(l) === 'Sucht Unterstützung')!;
    const select = root(el).getElementById(label.htmlFor) as HTMLSelectElement;
    expect([...select.options].map((o) => o.text)).to.deep.equal(['Alle', 'Mitglieder gesucht', 'Helfer gesucht']);
    select.value = 'Helfer gesucht';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(names()).to.deep.equal(['SV Arnstein']);
    select.value = 'Mitglieder gesucht';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(names()).to.deep.equal(['Gemischter Chor Hoym']);
    await expectAxeClean(el, 'list filtered by wanted');
  });
});
