/**
 * The TYPO3 extension as it is uploaded (assembled by cms/build.mjs). TYPO3 and Fluid cannot
 * be installed here, so: its TCA files run against a reduced ExtensionManagementUtility, its
 * DataProcessor runs against reduced TYPO3 classes (typo3-harness.php) with real HTTP to a
 * local feed server, and its Fluid template is rendered by a small Fluid subset
 * (fluid-subset.ts) that refuses everything it does not implement. The result must equal the
 * WordPress plugin's fallback for the same feed and options.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { renderFluidSubset } from './fluid-subset.js';
import {
  assemble,
  assertInert,
  fallbackEntries,
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

const HARNESS = join(HERE, 'typo3-harness.php');
const PROCESSOR_CONFIG = { flexFormData: 'flexFormData', defaultSrc: '', cacheLifetime: '900', as: 'w4g' };
/** 2026-12-01 11:00 in Berlin. */
const NOW = Date.parse('2026-12-01T10:00:00Z') / 1000;

interface Call {
  flexFormData: Record<string, string>;
  processorConfiguration?: Record<string, string>;
  hreflang?: string;
  siteUrl?: string;
}

interface Typo3Run {
  results: Record<string, unknown>[];
  requests: number;
  tca: {
    ctrl: { typeicon_classes: Record<string, string> };
    columns: {
      CType: { config: { items: { value: string; icon?: string; group?: string }[] } };
      pi_flexform: { config: { ds: Record<string, string> } };
    };
    types: Record<string, { showitem: string }>;
  };
  staticFiles: { extKey: string; path: string; title: string }[];
  icons: Record<string, { source: string }>;
}

let pkg: Assembled;
let server: FeedServer;
let template: string;

function typo3(calls: Call[], now = NOW): Promise<Typo3Run> {
  return runPhp<Typo3Run>(HARNESS, {
    extDir: pkg.typo3,
    now,
    calls: calls.map((c) => ({ processorConfiguration: PROCESSOR_CONFIG, ...c })),
  });
}

function render(processed: Record<string, unknown>) {
  return renderFluidSubset(template, processed, { rawAllowed: ['w4g.jsonLd'] });
}

