// The npm package as an integrator meets it: `npm pack`, the tarball installed into a fresh
// project, strict TypeScript (moduleResolution bundler) over every documented import and the
// framework typings, production builds with Vite, esbuild and webpack 5, the builds served and
// opened in Chromium, and every documented entry imported in plain Node (what SSR frameworks
// do). Build tools are linked from this repository's node_modules, so the test needs no
// network beyond what `npm install <tarball>` resolves for the package's own dependencies.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { watchProblems } from '../../scripts/lib/page-problems.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = join(root, 'test/fixtures/consumer');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Build tools the consumer project uses, taken from this repository's node_modules. */
const TOOLS = ['vite', 'typescript', 'esbuild', 'webpack', '@types/react', 'vue', 'vue-tsc', 'preact', 'svelte'];

/** Every documented import, the page each gets, and what must be defined and shown there. */
const ENTRIES = {
  all: {
    body: `<w4g-event-list src="/feed.json" from="2026-12-01" to="2026-12-31" today="2026-12-01"></w4g-event-list>
      <w4g-month-grid src="/feed.json" month="2026-12" today="2026-12-01"></w4g-month-grid>
      <w4g-association-card src="/feed.json" association="heimatverein-arnstein" today="2026-12-01"></w4g-association-card>`,
    defined: [
      'w4g-event-list',
      'w4g-month-grid',
      'w4g-event-details',
      'w4g-association-card',
      'w4g-association-list',
      'w4g-event-form',
    ],
    shows: {
      'w4g-event-list': 'Silvesterparty',
      'w4g-month-grid': 'Silvesterparty',
      'w4g-association-card': 'Heimatverein Arnstein',
    },
  },
  'event-list': {
    body: '<w4g-event-list src="/feed.json" from="2026-12-01" to="2026-12-31" today="2026-12-01"></w4g-event-list>',
    defined: ['w4g-event-list'],
    shows: { 'w4g-event-list': 'Silvesterparty' },
  },
  'month-grid': {
    body: '<w4g-month-grid src="/feed.json" month="2026-12" today="2026-12-01"></w4g-month-grid>',
    defined: ['w4g-month-grid'],
    shows: { 'w4g-month-grid': 'Silvesterparty' },
  },
  'event-details': { body: '<w4g-event-details></w4g-event-details>', defined: ['w4g-event-details'], shows: {} },
  'association-card': {
    body: '<w4g-association-card src="/feed.json" association="heimatverein-arnstein" today="2026-12-01"></w4g-association-card>',
    defined: ['w4g-association-card'],
    shows: { 'w4g-association-card': 'Heimatverein Arnstein' },
  },
  'association-list': {
    body: '<w4g-association-list src="/feed.json" today="2026-12-01"></w4g-association-list>',
    defined: ['w4g-association-list', 'w4g-association-card'],
    shows: { 'w4g-association-list': 'Heimatverein Arnstein' },
  },
  'event-form': {
    body: '<w4g-event-form action="/api/submissions"></w4g-event-form>',
    defined: ['w4g-event-form'],
    shows: { 'w4g-event-form': 'Titel' },
  },
};

const FEED = JSON.stringify({
  timeZone: 'Europe/Berlin',
  events: [
    { id: 'advent', title: 'Adventskonzert', start: '2026-12-12T19:30', end: '2026-12-12T21:30', town: 'Arnstein' },
    {
      id: 'silvester',
      title: 'Silvesterparty',
      start: '2026-12-31T20:00',
      end: '2027-01-01T02:00',
      town: 'Arnstein',
      organizerId: 'heimatverein-arnstein',
    },
    { id: 'neujahr', title: 'Neujahrsempfang', start: '2027-01-01T11:00', town: 'Arnstein' },
  ],
  associations: [{ id: 'heimatverein-arnstein', name: 'Heimatverein Arnstein', town: 'Arnstein', categories: ['Heimat'] }],
});

const page = (script, body, type = 'module') => `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Consumer</title><link rel="icon" href="data:,">
<script type="${type}" src="${script}"></script></head><body>${body}</body></html>`;

