// The accessibility report: axe-core on every story (light, dark, forced colours), reflow at
// 320 px, and keyboard paths walked with real key presses. Writes reports/a11y/report.json and
// docs/accessibility-report.md; exits 1 on any WCAG violation, reflow failure, story that does
// not settle, or failed keyboard step. Best-practice findings are reported but do not fail.
//
//   node scripts/a11y-report.mjs [--build] [--only <id substring>[,…]] [--modes light,dark,forced]
//                                [--no-keyboard] [--dir <storybook-static>] [--out <folder>] [--md <file>]
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
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

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_VERSION = JSON.parse(await readFile(require.resolve('axe-core/package.json'), 'utf8')).version;

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA: a violation of any of these fails the report. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_TAGS = [...WCAG_TAGS, 'best-practice'];
/** In forced colours the visitor's palette decides the contrast; axe would measure the author's colours. */
const CONTRAST_RULES = ['color-contrast', 'color-contrast-enhanced', 'link-in-text-block'];
const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 320, height: 640 };

const MODES = {
  light: { label: 'Light', context: { viewport: DESKTOP } },
  dark: { label: 'Dark', context: { viewport: DESKTOP, colorScheme: 'dark' } },
  forced: {
    label: 'Forced colours',
    heading: 'Forced colours (no contrast rules)',
    context: { viewport: DESKTOP, forcedColors: 'active' },
  },
};
const PARALLEL = 2;

const { values: args } = parseArgs({
  options: {
    build: { type: 'boolean', default: false },
    only: { type: 'string' },
    modes: { type: 'string', default: Object.keys(MODES).join(',') },
    'no-keyboard': { type: 'boolean', default: false },
    dir: { type: 'string', default: STATIC_DIR },
    out: { type: 'string', default: join(ROOT, 'reports', 'a11y') },
    md: { type: 'string', default: join(ROOT, 'docs', 'accessibility-report.md') },
  },
});
const modes = args.modes
  .split(',')
  .map((m) => m.trim())
  .filter(Boolean);