/** EXT:w4g_calendar/… as a path in the assembled extension. */
function extPath(reference: string): string {
  assert.match(reference, /^EXT:w4g_calendar\//);
  return join(pkg.typo3, reference.slice('EXT:w4g_calendar/'.length));
}

describe('TYPO3 extension (cms/typo3/w4g_calendar)', () => {
  before(async () => {
    requireDist();
    pkg = assemble();
    server = await startFeedServer();
    template = readFileSync(join(pkg.typo3, 'Resources', 'Private', 'Templates', 'W4gCalendar.html'), 'utf8');
  });
  after(async () => {
    await server?.close();
    pkg?.remove();
  });

  it('registers the content element, its FlexForm, TypoScript, site set and icon consistently', async () => {
    const run = await typo3([]);
    const composer = JSON.parse(readFileSync(join(pkg.typo3, 'composer.json'), 'utf8')) as {
      type: string;
      version: string;
      extra: Record<string, { 'extension-key': string }>;
      autoload: { 'psr-4': Record<string, string> };
    };
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.equal(composer.type, 'typo3-cms-extension');
    assert.equal(composer.extra['typo3/cms']!['extension-key'], 'w4g_calendar');
    assert.equal(composer.version, version);
    assert.match(
      readFileSync(join(pkg.typo3, 'ext_emconf.php'), 'utf8'),
      new RegExp(`'version' => '${version.replace(/\./g, '\\.')}'`),
    );

    const items = run.tca.columns.CType.config.items.map((i) => i.value);
    assert.deepEqual(items, ['text', 'html', 'w4g_calendar', 'div']);
    const item = run.tca.columns.CType.config.items[2]!;
    assert.equal(item.icon, 'w4g-calendar');
    assert.equal(run.tca.ctrl.typeicon_classes['w4g_calendar'], 'w4g-calendar');
    assert.ok(existsSync(extPath(run.icons['w4g-calendar']!.source)));
    assert.match(run.tca.types['w4g_calendar']!.showitem, /\bpi_flexform\b/);

    const flexForm = readFileSync(
      extPath(run.tca.columns.pi_flexform.config.ds['*,w4g_calendar']!.replace(/^FILE:/, '')),
      'utf8',
    );
    const fields = [...flexForm.matchAll(/^ {20}<(\w+)>\s*$/gm)].map((m) => m[1]);
    assert.deepEqual(fields, ['view', 'src', 'town', 'organizer', 'category', 'from', 'to', 'limit', 'locale']);

    assert.deepEqual(run.staticFiles, [{ extKey: 'w4g_calendar', path: 'Configuration/TypoScript', title: 'w4g-calendar' }]);
    const setup = readFileSync(join(pkg.typo3, 'Configuration', 'TypoScript', 'setup.typoscript'), 'utf8');
    const constants = readFileSync(join(pkg.typo3, 'Configuration', 'TypoScript', 'constants.typoscript'), 'utf8');
    assert.match(setup, /^tt_content\.w4g_calendar =< lib\.contentElement$/m);
    const templateName = /templateName = (\w+)/.exec(setup)![1]!;
    const templateRoot = /templateRootPaths \{\s*200 = (\S+)/.exec(setup)![1]!;
    assert.ok(existsSync(join(extPath(templateRoot), `${templateName}.html`)));
    assert.match(setup, /10 = TYPO3\\CMS\\Frontend\\DataProcessing\\FlexFormProcessor/);
    const processorClass = /20 = (Wir4Gemeinsam\\[\w\\]+)/.exec(setup)![1]!;
    assert.ok(
      existsSync(
        join(pkg.typo3, 'Classes', `${processorClass.replace('Wir4Gemeinsam\\W4gCalendar\\', '').replace(/\\/g, '/')}.php`),
      ),
    );
    for (const [, name] of setup.matchAll(/\{\$(plugin\.tx_w4gcalendar\.\w+)\}/g)) {
      const key = name!.split('.').pop()!;
      assert.match(constants, new RegExp(`^\\s+${key} =`, 'm'), `constant ${name}`);
      assert.match(
        readFileSync(join(pkg.typo3, 'Configuration', 'Sets', 'W4gCalendar', 'settings.definitions.yaml'), 'utf8'),
        new RegExp(`^  ${name!.replace(/\./g, '\\.')}:$`, 'm'),
        `site setting ${name}`,
      );
    }
    assert.match(
      readFileSync(join(pkg.typo3, 'Configuration', 'Sets', 'W4gCalendar', 'setup.typoscript'), 'utf8'),
      /@import 'EXT:w4g_calendar\/Configuration\/TypoScript\/setup\.typoscript'/,
    );
    assert.equal(
      readFileSync(join(pkg.typo3, 'Classes', 'Fallback', 'FallbackRenderer.php'), 'utf8'),
      readFileSync(join(ROOT, 'cms', 'php', 'FallbackRenderer.php'), 'utf8'),
    );
  });

  it('renders the element, the fallback list and JSON-LD, equal to the WordPress plugin’s', async () => {
    const src = `${server.url}/w4g-test.json`;
    const run = await typo3([
      { flexFormData: { view: 'list', src, town: 'Aschersleben', organizer: '', category: '', limit: '3', locale: '' } },
    ]);
    const { html, assets, layout } = render(run.results[0]!);
    assert.equal(layout, 'Default');
    assert.deepEqual(assets, [
      { identifier: 'w4g-calendar', src: 'EXT:w4g_calendar/Resources/Public/JavaScript/w4g-calendar.js', type: 'module' },
    ]);
    assert.ok(existsSync(extPath(assets[0]!.src)));
    assert.deepEqual(startTags(html)[0], {
      name: 'w4g-event-list',
      attributes: {
        src,
        town: 'Aschersleben',
        organizer: '',
        category: '',
        from: '',
        to: '',
        limit: '3',
        locale: 'de',
        'no-jsonld': true,
      },
    });
    assertInert(html);
    const entries = fallbackEntries(html);
    assert.deepEqual(
      entries.map((e) => [e.title, e.when]),
      [
        ['Weihnachtsmarkt', 'Fr., 04.12.2026 – So., 06.12.2026'],
        ['Kabarettabend', 'Fr., 11.12.2026, 19:00–21:00 Uhr'],
        ['Adventskonzert', 'Sa., 12.12.2026, 19:30–21:30 Uhr'],
        ['Gottesdienst', 'regelmäßig (wöchentlich), erster Termin: So., 04.10.2026, 10:00–11:00 Uhr'],
      ],
    );
    assert.equal(entries[2]!.href, 'https://st-stephani.example.org/adventskonzert');

    // The same feed and options through the WordPress plugin: the same list and JSON-LD.
    // TYPO3's request time is 1 Dec 2026; WordPress gets the same day as `today`.
    const wpToday = await runPhp<{ results: string[] }>(join(HERE, 'wordpress-harness.php'), {
      pluginDir: pkg.wordpress,
      allowLocalFeeds: [server.port],
      calls: [{ shortcode: `[w4g_calendar src="${src}" town="Aschersleben" limit="3" today="2026-12-01"]` }],
    });
    assert.deepEqual(entries, fallbackEntries(wpToday.results[0]!));
    assert.deepEqual(JSON.parse(jsonLdScripts(html)[0]!), JSON.parse(jsonLdScripts(wpToday.results[0]!)[0]!));
  });

  it('passes from and to to the list; `to` is the last day shown, in the fallback too', async () => {
    const src = `${server.url}/silvester.json`;
    const run = await typo3([{ flexFormData: { view: 'list', src, from: '2026-12-01', to: '2026-12-31', limit: '0' } }]);
    const { html } = render(run.results[0]!);
    const attributes = startTags(html)[0]!.attributes;
    assert.equal(attributes['from'], '2026-12-01');
    assert.equal(attributes['to'], '2026-12-31');
    assert.deepEqual(
      fallbackEntries(html).map((e) => e.title),
      ['Adventskonzert', 'Silvestermarkt', 'Silvesterparty'],
    );
  });

  it('renders the month grid without a limit attribute, in English for an English site language', async () => {
    const src = `${server.url}/w4g-test.json`;
    const run = await typo3([
      {
        flexFormData: { view: 'grid', src, town: '', organizer: 'st-stephani', category: '', limit: '20', locale: '' },
        hreflang: 'en-GB',
      },
    ]);
    const { html } = render(run.results[0]!);
    const [element] = startTags(html);
    assert.equal(element!.name, 'w4g-month-grid');
    assert.deepEqual(element!.attributes, {
      src,
      town: '',
      organizer: 'st-stephani',
      category: '',
      locale: 'en',
      'no-jsonld': true,
    });
    assert.match(html, /<\/w4g-month-grid>\s*$/);
    assert.equal(fallbackEntries(html)[0]!.when, 'Sat, 12 Dec 2026, 7:30 PM – 9:30 PM');
    assertInert(html);
  });

  it('escapes feed content and editor input through Fluid; only the encoded JSON-LD is raw', async () => {
    const run = await typo3([
      {
        flexFormData: {
          view: 'list',
          src: `${server.url}/xss.json`,
          town: '"><script>alert(1)</script>',
          organizer: "' onmouseover='alert(1)",
          category: '',
          limit: '20',
          locale: 'de',
        },
      },
    ]);
    const { html } = render(run.results[0]!);
    assertInert(html);
    assert.equal(startTags(html)[0]!.attributes['town'], '"><script>alert(1)</script>');
    assert.equal((html.match(/<\/w4g-event-list>/g) ?? []).length, 1);
    // No event matches the town filter: the element still gets the attribute, the list says so.
    assert.match(html, /Keine Termine gefunden\./);

    const all = await typo3([{ flexFormData: { view: 'list', src: `${server.url}/xss.json`, limit: '0' } }]);
    const page = render(all.results[0]!).html;
    assertInert(page);
    const entries = fallbackEntries(page);
    assert.equal(entries.length, 4);
    assert.ok(entries.every((e) => e.href === undefined));
    assert.ok(entries[0]!.title.includes('<script>window.__w4gXss'), 'shown as text');
    assert.ok(jsonLdScripts(page)[0]!.includes('\\u003C/script\\u003E'));
  });

  it('shows the German notice with a link on failure, and caches feeds in the "hash" cache', async () => {
    const src = `${server.url}/w4g-test.json`;
    server.hits.clear();
    const flex = (s: string) => ({ flexFormData: { view: 'list', src: s, limit: '5' } });
    const run = await typo3([
      flex(`${server.url}/broken`),
      flex(src),
      flex(src),
      flex('feeds/relative.json'),
      flex(''),
      flex(`${server.url}/broken`),
    ]);
    const failed = render(run.results[0]!).html;
    assert.match(failed, /Die Termine konnten gerade nicht geladen werden\./);
    assert.ok(startTags(failed).some((t) => t.name === 'a' && t.attributes['href'] === `${server.url}/broken`));
    assert.deepEqual(jsonLdScripts(failed), []);
    assert.equal(server.hits.get('/broken'), 1, 'the failure is remembered');
    assert.equal(server.hits.get('/w4g-test.json'), 1, 'one request for three renders');
    assert.deepEqual(fallbackEntries(render(run.results[1]!).html), fallbackEntries(render(run.results[2]!).html));
    // A relative src (not root-relative) is for the browser only.
    assert.match(render(run.results[3]!).html, /Die Termine konnten gerade nicht geladen werden\./);
    assert.match(render(run.results[4]!).html, /Für diesen Kalender ist kein Veranstaltungs-Feed eingestellt\./);
    const defaults = await typo3([
      { flexFormData: { src: '' }, processorConfiguration: { ...PROCESSOR_CONFIG, defaultSrc: src } },
    ]);
    assert.equal(startTags(render(defaults.results[0]!).html)[0]!.attributes['src'], src);
    // A root-relative src is resolved against the site URL.
    const relative = await typo3([{ flexFormData: { src: '/w4g-test.json' }, siteUrl: `${server.url}/` }]);
    assert.ok(fallbackEntries(render(relative.results[0]!).html).length > 0);
  });

  it('the Fluid subset refuses what it does not implement (so the template cannot drift)', () => {
    const vars = { w4g: { jsonLd: '{}', title: '<b>"x"</b>' } };
    const ok = (body: string) =>
      renderFluidSubset(`<f:layout name="Default" /><f:section name="Main">${body}</f:section>`, vars, {
        rawAllowed: ['w4g.jsonLd'],
      }).html;
    assert.equal(
      ok('<p title="{w4g.title}">{w4g.title}</p>'),
      '<p title="&lt;b&gt;&quot;x&quot;&lt;/b&gt;">&lt;b&gt;&quot;x&quot;&lt;/b&gt;</p>',
    );
    assert.equal(ok('{w4g.jsonLd -> f:format.raw()}'), '{}');
    for (const bad of [
      '{w4g.title -> f:format.raw()}',
      '<f:format.raw>{w4g.title}</f:format.raw>',
      '<f:translate key="x" />',
      '<v:foo />',
      '{w4g.title -> f:format.htmlspecialchars()}',
      '{w4g.title + 1}',
      '<f:if condition="{w4g.title} == \'x\'">y</f:if>',
      '<f:for each="{w4g}" as="x" key="k">y</f:for>',
      '<f:render partial="Header" />',
      '{w4g}',
      '<f:then>x</f:then>',
    ]) {
      assert.throws(() => ok(bad), /Fluid subset/, bad);
    }
    assert.throws(() => renderFluidSubset('<f:section name="Main">x</f:section>', vars, { rawAllowed: [] }), /layout/);
  });
});
