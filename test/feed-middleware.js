// Dev-server middleware for browser tests: serves fixture feeds with ETag / Last-Modified and
// 304s, counts requests per path, and can fail, stall or switch a feed on demand.
//   GET /__feeds/file/<fixture path under test/fixtures>   a fixture (ETag, 304)
//   GET /__feeds/status/<code>                             an empty answer with that status
//   GET /__feeds/slow/<ms>/<fixture path>                  a fixture after a delay
//   GET /__feeds/switch/<key>                              the body last PUT for <key>, or 503 when set to fail
//   PUT /__feeds/switch/<key>?fail=1 | body                set what the switch serves
//   GET /__feeds/windowed/<fixture JSON path>?start=&end=&town=…
//                                                          the fixture as the real server answers it:
//                                                          a window (src/server/views.ts renderView,
//                                                          query read by view-query.ts) or, without
//                                                          start/end, the whole file; 503 while
//                                                          `windowed/<fixture>` is switched to fail
//   GET /__feeds/count?path=<path>                         how often <path> was requested
//   GET /__feeds/asked?path=<path>                         the query strings <path> was asked with
//   POST /__feeds/reset                                    forget counts and switches
//   POST /__feeds/api/images                               a picture upload as the server takes it (multipart,
//                                                          field "file"): 201 with its sizes, 422 for a non-picture
//   GET  /__feeds/uploaded/<id>.jpg                        an uploaded picture's bytes
//   POST /__feeds/broken/images                            drops the connection (an interrupted upload)
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('./fixtures/', import.meta.url));
const counts = new Map();
const switches = new Map();
const asked = new Map();

let server;
/** The real server's view code (TypeScript, loaded through tsx once). */
function serverCode() {
  server ??= Promise.all([
    tsImport('../src/server/views.ts', import.meta.url),
    tsImport('../src/server/view-query.ts', import.meta.url),
    tsImport('../src/core/index.ts', import.meta.url),
  ]).then(([views, query, core]) => ({ ...views, ...query, ...core }));
  return server;
}

/** A fixture feed served like the reference server serves its feed: windows on request. */
async function windowed(ctx, file) {
  const state = switches.get(`windowed/${file}`);
  if (state?.fail) {
    ctx.status = 503;
    ctx.body = 'nicht erreichbar';
    return;
  }
  const body = await readFile(root + file);
  const { renderView, parseViewQuery, parseJsonFeed } = await serverCode();
  const feed = parseJsonFeed(body.toString('utf8'));
  const timeZone = feed.timeZone ?? 'Europe/Berlin';
  let query;
  try {
    query = parseViewQuery(ctx.query, timeZone);
  } catch (error) {
    ctx.status = error.statusCode ?? 400;
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ error: error.message });
    return;
  }
  if (!query.start) {
    sendWithValidators(ctx, body, typeOf(file));
    return;
  }
  const merged = { events: feed.events, associations: feed.associations, timeZone, title: feed.title ?? '' };
  const view = renderView(merged, { format: 'json', query, lastModified: '2026-11-21T10:00:00Z' });
  sendWithValidators(ctx, Buffer.from(view.body), 'application/json; charset=utf-8');
}

const uploads = new Map();

/** The one file of a multipart/form-data body, or undefined when the body is not one. */
function multipartFile(body, contentType) {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/.exec(contentType ?? '');
  if (!boundary) return undefined;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  const headersEnd = body.indexOf('\r\n\r\n');
  if (!body.subarray(0, delimiter.length).equals(Buffer.from(delimiter)) || headersEnd < 0) return undefined;
  const headers = body.subarray(0, headersEnd).toString('utf8');
  if (!/name="file"/.test(headers) || !/filename="/.test(headers)) return undefined;
  const end = body.indexOf(`\r\n${delimiter}`, headersEnd + 4);
  return end < 0 ? undefined : body.subarray(headersEnd + 4, end);
}

/** JPEG, PNG or WebP by their first bytes (the server decodes; this is enough for the form's tests). */
function isPicture(data) {
  return (
    (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) ||
    data.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47])) ||
    (data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP')
  );
}