if (!modes.length || modes.some((m) => !(m in MODES))) {
  console.error(`--modes takes a comma-separated subset of ${Object.keys(MODES).join(', ')}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// axe per story and mode

const axeSource = await readFile(AXE_PATH, 'utf8');

/** Runs axe on the story root (shadow roots included); summarizes the results. */
async function runAxe(page, mode) {
  await page.addScriptTag({ content: axeSource });
  const rules = mode === 'forced' ? Object.fromEntries(CONTRAST_RULES.map((id) => [id, { enabled: false }])) : {};
  const raw = await page.evaluate(
    async ({ tags, rules }) => {
      // Only the story: the document around it (title, lang, landmarks) is Storybook's, not the elements'.
      const r = await window.axe.run(
        { include: [['#storybook-root']] },
        { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations', 'incomplete'] },
      );
      const nodes = (list) =>
        list.map((n) => ({
          target: n.target.map((t) => (Array.isArray(t) ? t.join(' › ') : t)),
          html: n.html.slice(0, 200),
          summary: (n.failureSummary ?? '').slice(0, 400),
        }));
      const rule = (x) => ({ id: x.id, impact: x.impact, help: x.help, helpUrl: x.helpUrl, tags: x.tags, nodes: nodes(x.nodes) });
      return { violations: r.violations.map(rule), incomplete: r.incomplete.map(rule), passes: r.passes.length };
    },
    { tags: AXE_TAGS, rules },
  );
  const wcag = (v) => v.tags.some((t) => WCAG_TAGS.includes(t));
  return {
    violations: raw.violations.filter(wcag),
    bestPractice: raw.violations.filter((v) => !wcag(v)),
    incomplete: raw.incomplete,
    passes: raw.passes,
  };
}

/** WCAG 1.4.10: at 320 CSS px the page must not scroll sideways. Restores the desktop size. */
async function checkReflow(page) {
  await page.setViewportSize(NARROW);
  await page.evaluate(() => window.__w4g.updatesComplete());
  const result = await page.evaluate(() => {
    const root = document.documentElement;
    const overflow = root.scrollWidth - root.clientWidth;
    const wide =
      overflow > 0
        ? window.__w4g
            .deepAll()
            .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
            .slice(-3)
            .map(window.__w4g.describe)
        : [];
    return { ok: overflow <= 0, overflow, scrollWidth: root.scrollWidth, wide };
  });
  await page.setViewportSize(DESKTOP);
  return result;
}

async function auditStories(browser, origin, stories) {
  const results = Object.fromEntries(stories.map((s) => [s.id, { story: s, modes: {} }]));
  for (const mode of modes) {
    const context = await newStoryContext(browser, MODES[mode].context);
    const pages = [];
    for (let i = 0; i < Math.min(PARALLEL, stories.length); i++) {
      const page = await context.newPage();
      pages.push({ page, watch: await watchPage(page, origin) });
    }
    await mapLimit(stories, PARALLEL, async (story, _i, slot) => {
      const { page, watch } = pages[slot];
      const entry = {};
      try {
        const settled = await openStory(page, origin, story);
        entry.states = settled.states;
        if (settled.retried) entry.retried = settled.firstTry;
        if (mode === 'dark') await followDarkScheme(page);
        Object.assign(entry, await runAxe(page, mode));
        if (mode === 'light') entry.reflow = await checkReflow(page);
      } catch (error) {
        entry.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
      }
      entry.pageProblems = watch.take();
      results[story.id].modes[mode] = entry;
      process.stdout.write(entry.error || entry.violations.length || entry.reflow?.ok === false ? '✗' : '.');
    });
    await context.close();
    process.stdout.write(` ${mode}\n`);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Keyboard paths

const isoDay = (iso) => new Date(`${iso}T12:00:00Z`);
const fmt = (d) => d.toISOString().slice(0, 10);
const addDays = (iso, n) => fmt(new Date(isoDay(iso).getTime() + n * 86_400_000));
const weekday = (iso) => (isoDay(iso).getUTCDay() + 6) % 7; // Monday = 0
const daysBetween = (a, b) => Math.round((isoDay(b).getTime() - isoDay(a).getTime()) / 86_400_000);
function addMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return `${fmt(first).slice(0, 8)}${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** What has the focus, seen through the shadow roots. */
function focusInfo(page) {
  return page.evaluate(() => {
    const el = window.__w4g.deepActive();
    if (!el) return { desc: '(nothing focused)' };
    const hosts = [];
    let inOpenDialog = false;
    for (let node = el; node;) {
      if (node.closest?.('dialog[open]')) inOpenDialog = true;
      const root = node.getRootNode();
      if (!(root instanceof ShadowRoot)) break;
      hosts.push(root.host.localName);
      node = root.host;
    }
    const style = getComputedStyle(el);
    // Inside a date or time input the focus can sit on the browser's own picker button, which
    // draws its own ring; the input itself is then not :focus-visible (null: not the page's to style).
    const ring = el.matches(':focus-visible')
      ? (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'
      : null;
    return {
      desc: window.__w4g.describe(el),
      tag: el.localName,
      id: el.id,
      part: el.getAttribute('part') ?? '',
      href: el.getAttribute('href') ?? '',
      name: el.getAttribute('name') ?? '',
      date: el.closest('td')?.dataset.date,
      index: el.dataset.index,
      dataId: el.dataset.id,
      tabindex: el.getAttribute('tabindex'),
      text: el.textContent.trim().replace(/\s+/g, ' '),
      inTable: !!el.closest('table'),
      inSummary: !!el.closest('[part="error-summary"]'),
      inOpenDialog,
      hosts,
      ring,
    };
  });
}

/** Runs `fn(element, arg)` in the page on the story's first `tag` element (or throws). */
async function inElement(page, tag, fn, arg) {
  const handle = await page.evaluateHandle(
    (tag) =>
      document.querySelector(`#storybook-root ${tag}`) ?? window.__w4g.w4gElements().find((e) => e.localName === tag) ?? null,
    tag,
  );
  try {
    const el = handle.asElement();
    if (!el) throw new Error(`no <${tag}> in the story`);
    return await el.evaluate(fn, arg);
  } finally {
    await handle.dispose();
  }
}

const ok = (pass, detail) => ({ ok: !!pass, detail });
const ring = (f) => (f.ring ? 'visible' : f.ring === false ? 'missing' : 'not :focus-visible');

/** Presses Tab (or Shift+Tab) until `until(focus)` holds, at most `max` times; returns the presses. */
async function tabUntil(page, until, max, key = 'Tab') {
  const seen = [];
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    const f = await focusInfo(page);
    seen.push(f);
    if (until(f)) return { presses: i, focus: f, seen };
  }
  return { presses: max, focus: seen.at(-1), seen, missed: true };
}

/** Re-runs a check until it passes or the time is up (elements update asynchronously). */
async function settle(check, timeout = 3000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const result = await check();
    if (result.ok || Date.now() > deadline) return result;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A dialog opened from an element: open, focus on its heading, named by that heading. */
async function dialogOpenedCheck(page, expectedTitle) {
  const f = await focusInfo(page);
  const named = await page.evaluate(() => {
    const all = window.__w4g.deepAll().filter((el) => el.localName === 'dialog' && el.open);
    const d = all.at(-1);
    if (!d) return { open: false };
    const id = d.getAttribute('aria-labelledby');
    const label = id
      ? d.getRootNode().getElementById(id)?.textContent?.trim().replace(/\s+/g, ' ')
      : d.getAttribute('aria-label');
    return { open: true, label: label ?? '', modal: d.matches(':modal') };
  });
  return ok(
    named.open && named.modal && f.inOpenDialog && named.label && (!expectedTitle || named.label === expectedTitle),
    `modal dialog ${named.open ? 'open' : 'closed'}, named "${named.label ?? ''}"${expectedTitle ? ` (expected "${expectedTitle}")` : ''}; focus: ${f.desc}`,
  );
}

/** Tab several times inside a modal dialog: focus never reaches the page behind it. */
async function staysInDialog(page, presses = 8) {
  const seen = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const f = await focusInfo(page);
    seen.push(f.inOpenDialog ? f.part || f.tag : f.desc);
    // Nothing focused: the browser's own UI between the last and the first control of the dialog.
    if (!f.inOpenDialog && f.desc !== '(nothing focused)') return ok(false, `focus left the dialog: ${f.desc}`);
  }
  return ok(true, `${presses} × Tab: ${seen.join(' → ')}`);
}

async function anyDialogOpen(page) {
  return page.evaluate(() => window.__w4g.deepAll().some((el) => el.localName === 'dialog' && el.open));
}

/** Escape closes the dialog and the focus goes back to what opened it. */
function escapeStep(name, opener) {
  return {
    name,
    keys: ['Escape'],
    check: async ({ page, vars }) => {
      const f = await focusInfo(page);
      const open = await anyDialogOpen(page);
      const back = opener(f, vars);
      return ok(!open && back, `dialog ${open ? 'still open' : 'closed'}; focus: ${f.desc}`);
    },
  };
}

const monthGridPath = {
  name: 'Month grid: one tab stop, date keys, day panel, details dialog',
  element: 'w4g-month-grid',
  stories: ['w4g-month-grid--populated'],
  steps: [
    {
      name: 'Tab reaches the grid: one day button with tabindex="0" (roving tabindex)',
      act: async ({ page, vars }) => {
        const r = await tabUntil(page, (f) => f.part === 'day-button', 12);
        vars.tabs = r.presses;
        vars.path = r.seen.map((f) => f.part || f.tag).join(' → ');
      },
      keysLabel: ({ vars }) => `Tab ×${vars.tabs}`,
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        const zeros = await inElement(page, 'w4g-month-grid', (el) =>
          [...el.shadowRoot.querySelectorAll('.day-button')]
            .filter((b) => b.getAttribute('tabindex') === '0')
            .map((b) => b.closest('td').dataset.date),
        );
        vars.start = f.date;
        return ok(
          f.part === 'day-button' && f.tabindex === '0' && zeros.length === 1 && f.ring,
          `${vars.path}; focus ${f.desc}; ${zeros.length} day button(s) with tabindex 0; focus ring ${ring(f)}`,
        );
      },
    },
    {
      name: 'The next Tab leaves the grid',
      keys: ['Tab'],
      check: async ({ page }) => {
        const f = await focusInfo(page);
        return ok(!(f.inTable && f.hosts[0] === 'w4g-month-grid'), `focus: ${f.desc}`);
      },
    },
    {
      name: 'Shift+Tab comes back to the same day',
      keys: ['Shift+Tab'],
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        return ok(f.part === 'day-button' && f.date === vars.start, `focus: ${f.desc} (expected ${vars.start})`);
      },
    },
    ...[
      ['ArrowRight', 'moves one day forward', (d) => addDays(d, 1)],
      ['ArrowDown', 'moves one week forward', (d) => addDays(d, 7)],
      ['ArrowLeft', 'moves one day back', (d) => addDays(d, -1)],
      ['ArrowUp', 'moves one week back', (d) => addDays(d, -7)],
      ['Home', 'moves to the start of the week (Monday)', (d) => addDays(d, -weekday(d))],
      ['End', 'moves to the end of the week (Sunday)', (d) => addDays(d, 6 - weekday(d))],
    ].map(([key, what, next]) => ({
      name: `${key} ${what}`,
      keys: [key],
      before: ({ vars }) => {
        vars.expected = next(vars.current ?? vars.start);
      },
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        if (f.date === vars.expected) vars.current = f.date;
        return ok(f.part === 'day-button' && f.date === vars.expected, `focus on ${f.date ?? f.desc}, expected ${vars.expected}`);
      },
    })),
    ...[
      ['PageDown', 'shows the next month, same day', 1],
      ['Shift+PageDown', 'shows the same month a year later', 12],
      ['Shift+PageUp', 'goes back a year', -12],
      ['PageUp', 'goes back a month; the heading is in an aria-live region', -1],
    ].map(([key, what, months]) => ({
      name: `${key} ${what}`,
      keys: [key],
      before: async ({ page, vars }) => {
        vars.expected = addMonths(vars.current, months);
        vars.headingBefore = await inElement(page, 'w4g-month-grid', (el) =>
          el.shadowRoot.querySelector('[part~="month-heading"]').textContent.trim(),
        );
      },
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        const h = await inElement(page, 'w4g-month-grid', (el) => {
          const heading = el.shadowRoot.querySelector('[part~="month-heading"]');
          return {
            text: heading.textContent.trim(),
            live: heading.closest('[aria-live]')?.getAttribute('aria-live') ?? '',
            month: el.getAttribute('month'),
          };
        });
        const pass =
          f.part === 'day-button' &&
          f.date === vars.expected &&
          h.text !== vars.headingBefore &&
          h.live === 'polite' &&
          h.month === vars.expected.slice(0, 7);
        if (pass) vars.current = f.date;
        return ok(
          pass,
          `focus on ${f.date ?? f.desc} (expected ${vars.expected}); heading "${vars.headingBefore}" → "${h.text}" (aria-live=${h.live}); month="${h.month}"`,
        );
      },
    })),
    {
      name: 'Arrow keys reach a day with events',
      act: async ({ page, vars }) => {
        const target = await inElement(
          page,
          'w4g-month-grid',
          (el, month) => el.shadowRoot.querySelector(`td.has-events[data-date^="${month}"]`)?.dataset.date,
          vars.current.slice(0, 7),
        );
        vars.target = target;
        vars.pressed = [];
        if (!target) return;
        const diff = daysBetween(vars.current, target);
        const weeks = Math.trunc(diff / 7);
        const days = diff - weeks * 7;
        for (let i = 0; i < Math.abs(weeks); i++) vars.pressed.push(weeks > 0 ? 'ArrowDown' : 'ArrowUp');
        for (let i = 0; i < Math.abs(days); i++) vars.pressed.push(days > 0 ? 'ArrowRight' : 'ArrowLeft');
        for (const key of vars.pressed) await page.keyboard.press(key);
      },
      keysLabel: ({ vars }) => compactKeys(vars.pressed ?? []),
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        return ok(
          vars.target && f.date === vars.target,
          `focus on ${f.date ?? f.desc}, expected ${vars.target ?? '(no day with events in this month)'}`,
        );
      },
    },
    {
      name: "Enter selects the day: aria-pressed, the day panel lists the day's events, focus stays",
      keys: ['Enter'],
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        const panel = await inElement(
          page,
          'w4g-month-grid',
          (el, date) => {
            const root = el.shadowRoot;
            const cell = root.querySelector(`td[data-date="${date}"]`);
            const more = cell.querySelector('[part="more-button"]');
            const inCell =
              cell.querySelectorAll('[part="event"]').length + (more ? Number(more.textContent.match(/\d+/)?.[0] ?? 0) : 0);
            const section = root.querySelector('[part="day-panel"]');
            return {
              pressed: cell.querySelector('.day-button').getAttribute('aria-pressed'),
              hidden: section.hidden,
              heading: section.querySelector('[part~="panel-heading"]')?.textContent.trim() ?? '',
              listed: section.querySelectorAll('.panel-events li').length,
              inCell,
              selected: el.getAttribute('selected'),
            };
          },
          vars.target,
        );
        return ok(
          panel.pressed === 'true' &&
            !panel.hidden &&
            panel.listed > 0 &&
            panel.listed === panel.inCell &&
            f.date === vars.target,
          `aria-pressed=${panel.pressed}, selected="${panel.selected}", panel "${panel.heading}" lists ${panel.listed} of ${panel.inCell} event(s); focus on ${f.date ?? f.desc}`,
        );
      },
    },
    {
      name: 'Tab goes from the grid to the first event in the day panel',
      keys: ['Tab'],
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        vars.linkText = f.text;
        vars.linkHref = f.href;
        return ok(f.tag === 'a' && !f.inTable && f.hosts[0] === 'w4g-month-grid' && f.ring, `focus: ${f.desc}; ring ${ring(f)}`);
      },
    },
    {
      name: 'Enter opens the details in a modal dialog; focus on its title',
      keys: ['Enter'],
      check: ({ page, vars }) => dialogOpenedCheck(page, vars.linkText),
    },
    {
      name: 'Tab stays inside the dialog',
      act: async () => {},
      keysLabel: () => 'Tab ×8',
      check: ({ page }) => staysInDialog(page),
    },
    escapeStep(
      'Escape closes the dialog; focus returns to the event link',
      (f, vars) => f.tag === 'a' && f.href === vars.linkHref,
    ),
  ],
};

