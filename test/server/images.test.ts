/**
 * Picture uploads against a real server, real sharp and a real database: re-encoding without
 * any metadata, the widths, the refusals (too large, not a picture, truncated, polyglot, pixel
 * bomb, HEIC), the rate limit, and how the renditions are served.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { multipartBoundary, parseSingleFile } from '../../src/server/multipart.js';
import { IMAGE_MSG, imageEnd, isPolyglot, sniff } from '../../src/server/images.js';
import { IMAGE_REF_MSG } from '../../src/server/image-refs.js';
import { Validator } from '../../src/server/validate.js';
import { admin, request, start, submission, type Answer, type Running } from './helpers.js';

const GPS_TEXT = 'Lindenweg 7, Aschersleben';
const OWNER = 'Erika Geheim-Muster';

/** A phone-like photo: 2400×1600 with EXIF (owner, GPS position, a note) and XMP. */
async function phoneJpeg(): Promise<Buffer> {
  const noise = await sharp(randomBytes(240 * 160 * 3), { raw: { width: 240, height: 160, channels: 3 } })
    .resize(2400, 1600, { kernel: 'nearest' })
    .png()
    .toBuffer();
  return sharp(noise)
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Artist: OWNER, ImageDescription: GPS_TEXT, Make: 'Phone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 45/1 2345/100', GPSLongitudeRef: 'E', GPSLongitude: '11/1 27/1 4321/100' },
    })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${OWNER}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .toBuffer();
}

/** 300×200 landscape pixels stored with EXIF orientation 6 (shown rotated: 200×300 upright). */
function rotatedJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 3, background: '#c05030' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

