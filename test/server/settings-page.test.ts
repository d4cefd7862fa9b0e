/**
 * The workspace's "Einstellungen" in Chromium against the real server (strict CSP, axe):
 * an editor chooses the daily digest and English, downloads their data, and deletes their
 * account; a member sees only the language; the digest's unsubscribe page works by its button.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { watchProblems } from '../../scripts/lib/page-problems.mjs';
import { start, type Running } from './helpers.js';
import { pageAxe, signInByLink } from './pages.js';
import { startInbox, type Inbox } from './smtp.js';

describe('workspace: Einstellungen', () => {
  let s: Running;
  let inbox: Inbox;
  let browser: Browser;
  before(async () => {
    inbox = await startInbox();
    s = await start({ smtpUrl: inbox.url, config: { seed: true } });
    const accounts = s.server.store.accounts;
    await accounts.grant(await accounts.ensureAccount('heimat@example.org'), 'member', 'heimatverein-arnstein');
    await accounts.grant(await accounts.ensureAccount('redaktion@example.org'), 'editor', 'Arnstein');
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

  test('an editor chooses the digest and English by keyboard, downloads their data, and deletes the account', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const watch = await watchProblems(page);
    await signIn(page, 'redaktion@example.org');
    const section = page.getByRole('region', { name: 'Einstellungen' });
    await section.getByRole('group', { name: 'Neue Einsendungen für Ihre Orte' }).waitFor();
    assert.equal(await section.getByLabel('Sofort, eine E-Mail je Einsendung').isChecked(), true);
    assert.equal(await section.getByLabel('Deutsch').isChecked(), true);

    await section.getByLabel('Tägliche Zusammenfassung').focus();
    await page.keyboard.press('Space');
    await section.getByLabel('English').check();
    await section.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await page.getByText('Ihre Einstellungen sind gespeichert.').waitFor({ state: 'attached' });
    const id = (await s.server.store.accounts.accountByEmail('redaktion@example.org'))!.id;
    assert.deepEqual(await s.server.jobs.preferences.get(id), { submissionNotices: 'digest', locale: 'en' });
    assert.deepEqual(await pageAxe(page), [], 'settings: axe');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'Meine Daten herunterladen (JSON)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^regionalkalender-meine-daten-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync(await download.path(), 'utf8')) as { account: { email: string }; towns: string[] };
    assert.equal(data.account.email, 'redaktion@example.org');
    assert.deepEqual(data.towns, ['Arnstein']);

    await section.getByRole('button', { name: 'Zugang löschen …' }).click();
    const confirm = section.getByRole('group', { name: /Zugang endgültig löschen/ });
    await confirm.waitFor();
    assert.deepEqual(await pageAxe(page), [], 'confirmation: axe');
    await confirm.getByRole('button', { name: 'Abbrechen' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await section.getByRole('button', { name: 'Zugang löschen …' }).click();
    await confirm.getByRole('button', { name: 'Ja, Zugang löschen' }).click();
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    assert.equal(await s.server.store.accounts.accountByEmail('redaktion@example.org'), undefined);
    assert.deepEqual(watch.problems, []);
    assert.deepEqual(await watch.violations(), []);
    await context.close();
  });

  test("a member chooses only the language; the digest's unsubscribe page works by its button", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = await watchProblems(page);
    await signIn(page, 'heimat@example.org');
    const section = page.getByRole('region', { name: 'Einstellungen' });
    await section.getByLabel('Deutsch').waitFor();
    assert.equal(await section.getByRole('group', { name: 'Neue Einsendungen für Ihre Orte' }).count(), 0);

    const accounts = s.server.store.accounts;
    const id = await accounts.ensureAccount('region@example.org');
    await accounts.grant(id, 'admin', '');
    await s.server.jobs.preferences.set(id, { submissionNotices: 'digest' });
    const url = s.server.jobs.unsubscribeUrl(await s.server.jobs.unsubscribeToken(id));
    await page.goto(url);
    await page.getByRole('heading', { name: 'Zusammenfassung abbestellen' }).waitFor();
    assert.deepEqual(await pageAxe(page), [], 'unsubscribe page: axe');
    assert.equal((await s.server.jobs.preferences.get(id)).submissionNotices, 'digest');
    await page.getByRole('button', { name: 'Abbestellen' }).click();
    await page.getByText('Sie erhalten die tägliche Zusammenfassung nicht mehr.').waitFor();
    assert.equal((await s.server.jobs.preferences.get(id)).submissionNotices, 'off');
    assert.deepEqual(await pageAxe(page), [], 'unsubscribed: axe');
    assert.deepEqual(watch.problems, []);
    await context.close();
  });
});
