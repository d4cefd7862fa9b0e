// Assembles the CMS packages from their sources, ready to upload:
//
//   dist/cms/wordpress/w4g-calendar/   the WordPress plugin (zip the folder, or copy it to wp-content/plugins/)
//   dist/cms/typo3/w4g_calendar/       the TYPO3 extension (composer path repository, or zip it for the Extension Manager)
//
// Each package gets a copy of the shared fallback renderer (cms/php/FallbackRenderer.php, the
// one source of it) and of the browser bundle (dist/w4g-calendar.js and its
// dist/w4g-calendar-*.js chunks, which `npm run build` writes). Nothing is zipped.
//
// Usage: node cms/build.mjs [--out DIR]   (default DIR: dist/cms)
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : join(root, 'dist', 'cms'));

const dist = join(root, 'dist');
const bundle = existsSync(dist) ? readdirSync(dist).filter((f) => /^w4g-calendar(-[\w-]+)?\.js(\.map)?$/.test(f)) : [];
if (!bundle.includes('w4g-calendar.js')) {
  console.error('dist/w4g-calendar.js is missing: run `npm run build` first.');
  process.exit(1);
}

const renderer = join(root, 'cms', 'php', 'FallbackRenderer.php');
const packages = [
  {
    source: join(root, 'cms', 'wordpress', 'w4g-calendar'),
    target: join(out, 'wordpress', 'w4g-calendar'),
    renderer: join('lib', 'FallbackRenderer.php'),
    assets: 'assets',
  },
  {
    source: join(root, 'cms', 'typo3', 'w4g_calendar'),
    target: join(out, 'typo3', 'w4g_calendar'),
    renderer: join('Classes', 'Fallback', 'FallbackRenderer.php'),
    assets: join('Resources', 'Public', 'JavaScript'),
  },
];

for (const pkg of packages) {
  rmSync(pkg.target, { recursive: true, force: true });
  mkdirSync(pkg.target, { recursive: true });
  cpSync(pkg.source, pkg.target, { recursive: true, filter: (src) => !src.endsWith('.gitignore') });
  mkdirSync(dirname(join(pkg.target, pkg.renderer)), { recursive: true });
  cpSync(renderer, join(pkg.target, pkg.renderer));
  const assets = join(pkg.target, pkg.assets);
  mkdirSync(assets, { recursive: true });
  for (const file of bundle) cpSync(join(dist, file), join(assets, file));
  console.log(`${pkg.target} (${bundle.filter((f) => f.endsWith('.js')).length} bundle files)`);
}
