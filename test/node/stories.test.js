// Storybook stays buildable and every story renders: the stories are built into a temporary
// folder (from the committed custom-elements.json) and each one is opened in Chromium at
// desktop width. A story fails on a console error, an uncaught exception, a failed request, a
// request to another host, or an element that does not reach its final state. The full
// screenshot run (four modes) is `npm run screenshots`; axe per story is `npm run a11y-report`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { ROOT, newStoryContext, openStory, readStories, serveStatic, watchPage } from '../../scripts/lib/story-browser.mjs';

const ELEMENTS = [
  'w4g-association-card',
  'w4g-association-list',
  'w4g-event-details',
  'w4g-event-form',
  'w4g-event-list',
  'w4g-month-grid',
];

describe('Storybook', () => {
  const out = mkdtempSync(join(tmpdir(), 'w4g-storybook-'));
  let stories = [];
  let server;
  let browser;

  before(async () => {
    const build = spawnSync(join(ROOT, 'node_modules/.bin/storybook'), ['build', '-o', out, '--quiet', '--disable-telemetry'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
    });
    assert.equal(build.status, 0, `storybook build failed:\n${build.stdout}\n${build.stderr}`);
    stories = await readStories(out);
    server = await serveStatic(out);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(out, { recursive: true, force: true });
  });

  test('has a Populated story and more for every element', () => {
    for (const tag of ELEMENTS) {
      const own = stories.filter((s) => s.title === tag);
      assert.ok(
        own.some((s) => s.id === `${tag}--populated`),
        `${tag} has a Populated story`,
      );
      assert.ok(own.length >= 8, `${tag} has stories for its states (${own.length})`);
    }
  });

  test('renders every story without an error and without a request that leaves the machine', async () => {
    const context = await newStoryContext(browser, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const watch = await watchPage(page, server.origin);
    const failures = [];
    try {
      for (const story of stories) {
        try {
          await openStory(page, server.origin, story);
        } catch (error) {
          failures.push(`${story.id}: ${String(error.message ?? error).split('\n')[0]}`);
        }
        for (const p of watch.take()) failures.push(`${story.id}: ${p.kind}: ${p.text.split('\n')[0]}`);
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(failures, []);
  });
});
