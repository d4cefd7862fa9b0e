/**
 * The server as operators install it: the package that `npm run pack:server` makes (compiled
 * JavaScript, server/package.json as its manifest) runs with node alone, needs nothing but its
 * declared runtime dependencies, and serves the feed, the admin page, the elements and the demo.
 * Needs `npm run build` (npm test builds first).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { stageServer } from '../../scripts/pack-server.js';
import { request, tempDir } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'server/package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
};
const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The package a bare specifier names: `@fastify/cors`, `ajv` (of `ajv/dist/2020.js`). */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, f));
}

describe('the server package', () => {
  let stage: string;
  before(() => {
    stage = stageServer(tempDir());
  });
  after(() => rmSync(stage, { recursive: true, force: true }));

  test('its code imports only Node built-ins and the declared runtime dependencies', () => {
    const builtins = new Set(builtinModules);
    const imported = new Set<string>();
    for (const file of jsFiles(join(stage, 'dist-server'))) {
      const text = readFileSync(file, 'utf8');
      // Statements only (`import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`),
      // not a word "from" before a quote in the code's strings.
      const statements =
        /^\s*(?:import|export)\s[^;'"]*?[\s}*]from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;
      for (const match of text.matchAll(statements)) {
        const specifier = (match[1] ?? match[2] ?? match[3])!;
        // Relative and root-relative ones (`/common/…` in the pages' browser scripts) are files, not packages.
        if (/^[./]/.test(specifier) || specifier.startsWith('node:') || builtins.has(specifier)) continue;
        imported.add(packageOf(specifier));
      }
    }
    assert.deepEqual([...imported].sort(), Object.keys(manifest.dependencies).sort());
    assert.ok(!imported.has('tsx'), 'no TypeScript runner at run time');
  });

  test('its dependencies are the versions the project is developed and tested with', () => {
    for (const [name, range] of Object.entries(manifest.dependencies)) {
      assert.equal(range, rootManifest.dependencies[name] ?? rootManifest.devDependencies[name], name);
    }
  });

  test('the bin runs with node alone and serves feed, admin page, elements and demo', async () => {
    // node_modules with exactly the declared dependencies (links to the project's copies).
    mkdirSync(join(stage, 'node_modules', '@fastify'), { recursive: true });
    for (const name of Object.keys(manifest.dependencies)) {
      symlinkSync(join(ROOT, 'node_modules', name), join(stage, 'node_modules', name), 'dir');
    }
    const data = tempDir();
    writeFileSync(join(data, 'w4g.config.json'), '{}');
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('W4G_')));
    const child = spawn(process.execPath, [join(stage, manifest.bin['w4g-calendar-server']!)], {
      cwd: data,
      // No --import tsx here: execArgv is empty, as under systemd.
      env: { ...env, PORT: '0', HOST: '127.0.0.1', W4G_DB: join(data, 'w4g.sqlite'), NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      let url: string | undefined;
      for await (const line of createInterface({ input: child.stdout! })) {
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) {
          url = match[1];
          break;
        }
      }
      child.stdout!.resume();
      assert.ok(url, stderr);
      const feed = await request(`${url}/api/events.json`);
      assert.equal(feed.status, 200);
      assert.ok(feed.json.events.length > 10, 'seeded');
      assert.equal((await request(`${url}/api/events.ics`)).status, 200);
      assert.match((await request(`${url}/admin/`)).text, /Moderation/);
      assert.equal((await request(`${url}/admin/admin.js`)).status, 200);
      // The gazette form both pages share (copied by build-server from src/server/common).
      assert.equal((await request(`${url}/common/gazette-form.js`)).status, 200);
      assert.equal((await request(`${url}/redaktion/workspace.js`)).status, 200);
      assert.equal((await request(`${url}/dist/w4g-calendar.js`)).status, 200);
      assert.equal((await request(`${url}/demo/`)).status, 200);
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0, stderr);
    } finally {
      child.kill('SIGKILL');
      rmSync(data, { recursive: true, force: true });
    }
  });
});
