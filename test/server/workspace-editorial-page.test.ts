/**
 * The workspace's editorial sections in Chromium against the real server, at 320 px width,
 * under the strict CSP and axe-clean: the editor filters the queue, sees a clash, approves two
 * submissions at once and reads the approvals in the "Protokoll" with their field differences;
 * a member saves a meeting recurrence in the profile editor (it reaches the directory feed) and
 * sees the members section; the same in English after the language switch (kept on reload),
 * with Meine Termine, a series' dates and the scope dialog, Neuer Termin and Termin bearbeiten
 * (the <w4g-event-form> itself in English, the draft kept) and Einstellungen; back in German.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { watchProblems } from '../../scripts/lib/page-problems.mjs';
import { dayFromNow, request, start, submission, type Running } from './helpers.js';
import { assertElementsBuilt, pageAxe, signInByLink } from './pages.js';
import { startInbox, type Inbox } from './smtp.js';

const NARROW = { width: 320, height: 900 };

/** Nothing wider than the 320 px viewport (WCAG 1.4.10 reflow). */
async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && e.getClientRects().length > 0)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`),
  );
}

describe('workspace page: queue, profile, members, audit log', () => {
  let s: Running;
  let inbox: Inbox;
  let browser: Browser;
  const day = dayFromNow(21);

  before(async () => {
    assertElementsBuilt();
    inbox = await startInbox();
    s = await start({ smtpUrl: inbox.url, config: { seed: true } });
    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount('heimat@example.org'), 'member', 'heimatverein-arnstein');
    await accounts.grant(await accounts.ensureAccount('redaktion@example.org'), 'editor', 'Arnstein');
    // A published afternoon in Arnstein, and two submissions waiting for the town's editor.
    await s.server.store.saveEvent(
      { id: 'sommerfest', title: 'Sommerfest des Heimatvereins', start: `${day}T14:00`, end: `${day}T18:00`, town: 'Arnstein' },
      'test',
    );
    await s.server.feed.refresh();
    for (const body of [
      submission({
        title: 'Kuchenbasar am Markt',
        town: 'Arnstein',
        categories: ['Familie'],
        start: `${day}T15:00`,
        end: `${day}T17:00`,
      }),
      submission({ title: 'Orgelkonzert im Advent', town: 'Arnstein', categories: ['Musik'] }),
    ]) {
      const res = await request(`${s.url}/api/submissions`, { method: 'POST', body });
      assert.equal(res.status, 202, res.text);
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await s.stop();
    await inbox.close();
  });

  async function signIn(page: Page, email: string): Promise<void> {
    await signInByLink(page, s.url, inbox, email);
  }

  test('the editor filters the queue, sees the clash, approves two at once and reads it in the Protokoll (320 px)', async () => {
    const context = await browser.newContext({ viewport: NARROW });
    const page = await context.newPage();
    const watch = await watchProblems(page);
    await signIn(page, 'redaktion@example.org');
    const queue = page.getByRole('region', { name: 'Warteschlange' });
    const items = queue.locator('#queue > li');
    await items.filter({ hasText: 'Orgelkonzert im Advent' }).waitFor();
    assert.equal(await items.count(), 2);
    const kuchen = items.filter({ hasText: 'Kuchenbasar am Markt' });
    assert.match((await kuchen.textContent()) ?? '', /Gleichzeitig in der Nähe:.*Sommerfest des Heimatvereins/s);
    assert.deepEqual(await pageAxe(page), [], 'queue, profile, members, audit log at 320 px: axe');
    assert.deepEqual(await horizontalOverflow(page), [], 'no horizontal scrolling at 320 px');

    // Filter by category, then by text; reset.
    await queue.getByLabel('Kategorie des Termins').selectOption('Musik');
    await queue.getByRole('button', { name: 'Filtern' }).click();
    await page.locator('#queue-count', { hasText: '1 von 2 wartenden Terminen' }).waitFor();
    assert.deepEqual(await items.locator('h3').allTextContents(), ['Orgelkonzert im Advent']);
    await queue.getByRole('button', { name: 'Zurücksetzen' }).click();
    await page.locator('#queue-count', { hasText: '2 von 2 wartenden Terminen' }).waitFor();

    // A rejection without a reason is stopped at the field, one or several.
    await kuchen.getByRole('button', { name: '„Kuchenbasar am Markt“ ablehnen' }).click();
    await kuchen.getByText('Bitte geben Sie eine Begründung an').waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby')),
      await kuchen.getByLabel('Begründung bei Ablehnung').getAttribute('aria-describedby'),
    );
    await queue.getByLabel('Alle angezeigten auswählen').check();
    await queue.getByRole('button', { name: 'Ausgewählte ablehnen' }).click();
    await page.locator('#queue-bulk-reason-error', { hasText: 'Bitte geben Sie eine Begründung an' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'queue-bulk-reason');

    // Keyboard: tick both with Space, approve them at once.
    await queue.getByLabel('Alle angezeigten auswählen').uncheck();
    for (const title of ['Kuchenbasar am Markt', 'Orgelkonzert im Advent']) {
      await queue.getByLabel(`„${title}“ auswählen`).focus();
      await page.keyboard.press('Space');
    }
    await queue.getByRole('button', { name: 'Ausgewählte freigeben' }).press('Enter');
    await page.getByText('Keine Termine warten auf Freigabe.').waitFor();
    await page.locator('#status', { hasText: '2 Termine freigegeben.' }).waitFor({ state: 'attached' });
    const feed = (await request(`${s.url}/api/events.json`)).json.events as { title: string }[];
    assert.ok(feed.some((e) => e.title === 'Kuchenbasar am Markt') && feed.some((e) => e.title === 'Orgelkonzert im Advent'));

    // The Protokoll shows both decisions, with the status before and after as a table.
    const log = page.getByRole('region', { name: 'Protokoll' });
    const entry = log.locator('li', { hasText: 'Einsendung freigegeben: Kuchenbasar am Markt' });
    await entry.waitFor();
    assert.equal(await log.locator('li', { hasText: 'Einsendung freigegeben: Orgelkonzert im Advent' }).count(), 1);
    assert.deepEqual(await entry.getByRole('row').allTextContents(), ['FeldVorherNachher', 'statuspendingapproved']);
    assert.match((await entry.textContent()) ?? '', /redaktion@example\.org/);
    // Filter the log by kind.
    await log.getByLabel('Art der Änderung').selectOption('event.create');
    await log.getByRole('button', { name: 'Filtern' }).click();
    await page.getByText('Keine Einträge.').waitFor();
    // A period that ends before it starts is refused at its field (the queue's form is the same).
    await log.getByLabel('Geändert ab').fill('2027-02-01');
    await log.getByLabel('Geändert bis einschließlich').fill('2027-01-31');
    await log.getByRole('button', { name: 'Filtern' }).click();
    await page.locator('#audit-to-error', { hasText: 'Das Datum „bis“ liegt vor dem Datum „von“.' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'audit-to');
    await log.getByLabel('Geändert bis einschließlich').fill('2027-02-28');
    await log.getByRole('button', { name: 'Filtern' }).click();
    await page.locator('#audit-to-error', { hasText: /^$/ }).waitFor({ state: 'attached' });

    assert.deepEqual(await pageAxe(page), [], 'after the bulk approval: axe');
    assert.deepEqual(await horizontalOverflow(page), []);
    assert.deepEqual(watch.problems, []);
    assert.deepEqual(await watch.violations(), []);
    await context.close();
  });

  test('a member saves a monthly meeting in the profile editor; it reaches the directory feed (320 px)', async () => {
    const context = await browser.newContext({ viewport: NARROW });
    const page = await context.newPage();
    const watch = await watchProblems(page);
    await signIn(page, 'heimat@example.org');
    const profile = page.getByRole('region', { name: 'Vereinsprofil' });
    await profile.getByLabel('Name des Vereins').waitFor();
    assert.equal(await page.getByRole('region', { name: 'Warteschlange' }).count(), 0, 'members have no queue');
    const members = page.getByRole('region', { name: 'Mitglieder und Einladungen' });
    await members.getByText('heimat@example.org').waitFor();

    await profile.getByRole('button', { name: 'Treffen hinzufügen' }).click();
    const meeting = profile.getByRole('group', { name: 'Treffen 1' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'm0-title', 'focus in the new meeting');
    await meeting.getByLabel('Was (z. B. Chorprobe)').fill('Stammtisch');
    // 06.01.2027 is the first Wednesday of January.
    await meeting.getByLabel('Erstes Treffen').fill('2027-01-06T19:00');
    await meeting.getByLabel('Erstes Treffen').dispatchEvent('change');
    await meeting
      .getByLabel('Wiederholung des Treffens')
      .selectOption({ label: 'jeden Monat am n-ten Wochentag (nach dem ersten Treffen)' });
    await meeting.getByLabel('Ende (Uhrzeit)').fill('21:00');
    await meeting.getByLabel('Ort des Treffens').fill('Vereinsheim');
    await profile.getByLabel('Mitglieder gesucht').check();
    await profile.getByLabel('Wen suchen Sie? (kurz)').fill('Tenor und Bass');
    await profile.getByRole('button', { name: 'Profil speichern' }).click();
    await page.locator('#status', { hasText: 'Das Profil ist gespeichert' }).waitFor({ state: 'attached' });

    const directory = (await request(`${s.url}/api/associations.json`)).json.associations as Record<string, unknown>[];
    const heimat = directory.find((a) => a['id'] === 'heimatverein-arnstein')!;
    assert.deepEqual(heimat['meetings'], [
      {
        start: '2027-01-06T19:00:00',
        end: '2027-01-06T21:00:00',
        rrule: 'FREQ=MONTHLY;BYDAY=1WE',
        title: 'Stammtisch',
        place: 'Vereinsheim',
        timeZone: 'Europe/Berlin',
      },
    ]);
    assert.equal(heimat['membersWantedText'], 'Tenor und Bass');

    // A website that is not http(s) is refused at the field, in German.
    await profile.getByLabel('Website des Vereins').fill('javascript:alert(1)');
    await profile.getByRole('button', { name: 'Profil speichern' }).click();
    await page.locator('#pf-website-error', { hasText: 'http://' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'pf-website');

    // The member's Protokoll shows the profile change, field by field.
    const log = page.getByRole('region', { name: 'Protokoll' });
    await log.getByRole('button', { name: 'Filtern' }).click();
    const change = log.locator('li', { hasText: 'Vereinsprofil geändert' }).first();
    await change.waitFor();
    assert.ok(
      (await change.getByRole('row').allTextContents()).includes('meetings.1.rrule(leer)FREQ=MONTHLY;BYDAY=1WE'),
      'the new meeting rule, before (empty) and after',
    );

    assert.deepEqual(await pageAxe(page), [], 'profile editor with a meeting and an error: axe');
    assert.deepEqual(await horizontalOverflow(page), []);
    assert.deepEqual(
      watch.problems.filter((p) => !p.includes('422 (Unprocessable Entity)')),
      [],
    );
    assert.deepEqual(await watch.violations(), []);
    await context.close();
  });

  test('in English: the switch, the sections and the audit log; the choice survives a reload (320 px)', async () => {
    const context = await browser.newContext({ viewport: NARROW });
    const page = await context.newPage();
    const watch = await watchProblems(page);
    await signIn(page, 'redaktion@example.org');
    await page.getByRole('region', { name: 'Warteschlange' }).waitFor();
    // A draft in "Neuer Termin", begun in German, survives the switch.
    await page
      .locator('#neu w4g-event-form')
      .getByLabel(/^Titel\b/)
      .fill('Entwurf vor dem Wechsel');
    await page
      .locator('#events > li', { hasText: 'Heimatstube Sandersleben geöffnet' })
      .getByText('Die nächsten Termine')
      .waitFor();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('region', { name: 'Moderation queue' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.getByRole('region', { name: 'Association profile' }).waitFor();
    await page.getByRole('region', { name: 'Members and invitations' }).waitFor();
    const log = page.getByRole('region', { name: 'Audit log' });
    await log.locator('li', { hasText: 'Submission approved: Kuchenbasar am Markt' }).waitFor();
    assert.deepEqual(
      await log
        .locator('li', { hasText: 'Submission approved: Kuchenbasar am Markt' })
        .getByRole('columnheader')
        .allTextContents(),
      ['Field', 'Before', 'After'],
    );
    await page.getByText('No events are waiting for approval.').waitFor();
    assert.match((await page.locator('#roles').textContent()) ?? '', /^Roles: Editor for Arnstein$/);
    await page.getByRole('region', { name: 'Gazette' }).waitFor();

    // Meine Termine: status, actions and dates in English.
    const mine = page.getByRole('region', { name: 'My events' });
    const sommerfest = mine.locator('#events > li', { hasText: 'Sommerfest des Heimatvereins' });
    await sommerfest.getByText('Published', { exact: true }).waitFor();
    for (const name of ['Edit', 'Cancel', 'Delete']) {
      await sommerfest.getByRole('button', { name: `${name} “Sommerfest des Heimatvereins”` }).waitFor();
    }
    assert.match((await sommerfest.textContent()) ?? '', new RegExp(`${day}, 14:00 · Arnstein`));
    // A series: its dates, and the dialog that asks which dates a change is for.
    const series = mine.locator('#events > li', { hasText: 'Heimatstube Sandersleben geöffnet' });
    await series.getByText('The next dates of the series:').waitFor();
    const cancelDate = series.getByRole('button', { name: /^Cancel the date / }).first();
    const when = ((await cancelDate.getAttribute('aria-label')) ?? '').slice('Cancel the date '.length);
    assert.match(when, /^Sun, \d{4}-\d{2}-\d{2}, 14:00$/);
    await series.getByRole('button', { name: `Edit the date ${when}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Which dates do you want to change?' });
    await dialog.waitFor();
    assert.equal(await dialog.locator('#scope-date').textContent(), `“Heimatstube Sandersleben geöffnet” on ${when}`);
    assert.deepEqual(await dialog.getByRole('button').allTextContents(), [
      'Only this date',
      'This and all following',
      'All dates',
      'Cancel',
    ]);
    assert.deepEqual(await pageAxe(page), [], 'English scope dialog: axe');
    await dialog.getByRole('button', { name: 'Only this date' }).click();
    // Termin bearbeiten: the heading, the scope and the form in English.
    const editor = page.getByRole('region', { name: 'Edit event: Heimatstube Sandersleben geöffnet' });
    const editForm = page.locator('#bearbeiten w4g-event-form');
    await editForm.getByLabel(/^Title\b/).waitFor();
    assert.equal(await editForm.getByLabel(/^Title\b/).inputValue(), 'Heimatstube Sandersleben geöffnet');
    await editForm.getByRole('button', { name: 'Save changes' }).waitFor();
    assert.equal(await page.locator('#edit-scope').textContent(), `Only this date: ${when}`);
    await editor.getByRole('button', { name: 'Stop editing' }).waitFor();
    // Neuer Termin: the form in English, the draft kept.
    const create = page.getByRole('region', { name: 'New event' }).locator('w4g-event-form');
    await create.getByRole('button', { name: 'Submit event' }).waitFor();
    assert.equal(await create.getByLabel(/^Title\b/).inputValue(), 'Entwurf vor dem Wechsel');
    // Einstellungen.
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings.getByRole('group', { name: 'New submissions for your towns' }).getByLabel('Daily digest').waitFor();
    await settings.getByRole('group', { name: 'Language of your emails' }).getByLabel('Deutsch').waitFor();
    await settings.getByRole('link', { name: 'Download my data (JSON)' }).waitFor();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#status', { hasText: 'Your settings are saved.' }).waitFor({ state: 'attached' });
    await settings.getByRole('button', { name: 'Delete account …' }).click();
    await settings.getByRole('group', { name: /^Delete the account for good\?/ }).waitFor();
    await settings.getByRole('button', { name: 'Cancel', exact: true }).click();
    assert.equal(await page.locator('#delete-confirm').isHidden(), true);
    assert.deepEqual(await pageAxe(page), [], 'English: axe');
    assert.deepEqual(await horizontalOverflow(page), []);

    // Back to German without a reload: every part follows, the open editor and both forms too.
    await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
    await page.getByRole('region', { name: 'Termin bearbeiten: Heimatstube Sandersleben geöffnet' }).waitFor();
    await editForm.getByRole('button', { name: 'Änderungen speichern' }).waitFor();
    assert.match(
      (await page.locator('#edit-scope').textContent()) ?? '',
      /^Nur dieser Termin: So\., \d{2}\.\d{2}\.\d{4}, 14:00 Uhr$/,
    );
    const meine = page.getByRole('region', { name: 'Meine Termine' });
    await meine
      .locator('#events > li', { hasText: 'Sommerfest des Heimatvereins' })
      .getByText('Veröffentlicht', { exact: true })
      .waitFor();
    await meine
      .getByRole('button', { name: /^Termin am So\., .+ absagen$/ })
      .first()
      .waitFor();
    const neu = page.getByRole('region', { name: 'Neuer Termin' }).locator('w4g-event-form');
    await neu.getByRole('button', { name: 'Termin einreichen' }).waitFor();
    assert.equal(await neu.getByLabel(/^Titel\b/).inputValue(), 'Entwurf vor dem Wechsel');
    await page.getByRole('region', { name: 'Einstellungen' }).getByRole('button', { name: 'Einstellungen speichern' }).waitFor();
    assert.deepEqual(await pageAxe(page), [], 'German again: axe');
    await page.getByRole('button', { name: 'Bearbeitung abbrechen' }).click();
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('region', { name: 'My events' }).waitFor();

    await page.reload();
    await page.getByRole('region', { name: 'Audit log' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).textContent(), 'Deutsch');
    await page.getByRole('button', { name: 'Auf Deutsch umschalten' }).click();
    await page.getByRole('region', { name: 'Protokoll' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    assert.deepEqual(watch.problems, []);
    assert.deepEqual(await watch.violations(), []);
    await context.close();
  });
});
