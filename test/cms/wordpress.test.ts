/**
 * The WordPress plugin as it is uploaded (assembled by cms/build.mjs), loaded into a minimal
 * WordPress (wordpress-harness.php) that fetches real feeds from a local server: the shortcode
 * and the block render the element with a server-side event list and JSON-LD, escaped, with
 * Berlin times, cached, and with a German notice when the feed fails.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addDaysIso, expandOccurrences, formatOccurrenceWhen, parseJsonFeed, todayIn } from '../../src/core/index.js';
import { start as startServer } from '../server/helpers.js';
import {
  assemble,
  assertInert,
  fallbackEntries,
  fixture,
  HERE,
  jsonLdScripts,
  requireDist,
  ROOT,
  runPhp,
  startFeedServer,
  startTags,
  type Assembled,
  type FeedServer,
} from './helpers.js';

const HARNESS = join(HERE, 'wordpress-harness.php');

interface WpRun {
  results: (string | null)[];
  modules: Record<string, { src: string; deps: string[]; version: string }>;
  scripts: Record<string, { src: string; version: string; inFooter: boolean }>;
  blockTypes: Record<
    string,
    { attributes: Record<string, unknown>; editorScript: string; editorScriptAsset: { dependencies: string[] } }
  >;
  shortcodes: string[];
  settingsPage: { page_title: string; capability: string; slug: string } | null;
  transients: string[];
}

let pkg: Assembled;
let server: FeedServer;

function wp(calls: unknown[], settings: Record<string, unknown> = {}): Promise<WpRun> {
  return runPhp<WpRun>(HARNESS, { pluginDir: pkg.wordpress, allowLocalFeeds: [server.port], calls, ...settings });
}

function html(run: WpRun, i = 0): string {
  const out = run.results[i];
  assert.equal(typeof out, 'string');
  return out as string;
}

describe('WordPress plugin (cms/wordpress/w4g-calendar)', () => {
  before(async () => {
    requireDist();
    pkg = assemble();
    server = await startFeedServer();
  });
  after(async () => {
    await server?.close();
    pkg?.remove();
  });

  it('is a complete plugin: header, readme, block.json, editor script, bundle and renderer copied in', async () => {
    const main = readFileSync(join(pkg.wordpress, 'w4g-calendar.php'), 'utf8');
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.match(main, /^ \* Plugin Name:\s+w4g-calendar$/m);
    assert.match(main, new RegExp(`^ \\* Version:\\s+${version.replace(/\./g, '\\.')}$`, 'm'));
    assert.match(
      readFileSync(join(pkg.wordpress, 'readme.txt'), 'utf8'),
      new RegExp(`^Stable tag: ${version.replace(/\./g, '\\.')}$`, 'm'),
    );
    assert.ok(main.includes(`define( 'W4G_CALENDAR_VERSION', '${version}' );`), 'W4G_CALENDAR_VERSION');
    const blockJson = JSON.parse(readFileSync(join(pkg.wordpress, 'block', 'block.json'), 'utf8')) as { version: string };
    assert.equal(blockJson.version, version);
    assert.ok(readFileSync(join(pkg.wordpress, 'block', 'editor.asset.php'), 'utf8').includes(`'version'      => '${version}'`));
    assert.ok(readFileSync(join(ROOT, 'cms', 'php', 'FallbackRenderer.php'), 'utf8').includes(`VERSION = '${version}'`));
    for (const file of [
      'lib/FallbackRenderer.php',
      'assets/w4g-calendar.js',
      'templates/calendar.php',
      'block/editor.js',
      'uninstall.php',
    ]) {
      assert.ok(existsSync(join(pkg.wordpress, file)), file);
    }
    // The bundle's chunks are beside it (it imports them relatively).
    const bundle = readFileSync(join(pkg.wordpress, 'assets', 'w4g-calendar.js'), 'utf8');
    for (const [, chunk] of bundle.matchAll(/from"\.\/(w4g-calendar-[\w-]+\.js)"/g)) {
      assert.ok(existsSync(join(pkg.wordpress, 'assets', chunk!)), chunk);
    }
    assert.equal(
      readFileSync(join(pkg.wordpress, 'lib', 'FallbackRenderer.php'), 'utf8'),
      readFileSync(join(ROOT, 'cms', 'php', 'FallbackRenderer.php'), 'utf8'),
    );
    const run = await wp([]);
    assert.deepEqual(run.shortcodes, ['w4g_calendar']);
    const block = run.blockTypes['w4g/calendar']!;
    assert.deepEqual(Object.keys(block.attributes).sort(), [
      'category',
      'from',
      'limit',
      'locale',
      'organizer',
      'src',
      'to',
      'town',
      'view',
    ]);
    assert.ok(block.editorScriptAsset.dependencies.includes('wp-server-side-render'));
    const editor = readFileSync(join(pkg.wordpress, 'block', 'editor.js'), 'utf8');
    for (const name of Object.keys(block.attributes)) assert.match(editor, new RegExp(`\\b${name}\\b`), `editor handles ${name}`);
  });

  it('renders the shortcode: the element, its attributes, and the next events in Berlin time', async () => {
    const src = `${server.url}/w4g-test.json`;
    const run = await wp([
      { shortcode: `[w4g_calendar src="${src}" town="Aschersleben, Arnstein" limit="4" today="2026-12-01"]` },
    ]);
    const out = html(run);
    const [element] = startTags(out);
    assert.deepEqual(element, {
      name: 'w4g-event-list',
      attributes: { src, town: 'Aschersleben, Arnstein', locale: 'de', today: '2026-12-01', limit: '4', 'no-jsonld': true },
    });
    assert.match(out.trim(), /<\/w4g-event-list>$/);

    const feed = parseJsonFeed(fixture('w4g-test.json'), { baseUrl: src });
    const expected = expandOccurrences(feed.events, {
      start: '2026-12-01',
      end: addDaysIso('2026-12-01', 366),
      zone: 'Europe/Berlin',
    })
      .filter((o) => !o.recurring && ['Aschersleben', 'Arnstein'].includes(o.town ?? ''))
      .slice(0, 4);
    const entries = fallbackEntries(out);
    assert.deepEqual(
      entries.slice(0, 4).map((e) => [e.title, e.when]),
      expected.map((o) => [o.title, formatOccurrenceWhen(o, 'de')]),
    );
    assert.deepEqual(entries.slice(0, 4), [
      {
        className: 'w4g-fallback-event',
        datetime: '2026-12-04',
        when: 'Fr., 04.12.2026 – So., 06.12.2026',
        title: 'Weihnachtsmarkt',
        place: 'Holzmarkt, Aschersleben',
      },
      {
        className: 'w4g-fallback-event w4g-fallback-event--cancelled',
        datetime: '2026-12-10T18:00:00+01:00',
        when: 'Do., 10.12.2026, 18:00–20:00 Uhr',
        title: 'Chorprobe',
        place: 'Arnstein',
        status: 'Abgesagt',
      },
      {
        className: 'w4g-fallback-event w4g-fallback-event--postponed',
        datetime: '2026-12-11T19:00:00+01:00',
        when: 'Fr., 11.12.2026, 19:00–21:00 Uhr',
        title: 'Kabarettabend',
        place: 'Aschersleben',
        status: 'Verschoben',
      },
      {
        className: 'w4g-fallback-event',
        datetime: '2026-12-12T15:00:00+01:00',
        when: 'Sa., 12.12.2026, 15:00–16:00 Uhr',
        title: 'Lesung am Nachmittag',
        place: 'Arnstein',
      },
    ]);
    // The weekly service is listed once, as a regular event.
    assert.deepEqual(entries[4], {
      className: 'w4g-fallback-event',
      datetime: '2026-10-04T10:00:00+02:00',
      when: 'regelmäßig (wöchentlich), erster Termin: So., 04.10.2026, 10:00–11:00 Uhr',
      title: 'Gottesdienst',
      place: 'St. Stephani, Aschersleben',
    });
    assert.match(out, /<p class="w4g-fallback-heading"><strong>Nächste Termine<\/strong><\/p>/);
    assert.match(out, /<p class="w4g-fallback-heading"><strong>Regelmäßige Termine<\/strong><\/p>/);

    const [json] = jsonLdScripts(out);
    const doc = JSON.parse(json!) as { '@graph': { name: string; startDate: string; eventStatus: string }[] };
    assert.deepEqual(
      doc['@graph'].map((e) => [e.name, e.startDate, e.eventStatus.replace('https://schema.org/', '')]),
      [
        ['Weihnachtsmarkt', '2026-12-04', 'EventScheduled'],
        ['Chorprobe', '2026-12-10T18:00:00+01:00', 'EventCancelled'],
        ['Kabarettabend', '2026-12-11T19:00:00+01:00', 'EventPostponed'],
        ['Lesung am Nachmittag', '2026-12-12T15:00:00+01:00', 'EventScheduled'],
        ['Gottesdienst', '2026-10-04T10:00:00+02:00', 'EventScheduled'],
      ],
    );
    assert.equal(jsonLdScripts(out).length, 1, 'one JSON-LD block; the element writes none (no-jsonld)');
    assert.deepEqual(run.modules['w4g-calendar'], {
      src: 'https://www.example.org/wp-content/plugins/w4g-calendar/assets/w4g-calendar.js',
      deps: [],
      version: '0.1.0',
    });
    assertInert(out);
  });

  it("takes from and to in the shortcode; `to` is the last day shown (New Year's Eve included)", async () => {
    const src = `${server.url}/silvester.json`;
    const run = await wp([
      { shortcode: `[w4g_calendar src="${src}" from="2026-12-01" to="2026-12-31" limit="0" today="2026-11-15"]` },
      { shortcode: `[w4g_calendar src="${src}" from="2026-12-01" to="2026-11-30" limit="0" today="2026-11-15"]` },
    ]);
    const [element] = startTags(html(run));
    assert.equal(element!.attributes['from'], '2026-12-01');
    assert.equal(element!.attributes['to'], '2026-12-31');
    assert.deepEqual(
      fallbackEntries(html(run)).map((e) => e.title),
      ['Adventskonzert', 'Silvestermarkt', 'Silvesterparty'],
    );
    // A `to` before `from` is ignored: a year from `from`, as without `to`.
    assert.equal(startTags(html(run, 1))[0]!.attributes['to'], undefined);
    assert.deepEqual(
      fallbackEntries(html(run, 1)).map((e) => e.title),
      ['Adventskonzert', 'Silvestermarkt', 'Silvesterparty', 'Neujahrsempfang'],
    );
  });

  it("reads the reference server's /api/events.json (seeded sample data, today's date)", async () => {
    const running = await startServer({ config: { seed: true } });
    try {
      const src = `${running.url}/api/events.json`;
      const port = Number(new URL(running.url).port);
      const run = await runPhp<WpRun>(HARNESS, {
        pluginDir: pkg.wordpress,
        allowLocalFeeds: [port],
        calls: [{ shortcode: `[w4g_calendar src="${src}" limit="0"]` }],
      });
      const out = html(run);
      assertInert(out);
      const today = todayIn('Europe/Berlin');
      const feed = parseJsonFeed(await (await fetch(src)).text(), { baseUrl: src });
      const dates = new Set(
        expandOccurrences(feed.events, { start: today, end: addDaysIso(today, 366), zone: 'Europe/Berlin' }).map(
          (o) => `${o.title} | ${formatOccurrenceWhen(o, 'de')}`,
        ),
      );
      const entries = fallbackEntries(out);
      const dated = entries.filter((e) => !e.when.startsWith('regelmäßig'));
      assert.ok(dated.length >= 5, `${dated.length} dated events`);
      for (const e of dated) assert.ok(dates.has(`${e.title} | ${e.when}`), `${e.title} | ${e.when} is a date of the feed`);
      assert.ok(
        entries.some((e) => e.when.startsWith('regelmäßig')),
        'the sample data has weekly and monthly series',
      );
      const graph = (JSON.parse(jsonLdScripts(out)[0]!) as { '@graph': unknown[] })['@graph'];
      assert.equal(graph.length, entries.length);
    } finally {
      await running.stop();
    }
  });

  it('shows times in Europe/Berlin although PHP runs in America/New_York', async () => {
    const out = html(await wp([{ shortcode: `[w4g_calendar src="${server.url}/zones.json" today="2026-12-01" limit="0"]` }]));
    const by = new Map(fallbackEntries(out).map((e) => [e.title, e]));
    assert.equal(by.get('UTC im Winter')!.when, 'Sa., 12.12.2026, 19:30–21:00 Uhr');
    assert.equal(by.get('UTC im Winter')!.datetime, '2026-12-12T19:30:00+01:00');
    assert.equal(by.get('Anruf aus New York')!.when, 'Mo., 14.12.2026, 05:30 Uhr');
    assert.equal(by.get('Sommerfest')!.datetime, '2027-07-03T10:00:00+02:00');
    assert.ok(!by.has('Vorbei'));
  });

  it('renders the block in its wrapper, with block.json defaults and the grid view', async () => {
    const src = `${server.url}/w4g-test.json`;
    const run = await wp([
      { block: { view: 'grid', src, organizer: 'st-stephani', limit: 'not a number' } },
      { block: { src, limit: 2, locale: 'en', view: 'calendar' } },
    ]);
    const grid = html(run, 0);
    const tags = startTags(grid);
    assert.deepEqual(tags[0], { name: 'div', attributes: { class: 'wp-block-w4g-calendar' } });
    assert.deepEqual(tags[1], {
      name: 'w4g-month-grid',
      attributes: { src, organizer: 'st-stephani', locale: 'de', 'no-jsonld': true },
    });
    assert.match(grid.trim(), /<\/w4g-month-grid><\/div>$/);
    assert.ok(fallbackEntries(grid).every((e) => e.place === 'St. Stephani, Aschersleben'));
    assertInert(grid);

    const list = html(run, 1);
    assert.deepEqual(startTags(list)[1], {
      name: 'w4g-event-list',
      attributes: { src, locale: 'en', limit: '2', 'no-jsonld': true },
    });
    // No `today`: the real date decides which events are next; the form of the text is English.
    const entries = fallbackEntries(list);
    assert.ok(entries.length >= 1 && entries.filter((e) => !e.when.startsWith('recurring')).length <= 2, 'limit 2');
    assert.match(list, /<strong>(Upcoming events|Regular events)<\/strong>/);
  });

  it('renders feed content inert: markup, event handlers, </script> and javascript: URLs', async () => {
    const src = `${server.url}/xss.json`;
    const run = await wp([
      { shortcode: `[w4g_calendar src="${src}" today="2026-12-01"]` },
      {
        block: {
          src,
          town: '"><img src=x onerror=alert(1)>',
          organizer: "' onmouseover='alert(1)",
          category: '</w4g-event-list><script>alert(1)</script>',
        },
      },
      { shortcode: `[w4g_calendar src="javascript:alert(1)" town='"><img src=x onerror=alert(1)' category='"><b>x</b>']` },
    ]);
    const out = html(run, 0);
    assertInert(out);
    const entries = fallbackEntries(out);
    assert.equal(entries.length, 4);
    assert.ok(entries[0]!.title.startsWith('T1 <img src=x onerror='), 'the title is shown as text');
    assert.ok(
      entries.every((e) => e.href === undefined),
      'javascript:, data: and vbscript: links are dropped',
    );
    const graph = (JSON.parse(jsonLdScripts(out)[0]!) as { '@graph': { name: string }[] })['@graph'];
    assert.ok(graph[0]!.name.includes('</script><a href'), 'JSON-LD keeps the text, encoded');

    const block = html(run, 1);
    assertInert(block);
    const element = startTags(block)[1]!;
    assert.equal(element.attributes['town'], '"><img src=x onerror=alert(1)>');
    assert.equal(element.attributes['organizer'], "' onmouseover='alert(1)");
    assert.equal(element.attributes['category'], '</w4g-event-list><script>alert(1)</script>');
    assert.equal((block.match(/<\/w4g-event-list>/g) ?? []).length, 1);

    const bad = html(run, 2);
    assertInert(bad);
    assert.match(bad, /Die Termine konnten gerade nicht geladen werden\./);
    assert.doesNotMatch(bad, /<a /, 'no link to a javascript: feed');
    assert.equal(startTags(bad)[0]!.attributes['town'], undefined, 'WordPress empties an attribute with unclosed markup');
    assert.equal(startTags(bad)[0]!.attributes['category'], '"><b>x</b>');
  });

  it('shows a German notice with a link to the feed when the feed fails', async () => {
    const run = await wp([
      { shortcode: `[w4g_calendar src="${server.url}/broken"]` },
      { shortcode: `[w4g_calendar src="${server.url}/html"]` },
      { shortcode: `[w4g_calendar src="${server.url}/kirche.ics"]` },
      { shortcode: '[w4g_calendar src="http://127.0.0.1:9/closed.json"]' },
    ]);
    for (const [i, path] of ['/broken', '/html', '/kirche.ics', null].entries()) {
      const out = html(run, i);
      assertInert(out);
      assert.match(out, /<p class="w4g-fallback-notice">Die Termine konnten gerade nicht geladen werden\./);
      if (path) assert.match(out, new RegExp(`<a href="${server.url}${path}">Veranstaltungen als Datei \\(JSON-Feed\\)</a>`));
      assert.deepEqual(jsonLdScripts(out), []);
    }
  });

  it('uses the transient cache: one request for two renders, failures remembered, the last good copy kept', async () => {
    server.hits.clear();
    const src = `${server.url}/w4g-test.json`;
    const run = await wp([
      { shortcode: `[w4g_calendar src="${src}" today="2026-12-01"]` },
      { block: { src, view: 'grid' } },
      { shortcode: `[w4g_calendar src="${server.url}/broken"]` },
      { shortcode: `[w4g_calendar src="${server.url}/broken"]` },
      { shortcode: `[w4g_calendar src="${server.url}/flaky.json" today="2026-12-01"]` },
      { advance: 16 * 60 },
      { shortcode: `[w4g_calendar src="${server.url}/flaky.json" today="2026-12-01"]` },
      { shortcode: `[w4g_calendar src="${src}" today="2026-12-01"]` },
    ]);
    assert.equal(server.hits.get('/w4g-test.json'), 2, 'once, then again after 15 minutes');
    assert.equal(server.hits.get('/broken'), 1, 'a failure is remembered');
    assert.equal(server.hits.get('/flaky.json'), 2);
    assert.deepEqual(fallbackEntries(html(run, 6)), fallbackEntries(html(run, 4)), 'the last good copy while the feed fails');
    assert.ok(fallbackEntries(html(run, 6)).length > 5);
    assert.ok(run.transients.every((t) => t.length <= 172));
  });

  it('fetches with wp_safe_remote_get: a feed on a private address needs the site owner’s filters', async () => {
    server.hits.clear();
    const out = html(await wp([{ shortcode: `[w4g_calendar src="${server.url}/w4g-test.json"]` }], { allowLocalFeeds: false }));
    assert.match(out, /Die Termine konnten gerade nicht geladen werden\./);
    assert.equal(server.hits.size, 0, 'no request was made');
  });

  it('uses the default feed from the settings, or says that none is set', async () => {
    const src = `${server.url}/w4g-test.json`;
    const withOption = html(
      await wp([{ shortcode: '[w4g_calendar today="2026-12-01" limit="1"]' }], { options: { w4g_calendar_feed_url: src } }),
    );
    assert.equal(startTags(withOption)[0]!.attributes['src'], src);
    assert.equal(fallbackEntries(withOption)[0]!.title, 'Weihnachtsmarkt');
    const none = html(await wp([{ shortcode: '[w4g_calendar]' }]));
    assert.match(none, /<p class="w4g-fallback-notice">Für diesen Kalender ist kein Veranstaltungs-Feed eingestellt\.<\/p>/);
    assert.equal(startTags(none)[0]!.attributes['src'], undefined);
  });

  it('follows the site language when the shortcode names none', async () => {
    const out = html(
      await wp([{ shortcode: `[w4g_calendar src="${server.url}/w4g-test.json" today="2026-12-01" limit="1"]` }], {
        locale: 'en_GB',
      }),
    );
    assert.equal(startTags(out)[0]!.attributes['locale'], 'en');
    assert.equal(fallbackEntries(out)[0]!.when, 'Fri, 4 Dec 2026 – Sun, 6 Dec 2026');
  });

  it('has a settings page whose feed URL keeps http(s) URLs only', async () => {
    const run = await wp(
      [
        { sanitize: 'javascript:alert(1)  https://kalender.example.org/api/events.json\n/api/events.json data:text/html,x' },
        { sanitize: ['array'] },
        { settingsPage: true },
      ],
      { options: { w4g_calendar_feed_url: '"><script>alert(1)</script>' } },
    );
    assert.equal(run.results[0], 'https://kalender.example.org/api/events.json /api/events.json');
    assert.equal(run.results[1], '');
    const page = html(run, 2);
    assert.match(page, /<h1>w4g-Kalender<\/h1>/);
    assert.match(page, /name="w4g_calendar_feed_url" value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.equal(run.settingsPage!.capability, 'manage_options');
  });

  it('before WordPress 6.5 loads the bundle with a module script tag', async () => {
    const run = await wp([{ shortcode: '[w4g_calendar]' }, { moduleTag: true }], { scriptModules: false });
    assert.deepEqual(run.modules, []);
    assert.equal(run.scripts['w4g-calendar']!.inFooter, true);
    assert.equal(
      run.results[1],
      '<script type="module" src="https://www.example.org/wp-content/plugins/w4g-calendar/assets/w4g-calendar.js?ver=0.1.0" id="w4g-calendar-js"></script>\n',
    );
  });
});
