// Every story in headless Chromium at desktop width, at 320 px, in dark mode and in forced
// colours, saved as PNG under reports/screenshots/<mode>/<story id>.png for review. Fails on any
// console error, uncaught exception, failed request, request to another host, or a story that
// does not settle.
//
//   node scripts/screenshots.mjs [--build] [--only <id substring>[,…]] [--modes desktop,mobile,dark,forced]
//                                [--dir <storybook-static>] [--out <folder>]
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from './lib/chromium.mjs';
import {
  ROOT,
  STATIC_DIR,
  ensureStorybook,
  followDarkScheme,
  mapLimit,
  newStoryContext,
  openStory,
  readStories,
  selectStories,
  serveStatic,
  textTable,
  watchPage,
} from './lib/story-browser.mjs';

export const MODES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  mobile: { viewport: { width: 320, height: 640 } },
  dark: { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
  forced: { viewport: { width: 1280, height: 800 }, forcedColors: 'active' },
};

/** Two pages at a time: the machine has two cores. */
const PARALLEL = 2;

const { values: args } = parseArgs({
  options: {
    build: { type: 'boolean', default: false },
    only: { type: 'string' },
    modes: { type: 'string', default: Object.keys(MODES).join(',') },
    dir: { type: 'string', default: STATIC_DIR },
    out: { type: 'string', default: join(ROOT, 'reports', 'screenshots') },
  },
});

const modes = args.modes
  .split(',')
  .map((m) => m.trim())
  .filter(Boolean);
const unknown = modes.filter((m) => !(m in MODES));
if (unknown.length || !modes.length) {
  console.error(`Unknown mode(s): ${unknown.join(', ') || '(none given)'}; known: ${Object.keys(MODES).join(', ')}`);
  process.exit(2);
}

await ensureStorybook({ build: args.build, dir: args.dir });
const stories = selectStories(await readStories(args.dir), args.only);
if (!stories.length) {
  console.error(args.only ? `No story id contains "${args.only}".` : 'storybook-static/index.json lists no stories.');
  process.exit(1);
}

const server = await serveStatic(args.dir);
const browser = await launchChromium();
const started = Date.now();
/** results[storyId][mode] = { ok, problems, file, ms } */
const results = Object.fromEntries(stories.map((s) => [s.id, {}]));

try {
  for (const mode of modes) {
    const folder = join(args.out, mode);
    // A full run starts from an empty folder, so no screenshot of a removed story survives.
    if (!args.only) await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    const context = await newStoryContext(browser, MODES[mode]);
    const pages = [];
    for (let i = 0; i < Math.min(PARALLEL, stories.length); i++) {
      const page = await context.newPage();
      pages.push({ page, watch: await watchPage(page, server.origin) });
    }
    await mapLimit(stories, PARALLEL, async (story, _i, slot) => {
      const { page, watch } = pages[slot];
      const t0 = Date.now();
      const file = join(folder, `${story.id}.png`);
      let problems = [];
      let overflow = 0;
      let retried;
      try {
        const settled = await openStory(page, server.origin, story);
        if (settled.retried) retried = settled.firstTry;
        if (mode === 'dark') await followDarkScheme(page);
        // Not a failure by itself (WCAG asks for reflow at 320 px, see a11y-report), but worth a look.
        overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
      } catch (error) {
        problems.push({ kind: 'story', text: error instanceof Error ? error.message.split('\n')[0] : String(error) });
      }
      // Late console messages of this story still belong to it: let the page go quiet first.
      await page.waitForTimeout(50);
      problems = [...problems, ...watch.take()];
      results[story.id][mode] = { ok: problems.length === 0, problems, overflow, retried, file, ms: Date.now() - t0 };
      process.stdout.write(problems.length ? '✗' : '.');
    });
    await context.close();
    process.stdout.write(` ${mode}\n`);
  }
} finally {
  await browser.close();
  await server.close();
}

// Summary
const rows = [['story', ...modes]];
const failures = [];
for (const story of stories) {
  rows.push([story.id, ...modes.map((m) => (results[story.id][m].ok ? '✓' : `✗ ${results[story.id][m].problems.length}`))]);
  for (const mode of modes) {
    for (const p of results[story.id][mode].problems) failures.push(`${story.id} [${mode}] ${p.kind}: ${p.text}`);
  }
}
console.log(`\n${textTable(rows)}\n`);
const sideways = stories.flatMap((s) =>
  modes
    .filter((m) => results[s.id][m].overflow > 0)
    .map((m) => `  ${s.id} [${m}]: ${results[s.id][m].overflow} px wider than the viewport`),
);
const slow = stories.flatMap((s) =>
  modes.filter((m) => results[s.id][m].retried).map((m) => `  ${s.id} [${m}]: first load ${results[s.id][m].retried}`),
);
if (slow.length) console.warn(`Warning: ${slow.length} story load(s) settled only on the second try:\n${slow.join('\n')}\n`);
if (sideways.length)
  console.warn(`Warning: the page scrolls sideways in ${sideways.length} screenshot(s):\n${sideways.join('\n')}\n`);
await mkdir(args.out, { recursive: true });
await writeFile(
  join(args.out, 'summary.json'),
  `${JSON.stringify({ date: new Date().toISOString(), modes, results }, null, 2)}\n`,
);
const shots = stories.length * modes.length;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) {
  console.error(`${failures.length} problem(s):\n${failures.map((f) => `  ${f}`).join('\n')}`);
  console.error(`\n✗ ${shots} screenshots in ${seconds} s, ${failures.length} problem(s); PNGs in ${args.out}`);
  process.exit(1);
}
console.log(`✓ ${shots} screenshots in ${seconds} s, no console errors, no third-party requests; PNGs in ${args.out}`);