async function images(ctx, kind) {
  if (kind === 'broken') {
    ctx.req.socket.destroy();
    return;
  }
  const file = multipartFile(await readBody(ctx), ctx.get('Content-Type'));
  ctx.type = 'application/json';
  if (!file) {
    ctx.status = 400;
    ctx.body = JSON.stringify({
      error: 'Die Einsendung ist kein gültiges multipart/form-data mit genau einer Datei im Feld „file“.',
    });
    return;
  }
  if (!isPicture(file)) {
    ctx.status = 422;
    ctx.body = JSON.stringify({
      error: 'Diese Datei ist kein Bild. Bitte wählen Sie ein Foto oder eine Grafik als JPEG, PNG, WebP oder AVIF.',
    });
    return;
  }
  const id = createHash('sha256').update(file).digest('hex').slice(0, 32);
  uploads.set(id, file);
  const url = `${ctx.origin}/__feeds/uploaded/${id}.jpg`;
  ctx.status = 201;
  ctx.body = JSON.stringify({
    id,
    url,
    width: 640,
    height: 480,
    type: 'image/jpeg',
    sizes: [
      { width: 480, height: 360, url: `${url}?w=480&f=webp`, type: 'image/webp' },
      { width: 480, height: 360, url: `${url}?w=480`, type: 'image/jpeg' },
      { width: 640, height: 480, url: `${url}?f=webp`, type: 'image/webp' },
      { width: 640, height: 480, url, type: 'image/jpeg' },
    ],
  });
}

function typeOf(path) {
  if (path.endsWith('.ics')) return 'text/calendar; charset=utf-8';
  if (path.endsWith('.json')) return 'application/json; charset=utf-8';
  return 'application/octet-stream';
}

async function readBody(ctx) {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function sendWithValidators(ctx, body, type) {
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', 'no-cache');
  ctx.set('Last-Modified', 'Sat, 21 Nov 2026 10:00:00 GMT');
  if (ctx.get('If-None-Match') === etag) {
    ctx.status = 304;
    return;
  }
  ctx.type = type;
  ctx.body = body;
}

export async function testFeedMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/__feeds/')) return next();
  const path = ctx.path;
  if (path === '/__feeds/count') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ count: counts.get(ctx.query.path) ?? 0 });
    return;
  }
  if (path === '/__feeds/asked') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify({ asked: asked.get(ctx.query.path) ?? [] });
    return;
  }
  if (path === '/__feeds/reset') {
    counts.clear();
    switches.clear();
    asked.clear();
    ctx.status = 204;
    return;
  }
  counts.set(path, (counts.get(path) ?? 0) + 1);
  if (ctx.method === 'GET') asked.set(path, [...(asked.get(path) ?? []), ctx.querystring]);
  const [, , kind, ...rest] = path.split('/');
  if ((kind === 'api' || kind === 'broken') && rest.join('/') === 'images' && ctx.method === 'POST') return images(ctx, kind);
  if (kind === 'uploaded') {
    const data = uploads.get(rest.join('/').replace(/\.jpg$/, ''));
    if (!data) {
      ctx.status = 404;
      return;
    }
    ctx.type = 'image/jpeg';
    ctx.body = data;
    return;
  }
  if (kind === 'status') {
    ctx.status = Number(rest[0]) || 500;
    ctx.body = 'fehler';
    return;
  }
  if (kind === 'switch') {
    const key = rest.join('/');
    if (ctx.method === 'PUT') {
      const body = await readBody(ctx);
      switches.set(key, ctx.query.fail ? { fail: true } : { body, type: ctx.get('Content-Type') || 'application/json' });
      counts.set(path, (counts.get(path) ?? 1) - 1);
      ctx.status = 204;
      return;
    }
    const state = switches.get(key);
    if (!state || state.fail) {
      ctx.status = 503;
      ctx.body = 'nicht erreichbar';
      return;
    }
    sendWithValidators(ctx, state.body, state.type);
    return;
  }
  let file = rest.join('/');
  if (kind === 'windowed' && !file.includes('..')) {
    await windowed(ctx, file).catch((error) => {
      ctx.status = 500;
      ctx.body = String(error);
    });
    return;
  }
  if (kind === 'slow') {
    await new Promise((r) => setTimeout(r, Number(rest[0]) || 0));
    file = rest.slice(1).join('/');
  } else if (kind !== 'file') {
    ctx.status = 404;
    return;
  }
  if (file.includes('..')) {
    ctx.status = 400;
    return;
  }
  try {
    const body = await readFile(root + file);
    sendWithValidators(ctx, body, typeOf(file));
  } catch {
    ctx.status = 404;
  }
}
