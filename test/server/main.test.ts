/**
 * `node src/server/main.ts` as npm start runs it: configuration from the environment and a
 * config file, a log line saying that moderation is off, and a graceful shutdown on SIGTERM.
 * Plus the configuration rules on their own.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { configFromEnv, ConfigError, loadConfig, readConfigFile, resolveConfig } from '../../src/server/config.js';
import { request, tempDir } from './helpers.js';

const MAIN = fileURLToPath(new URL('../../src/server/main.ts', import.meta.url));

describe('main.ts', () => {
  test('starts with env and config file, logs that moderation is off, stops on SIGTERM', async () => {
    const dir = tempDir();
    const config = join(dir, 'w4g.config.json');
    writeFileSync(
      config,
      JSON.stringify({ $comment: 'test', feed: { title: 'Testkalender' }, cors: { origins: ['https://a.example'] } }),
    );
    const db = join(dir, 'nested', 'folder', 'w4g.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, PORT: '0', W4G_DB: db, W4G_CONFIG: config, W4G_ADMIN_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    try {
      const lines: string[] = [];
      let url: string | undefined;
      for await (const line of createInterface({ input: child.stdout! })) {
        lines.push(line);
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) {
          url = match[1];
          break;
        }
      }
      child.stdout!.resume(); // keep draining the log so the child never blocks on a full pipe
      assert.ok(url, lines.join('\n'));
      assert.ok(lines.some((l) => l.includes('W4G_ADMIN_TOKEN is not set: moderation is off')));
      assert.ok(existsSync(db), 'the database folder was created');
      const feed = await request(`${url}/api/events.json`, { headers: { Origin: 'https://a.example' } });
      assert.equal(feed.json.title, 'Testkalender');
      assert.ok(feed.json.events.length > 10, 'seeded on first start');
      assert.equal(feed.headers['access-control-allow-origin'], 'https://a.example');
      child.kill('SIGTERM');
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a bad configuration stops the start with a clear message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, PORT: 'abc' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 1);
    assert.match(stderr, /Configuration error: PORT="abc" is not a number/);
  });
});

describe('main.ts and the database', () => {
  test('a wrong or unreachable W4G_DATABASE_URL stops the start, naming the host and never the password', async () => {
    const dir = tempDir();
    const config = join(dir, 'w4g.config.json');
    writeFileSync(config, '{}');
    const secret = 'geheim-Passwort-42';
    const cases: [string, RegExp][] = [
      [
        `postgres://kalender:${secret}@127.0.0.1:1/w4g`,
        /^Database error: cannot connect to PostgreSQL at kalender@127\.0\.0\.1:1\/w4g: .*ECONNREFUSED/m,
      ],
      [`postgres://kalender:${secret}@db.invalid:5432/w4g`, /cannot connect to PostgreSQL at kalender@db\.invalid:5432\/w4g/],
      [`mysql://kalender:${secret}@db.example/w4g`, /W4G_DATABASE_URL must start with postgres:\/\//],
      [`${secret}`, /W4G_DATABASE_URL is not a valid URL/],
    ];
    try {
      for (const [url, expected] of cases) {
        const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
          env: { ...process.env, PORT: '0', W4G_CONFIG: config, W4G_DB: join(dir, 'unused.sqlite'), W4G_DATABASE_URL: url },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const [code] = await once(child, 'exit');
        assert.equal(code, 1, output);
        assert.match(output, expected);
        assert.ok(!output.includes(secret), `the password leaked: ${output}`);
        assert.ok(!existsSync(join(dir, 'unused.sqlite')), 'no silent fallback to SQLite');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  test('defaults', () => {
    const config = resolveConfig();
    assert.equal(config.port, 8080);
    assert.equal(config.database, 'data/w4g.sqlite');
    assert.deepEqual(config.cors.origins, []);
    assert.equal(config.feed.timeZone, 'Europe/Berlin');
    assert.equal(config.seed, true);
  });

  test('environment variables', () => {
    const layer = configFromEnv({
      PORT: '9000',
      W4G_DB: '/var/lib/w4g/w4g.sqlite',
      W4G_CORS_ORIGINS: 'https://www.aschersleben.de, https://www.seeland.de',
      W4G_TRUST_PROXY: '1',
      W4G_RATE_LIMIT_MAX: '5',
      W4G_SOURCES: '[{"url":"https://kirche.example/kalender.ics","town":"Seeland"}]',
      W4G_SEED: 'false',
      W4G_HUB_ALLOW_HOSTS: 'intranet.example, 10.0.0.5:8080',
    });
    const config = resolveConfig({ rateLimit: { submissions: { windowSeconds: 60 } } }, layer);
    assert.equal(config.port, 9000);
    assert.equal(config.database, '/var/lib/w4g/w4g.sqlite');
    assert.deepEqual(config.cors.origins, ['https://www.aschersleben.de', 'https://www.seeland.de']);
    assert.equal(config.trustProxy, 1);
    assert.deepEqual(config.rateLimit.submissions, { max: 5, windowSeconds: 60 });
    assert.equal(config.sources[0]!.town, 'Seeland');
    assert.equal(config.seed, false);
    assert.deepEqual(config.hub.allowHosts, ['intranet.example', '10.0.0.5:8080']);
    const token = loadConfig({ W4G_ADMIN_TOKEN: ' secret ', W4G_CONFIG: '' });
    assert.equal(token.adminToken, 'secret');
  });

  test('w4g.config.example.json is a valid configuration', () => {
    const file = readConfigFile({ W4G_CONFIG: fileURLToPath(new URL('../../w4g.config.example.json', import.meta.url)) });
    const config = resolveConfig(file.config);
    assert.equal(config.sources.length, 2);
    assert.equal(config.cors.origins.length, 5);
  });

  test('mistakes are reported, not guessed around', () => {
    const bad: unknown[] = [
      { port: 70000 },
      { cors: { origins: ['https://www.aschersleben.de/'] } },
      { cors: { origins: ['aschersleben.de'] } },
      { feed: { timeZone: 'Europe/Aschersleben' } },
      { sources: [{ url: 'file:///etc/passwd' }] },
      { rateLimit: { submissions: { max: 0 } } },
      { bodyLimit: 10 },
      { cors: { origin: ['https://www.aschersleben.de'] } },
      { sources: [{ url: 'https://kirche.example/k.ics', refresh: 5 }] },
      { adminToken: 'tokens belong in the environment' },
      { hub: { allowHosts: ['intranet.example:port'] } },
      { databaseUrl: 'postgres://w4g:secret@db/w4g', $comment: 'secrets belong in the environment' },
      { logLevel: 'verbose' },
      { timeouts: { bodySeconds: 0 } },
      { sources: [{ id: 'Kirche Ermsleben', url: 'https://kirche.example/k.ics' }] },
      {
        sources: [
          { id: 'kirche', url: 'https://kirche.example/k.ics' },
          { id: 'kirche', url: 'https://kirche.example/other.ics' },
        ],
      },
      { hub: { allowHosts: 'intranet.example' } },
    ];
    for (const layer of bad) assert.throws(() => resolveConfig(layer), ConfigError, JSON.stringify(layer));
    assert.throws(() => configFromEnv({ W4G_SOURCES: '[{' }), ConfigError);
    assert.throws(() => loadConfig({ W4G_CONFIG: '/nonexistent/w4g.config.json' }), /cannot read the config file/);
  });
});