function png(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 20, g: 90, b: 160, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A small, valid PNG file whose header claims 50000×50000 pixels. */
function pixelBomb(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bit, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64 * 1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ZIP archive with one stored file (what a JAR or an Office document is). */
function zip(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const localPart = Buffer.concat([local, fileName, data]);
  const centralPart = Buffer.concat([central, fileName]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralPart.length, 12);
  end.writeUInt32LE(localPart.length, 16);
  return Buffer.concat([localPart, centralPart, end]);
}

/** An ISO BMFF header of a HEIC photo, as an iPhone writes it. */
function heicLike(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.write('mif1heic', 16, 'latin1');
  const meta = Buffer.alloc(64);
  meta.writeUInt32BE(64, 0);
  meta.write('meta', 4, 'latin1');
  const mdat = Buffer.alloc(512);
  mdat.writeUInt32BE(512, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, meta, mdat]);
}

function multipart(
  data: Buffer,
  options: { name?: string; filename?: string; type?: string } = {},
): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----w4g${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="${options.name ?? 'file'}"; filename="${options.filename ?? 'foto.jpg'}"\r\n` +
    `Content-Type: ${options.type ?? 'image/jpeg'}\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(s: Running, data: Buffer, options: Parameters<typeof multipart>[1] = {}): Promise<Answer> {
  return request(`${s.url}/api/images`, { method: 'POST', ...multipart(data, options) });
}

async function fetchBytes(
  url: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('POST /api/images', () => {
  let s: Running;
  before(async () => {
    s = await start({ config: { rateLimit: { submissions: { max: 1000, windowSeconds: 60 } } } });
  });
  after(() => s.stop());

  test('a phone photo comes back re-encoded in three widths, WebP and JPEG, without any metadata', async () => {
    const original = await phoneJpeg();
    const before = await sharp(original).metadata();
    assert.ok(before.exif && before.xmp, 'the test photo carries EXIF and XMP');
    assert.ok(original.includes(GPS_TEXT) && original.includes(OWNER));

    const answer = await upload(s, original);
    assert.equal(answer.status, 201, answer.text);
    const image = answer.json;
    assert.match(image.id, /^[0-9a-f]{32}$/);
    assert.equal(image.width, 1600);
    assert.equal(image.height, 1067);
    assert.equal(image.url, `${s.url}/api/images/${image.id}/1600.jpg`);
    assert.deepEqual(
      image.sizes.map((x: { width: number; type: string }) => `${x.width} ${x.type}`),
      [480, 960, 1600].flatMap((w) => [`${w} image/avif`, `${w} image/webp`, `${w} image/jpeg`]),
    );
    for (const size of image.sizes as { width: number; height: number; url: string; type: string }[]) {
      const file = await fetchBytes(size.url);
      assert.equal(file.status, 200);
      assert.equal(file.headers['content-type'], size.type);
      const meta = await sharp(file.body).metadata();
      assert.equal(meta.format, { 'image/avif': 'heif', 'image/webp': 'webp', 'image/jpeg': 'jpeg' }[size.type]);
      if (size.type === 'image/avif') assert.equal(meta.compression, 'av1');
      assert.equal(meta.width, size.width);
      assert.equal(meta.height, size.height);
      assert.equal(meta.exif, undefined, `${size.url}: no EXIF`);
      assert.equal(meta.xmp, undefined, `${size.url}: no XMP`);
      assert.equal(meta.iptc, undefined, `${size.url}: no IPTC`);
      assert.equal(meta.comments, undefined, `${size.url}: no comments`);
      assert.ok(!file.body.includes(GPS_TEXT), 'the address is gone');
      assert.ok(!file.body.includes(OWNER), "the owner's name is gone");
      assert.ok(!file.body.includes('Exif\0\0'), 'no EXIF block at all');
    }
  });

  test('renditions are served for ever cacheable, typed, unsniffable and inert when opened directly', async () => {
    const answer = await upload(s, await png());
    assert.equal(answer.status, 201, answer.text);
    const file = await fetchBytes(answer.json.sizes[0].url);
    assert.equal(file.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.match(String(file.headers['content-security-policy']), /default-src 'none'/);
    assert.match(String(file.headers['content-security-policy']), /sandbox/);
    assert.equal(file.headers['cross-origin-resource-policy'], 'cross-origin');
    const again = await request(answer.json.sizes[0].url, { headers: { 'If-None-Match': String(file.headers['etag']) } });
    assert.equal(again.status, 304);
    assert.equal((await request(`${s.url}/api/images/${answer.json.id}/2000.jpg`)).status, 404);
    assert.equal((await request(`${s.url}/api/images/${answer.json.id}/480.png`)).status, 404);
    assert.equal((await request(`${s.url}/api/images/../../etc/480.jpg`)).status, 404);
  });

  test('a small picture is never enlarged; a PNG with transparency becomes AVIF, WebP and JPEG', async () => {
    const answer = await upload(s, await png(300, 200), { filename: 'logo.png', type: 'image/png' });
    assert.equal(answer.status, 201, answer.text);
    assert.deepEqual(
      answer.json.sizes.map((x: { width: number; height: number; type: string }) => `${x.width}×${x.height} ${x.type}`),
      ['300×200 image/avif', '300×200 image/webp', '300×200 image/jpeg'],
    );
  });

  test('WebP and AVIF uploads are taken too', async () => {
    const base = sharp({ create: { width: 700, height: 500, channels: 3, background: '#468' } });
    for (const [name, data] of [
      ['bild.webp', await base.clone().webp().toBuffer()],
      ['bild.avif', await base.clone().avif().toBuffer()],
    ] as const) {
      const answer = await upload(s, data, { filename: name, type: 'application/octet-stream' });
      assert.equal(answer.status, 201, `${name}: ${answer.text}`);
      assert.deepEqual([answer.json.width, answer.json.height], [700, 500], name);
    }
  });

  test('the EXIF orientation is applied: the stored picture stands upright', async () => {
    const answer = await upload(s, await rotatedJpeg());
    assert.equal(answer.status, 201, answer.text);
    assert.deepEqual([answer.json.width, answer.json.height], [200, 300]);
    const meta = await sharp((await fetchBytes(answer.json.url)).body).metadata();
    assert.deepEqual([meta.width, meta.height, meta.orientation], [200, 300, undefined]);
  });

  test('the same file uploaded twice is one picture', async () => {
    const bytes = await png(320, 240);
    const a = await upload(s, bytes);
    const b = await upload(s, bytes);
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.equal(a.json.id, b.json.id);
  });

  test('a text file named .jpg, a truncated JPEG, polyglots, a pixel bomb and a HEIC photo are refused with 422', async () => {
    const photo = await phoneJpeg();
    const cases: [string, Buffer, string][] = [
      ['text named .jpg', Buffer.from('Dies ist kein Bild, nur Text.\n'.repeat(50)), IMAGE_MSG.notImage],
      ['truncated JPEG', photo.subarray(0, Math.floor(photo.length * 0.6)), IMAGE_MSG.truncated],
      [
        'JPEG + HTML',
        Buffer.concat([photo, Buffer.from('<html><script>alert(document.cookie)</script></html>')]),
        IMAGE_MSG.polyglot,
      ],
      ['JPEG + ZIP', Buffer.concat([photo, zip('Main.class', 'payload')]), IMAGE_MSG.polyglot],
      ['pixel bomb', pixelBomb(), IMAGE_MSG.tooManyPixels(50_000_000)],
      ['HEIC', heicLike(), IMAGE_MSG.heic],
    ];
    for (const [name, data, message] of cases) {
      const answer = await upload(s, data);
      assert.equal(answer.status, 422, `${name}: ${answer.text}`);
      assert.equal(answer.json.error, message, name);
    }
    assert.match(IMAGE_MSG.heic, /als JPEG/);
  });

  test('a body over 15 MB is answered 413 before it is read: by its Content-Length', async () => {
    const { status, sent } = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      const req = httpRequest(`${s.url}/api/images`, {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(20 * 1024 * 1024) },
      });
      let sent = 0;
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, sent });
        req.destroy();
      });
      req.on('error', reject);
      sent += 64 * 1024;
      req.write(Buffer.alloc(64 * 1024)); // the rest of the 20 MB is never sent
    });
    assert.equal(status, 413);
    assert.ok(sent < 1024 * 1024);
  });

  test('a body over 15 MB is answered 413 before it is read: counted while it streams (chunked)', async () => {
    const { port } = new URL(s.url);
    // A raw socket: the answer is read whatever happens to the writes after it (the server
    // closes the connection instead of reading the rest).
    const { answer, sent } = await new Promise<{ answer: string; sent: number }>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      let sent = 0;
      const piece = Buffer.alloc(256 * 1024, 0x41);
      const chunked = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
      socket.on('data', (c: Buffer) => {
        answer += c.toString('utf8');
        if (answer.includes('\r\n\r\n') && answer.includes('}')) {
          socket.destroy();
          resolve({ answer, sent });
        }
      });
      socket.on('error', () => undefined);
      socket.on('close', () =>
        answer ? resolve({ answer, sent }) : reject(new Error(`closed without an answer after ${sent} bytes`)),
      );
      socket.write(
        'POST /api/images HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
      const pump = (): void => {
        // 40 MB at most: the answer must come long before.
        while (!answer && !socket.destroyed && sent < 40 * 1024 * 1024) {
          sent += piece.length;
          if (!socket.write(chunked)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
    assert.match(answer, /^HTTP\/1\.1 413 /);
    assert.match(answer, /zu groß \(höchstens 15 MB\)/);
    assert.ok(sent < 40 * 1024 * 1024, `answered after ${sent} bytes`);
  });

  test('anything but multipart/form-data with one file part is refused in German', async () => {
    const json = await request(`${s.url}/api/images`, { method: 'POST', body: { file: 'x' } });
    assert.equal(json.status, 415);
    assert.match(json.json.error, /multipart\/form-data/);
    const other = await upload(s, await png(), { name: 'bild' });
    assert.equal(other.status, 400);
    assert.match(other.json.error, /Feld „file“/);
    const b = 'w4g-two-parts';
    const part = (name: string): string =>
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\nAAAA\r\n`;
    const two = await request(`${s.url}/api/images`, {
      method: 'POST',
      headers: { 'Content-Type': `multipart/form-data; boundary=${b}` },
      body: Buffer.from(`${part('a.png')}${part('b.png')}--${b}--\r\n`),
    });
    assert.equal(two.status, 400);
    assert.match(two.json.error, /genau einer Datei/);
  });
});

describe('the upload rate limit', () => {
  let s: Running;
  before(async () => {
    s = await start({ config: { rateLimit: { submissions: { max: 2, windowSeconds: 600 } } } });
  });
  after(() => s.stop());

  test('counts uploads per client like submissions and answers 429 with Retry-After', async () => {
    const bytes = await png(64, 64);
    assert.equal((await upload(s, bytes)).status, 201);
    assert.equal((await upload(s, bytes)).status, 201);
    const third = await upload(s, bytes);
    assert.equal(third.status, 429);
    assert.ok(Number(third.headers['retry-after']) > 0);
    assert.match(third.json.error, /zu viele Bilder/);

    // Refused before its body was read: the rest is not taken in; the connection ends soon.
    const { port } = new URL(s.url);
    const { answer, closed } = await new Promise<{ answer: string; closed: boolean }>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      const piece = Buffer.alloc(64 * 1024, 0x41);
      const chunk = Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]);
      const timer = setInterval(() => socket.writable && socket.write(chunk), 20);
      const give = setTimeout(() => finish(false), 8000);
      const finish = (closed: boolean): void => {
        clearInterval(timer);
        clearTimeout(give);
        socket.destroy();
        resolve({ answer, closed });
      };
      socket.on('data', (c: Buffer) => (answer += c.toString('utf8')));
      socket.on('error', () => undefined);
      socket.on('close', () => finish(true));
      socket.write(
        'POST /api/images HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
    });
    assert.match(answer, /^HTTP\/1\.1 429 /);
    assert.ok(closed, 'the server closed the connection instead of reading the endless upload');
  });
});

describe('the multipart reader and the file checks', () => {
  test('reads a quoted boundary and refuses other content types', () => {
    assert.equal(multipartBoundary('multipart/form-data; boundary="a b:c"'), 'a b:c');
    assert.equal(multipartBoundary('multipart/form-data; charset=utf-8; boundary=----x1'), '----x1');
    assert.equal(multipartBoundary('multipart/mixed; boundary=x'), undefined);
    assert.equal(multipartBoundary('multipart/form-data'), undefined);
    assert.equal(multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`), undefined);
  });

  test('a body without its closing delimiter is incomplete', async () => {
    const { body, headers } = multipart(await png());
    const boundary = multipartBoundary(headers['Content-Type'])!;
    assert.equal(parseSingleFile(body, boundary).data.length, (await png()).length);
    assert.throws(() => parseSingleFile(body.subarray(0, body.length - 40), boundary), /nicht vollständig/);
  });

  test('sniffs the accepted formats and finds where a picture ends', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#000' } })
      .jpeg({ progressive: true })
      .toBuffer();
    const webp = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#000' } })
      .webp()
      .toBuffer();
    const avif = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#000' } })
      .avif()
      .toBuffer();
    const pngBytes = await png();
    assert.deepEqual(
      [sniff(jpeg), sniff(webp), sniff(avif), sniff(pngBytes), sniff(heicLike())],
      ['jpeg', 'webp', 'avif', 'png', 'heic'],
    );
    assert.equal(imageEnd(jpeg, 'jpeg'), jpeg.length);
    assert.equal(imageEnd(webp, 'webp'), webp.length);
    assert.equal(imageEnd(avif, 'avif'), avif.length);
    assert.equal(imageEnd(pngBytes, 'png'), pngBytes.length);
    assert.equal(isPolyglot(jpeg, jpeg.length), false);
    // A phone's few bytes after the end of a JPEG are not a second format.
    assert.equal(isPolyglot(Buffer.concat([jpeg, Buffer.from('SEFHxxxx')]), jpeg.length), false);
  });
});