const eventListPath = {
  name: 'Event list: event link, details dialog',
  element: 'w4g-event-list',
  stories: ['w4g-event-list--populated'],
  steps: [
    {
      name: 'Tab reaches the first event (after the filter bar, if any)',
      act: async ({ page, vars }) => {
        const r = await tabUntil(page, (f) => f.index !== undefined && f.hosts[0] === 'w4g-event-list', 20);
        vars.tabs = r.presses;
      },
      keysLabel: ({ vars }) => `Tab ×${vars.tabs}`,
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        vars.linkText = f.text;
        return ok(f.tag === 'a' && f.index === '0' && f.ring, `focus: ${f.desc}; ring ${ring(f)}`);
      },
    },
    {
      name: 'Enter opens the details in a modal dialog named by the title; focus on the title',
      keys: ['Enter'],
      check: async ({ page, vars }) => {
        const title = await inElement(page, 'w4g-event-list', (el) =>
          el.shadowRoot.querySelector('a[data-index="0"] .title-text')?.textContent.trim(),
        );
        return dialogOpenedCheck(page, title ?? vars.linkText);
      },
    },
    {
      name: 'Tab stays inside the dialog',
      act: async () => {},
      keysLabel: () => 'Tab ×8',
      check: ({ page }) => staysInDialog(page),
    },
    escapeStep('Escape closes the dialog; focus returns to the event', (f) => f.tag === 'a' && f.index === '0'),
  ],
};

