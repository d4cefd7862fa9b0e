/**
 * Holes found by probing the running server as an outsider would (issue 12, part 1). Each
 * test here failed against the server before its fix.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { admin, request, start, submission, tempDir, type Running } from './helpers.js';

/** `[[[…]]]` nested `depth` deep, as JSON text. */
function nestedArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

describe('1: nested objects in a submission', () => {
  let s: Running;
  before(async () => {
    s = await start({ config: { rateLimit: { submissions: { max: 1000, windowSeconds: 60 } } } });
  });
  after(() => s.stop());

  const post = (text: string) => request(`${s.url}/api/submissions`, { method: 'POST', body: text });
  const withExtra = (field: 'location' | 'contact', depth: number): string => {
    const body = JSON.stringify(submission());
    const marker = field === 'location' ? '"location":{' : '"contact":{';
    return body.replace(marker, `${marker}"extra":${nestedArray(depth)},`);
  };

  test('an array nested 4,100 deep in location or contact never breaks the moderation list', async () => {
    for (const field of ['location', 'contact'] as const) {
      const res = await post(withExtra(field, 4100));
      assert.ok(res.status >= 400 && res.status < 500, `${field}: ${res.status} ${res.text.slice(0, 200)}`);
      assert.equal(typeof res.json.error, 'string');
    }
    const list = await request(`${s.url}/api/admin/submissions?status=all`, { headers: admin() });
    assert.equal(list.status, 200, list.text.slice(0, 200));
  });

  test('deeper still (30,000 levels, within the body limit) is a 400, not a 500', async () => {
    const res = await post(withExtra('location', 30_000));
    assert.equal(res.status, 400, res.text.slice(0, 200));
    assert.equal(res.json.error, 'Der Inhalt ist zu tief verschachtelt.');
  });

  test('unknown keys inside location and contact are dropped before storing', async () => {
    const body = submission({
      location: { name: 'St. Stephani', address: 'Stephanikirchhof 1', extra: [[1]], note: { a: 1 } },
      contact: { name: 'Erika Muster', email: 'erika@example.org', phone: '123', extra: { b: [2] } },
    });
    const res = await request(`${s.url}/api/submissions`, { method: 'POST', body });
    assert.equal(res.status, 202, res.text);
    const stored = (await request(`${s.url}/api/admin/submissions/${res.json.id}`, { headers: admin() })).json.submission;
    assert.deepEqual(stored.event.location, { name: 'St. Stephani', address: 'Stephanikirchhof 1' });
    assert.deepEqual(stored.contact, { name: 'Erika Muster', email: 'erika@example.org' });
  });

  test('a moderator’s edit is closed at every depth too', async () => {
    const res = await request(`${s.url}/api/submissions`, { method: 'POST', body: submission() });
    const id = res.json.id;
    const current = (await request(`${s.url}/api/admin/submissions/${id}`, { headers: admin() })).json.submission;
    const edited = await request(`${s.url}/api/admin/submissions/${id}`, {
      method: 'PUT',
      headers: admin(),
      body: {
        event: {
          ...current.event,
          location: { name: 'Bestehornpark', extra: [[[]]] },
          contact: { name: 'Kulturkreis', email: 'info@kulturkreis.example.org', x: { y: 1 } },
        },
      },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.deepEqual(edited.json.submission.event.location, { name: 'Bestehornpark' });
    assert.deepEqual(edited.json.submission.event.contact, { name: 'Kulturkreis', email: 'info@kulturkreis.example.org' });
  });
});

/** Opens a raw connection, sends `head` and part of a body, and then stalls. */
function stalledPost(url: string, path = '/api/submissions'): Promise<{ socket: Socket; answer: Promise<string> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"title": "Konz`,
      );
      const answer = new Promise<string>((done) => {
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('close', () => done(text));
        socket.on('error', () => undefined);
      });
      resolve({ socket, answer });
    });
    socket.on('error', reject);
  });
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms))),
  ]);
}

