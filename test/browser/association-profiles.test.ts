/**
 * Living association profiles in Chromium: standing meetings in words with their next dates on
 * the card, "Mitglieder gesucht" / "Helfer gesucht" on card and list, and the list's filter.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/association-card/define.js';
import '../../src/components/association-list/define.js';
import type { W4gAssociationCard } from '../../src/components/association-card/association-card.js';
import type { W4gAssociationList } from '../../src/components/association-list/association-list.js';
import { deepActiveElement, expectAxeClean, resetFeeds, setSwitch, settled, text } from './w4g-test-helpers.js';

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

  describe('Änderung melden / Verein eintragen', () => {
    const ACTION = '/api/association-requests';
    let sent: Record<string, unknown>[] = [];
    let answers: Response[] = [];
    let original: typeof window.fetch;
    beforeEach(() => {
      sent = [];
      answers = [];
      original = window.fetch;
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        const url = new URL(String(input instanceof Request ? input.url : input), location.href);
        if (url.pathname !== ACTION) return original(input, init);
        sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
        return Promise.resolve(answers.shift() ?? new Response('{}', { status: 500 }));
      };
    });
    afterEach(() => {
      window.fetch = original;
    });
    const reply = (status: number, body: unknown): Response =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
    const fill = (el: HTMLElement, id: string, value: string): void => {
      (root(el).getElementById(id) as HTMLInputElement).value = value;
    };

    it("card: the form opens in place, checks, shows the server's German message at its field, then thanks", async () => {
      const el = await fixture<W4gAssociationCard>(
        html`<w4g-association-card
          src=${FEED}
          association="chor"
          today="2027-03-01"
          requests-action=${ACTION}
        ></w4g-association-card>`,
      );
      await settled(el);
      const button = root(el).querySelector<HTMLButtonElement>('[part="request-button"]')!;
      expect(text(button)).to.equal('Änderung melden');
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      button.click();
      await el.updateComplete;
      await waitUntil(
        () => deepActiveElement() === root(el).getElementById('change-message'),
        'focus did not move into the form',
      );
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      await expectAxeClean(el, 'card with the request form');

      const submit = (): void => root(el).querySelector<HTMLFormElement>('[part="request-form"]')!.requestSubmit();
      submit();
      await el.updateComplete;
      expect(sent).to.deep.equal([]);
      expect(text(root(el).getElementById('change-message-error'))).to.equal('Bitte füllen Sie dieses Feld aus.');
      await waitUntil(() => deepActiveElement() === root(el).getElementById('change-message'));

      fill(el, 'change-message', 'Neu');
      fill(el, 'change-contactName', 'Erika Muster');
      fill(el, 'change-contactEmail', 'erika@example.org');
      answers.push(reply(422, { errors: { message: 'Bitte beschreiben Sie die Änderung (mindestens 10 Zeichen).' } }));
      submit();
      await waitUntil(() => text(root(el).getElementById('change-message-error')).includes('mindestens 10 Zeichen'));
      expect(sent[0]).to.include({ kind: 'change', association: 'chor', message: 'Neu', website2: '' });
      expect(sent[0]!['contact']).to.deep.equal({ name: 'Erika Muster', email: 'erika@example.org' });
      expect(root(el).getElementById('change-message')!.getAttribute('aria-describedby')).to.equal('change-message-error');

      fill(el, 'change-message', 'Die Chorprobe ist jetzt donnerstags.');
      answers.push(reply(202, { id: 'x', status: 'pending' }));
      submit();
      await waitUntil(() => root(el).querySelector('[role="status"].request-sent'), 'no thanks');
      expect(text(root(el).querySelector('.request-sent'))).to.equal(
        'Vielen Dank! Ihre Meldung ist bei der Redaktion angekommen.',
      );
    });

    it('list: "Verein eintragen" sends a new association; no button without requests-action', async () => {
      const el = await fixture<W4gAssociationList>(
        html`<w4g-association-list src=${FEED} requests-action=${ACTION} locale="en"></w4g-association-list>`,
      );
      await settled(el);
      const button = root(el).querySelector<HTMLButtonElement>('[part="request-button"]')!;
      expect(text(button)).to.equal('Register an association');
      button.click();
      await el.updateComplete;
      fill(el, 'register-name', 'Angelverein Frose e.V.');
      fill(el, 'register-town', 'Seeland');
      fill(el, 'register-contactName', 'Erika Muster');
      fill(el, 'register-contactEmail', 'erika@example.org');
      answers.push(reply(202, { id: 'y', status: 'pending' }));
      root(el).querySelector<HTMLFormElement>('[part="request-form"]')!.requestSubmit();
      await waitUntil(() => root(el).querySelector('.request-sent'), 'no thanks');
      expect(sent[0]).to.include({ kind: 'new', name: 'Angelverein Frose e.V.', town: 'Seeland' });
      expect(text(root(el).querySelector('.request-sent'))).to.equal('Thank you! Your message has reached the editors.');
      await expectAxeClean(el, 'list after a request');

      const plain = await fixture<W4gAssociationList>(html`<w4g-association-list src=${FEED}></w4g-association-list>`);
      await settled(plain);
      expect(root(plain).querySelector('[part="request-button"]')).to.equal(null);
    });
  });
});
