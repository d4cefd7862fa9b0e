/**
 * The moderation page and the workspace in Chromium against the real server: login, the list,
 * and the mailto link of a submitter's address (finding 7 of issue 12: an address that smuggles
 * mailto parameters must not become a link with an injected cc, subject or body); signing in to
 * the workspace by email link through a real SMTP server, a member's event into the town's
 * queue, the editor approving it, under the strict CSP and axe-clean.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { watchProblems } from '../../scripts/lib/page-problems.mjs';
import { ADMIN_TOKEN, dayFromNow, request, start, submission, type Running } from './helpers.js';
import { linkIn, startInbox, type Inbox } from './smtp.js';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (d: Document, o: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

describe('admin page', () => {
  let s: Running;
  let browser: Browser;
  before(async () => {
    s = await start();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await s.stop();
  });

  test('a stored address with mailto parameters becomes one encoded recipient, no cc, subject or body', async () => {
    const res = await request(`${s.url}/api/submissions`, { method: 'POST', body: submission({ title: 'Konzert mit Gästen' }) });
    assert.equal(res.status, 202);
    // An address stored before the stricter check existed (or by a future bug): the page must cope.
    const hostile = 'info?cc=boss@example.org&subject=Dringend&body=Bitte%20zahlen@example.org';
    await s.server.store.db
      .updateTable('submissions')
      .set({ contact: JSON.stringify({ name: 'Erika Muster', email: hostile }) })
      .where('id', '=', res.json.id)
      .execute();

    const page = await browser.newPage();
    const watch = await watchProblems(page);
    await page.goto(`${s.url}/admin/`);
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#login-form button[type="submit"]');
    const link = page.locator('#list a[href^="mailto:"]');
    await link.waitFor();
    const href = (await link.getAttribute('href'))!;
    const url = new URL(href);
    assert.equal(url.protocol, 'mailto:');
    assert.equal(url.search, '', `no parameters: ${href}`);
    assert.ok(!/[?&]/.test(href), href);
    assert.equal(decodeURIComponent(url.pathname), hostile, 'the recipient is the stored text, encoded');
    assert.equal(await link.textContent(), `<${hostile}>`);
    assert.deepEqual(watch.problems, []);
    assert.deepEqual(await watch.violations(), []);
    await page.close();
  });
});

describe('workspace page', () => {
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

  /** Signs in through the page: the form, the email, the link, the Anmelden button. */
  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${s.url}/redaktion/`);
    await page.getByLabel('E-Mail-Adresse').fill(email);
    await page.getByRole('button', { name: 'Anmeldelink senden' }).click();
    await page.getByText('ist ein Anmeldelink unterwegs').waitFor();
    const mail = await inbox.next(email, (m) => (m.text ?? '').includes('/redaktion/anmelden?token='));
    const link = linkIn(mail, '/redaktion/anmelden?token=');
    await page.goto(link);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { name: `Angemeldet als ${email}` }).waitFor();
  }

  test('a member signs in by email link and sends an event into the queue; the editor approves it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const watch = await watchProblems(page);
    await page.goto(`${s.url}/redaktion/`);
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'sign-in form: axe');

    await signIn(page, 'heimat@example.org');
    const cookies = await context.cookies();
    assert.deepEqual(
      cookies.map((c) => [c.name, c.httpOnly, c.sameSite]),
      [['w4g-session', true, 'Lax']],
    );
    await page.getByRole('heading', { name: 'Meine Termine' }).waitFor();
    assert.equal(await page.getByLabel('Verein').inputValue(), 'heimatverein-arnstein');
    assert.equal(await page.getByLabel('Ort', { exact: true }).inputValue(), 'Arnstein');
    await page.getByLabel('Titel').fill('Laternenfest an der Burg');
    await page.getByLabel('Beginn').fill(`${dayFromNow(20)}T17:00`);
    await page.getByRole('button', { name: 'Termin speichern' }).click();
    await page.locator('#pending').getByText('Laternenfest an der Burg').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'workspace: axe');
    assert.deepEqual(watch.problems, []);
    assert.deepEqual(await watch.violations(), []);

    const editorContext = await browser.newContext();
    const editor = await editorContext.newPage();
    const editorWatch = await watchProblems(editor);
    await signIn(editor, 'redaktion@example.org');
    const queued = editor.locator('#queue li', { hasText: 'Laternenfest an der Burg' });
    await queued.waitFor();
    assert.deepEqual(await axeViolations(editor), [], 'queue: axe');
    await queued.getByRole('button', { name: '„Laternenfest an der Burg“ freigeben' }).click();
    await editor.getByText('Keine Termine warten auf Freigabe.').waitFor();
    const told = await inbox.next('heimat@example.org', (m) => (m.subject ?? '').startsWith('Veröffentlicht'));
    assert.equal(told.subject, 'Veröffentlicht: Laternenfest an der Burg');
    assert.deepEqual(editorWatch.problems, []);
    assert.deepEqual(await editorWatch.violations(), []);

    // "Überall abmelden" in one browser ends the session.
    await page.getByRole('button', { name: 'Überall abmelden' }).click();
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    const me = await request(`${s.url}/api/me`, { headers: { Cookie: `w4g-session=${cookies[0]!.value}` } });
    assert.equal(me.status, 401);
    await context.close();
    await editorContext.close();
  });
});