let work;
let app;
let tarball;
let packedFiles;

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: app, encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

const bin = (name) => join(app, 'node_modules', '.bin', name);

before(() => {
  assert.ok(existsSync(join(root, 'dist/index.js')), 'run npm run build first');
  work = mkdtempSync(join(tmpdir(), 'w4g-consumer-'));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  )[0];
  tarball = join(work, packed.filename);
  packedFiles = new Set(packed.files.map((f) => f.path));

  app = join(work, 'app');
  cpSync(fixture, app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'w4g-consumer', private: true, type: 'module' }, null, 2));
  // As an integrator installs it: the tarball, with its dependencies resolved by npm.
  sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', tarball]);
  for (const tool of TOOLS) {
    const target = join(app, 'node_modules', tool);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(root, 'node_modules', tool), target, 'dir');
  }
  mkdirSync(join(app, 'node_modules', '.bin'), { recursive: true });
  for (const [name, file] of [
    ['tsc', 'typescript/bin/tsc'],
    ['vite', 'vite/bin/vite.js'],
    ['esbuild', 'esbuild/bin/esbuild'],
    ['vue-tsc', 'vue-tsc/bin/vue-tsc.js'],
  ]) {
    const link = bin(name);
    if (!existsSync(link)) symlinkSync(join(root, 'node_modules', file), link);
  }
});

