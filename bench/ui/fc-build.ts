/**
 * Builds the FullCalendar bench bundles with Vite (the same Vite and minifier as our
 * dist/w4g-calendar.js): one self-contained minified ES module per entry in bench/.cache/fc/.
 * - fc-full.js: daygrid + list + iCalendar (ical.js 1.x): the same features as our bundle;
 * - fc-json.js: daygrid + list only, for the JSON pages (a JSON-only site ships no ical.js);
 * - bare-lit.js: not FullCalendar but the bench's floor, a bare Lit template (ref/bare-lit.ts).
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

export const FC_ENTRIES = { 'fc-full': 'fc/full.ts', 'fc-json': 'fc/json.ts', 'bare-lit': 'ref/bare-lit.ts' } as const;
export type FcBundle = keyof typeof FC_ENTRIES;

function versionOf(pkg: string): string {
  const json = JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string };
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
export async function buildFullCalendar(log: (line: string) => void): Promise<Record<FcBundle, string>> {
  const files = Object.fromEntries(Object.keys(FC_ENTRIES).map((name) => [name, join(FC_OUT, `${name}.js`)])) as Record<
    FcBundle,
    string
  >;
  const stampFile = join(FC_OUT, 'stamp.txt');
  const want = stamp();
  if (Object.values(files).every((f) => existsSync(f)) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) {
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
        lib: { entry: join(BENCH, entry), formats: ['es'], fileName: () => `${name}.js` },
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
