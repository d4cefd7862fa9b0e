/**
 * What the Chromium tests of the server's pages (admin page, workspace) share: axe with the
 * WCAG 2.2 A/AA rules, and signing in to the workspace through its own form and the link that
 * arrives at the test's SMTP server (by ids, so it works in either language of the page).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { linkIn, type Inbox } from './smtp.js';

const AXE = readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8');

/**
 * The workspace loads the elements (the form, the list) from the server's /dist/, which is
 * the build's output: without it a page test would fail later on a 404 with a puzzling
 * message. Call it in `before`.
 */
export function assertElementsBuilt(): void {
  assert.ok(
    existsSync(fileURLToPath(new URL('../../dist/w4g-calendar.js', import.meta.url))),
    'dist/w4g-calendar.js is missing: run npm run build first (the workspace loads the elements from /dist/)',
  );
}

/** The page's axe violations (WCAG 2.0-2.2 A and AA), one line each with the nodes' selectors. */
export async function pageAxe(page: Page): Promise<string[]> {
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

/**
 * Signs in through the workspace page: the form, the page's confirmation, the email's link,
 * its button. Returns the confirmation the page showed after the request.
 */
export async function signInByLink(page: Page, serverUrl: string, inbox: Inbox, email: string): Promise<string> {
  await page.goto(`${serverUrl}/redaktion/`);
  await page.locator('#email').fill(email);
  await page.locator('#signin-form button[type="submit"]').click();
  const done = page.locator('#signin-done', { hasText: /\S/ });
  await done.waitFor();
  const confirmation = (await done.textContent()) ?? '';
  const mail = await inbox.next(email, (m) => (m.text ?? '').includes('/redaktion/anmelden?token='));
  await page.goto(linkIn(mail, '/redaktion/anmelden?token='));
  await page.locator('form button[type="submit"]').click();
  await page.locator('#account-email', { hasText: email }).waitFor();
  return confirmation;
}