const showMorePath = {
  name: 'Event list: "Mehr anzeigen" moves the focus to the first new event',
  element: 'w4g-event-list',
  stories: ['w4g-event-list--show-more', 'w4g-event-list--populated'],
  usable: (page) => inElement(page, 'w4g-event-list', (el) => !!el.shadowRoot.querySelector('[part="more-button"]')),
  steps: [
    {
      name: 'Tab reaches "Mehr anzeigen" after the shown events',
      act: async ({ page, vars }) => {
        vars.shown = await inElement(page, 'w4g-event-list', (el) => el.shadowRoot.querySelectorAll('a[data-index]').length);
        vars.tabs = (await tabUntil(page, (f) => f.part === 'more-button', vars.shown + 10)).presses;
      },
      keysLabel: ({ vars }) => `Tab ×${vars.tabs}`,
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        return ok(f.part === 'more-button' && f.ring, `${vars.shown} events shown; focus: ${f.desc}; ring ${ring(f)}`);
      },
    },
    {
      name: 'Enter shows the next events; focus on the first new one',
      keys: ['Enter'],
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        const now = await inElement(page, 'w4g-event-list', (el) => el.shadowRoot.querySelectorAll('a[data-index]').length);
        return ok(f.index === String(vars.shown) && now > vars.shown, `${vars.shown} → ${now} events; focus: ${f.desc}`);
      },
    },
  ],
};

const detailsPath = {
  name: 'Event details on its own: modal dialog, Escape, opening again',
  element: 'w4g-event-details',
  stories: ['w4g-event-details--populated'],
  // The story opens the dialog itself; the walk starts with the focus where show() put it.
  keepFocus: true,
  steps: [
    {
      name: 'The story opens a modal dialog named by the title; focus on the title',
      act: async () => {},
      keysLabel: () => '–',
      check: ({ page }) => dialogOpenedCheck(page),
    },
    {
      name: 'Tab stays inside the dialog',
      act: async () => {},
      keysLabel: () => 'Tab ×8',
      check: ({ page }) => staysInDialog(page),
    },
    escapeStep('Escape closes the dialog', () => true),
    {
      name: "Tab reaches the page's button that opens the dialog again",
      act: async ({ page, vars }) => {
        vars.tabs = (await tabUntil(page, (f) => f.tag === 'button' && f.hosts.length === 0, 10)).presses;
      },
      keysLabel: ({ vars }) => `Tab ×${vars.tabs}`,
      check: async ({ page }) => {
        const f = await focusInfo(page);
        return ok(f.tag === 'button' && f.hosts.length === 0, `focus: ${f.desc}`);
      },
    },
    {
      name: 'Enter opens the dialog again; focus on the title',
      keys: ['Enter'],
      check: ({ page }) => dialogOpenedCheck(page),
    },
    escapeStep('Escape closes it; focus returns to the button', (f) => f.tag === 'button' && f.hosts.length === 0),
  ],
};

