/**
 * The moderation page in Chromium against the real server: login, the list, and the mailto
 * link of a submitter's address (finding 7 of issue 12: an address that smuggles mailto
 * parameters must not become a link with an injected cc, subject or body).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { watchProblems } from '../../scripts/lib/page-problems.mjs';
import { ADMIN_TOKEN, request, start, submission, type Running } from './helpers.js';

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
