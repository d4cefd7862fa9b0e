/**
 * Builds the FullCalendar bench bundles with Vite (the same Vite and minifier as our
 * dist/w4g-calendar.js): one self-contained minified ES module per entry in bench/.cache/fc/.
 * - fc-full.js: daygrid + list + iCalendar (ical.js 1.x): the same features as our bundle;
 * - fc-json.js: daygrid + list only, for the JSON pages (a JSON-only site ships no ical.js);
 * - fc7.js + fc7.css: FullCalendar 7 (the `fullcalendar` package), daygrid + list + classic theme;
 * - ec.js + ec.css: EventCalendar (@event-calendar/core), DayGrid + List;
 * - bare-lit.js: not FullCalendar but the bench's floor, a bare Lit template (ref/bare-lit.ts).
 * Peers whose stylesheet is a CSS file get it extracted beside the script (`<name>.css`), which
 * their pages link; FullCalendar 6 injects its CSS from the script.
 * Rebuilt only when the entries or the installed versions change.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCH = dirname(HERE);
const ROOT = dirname(BENCH);
export const FC_OUT = join(BENCH, '.cache', 'fc');

export const FC_ENTRIES = {
  'fc-full': 'fc/full.ts',
  'fc-json': 'fc/json.ts',
  fc7: 'fc/fc7.ts',
  ec: 'fc/ec.ts',
  'bare-lit': 'ref/bare-lit.ts',
} as const;
export type FcBundle = keyof typeof FC_ENTRIES;
/** The bundles that come with a stylesheet of their own. */
export const WITH_CSS: readonly FcBundle[] = ['fc7', 'ec'];

export interface FcBuild {
  js: string;
  css?: string;
}

function versionOf(pkg: string, base = join(ROOT, 'node_modules')): string {
  const json = JSON.parse(readFileSync(join(base, pkg, 'package.json'), 'utf8')) as { version: string };
  return json.version;
}

/** Installed versions of what goes into the bundles (for the results). */
export function fcVersions(): Record<string, string> {
  return {
    '@fullcalendar/core': versionOf('@fullcalendar/core'),
    '@fullcalendar/daygrid': versionOf('@fullcalendar/daygrid'),
    '@fullcalendar/list': versionOf('@fullcalendar/list'),
    '@fullcalendar/icalendar': versionOf('@fullcalendar/icalendar'),
    'ical.js (as ical.js-1)': versionOf('ical.js-1'),
    fullcalendar: versionOf('fullcalendar'),
    '@fullcalendar/core (of fullcalendar)': versionOf(
      '@fullcalendar/core',
      join(ROOT, 'node_modules', 'fullcalendar', 'node_modules'),
    ),
    'temporal-polyfill': versionOf('temporal-polyfill'),
    '@event-calendar/core': versionOf('@event-calendar/core'),
    svelte: versionOf('svelte'),
    lit: versionOf('lit'),
    vite: versionOf('vite'),
  };
}

function stamp(): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(fcVersions()));
  for (const file of [...Object.values(FC_ENTRIES), 'fc/mount.ts', 'ui/fc-build.ts']) {
    hash.update(readFileSync(join(BENCH, file)));
  }
  return hash.digest('hex');
}

/** Builds the bundles unless an up-to-date build is there. Returns the output files. */
export async function buildFullCalendar(log: (line: string) => void): Promise<Record<FcBundle, FcBuild>> {
  const files = Object.fromEntries(
    (Object.keys(FC_ENTRIES) as FcBundle[]).map((name) => [
      name,
      { js: join(FC_OUT, `${name}.js`), ...(WITH_CSS.includes(name) ? { css: join(FC_OUT, `${name}.css`) } : {}) },
    ]),
  ) as Record<FcBundle, FcBuild>;
  const stampFile = join(FC_OUT, 'stamp.txt');
  const want = stamp();
  const all = Object.values(files).flatMap((f) => (f.css ? [f.js, f.css] : [f.js]));
  if (all.every((f) => existsSync(f)) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) {
    log(`FullCalendar bundles up to date in ${FC_OUT}`);
    return files;
  }
  if (!existsSync(join(ROOT, 'node_modules', 'ical.js-1'))) {
    throw new Error('ical.js-1 (npm:ical.js@1.5.0) is not installed: run `npm ci`');
  }
  const { build } = await import('vite');
  mkdirSync(FC_OUT, { recursive: true });
  const t0 = performance.now();
  for (const [name, entry] of Object.entries(FC_ENTRIES)) {
    await build({
      configFile: false,
      root: BENCH,
      logLevel: 'warn',
      define: { 'process.env.NODE_ENV': '"production"' },
      // @fullcalendar/icalendar 6 wants ical.js 1.x; the project's own `ical.js` is 2.x.
      resolve: { alias: [{ find: /^ical\.js$/, replacement: join(ROOT, 'node_modules', 'ical.js-1') }] },
      build: {
        outDir: FC_OUT,
        emptyOutDir: false,
        target: 'es2022',
        minify: true,
        sourcemap: false,
        copyPublicDir: false,
        cssMinify: true,
        lib: { entry: join(BENCH, entry), formats: ['es'], fileName: () => `${name}.js`, cssFileName: name },
        // Library mode keeps whitespace and comments (codegen off) for ES output; a bench
        // bundle that stands for "FullCalendar, min+gzip" is fully minified instead.
        rolldownOptions: { output: { minify: true, comments: false } },
      },
    });
  }
  writeFileSync(stampFile, want);
  log(`built FullCalendar bundles in ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${FC_OUT}`);
  return files;
}