const associationListPath = {
  name: 'Association list: entry, card dialog, Escape',
  element: 'w4g-association-list',
  stories: ['w4g-association-list--populated'],
  steps: [
    {
      name: 'Tab reaches the first association (after the filter bar, if any)',
      act: async ({ page, vars }) => {
        const r = await tabUntil(page, (f) => f.tag === 'button' && f.dataId !== undefined, 20);
        vars.tabs = r.presses;
      },
      keysLabel: ({ vars }) => `Tab ×${vars.tabs}`,
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        vars.id = f.dataId;
        vars.name = f.text;
        return ok(f.tag === 'button' && f.dataId && f.ring, `focus: ${f.desc}; ring ${ring(f)}`);
      },
    },
    {
      name: 'Enter opens the card in a modal dialog named by the association; focus on the name',
      keys: ['Enter'],
      check: ({ page, vars }) => dialogOpenedCheck(page, vars.name),
    },
    {
      name: 'The card in the dialog loads (state "ready")',
      act: async () => {},
      keysLabel: () => '–',
      check: async ({ page }) => {
        const state = await inElement(page, 'w4g-association-list', (el) =>
          el.shadowRoot.querySelector('w4g-association-card')?.getAttribute('state'),
        );
        return ok(state === 'ready', `card state: ${state ?? '(no card)'}`);
      },
    },
    {
      name: 'Tab stays inside the dialog',
      act: async () => {},
      keysLabel: () => 'Tab ×8',
      check: ({ page }) => staysInDialog(page),
    },
    escapeStep('Escape closes the dialog; focus returns to the entry', (f, vars) => f.tag === 'button' && f.dataId === vars.id),
  ],
};

const associationCardPath = {
  name: 'Association card: next event, details dialog',
  element: 'w4g-association-card',
  stories: ['w4g-association-card--populated'],
  steps: [
    {
      name: 'Tab reaches the first of the next events',
      act: async ({ page, vars }) => {
        const r = await tabUntil(page, (f) => f.part === 'event-link', 15);
        vars.tabs = r.presses;
      },
      keysLabel: ({ vars }) => `Tab ×${vars.tabs}`,
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        vars.href = f.href;
        vars.title = f.text;
        return ok(f.part === 'event-link' && f.ring, `focus: ${f.desc}; ring ${ring(f)}`);
      },
    },
    {
      name: 'Enter opens the details in a modal dialog; focus on the title',
      keys: ['Enter'],
      check: ({ page }) => dialogOpenedCheck(page),
    },
    escapeStep(
      'Escape closes the dialog; focus returns to the event link',
      (f, vars) => f.part === 'event-link' && f.href === vars.href,
    ),
  ],
};

const eventFormPath = {
  name: 'Event form: tab order, failed submit, error summary',
  element: 'w4g-event-form',
  // A form whose title is empty, so that a submit fails on the client and nothing is sent.
  stories: ['w4g-event-form--empty', 'w4g-event-form--default', 'w4g-event-form--editing', 'w4g-event-form--populated'],
  usable: (page) => inElement(page, 'w4g-event-form', (el) => el.shadowRoot.querySelector('#f-title')?.value === ''),
  steps: [
    {
      name: 'Tab walks every visible control in document order, each labelled, to the submit button',
      act: async ({ page, vars }) => {
        const r = await tabUntil(page, (f) => f.part === 'submit-button', 150);
        vars.tabs = r.presses;
        vars.seen = r.seen;
      },
      keysLabel: ({ vars }) => `Tab ×${vars.tabs}`,
      check: async ({ page, vars }) => {
        const expected = await inElement(page, 'w4g-event-form', (el) => {
          const sel = 'input, select, textarea, button, a[href]';
          return [...el.shadowRoot.querySelectorAll(sel)]
            .filter((c) => !c.disabled && c.getAttribute('tabindex') !== '-1' && c.checkVisibility())
            .map((c) => c.id || c.getAttribute('part') || c.localName);
        });
        const unlabelled = await inElement(page, 'w4g-event-form', (el) =>
          [...el.shadowRoot.querySelectorAll('input, select, textarea')]
            .filter(
              (c) =>
                c.checkVisibility() && c.getAttribute('tabindex') !== '-1' && !(c.labels?.length || c.getAttribute('aria-label')),
            )
            .map((c) => c.id || c.name),
        );
        const walked = [];
        for (const f of vars.seen.filter((f) => f.hosts[0] === 'w4g-event-form')) {
          const key = f.id || f.part || f.tag;
          if (walked.at(-1) !== key) walked.push(key); // date and time inputs take a Tab per segment
        }
        const same = walked.length === expected.length && walked.every((k, i) => k === expected[i]);
        const noRing = vars.seen.filter((f) => f.hosts[0] === 'w4g-event-form' && f.ring === false).map((f) => f.id || f.part);
        return ok(
          same && unlabelled.length === 0 && noRing.length === 0,
          `${walked.length} controls in order${same ? '' : ` — differs from the document order: walked ${walked.join(', ')}; expected ${expected.join(', ')}`}` +
            `${unlabelled.length ? `; unlabelled: ${unlabelled.join(', ')}` : ''}${noRing.length ? `; no focus ring: ${[...new Set(noRing)].join(', ')}` : ''}`,
        );
      },
    },
    {
      name: 'Enter on "Absenden" with empty required fields: error summary (role="alert") with links, focus on the first invalid field',
      keys: ['Enter'],
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        const s = await inElement(page, 'w4g-event-form', (el) => {
          const summary = el.shadowRoot.querySelector('[part="error-summary"]');
          const first = el.shadowRoot.querySelector('[aria-invalid="true"]');
          return {
            role: summary?.getAttribute('role'),
            links: [...(summary?.querySelectorAll('a[href^="#f-"]') ?? [])].map((a) => a.getAttribute('href')),
            firstInvalid: first?.id,
            describedBy: first?.getAttribute('aria-describedby') ?? '',
            state: el.getAttribute('state'),
          };
        });
        vars.links = s.links;
        return ok(
          s.role === 'alert' &&
            s.links.length > 0 &&
            f.id === s.firstInvalid &&
            s.describedBy.includes(`${s.firstInvalid}-error`) &&
            s.state === 'editing',
          `summary role=${s.role} with ${s.links.length} link(s) (${s.links.join(' ')}); focus: ${f.desc}; first invalid ${s.firstInvalid} described by "${s.describedBy}"; state ${s.state}`,
        );
      },
    },
    {
      name: 'Shift+Tab from the first field reaches the last link of the error summary',
      keys: ['Shift+Tab'],
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        vars.target = f.href.slice(1);
        return ok(f.inSummary && f.tag === 'a' && f.href === vars.links.at(-1), `focus: ${f.desc}`);
      },
    },
    {
      name: 'Enter on a summary link moves the focus to its field',
      keys: ['Enter'],
      check: async ({ page, vars }) => {
        const f = await focusInfo(page);
        const name = vars.target.replace(/^f-/, '');
        return ok(f.id === vars.target || f.name === name, `focus: ${f.desc} (expected #${vars.target})`);
      },
    },
  ],
};