describe('4: request and body timeouts', () => {
  test('a stalled POST body is answered 408 in German and the connection closed', async () => {
    const s = await start({ config: { timeouts: { bodySeconds: 1 } } });
    const { socket, answer } = await stalledPost(s.url);
    try {
      const raw = await within(answer, 4000, 'stalled body');
      assert.match(raw, /^HTTP\/1\.1 408 /);
      assert.match(raw, /"error":"Die Anfrage kam nicht rechtzeitig vollständig an\."/);
    } finally {
      socket.destroy();
      await s.stop();
    }
  });

  test('a request answered without reading its body leaves no timer behind that crashes the server', async () => {
    // Seen in CI under load: a 415 (or any answer given before the body is read) left the
    // body timer running; when it fired, the unread stream was destroyed with an error nobody
    // listened to, an uncaught exception in the server process.
    const s = await start({ config: { timeouts: { bodySeconds: 0.3 } } });
    const crashes: unknown[] = [];
    const onCrash = (error: unknown): void => void crashes.push(error);
    process.on('uncaughtException', onCrash);
    try {
      const wrongType = await request(`${s.url}/api/submissions`, {
        method: 'POST',
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(wrongType.status, 415);
      const noToken = await request(`${s.url}/api/admin/submissions/x/approve`, { method: 'POST', body: {} });
      assert.equal(noToken.status, 401);
      await new Promise((resolve) => setTimeout(resolve, 800));
      assert.deepEqual(crashes, []);
      assert.equal((await request(`${s.url}/api/events.json`)).status, 200);
    } finally {
      process.off('uncaughtException', onCrash);
      await s.stop();
    }
  });

  test('shutdown with a stalled body finishes and closes the database', async () => {
    const s = await start({ config: { timeouts: { bodySeconds: 60, shutdownSeconds: 0.5 } } });
    const { socket } = await stalledPost(s.url);
    try {
      await within(s.server.close(), 4000, 'close()');
      assert.equal(s.server.store.isOpen, false, 'the database is closed');
    } finally {
      socket.destroy();
      await s.stop().catch(() => undefined);
    }
  });
});

describe('5: the admin rate limit covers the whole admin area', () => {
  test('wrong-token guesses spread over the admin routes share one limit; the 429 speaks of the moderation', async () => {
    const s = await start({ config: { rateLimit: { admin: { max: 4, windowSeconds: 600 } } } });
    try {
      const guess = { Authorization: 'Bearer guess' };
      const routes: [string, string][] = [
        ['GET', '/api/admin/submissions'],
        ['GET', '/api/admin/submissions/x'],
        ['POST', '/api/admin/submissions/x/approve'],
        ['POST', '/api/admin/submissions/x/reject'],
        ['PUT', '/api/admin/submissions/x'],
        ['GET', '/api/admin/health'],
      ];
      const statuses: number[] = [];
      let last;
      for (const [method, path] of routes) {
        last = await request(`${s.url}${path}`, { method, headers: guess });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 429, 429]);
      assert.doesNotMatch(last!.json.error, /Termine/);
      assert.match(last!.json.error, /Moderation/);
      assert.ok(Number(last!.headers['retry-after']) > 0);
      // The limit is per client: the right token from the same client waits too.
      assert.equal((await request(`${s.url}/api/admin/submissions`, { headers: admin() })).status, 429);
    } finally {
      await s.stop();
    }
  });
});

describe('7: e-mail addresses', () => {
  let s: Running;
  before(async () => {
    s = await start();
  });
  after(() => s.stop());

  test('mailto parameters, spaces, percent signs and line breaks are no e-mail address', async () => {
    for (const email of [
      'info?cc=boss@example.org&subject=Hallo@example.org',
      'info&cc=x@example.org',
      'in%40fo@example.org',
      'in fo@example.org',
      'info@example.org\r\nBcc: x@example.org',
      'info@exa\nmple.org',
      'info@example.org?body=x',
    ]) {
      const res = await request(`${s.url}/api/submissions`, {
        method: 'POST',
        body: submission({ contact: { name: 'Erika Muster', email } }),
      });
      assert.equal(res.status, 422, JSON.stringify(email));
      assert.deepEqual(res.json.errors, { 'contact.email': 'Bitte geben Sie eine gültige E-Mail-Adresse an.' });
    }
    for (const email of [
      'erika.muster+kalender@example.org',
      "o'neil@example.org",
      'info@mueller-seeland.de',
      'a.b-c_d@sub.example.org',
    ]) {
      const res = await request(`${s.url}/api/submissions`, {
        method: 'POST',
        body: submission({ contact: { name: 'Erika Muster', email } }),
      });
      assert.equal(res.status, 202, `${email}: ${res.text}`);
    }
  });

  test('a moderator cannot publish such an address as the public contact either', async () => {
    const res = await request(`${s.url}/api/submissions`, { method: 'POST', body: submission() });
    const current = (await request(`${s.url}/api/admin/submissions/${res.json.id}`, { headers: admin() })).json.submission;
    const edited = await request(`${s.url}/api/admin/submissions/${res.json.id}`, {
      method: 'PUT',
      headers: admin(),
      body: { event: { ...current.event, contact: { name: 'Verein', email: 'info?subject=x@example.org' } } },
    });
    assert.equal(edited.status, 422);
    assert.deepEqual(edited.json.errors, { 'event.contact.email': 'Bitte geben Sie eine gültige E-Mail-Adresse an.' });
  });
});

describe('8: defence in depth', () => {
  let s: Running;
  let demo: string;
  const ALLOWED = 'https://www.aschersleben.de';
  before(async () => {
    const dir = tempDir();
    demo = join(dir, 'demo');
    mkdirSync(join(demo, '.git'), { recursive: true });
    writeFileSync(join(demo, 'index.html'), '<!doctype html><title>Demo</title>');
    writeFileSync(join(demo, '.env'), 'W4G_ADMIN_TOKEN=secret');
    writeFileSync(join(demo, '.git', 'config'), '[core]');
    writeFileSync(join(demo, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    s = await start({ dir, config: { cors: { origins: [ALLOWED] } }, staticRoots: { demo } });
  });
  after(() => s.stop());

  test('static files: dotfiles are refused, SVG comes with a restrictive CSP', async () => {
    for (const path of ['/demo/.env', '/demo/.git/config', '/demo/.git/', '/demo//.env']) {
      const res = await request(`${s.url}${path}`);
      assert.equal(res.status, 404, path);
      assert.ok(!res.text.includes('secret') && !res.text.includes('[core]'), path);
    }
    const svg = await request(`${s.url}/demo/logo.svg`);
    assert.equal(svg.status, 200);
    const csp = String(svg.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /sandbox/);
    assert.doesNotMatch(csp, /script-src/);
  });

  test('OPTIONS on /api/admin/* gets no CORS answer; the public API still does', async () => {
    const preflight = { Origin: ALLOWED, 'Access-Control-Request-Method': 'GET' };
    for (const path of ['/api/admin/submissions', '/api/admin/submissions/x/approve', '/api/admin/health']) {
      const res = await request(`${s.url}${path}`, { method: 'OPTIONS', headers: preflight });
      assert.equal(res.headers['access-control-allow-origin'], undefined, path);
      assert.equal(res.headers['access-control-allow-methods'], undefined, path);
      assert.ok(res.status >= 400, `${path}: ${res.status}`);
    }
    const pub = await request(`${s.url}/api/events.json`, { method: 'OPTIONS', headers: preflight });
    assert.equal(pub.headers['access-control-allow-origin'], ALLOWED);
  });

  test('odd query values are 400 with a German message, never 500', async () => {
    for (const query of [
      'offset=1e400',
      'limit=1e400',
      'offset=-1',
      'limit=abc',
      'offset=1.5',
      'limit=0',
      'limit=501',
      'status=nonsense',
      'status=pending&status=approved',
      'offset=99999999999999999999',
    ]) {
      const res = await request(`${s.url}/api/admin/submissions?${query}`, { headers: admin() });
      assert.equal(res.status, 400, `${query}: ${res.text}`);
      assert.match(res.json.error, /^[A-ZÄÖÜ].*[äöüß]|Bitte|ungültig|muss/, `${query}: ${res.json.error}`);
      assert.doesNotMatch(res.json.error, /must|should|querystring/, query);
    }
    const ok = await request(`${s.url}/api/admin/submissions?limit=10&offset=0&status=all`, { headers: admin() });
    assert.equal(ok.status, 200);
  });

  test('framework-level answers are German: 403, bad URL, 431, 404 of the static folders', async () => {
    const raw = async (path: string, extra = ''): Promise<{ status: number; body: string }> => {
      const { hostname, port } = new URL(s.url);
      const text = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () =>
          socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\n${extra}Connection: close\r\n\r\n`),
        );
        let data = '';
        socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
      return { status: Number(text.split(' ')[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) };
    };
    const cases: [string, string, number][] = [
      ['/demo/a%5c..%5c..%5cpackage.json', '', 403],
      ['/demo/..\\package.json', '', 403],
      ['/%E0%A4%A', '', 400],
      ['/demo/%C0%AE', '', 400],
      ['/api/events.json', `X-Big: ${'a'.repeat(20_000)}\r\n`, 431],
      ['/dist/nothing.js', '', 404],
      ['/api', '', 404],
    ];
    for (const [path, extra, status] of cases) {
      const res = await raw(path, extra);
      assert.equal(res.status, status, path);
      assert.doesNotMatch(res.body, /Forbidden|Bad Request|Too Large|not a valid|Not Found/, `${path}: ${res.body}`);
      assert.match(res.body, /ungültig|nicht|Nicht|zu groß|verboten|Zugriff/i, `${path}: ${res.body}`);
    }
  });

  test('/admin and /demo redirect to their slash', async () => {
    for (const path of ['/admin', '/demo']) {
      const res = await request(`${s.url}${path}`);
      assert.ok([301, 302, 308].includes(res.status), `${path}: ${res.status}`);
      assert.equal(res.headers.location, `${path}/`);
    }
  });
});

describe('8: W4G_TRUST_PROXY=true', () => {
  test('the start warns that every client can then choose its own address', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const s = await start({ config: { trustProxy: true }, logger: { level: 'warn', stream } });
    try {
      const warning = lines
        .map((l) => JSON.parse(l) as { level: number; msg: string })
        .find((l) => /X-Forwarded-For/.test(l.msg));
      assert.ok(warning, lines.join('\n'));
      assert.equal(warning.level, 40);
      assert.match(warning.msg, /W4G_TRUST_PROXY=true/);
    } finally {
      await s.stop();
    }
    lines.length = 0;
    const quiet = await start({ config: { trustProxy: '127.0.0.1' }, logger: { level: 'warn', stream } });
    await quiet.stop();
    assert.ok(!lines.some((l) => /X-Forwarded-For/.test(l)), 'no warning for a named proxy');
  });
});