after(() => {
  // W4G_KEEP_CONSUMER=1 keeps the project for a look at what failed.
  if (process.env.W4G_KEEP_CONSUMER) console.log(`consumer project kept in ${app}`);
  else if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('installs with its declared dependencies only (lit, @lit/task) and ships a licence', () => {
    const installed = JSON.parse(readFileSync(join(app, 'node_modules/w4g-calendar/package.json'), 'utf8'));
    assert.deepEqual(Object.keys(installed.dependencies ?? {}).sort(), ['@lit/task', 'lit']);
    assert.ok(packedFiles.has('LICENSE'), 'LICENSE is in the package');
    assert.match(readFileSync(join(app, 'node_modules/w4g-calendar/LICENSE'), 'utf8'), /MIT License/);
  });

  it('imports no package at run time that it does not declare (luxon, rrule, ical.js stay test oracles)', () => {
    const declared = new Set(Object.keys(pkg.dependencies));
    const dir = join(app, 'node_modules/w4g-calendar/dist');
    const bare = new Set();
    for (const file of readdirSync(dir, { recursive: true }).map(String)) {
      if (!file.endsWith('.js') || file.startsWith('cms')) continue;
      const code = readFileSync(join(dir, file), 'utf8');
      for (const m of code.matchAll(/(?:^|[\s;])(?:import|export)\s*(?:[^'"]*?from\s*)?["']([^"'./][^"']*)["']/gm)) {
        const name = m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0];
        bare.add(name);
      }
    }
    assert.ok(bare.size > 0, 'the scan finds the imports of lit');
    for (const name of bare) assert.ok(declared.has(name), `dist imports "${name}", which is not a dependency`);
  });

  it('names in custom-elements.json only modules that ship', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/w4g-calendar/custom-elements.json'), 'utf8'));
    const paths = new Set();
    for (const mod of manifest.modules) {
      paths.add(mod.path);
      for (const e of mod.exports ?? []) if (e.declaration?.module) paths.add(e.declaration.module);
    }
    assert.ok(paths.size > 10);
    for (const path of paths) assert.ok(packedFiles.has(path), `custom-elements.json names ${path}, which the package lacks`);
  });

  it('ships every source a source map names, or no source map', () => {
    const maps = [...packedFiles].filter((f) => f.endsWith('.map'));
    assert.ok(!maps.some((f) => /^dist\/w4g-calendar[^/]*\.map$/.test(f)), 'the script-tag bundle has no source maps');
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(app, 'node_modules/w4g-calendar', map), 'utf8'));
      for (const source of sources) {
        const path = normalize(join(dirname(map), source));
        assert.ok(packedFiles.has(path), `${map} names ${source}, which the package lacks`);
      }
    }
    for (const file of packedFiles) {
      assert.ok(!/(^src\/server\/|\.test\.ts$)/.test(file), `${file} is not for the package`);
    }
  });

  it('lists in the README exactly the files a webmaster copies for the script tag', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const listed = /Put these files of `dist\/` on your web server[^:]*:\n((?:- `[^`]+`[^\n]*\n)+)/.exec(readme);
    assert.ok(listed, 'the README lists the script-tag files');
    const patterns = [...listed[1].matchAll(/- `([^`]+)`/g)].map((m) => m[1]);
    const bundle = [...packedFiles].filter((f) => /^dist\/w4g-calendar[^/]*\.js$/.test(f)).map((f) => f.slice(5));
    const glob = (p) => new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
    for (const file of bundle)
      assert.ok(
        patterns.some((p) => glob(p).test(file)),
        `${file} is not listed in the README`,
      );
    for (const p of patterns)
      assert.ok(
        bundle.some((f) => glob(p).test(f)),
        `the README lists ${p}, which is not in dist/`,
      );
    // What the bundle loads must be exactly those files: its chunks import nothing else.
    for (const file of bundle) {
      const code = readFileSync(join(app, 'node_modules/w4g-calendar/dist', file), 'utf8');
      for (const m of code.matchAll(/(?:import|from)\s*\(?["']([^"']+)["']/g)) {
        assert.ok(bundle.includes(m[1].replace(/^\.\//, '')), `${file} loads ${m[1]}, which is not a script-tag file`);
      }
    }
  });
});

describe('strict TypeScript over the documented imports', () => {
  it('type-checks the elements, their events and the core from the subpaths, plus React 19 and Svelte typings', () => {
    sh(bin('tsc'), ['-p', 'tsconfig.json']);
  });
  it('type-checks Preact usage of every element', () => {
    sh(bin('tsc'), ['-p', 'tsconfig.preact.json']);
  });
  it('type-checks a Vue 3 single-file component using every element (vue-tsc)', () => {
    sh(bin('vue-tsc'), ['-p', 'tsconfig.vue.json']);
  });
  it('rejects wrong types: a broken usage fails the check', () => {
    const bad = join(app, 'src/frameworks/react.tsx');
    const original = readFileSync(bad, 'utf8');
    try {
      writeFileSync(bad, original.replace('limit={0}', 'limit="zero"'));
      const result = spawnSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
      assert.notEqual(result.status, 0, 'tsc accepted limit="zero"');
      assert.match(result.stdout, /react\.tsx/);
    } finally {
      writeFileSync(bad, original);
    }
  });
});

describe('Node (server-side rendering frameworks import modules there)', () => {
  for (const entry of [
    'w4g-calendar',
    'w4g-calendar/core',
    ...Object.keys(ENTRIES)
      .filter((e) => e !== 'all')
      .map((e) => `w4g-calendar/${e}`),
  ]) {
    it(`imports ${entry} without throwing`, () => {
      sh(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(entry)});`]);
    });
  }
  it('does not export the script-tag bundle to Node (browser condition only)', () => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('w4g-calendar/w4g-calendar.js');"], {
      cwd: app,
      encoding: 'utf8',
    });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });
});

/** Production builds, one output folder each, with a page per documented import. */
const BUILDS = {
  vite() {
    const input = {};
    for (const [name, entry] of Object.entries(ENTRIES)) {
      writeFileSync(join(app, `${name}.html`), page(`/src/entries/${name}.ts`, entry.body));
      input[name] = join(app, `${name}.html`);
    }
    writeFileSync(
      join(app, 'vite.config.mjs'),
      `export default { logLevel: 'warn', base: './', build: { outDir: 'out-vite', rollupOptions: { input: ${JSON.stringify(input)} } } };\n`,
    );
    sh(bin('vite'), ['build']);
    return join(app, 'out-vite');
  },
  esbuild() {
    const out = join(app, 'out-esbuild');
    const entries = Object.keys(ENTRIES).map((name) => `src/entries/${name}.ts`);
    sh(bin('esbuild'), [
      ...entries,
      '--bundle',
      '--minify',
      '--format=esm',
      '--platform=browser',
      `--outdir=${out}`,
      '--log-level=warning',
    ]);
    for (const [name, entry] of Object.entries(ENTRIES))
      writeFileSync(join(out, `${name}.html`), page(`./${name}.js`, entry.body));
    return out;
  },
  webpack() {
    const out = join(app, 'out-webpack');
    const entry = Object.fromEntries(Object.keys(ENTRIES).map((name) => [name, `./src/entries/${name}.ts`]));
    writeFileSync(
      join(app, 'build-webpack.mjs'),
      `import webpack from 'webpack';
webpack({
  mode: 'production',
  context: ${JSON.stringify(app)},
  entry: ${JSON.stringify(entry)},
  output: { path: ${JSON.stringify(out)}, filename: '[name].js' },
  // The entries are plain imports; webpack reads them as JavaScript.
  module: { rules: [{ test: /\\.ts$/, type: 'javascript/auto' }] },
  performance: { hints: false },
}, (error, stats) => {
  if (error || stats.hasErrors()) { console.error(error ?? stats.toString('errors-only')); process.exit(1); }
});
`,
    );
    sh(process.execPath, ['build-webpack.mjs']);
    for (const [name, e] of Object.entries(ENTRIES))
      writeFileSync(join(out, `${name}.html`), page(`./${name}.js`, e.body, 'text/javascript'));
    return out;
  },
};

describe('production builds render the elements in Chromium', () => {
  let server;
  let base;
  let browser;
  const outputs = {};

  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/feed.json') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(FEED);
      }
      const [, bundler, ...rest] = url.pathname.split('/');
      const dir = outputs[bundler];
      const file = dir && normalize(join(dir, ...rest));
      if (!file || relative(dir, file).startsWith('..') || !existsSync(file)) {
        res.writeHead(404);
        return res.end();
      }
      const type = { '.js': 'text/javascript', '.html': 'text/html' }[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type });
      res.end(readFileSync(file));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  for (const bundler of Object.keys(BUILDS)) {
    describe(bundler, () => {
      it('builds for production', () => {
        outputs[bundler] = BUILDS[bundler]();
      });

      for (const [name, entry] of Object.entries(ENTRIES)) {
        it(`${name === 'all' ? "import 'w4g-calendar'" : `import 'w4g-calendar/${name}'`}: defines ${entry.defined.join(', ')}`, async () => {
          assert.ok(outputs[bundler], 'the build ran');
          const context = await browser.newContext();
          const pageHandle = await context.newPage();
          const watch = await watchProblems(pageHandle, context);
          const failed = [];
          pageHandle.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
          try {
            await pageHandle.goto(`${base}/${bundler}/${name}.html`);
            await pageHandle.waitForFunction((tags) => tags.every((t) => customElements.get(t)), entry.defined, {
              timeout: 10_000,
            });
            for (const [tag, text] of Object.entries(entry.shows)) {
              await pageHandle.waitForFunction(
                ([t, s]) => document.querySelector(t)?.shadowRoot?.textContent?.includes(s),
                [tag, text],
                { timeout: 10_000 },
              );
            }
            if (entry.defined.includes('w4g-event-list') && name !== 'all') {
              const shown = await pageHandle.evaluate(() => document.querySelector('w4g-event-list').shadowRoot.textContent);
              assert.ok(!shown.includes('Neujahrsempfang'), 'to="2026-12-31" ends with the 31st');
            }
            assert.deepEqual(failed, [], 'every request answered');
            assert.deepEqual(watch.problems, []);
            assert.deepEqual(
              watch.requests.filter((r) => !r.startsWith(`${base}/`)),
              [],
              "no request leaves the page's origin",
            );
          } finally {
            await context.close();
          }
        });
      }
    });
  }
});