const PATHS = [monthGridPath, eventListPath, showMorePath, detailsPath, associationListPath, associationCardPath, eventFormPath];

function compactKeys(keys) {
  const out = [];
  for (const k of keys) {
    const last = out.at(-1);
    if (last?.key === k) last.n++;
    else out.push({ key: k, n: 1 });
  }
  return out.map((x) => (x.n > 1 ? `${x.key} ×${x.n}` : x.key)).join(', ') || '–';
}

/** Opens the path's story (the first usable candidate) and walks its steps. */
async function runPath(browser, origin, stories, path) {
  const context = await newStoryContext(browser, { viewport: DESKTOP });
  const page = await context.newPage();
  const watch = await watchPage(page, origin);
  const result = { name: path.name, element: path.element, story: undefined, steps: [], error: undefined, pageProblems: [] };
  try {
    for (const id of path.stories) {
      const story = stories.find((s) => s.id === id);
      if (!story) continue;
      await openStory(page, origin, story);
      if (!path.usable || (await path.usable(page))) {
        result.story = id;
        break;
      }
    }
    if (!result.story) throw new Error(`no usable story among ${path.stories.join(', ')}`);
    // The walk starts from the top of the document, as a visitor's first Tab would.
    if (!path.keepFocus) await page.evaluate(() => document.activeElement?.blur());
    const ctx = { page, vars: {} };
    let failed = false;
    for (const step of path.steps) {
      if (failed) {
        result.steps.push({ name: step.name, keys: '', status: 'skipped', detail: 'not run: an earlier step failed' });
        continue;
      }
      let outcome;
      try {
        await step.before?.(ctx);
        if (step.act) await step.act(ctx);
        else for (const key of step.keys) await page.keyboard.press(key);
        outcome = await settle(() => step.check(ctx));
      } catch (error) {
        outcome = ok(false, error instanceof Error ? error.message.split('\n')[0] : String(error));
      }
      const keys = step.keysLabel ? step.keysLabel(ctx) : compactKeys(step.keys);
      result.steps.push({ name: step.name, keys, status: outcome.ok ? 'pass' : 'fail', detail: outcome.detail });
      if (!outcome.ok) failed = true;
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
  } finally {
    result.pageProblems = watch.take();
    await context.close();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Markdown

const esc = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\n/g, ' ');

function cell(entry) {
  if (!entry) return '–';
  if (entry.error) return '✗ not settled';
  const v = entry.violations.length;
  const parts = [v ? `✗ ${v}` : '✓ 0'];
  if (entry.bestPractice.length) parts.push(`bp ${entry.bestPractice.length}`);
  if (entry.incomplete.length) parts.push(`? ${entry.incomplete.length}`);
  return parts.join(' · ');
}

function markdown({ audit, paths, chromium, date, stories }) {
  const lines = [];
  const push = (...l) => lines.push(...l);
  const all = Object.values(audit);
  const count = (fn) =>
    all.reduce((n, r) => n + modes.reduce((m, mode) => m + (r.modes[mode] ? fn(r.modes[mode], mode) : 0), 0), 0);
  const wcag = count((e) => e.violations?.length ?? 0);
  const bp = count((e) => e.bestPractice?.length ?? 0);
  const review = count((e) => e.incomplete?.length ?? 0);
  const unsettled = count((e) => (e.error ? 1 : 0));
  const retried = count((e) => (e.retried ? 1 : 0));
  const reflowFails = all.filter((r) => r.modes.light?.reflow && !r.modes.light.reflow.ok);
  const steps = paths.flatMap((p) => p.steps);
  const passed = steps.filter((s) => s.status === 'pass').length;

  push(
    '# Accessibility report',
    '',
    `Generated by \`npm run a11y-report\` (\`scripts/a11y-report.mjs\`) on ${date} from the Storybook build, with`,
    `Chromium ${chromium} (headless, Debian) and axe-core ${AXE_VERSION}. Do not edit by hand: run the script again.`,
    '',
    '## Summary',
    '',
    `- ${stories.length} stories × ${modes.length} modes (${modes.map((m) => MODES[m].label.toLowerCase()).join(', ')}):` +
      ` **${wcag} WCAG 2.2 A/AA violation(s)**, ${bp} best-practice finding(s), ${review} “needs review” result(s) (rules axe could not decide, listed below)` +
      `${unsettled ? `, **${unsettled} story run(s) that did not settle**` : ''}.`,
    ...(retried ? [`- ${retried} story load(s) settled only on a second try (a busy machine; see report.json).`] : []),
    modes.includes('light')
      ? `- Reflow at 320 CSS px (WCAG 1.4.10): ${reflowFails.length ? `**${reflowFails.length} story(ies) scroll sideways**` : 'no story scrolls sideways'}.`
      : '- Reflow at 320 CSS px: not checked in this run (light mode left out).',
    paths.length
      ? `- Keyboard paths: ${passed} of ${steps.length} steps passed in ${paths.length} paths${paths.some((p) => p.error) ? ', some paths could not start' : ''}.`
      : '- Keyboard paths: not run.',
    '',
    '## How it is checked',
    '',
    '- Every story of `storybook-static/index.json` is opened in its own iframe page (`iframe.html?id=…`), with the',
    '  locale `de-DE`, the zone Europe/Berlin and reduced motion. The script waits until every `w4g-*` element has a',
    '  final host `state` (not `loading` or `refreshing`); stories tagged `state-loading` are checked in their',
    '  loading state on purpose.',
    `- axe runs on \`#storybook-root\` with the tags ${AXE_TAGS.map((t) => `\`${t}\``).join(', ')};`,
    '  it walks open shadow roots, so everything inside the elements is checked. The page around the story (title,',
    "  `lang`, landmarks) is Storybook's, so axe's page-level rules do not apply. A violation of a WCAG A/AA rule",
    '  fails the run; best-practice findings (“bp”) are listed but do not fail; “?” counts the rules axe could not',
    '  decide (“incomplete”, e.g. contrast over an image): those need a human look.',
    '- **Light**: the default theme.',
    '- **Dark**: `prefers-color-scheme: dark`, and elements without a `theme` of their own get `theme="auto"` so that',
    '  they follow it — except where the page sets its own `--w4g-color-*` tokens (the Themed stories): that palette',
    "  is the page's, and it stays as the page set it.",
    '- **Forced colours**: `forced-colors: active` (as Windows contrast themes). The contrast rules (`color-contrast`,',
    "  `color-contrast-enhanced`, `link-in-text-block`) are off there: in forced colours the visitor's palette decides",
    '  the contrast, and axe would measure colours that are not shown. The other rules still run, because',
    '  forced-colour styles may hide or change content.',
    '- **Reflow**: each story at a viewport 320 CSS px wide must not scroll sideways (WCAG 1.4.10).',
    '- **Keyboard paths**: real key presses (Chromium via Playwright), checked against the focused element inside the',
    '  shadow roots, the dialogs and the ARIA state after every step; the focus ring is checked where focus lands',
    '  by Tab. A step after a failed one is not run.',
    '',
    '## Results per element and state',
    '',
    'Cells: `✓ 0` no WCAG violation, `✗ n` n WCAG violations; `bp n` best-practice findings; `? n` rules that need review.',
    '',
  );

  const byElement = new Map();
  for (const r of all) {
    const list = byElement.get(r.story.title) ?? [];
    list.push(r);
    byElement.set(r.story.title, list);
  }
  for (const [title, list] of byElement) {
    push(`### ${title}`, '');
    const head = ['Story', 'Host state', ...modes.map((m) => MODES[m].heading ?? MODES[m].label)];
    if (modes.includes('light')) head.push('Reflow 320 px');
    push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    for (const r of list) {
      const entry = r.modes[modes[0]];
      const top = (entry?.states ?? []).filter((s) => s.startsWith(`${title}=`)).map((s) => s.slice(title.length + 1));
      const row = [`${esc(r.story.name)} (\`${r.story.id}\`)`, esc(top.join(', ') || '–'), ...modes.map((m) => cell(r.modes[m]))];
      if (modes.includes('light')) {
        const rf = r.modes.light?.reflow;
        row.push(rf ? (rf.ok ? '✓' : `✗ +${rf.overflow} px`) : '–');
      }
      push(`| ${row.join(' | ')} |`);
    }
    push('');
  }

  push('## WCAG violations', '');
  const violations = [];
  for (const r of all) {
    for (const mode of modes) {
      const e = r.modes[mode];
      if (!e) continue;
      if (e.error) violations.push(`- \`${r.story.id}\` (${MODES[mode].label}): the story did not settle: ${esc(e.error)}`);
      for (const v of e.violations ?? []) {
        const nodes = v.nodes
          .slice(0, 5)
          .map((n) => `\`${esc(n.target.join(' '))}\``)
          .join(', ');
        violations.push(
          `- \`${r.story.id}\` (${MODES[mode].label}): **${v.id}** (${v.impact}) — ${esc(v.help)}; ${v.nodes.length} node(s): ${nodes} — [rule](${v.helpUrl})`,
        );
      }
    }
    if (r.modes.light?.reflow && !r.modes.light.reflow.ok) {
      const rf = r.modes.light.reflow;
      violations.push(
        `- \`${r.story.id}\`: scrolls ${rf.overflow} px sideways at 320 px (WCAG 1.4.10); widest: ${rf.wide.map((w) => `\`${esc(w)}\``).join(', ')}`,
      );
    }
  }
  push(...(violations.length ? violations : ['None.']), '');

  push('## Best-practice findings', '');
  push(...(listByRule(all, 'bestPractice') || ['None.']), '');
  push('## Needs review (axe could not decide)', '');
  push(...(listByRule(all, 'incomplete') || ['None.']), '');

  push('## Keyboard paths', '');
  if (!paths.length) push('Not run.', '');
  for (const p of paths) {
    const passedHere = p.steps.filter((s) => s.status === 'pass').length;
    push(`### ${esc(p.name)}`, '', `Story \`${p.story ?? '–'}\` · ${passedHere} of ${p.steps.length} steps passed.`, '');
    if (p.error) push(`**Could not run:** ${esc(p.error)}`, '');
    for (const problem of p.pageProblems) push(`- Page ${problem.kind}: ${esc(problem.text.split('\n')[0])}`);
    if (p.pageProblems.length) push('');
    if (p.steps.length) {
      push('| # | Step | Keys | | Observed |', '|---|---|---|---|---|');
      p.steps.forEach((s, i) => {
        const mark = s.status === 'pass' ? '✓' : s.status === 'fail' ? '✗' : '–';
        push(`| ${i + 1} | ${esc(s.name)} | ${esc(s.keys)} | ${mark} | ${esc(s.detail)} |`);
      });
      push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** One line per rule: the stories where it occurred (nodes per mode), with its help text. */
function listByRule(all, key) {
  const rules = new Map();
  for (const r of all) {
    for (const mode of modes) {
      for (const v of r.modes[mode]?.[key] ?? []) {
        const entry = rules.get(v.id) ?? { v, stories: new Map() };
        const counts = entry.stories.get(r.story.id) ?? [];
        counts.push(`${MODES[mode].label.toLowerCase()} ${v.nodes.length}`);
        entry.stories.set(r.story.id, counts);
        rules.set(v.id, entry);
      }
    }
  }
  if (!rules.size) return undefined;
  return [...rules.values()].map(({ v, stories }) => {
    const where = [...stories].map(([id, counts]) => `\`${id}\` (${counts.join(', ')})`).join(', ');
    return `- **${v.id}**${v.impact ? ` (${v.impact})` : ''} — ${esc(v.help)} — [rule](${v.helpUrl}). Nodes per mode in ${stories.size} stories: ${where}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Main

await ensureStorybook({ build: args.build, dir: args.dir });
const allStories = await readStories(args.dir);
const stories = selectStories(allStories, args.only);
if (!stories.length) {
  console.error(args.only ? `No story id contains "${args.only}".` : 'storybook-static/index.json lists no stories.');
  process.exit(1);
}
const server = await serveStatic(args.dir);
const browser = await launchChromium();
const chromium = browser.version();
const started = Date.now();
let audit;
let paths = [];
try {
  audit = await auditStories(browser, server.origin, stories);
  if (!args['no-keyboard']) {
    const wanted = PATHS.filter((p) => !args.only || selectStories(allStories, args.only).some((s) => s.title === p.element));
    for (const path of wanted) {
      const r = await runPath(browser, server.origin, allStories, path);
      paths.push(r);
      process.stdout.write(`${r.error || r.steps.some((s) => s.status !== 'pass') ? '✗' : '✓'} ${path.name}\n`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const date = new Date().toISOString().slice(0, 10);
const report = {
  date,
  chromium,
  axe: AXE_VERSION,
  tags: AXE_TAGS,
  failingTags: WCAG_TAGS,
  modes,
  stories: Object.values(audit).map((r) => ({ ...r.story, modes: r.modes })),
  keyboard: paths,
};
await mkdir(args.out, { recursive: true });
await writeFile(join(args.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
await mkdir(dirname(args.md), { recursive: true });
await writeFile(args.md, markdown({ audit, paths, chromium, date, stories }));

// Terminal summary
const rows = [['story', ...modes, ...(modes.includes('light') ? ['reflow'] : [])]];
for (const r of Object.values(audit)) {
  const rf = r.modes.light?.reflow;
  rows.push([
    r.story.id,
    ...modes.map((m) => cell(r.modes[m])),
    ...(modes.includes('light') ? [rf ? (rf.ok ? '✓' : '✗') : '–'] : []),
  ]);
}
console.log(`\n${textTable(rows)}\n`);
const failures = [];
for (const r of Object.values(audit)) {
  for (const mode of modes) {
    const e = r.modes[mode];
    if (e?.error) failures.push(`${r.story.id} [${mode}]: did not settle: ${e.error}`);
    for (const v of e?.violations ?? []) {
      failures.push(
        `${r.story.id} [${mode}]: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`,
      );
    }
  }
  if (r.modes.light?.reflow?.ok === false)
    failures.push(`${r.story.id}: scrolls sideways at 320 px (${r.modes.light.reflow.overflow} px)`);
}
for (const p of paths) {
  if (p.error) failures.push(`keyboard "${p.name}": ${p.error}`);
  for (const s of p.steps.filter((s) => s.status === 'fail'))
    failures.push(`keyboard "${p.name}" (${p.story}): ${s.name}: ${s.detail}`);
}
for (const r of Object.values(audit)) {
  for (const mode of modes) {
    if (r.modes[mode]?.retried)
      console.warn(`Warning: ${r.story.id} [${mode}] settled only on a second try: ${r.modes[mode].retried}`);
  }
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `Report: ${relative(process.cwd(), args.md)} and ${relative(process.cwd(), join(args.out, 'report.json'))} (${seconds} s)`,
);
if (failures.length) {
  console.error(`\n✗ ${failures.length} failure(s):\n${failures.map((f) => `  ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('✓ no WCAG A/AA violation, no reflow problem, every keyboard step passed');
