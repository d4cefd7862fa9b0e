/**
 * Finding 3 of issue 12: the hub must never fetch internal addresses on anyone's behalf,
 * neither directly nor through a redirect, unless the operator allows that host; and the
 * public health answer must not list the sources.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { isInternalAddress } from '../../src/server/net-guard.js';
import { admin, request, start, type Running } from './helpers.js';

interface Http {
  server: Server;
  port: number;
  hits: string[];
}

async function serve(handler: (path: string, res: ServerResponse) => void): Promise<Http> {
  const hits: string[] = [];
  const server = createHttpServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req.url ?? '', res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, hits };
}

const SECRET_FEED = JSON.stringify({
  events: [{ id: 'intern', title: 'Interne Daten der Verwaltung', start: '2030-01-01' }],
});

describe('3: the hub and internal addresses', () => {
  let internal: Http;
  let upstream: Http;
  let s: Running;
  const feedTitles = async (): Promise<string[]> =>
    (await request(`${s.url}/api/events.json`)).json.events.map((e: { title: string }) => e.title);

  before(async () => {
    internal = await serve((_path, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(SECRET_FEED));
    upstream = await serve((path, res) => {
      const to: Record<string, string> = {
        '/to-internal.json': `http://127.0.0.1:${internal.port}/secret.json`,
        '/to-localhost.json': `http://localhost:${internal.port}/secret.json`,
        '/to-mapped.json': `http://[::ffff:127.0.0.1]:${internal.port}/secret.json`,
        '/to-metadata.json': 'http://169.254.169.254/latest/meta-data/',
        '/to-file.json': 'file:///etc/passwd',
        '/to-ftp.json': `ftp://127.0.0.1:${internal.port}/secret.json`,
        '/to-relative.json': `/ok.json`,
      };
      if (path === '/ok.json') {
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ events: [{ id: 'fest', title: 'Öffentliches Fest', start: '2030-05-01' }] }));
      } else if (path.startsWith('/loop')) {
        res.writeHead(302, { Location: `/loop${path.length}` }).end();
      } else if (to[path]) {
        res.writeHead(302, { Location: to[path] }).end();
      } else res.writeHead(404).end();
    });
    const up = `http://127.0.0.1:${upstream.port}`;
    s = await start({
      config: {
        hub: { allowHosts: [`127.0.0.1:${upstream.port}`] },
        sources: [
          { name: 'redirect-internal', url: `${up}/to-internal.json` },
          { name: 'redirect-localhost', url: `${up}/to-localhost.json` },
          { name: 'redirect-mapped', url: `${up}/to-mapped.json` },
          { name: 'redirect-metadata', url: `${up}/to-metadata.json` },
          { name: 'redirect-file', url: `${up}/to-file.json` },
          { name: 'redirect-ftp', url: `${up}/to-ftp.json` },
          { name: 'redirect-loop', url: `${up}/loop` },
          { name: 'direct-internal', url: `http://127.0.0.1:${internal.port}/secret.json` },
          { name: 'direct-localhost', url: `http://localhost:${internal.port}/secret.json` },
          { name: 'direct-private', url: 'http://10.11.12.13/kalender.ics' },
          { name: 'direct-mapped', url: `http://[::ffff:7f00:1]:${internal.port}/secret.json` },
          { name: 'allowed-relative', url: `${up}/to-relative.json` },
        ],
      },
    });
    await s.server.hub.refreshAll();
  });
  after(async () => {
    await s.stop();
    internal.server.close();
    upstream.server.close();
  });

  test('no request reaches the internal server, directly or through a redirect, and nothing of it is published', async () => {
    assert.deepEqual(internal.hits, []);
    const titles = await feedTitles();
    assert.ok(!titles.includes('Interne Daten der Verwaltung'));
    assert.ok(titles.includes('Öffentliches Fest'), 'a redirect within the allowed host is followed');
  });

  test('each refused source says why in the admin health view', async () => {
    const res = await request(`${s.url}/api/admin/health`, { headers: admin() });
    assert.equal(res.status, 200);
    const byId = new Map(res.json.sources.map((x: { name: string }) => [x.name, x]));
    for (const id of [
      'redirect-internal',
      'redirect-localhost',
      'redirect-mapped',
      'redirect-metadata',
      'direct-internal',
      'direct-localhost',
      'direct-private',
      'direct-mapped',
    ]) {
      const health = byId.get(id) as { ok: boolean; lastError: { message: string } };
      assert.equal(health.ok, false, id);
      assert.match(health.lastError.message, /internal address|interne Adresse/i, id);
    }
    for (const id of ['redirect-file', 'redirect-ftp']) {
      assert.match((byId.get(id) as { lastError: { message: string } }).lastError.message, /http/i, id);
    }
    assert.match((byId.get('redirect-loop') as { lastError: { message: string } }).lastError.message, /redirect/i);
    assert.equal((byId.get('allowed-relative') as { ok: boolean }).ok, true);
  });

  test('the public health answer says only ok or degraded', async () => {
    const res = await request(`${s.url}/api/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { status: 'degraded' });
    assert.ok(!res.text.includes(String(upstream.port)));
    const denied = await request(`${s.url}/api/admin/health`);
    assert.equal(denied.status, 401);
  });
});

describe('3: internal address ranges', () => {
  test('loopback, private, link-local, unique-local, mapped and special ranges are internal', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.0.9',
      '0.0.0.0',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.178.1',
      '169.254.169.254',
      '100.64.0.1',
      '192.0.0.8',
      '198.18.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.0.0.1',
      '::ffff:192.168.0.1',
      '64:ff9b::7f00:1',
      'ff02::1',
    ]) {
      assert.equal(isInternalAddress(address), true, address);
    }
    for (const address of ['93.184.216.34', '172.32.0.1', '192.169.0.1', '2a00:1450:4001:80b::200e', '::ffff:93.184.216.34']) {
      assert.equal(isInternalAddress(address), false, address);
    }
  });
});