describe('a submission with a picture', () => {
  let s: Running;
  before(async () => {
    s = await start({ config: { rateLimit: { submissions: { max: 1000, windowSeconds: 60 } } } });
  });
  after(() => s.stop());

  const submit = (image: unknown): Promise<Answer> =>
    request(`${s.url}/api/submissions`, { method: 'POST', body: submission({ image }) });

  test('takes an uploaded picture by id with alt text, credit and licence; the server writes the image object', async () => {
    const uploaded = (await upload(s, await phoneJpeg())).json;
    const answer = await submit({
      id: uploaded.id,
      alt: '  Der Posaunenchor vor dem Altar von St. Stephani ',
      credit: 'Anna Muster',
      license: 'CC-BY-SA-4.0',
      url: 'https://elsewhere.example/x.jpg', // the id wins; the server writes the URLs
      width: 9999,
    });
    assert.equal(answer.status, 202, answer.text);
    const stored = await s.server.store.submission(answer.json.id);
    assert.deepEqual(stored!.event['image'], {
      url: `${s.url}/api/images/${uploaded.id}/1600.jpg`,
      alt: 'Der Posaunenchor vor dem Altar von St. Stephani',
      credit: 'Anna Muster',
      license: 'CC-BY-SA-4.0',
      width: 1600,
      height: 1067,
      sources: uploaded.sizes.map((x: { url: string; width: number; type: string }) => ({
        url: x.url,
        width: x.width,
        type: x.type,
      })),
    });
  });

  test('takes a picture named by the URL of one of its renditions', async () => {
    const uploaded = (await upload(s, await png(500, 400))).json;
    const answer = await submit({ url: uploaded.sizes[0].url, alt: 'Logo des Vereins', license: 'calendar-only' });
    assert.equal(answer.status, 202, answer.text);
    const stored = await s.server.store.submission(answer.json.id);
    assert.equal((stored!.event['image'] as { url: string }).url, uploaded.url);
  });

  test('refuses a picture from elsewhere, an unknown id, a missing alt text and a missing licence', async () => {
    const uploaded = (await upload(s, await png(200, 200))).json;
    const cases: [unknown, Record<string, string>][] = [
      [
        'https://bilder.example.com/fest.jpg',
        { image: IMAGE_REF_MSG.notOurs, 'image.alt': IMAGE_REF_MSG.alt, 'image.license': IMAGE_REF_MSG.license },
      ],
      [{ id: 'f'.repeat(32), alt: 'Fest', license: 'CC0-1.0' }, { image: IMAGE_REF_MSG.unknown }],
      [
        { url: `https://other.example/api/images/${uploaded.id}/480.jpg`, alt: 'Fest', license: 'CC0-1.0' },
        { image: IMAGE_REF_MSG.notOurs },
      ],
      [{ id: uploaded.id, alt: '   ', license: 'CC-BY-4.0' }, { 'image.alt': IMAGE_REF_MSG.alt }],
      [{ id: uploaded.id, alt: 'Fest', license: 'alle Rechte' }, { 'image.license': IMAGE_REF_MSG.license }],
    ];
    for (const [image, errors] of cases) {
      const answer = await submit(image);
      assert.equal(answer.status, 422, JSON.stringify(image));
      assert.deepEqual(answer.json.errors, errors, JSON.stringify(image));
    }
  });

  test("the approved event's picture reaches the JSON feed with alt text, credit and licence", async () => {
    const uploaded = (await upload(s, await png(1200, 800))).json;
    const answer = await submit({ id: uploaded.id, alt: 'Bühne im Park', credit: 'Jan Foto', license: 'CC-BY-4.0' });
    assert.equal(answer.status, 202, answer.text);
    const approved = await request(`${s.url}/api/admin/submissions/${answer.json.id}/approve`, {
      method: 'POST',
      headers: admin(),
    });
    assert.equal(approved.status, 200, approved.text);
    const feed = await request(`${s.url}/api/events.json`);
    const event = (feed.json.events as Record<string, unknown>[]).find((e) => e['id'] === answer.json.id);
    assert.ok(event, 'the event is in the feed');
    const image = event['image'] as Record<string, unknown>;
    assert.equal(image['url'], uploaded.url);
    assert.equal(image['alt'], 'Bühne im Park');
    assert.equal(image['credit'], 'Jan Foto');
    assert.equal(image['license'], 'CC-BY-4.0');
    assert.deepEqual([image['width'], image['height']], [1200, 800]);
    assert.deepEqual(
      (image['sources'] as { width: number; type: string }[]).map((x) => `${x.width} ${x.type}`),
      [480, 960, 1200].flatMap((w) => [`${w} image/avif`, `${w} image/webp`, `${w} image/jpeg`]),
    );
    // The same picture in the iCalendar feed (RFC 7986 IMAGE) with its alt text, credit, licence and size.
    const ics = (await request(`${s.url}/api/events.ics`)).text.replace(/\r\n /g, '');
    assert.ok(ics.includes(`IMAGE;VALUE=URI:${uploaded.url}\r\n`), 'IMAGE in events.ics');
    assert.ok(ics.includes('\r\nX-W4G-IMAGE-ALT;VALUE=TEXT:Bühne im Park\r\n'));
    assert.ok(
      ics.includes(
        '\r\nX-W4G-IMAGE-CREDIT;VALUE=TEXT:Jan Foto\r\nX-W4G-IMAGE-LICENSE:CC-BY-4.0\r\nX-W4G-IMAGE-SIZE:1200x800\r\n',
      ),
    );
  });
});

