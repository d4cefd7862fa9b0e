// `npm run pack:server`: the server as a package of its own for operators,
// w4g-calendar-server-<version>.tgz (in the folder given, default the project folder).
// It holds the compiled server (dist-server/), the built elements it serves (dist/ without type
// declarations), the demo and the feed schema, with server/package.json as its manifest: only
// runtime dependencies, so `npm install --omit=dev` (or npm install -g) of it needs nothing
// else. Run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Copies everything the package holds into `dir` (the tests use this without packing). */
export function stageServer(dir) {
  for (const needed of ['dist-server/server/main.js', 'dist/w4g-calendar.js']) {
    if (!existsSync(join(ROOT, needed))) throw new Error(`${needed} is missing: run npm run build first`);
  }
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'server/package.json'), 'utf8'));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ ...manifest, version: root.version }, null, 2)}\n`);
  cpSync(join(ROOT, 'server/README.md'), join(dir, 'README.md'));
  cpSync(join(ROOT, 'bin/w4g-calendar-server.js'), join(dir, 'bin/w4g-calendar-server.js'));
  cpSync(join(ROOT, 'dist-server'), join(dir, 'dist-server'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), {
    recursive: true,
    filter: (source) => !source.includes(`${join('dist', 'types')}`) && !source.includes(`${join('dist', 'cms')}`),
  });
  cpSync(join(ROOT, 'demo'), join(dir, 'demo'), { recursive: true });
  cpSync(join(ROOT, 'schema'), join(dir, 'schema'), { recursive: true });
  cpSync(join(ROOT, 'w4g.config.example.json'), join(dir, 'w4g.config.example.json'));
  return dir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = resolve(process.argv[2] ?? ROOT);
  const stage = mkdtempSync(join(tmpdir(), 'w4g-server-pack-'));
  try {
    stageServer(stage);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = spawnSync(npm, ['pack', '--pack-destination', out], { cwd: stage, stdio: 'inherit' });
    process.exit(packed.status ?? 1);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