describe('the image object in stored events', () => {
  test('keeps only the fields the schema names, at every depth (a moderator edit, a submission)', () => {
    const event = new Validator().cleanEvent(
      {
        title: 'Konzert',
        start: '2026-12-12',
        image: {
          url: 'https://kalender.example/api/images/ab/960.jpg',
          alt: 'Chor',
          onerror: 'alert(1)',
          sources: [{ url: 'https://kalender.example/api/images/ab/480.jpg', width: 480, type: 'image/jpeg', srcdoc: '<b>' }],
        },
      },
      'k',
    );
    assert.deepEqual(event['image'], {
      url: 'https://kalender.example/api/images/ab/960.jpg',
      alt: 'Chor',
      sources: [{ url: 'https://kalender.example/api/images/ab/480.jpg', width: 480, type: 'image/jpeg' }],
    });
    const plain = new Validator().cleanEvent({ title: 'Konzert', start: '2026-12-12', image: 'https://example.org/a.jpg' }, 'k');
    assert.equal(plain['image'], 'https://example.org/a.jpg');
  });

  test('a moderator may not set an image object of another form', () => {
    const v = new Validator();
    const rules = { zone: 'Europe/Berlin', now: new Date('2026-12-01T00:00:00Z'), rejectPast: false, maxDaysAhead: 1000 };
    const errors = v.checkEvent(
      { id: 'k', title: 'Konzert', start: '2026-12-12', image: { url: 'javascript:alert(1)', license: 'frei' } },
      rules,
    );
    assert.ok(errors['image'], JSON.stringify(errors));
  });
});

describe('a stalled upload', () => {
  let s: Running;
  before(async () => {
    s = await start({ config: { timeouts: { bodySeconds: 0.5 } } });
  });
  after(() => s.stop());

  test('is answered 408 in German when its body stops arriving, and the server goes on', async () => {
    const { port } = new URL(s.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
      socket.on('error', () => undefined);
      socket.on('close', () => (text ? resolve(text) : reject(new Error('closed without an answer'))));
      socket.write(
        'POST /api/images HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 5000\r\n\r\n--x\r\n',
      );
    });
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.match(answer, /nicht rechtzeitig vollständig/);
    assert.equal((await upload(s, await png(40, 40))).status, 201);
  });
});
