/**
 * The gazette export against the real server: a month of Arnstein as DOCX (unzipped, its
 * document.xml read back), as PDF (text extracted with pdftotext from poppler-utils) and as
 * text (compared exactly); every bad request a 400 in German; the admin token required.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
// docx's own zip library: the DOCX is read back with the code that wrote it only in part (the zip).
import { unzipSync, strFromU8 } from 'fflate';
import { ImageStore } from '../../src/server/db/image-store.js';
import { storedImages } from '../../src/server/gazette/images.js';
import { processImage } from '../../src/server/images.js';
import { admin, request, start, type Running } from './helpers.js';
import { GAZETTE_ASSOCIATIONS, GAZETTE_EVENTS } from './gazette-fixture.js';

/** A binary GET (the helpers' request reads text). */
function download(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** The paragraphs of word/document.xml: style and text, in order. */
function paragraphs(xml: string): { style: string; text: string; bold: string[] }[] {
  const out: { style: string; text: string; bold: string[] }[] = [];
  for (const m of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const p = m[0];
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? '';
    const runs = [...p.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((r) => r[1]!);
    const textOf = (run: string): string => [...run.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]!).join('');
    const decode = (s: string): string =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    out.push({
      style,
      text: decode(runs.map(textOf).join('')),
      bold: runs.filter((r) => /<w:b\/>|<w:b w:val="true"\/>/.test(r)).map((r) => decode(textOf(r))),
    });
  }
  return out;
}

const ARNSTEIN_JUNE_TEXT = `Veranstaltungen 01.06.2027 – 30.06.2027
Arnstein

Regelmäßige Termine
jeden Dienstag, 10:00–11:00 Uhr, Seniorensport, Turnhalle Sandersleben, Veranstalter: SV Blau-Weiß Sandersleben
Gymnastik für Ältere, mit Übungen im Sitzen und Stehen.

Mi., 02.06.2027
19:00 Uhr, Chorprobe des Männerchors, Gaststätte „Zur Linde“, Welbsleben, Veranstalter: Männerchor Welbsleben

Do., 10.06.2027
19:00 Uhr, Chorprobe des Männerchors, verlegt vom Mi., 09.06.2027, Gaststätte „Zur Linde“, Welbsleben, Veranstalter: Männerchor Welbsleben

Sa., 12.06.2027
09:30–12:00 Uhr, Kräuterwanderung am Wipperhang (verschoben), Treffpunkt Kirche Ulzigerode, Veranstalter: Landfrauenverein Arnstein e.V.
Wegen der Heuernte verschoben, neuer Termin folgt.
14:00–22:00 Uhr, Sommerfest an der Burgruine Arnstein, Burgruine Arnstein, Veranstalter: Heimatverein Arnstein e.V.
Musik, Gegrilltes und Führungen durch die Ruine; für…

So., 13.06.2027
10:00 Uhr, Gottesdienst zur Goldenen Konfirmation, Dorfkirche Quenstedt, Veranstalter: Ev. Kirchspiel Arnstein

Mi., 23.06.2027
19:00 Uhr, Chorprobe des Männerchors (abgesagt), Gaststätte „Zur Linde“, Welbsleben, Veranstalter: Männerchor Welbsleben

Fr., 25.06.2027
ganztägig bis So., 27.06.2027, Heimatfest Sandersleben, Festwiese Sandersleben, Veranstalter: Heimatverein Arnstein e.V.
Drei Tage Festzelt, Umzug am Sonntag um 14 Uhr.

Mi., 30.06.2027
19:00 Uhr, Chorprobe des Männerchors, Gaststätte „Zur Linde“, Welbsleben, Veranstalter: Männerchor Welbsleben
`;

const DAYS = [
  'Mi., 02.06.2027',
  'Do., 10.06.2027',
  'Sa., 12.06.2027',
  'So., 13.06.2027',
  'Mi., 23.06.2027',
  'Fr., 25.06.2027',
  'Mi., 30.06.2027',
];

describe('gazette export', () => {
  let s: Running;
  const q = 'towns=Arnstein&from=2027-06-01&to=2027-06-30&maxDescription=60';
  before(async () => {
    s = await start({ config: { feed: { pollSeconds: 0.05 } } });
    await s.server.store.importData(GAZETTE_EVENTS, GAZETTE_ASSOCIATIONS, 'test');
    // The feed is rebuilt when the poll sees the new revision.
    for (;;) {
      const feed = await request(`${s.url}/api/events.json`);
      if (feed.json.events.length === GAZETTE_EVENTS.length) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  after(() => s.stop());

  test('the text export of Arnstein in June 2027, exactly', async () => {
    const res = await download(`${s.url}/api/admin/gazette.txt?${q}`, admin());
    assert.equal(res.status, 200, res.body.toString());
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="mitteilungsblatt-arnstein-2027-06.txt"');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.body.toString('utf8'), ARNSTEIN_JUNE_TEXT);
  });

  test('the DOCX: day headings in order, the series, the marks, two columns, the same entries as the text', async () => {
    const res = await download(`${s.url}/api/admin/gazette.docx?${q}`, admin());
    assert.equal(res.status, 200, res.body.toString());
    assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="mitteilungsblatt-arnstein-2027-06.docx"');
    const files = unzipSync(new Uint8Array(res.body));
    const xml = strFromU8(files['word/document.xml']!);
    const paras = paragraphs(xml);
    assert.equal(paras[0]!.style, 'Heading1');
    assert.equal(paras[0]!.text, 'Veranstaltungen 01.06.2027 – 30.06.2027');
    assert.equal(paras[1]!.text, 'Arnstein');
    const headings = paras.filter((p) => p.style === 'Heading3').map((p) => p.text);
    assert.deepEqual(headings, ['Regelmäßige Termine', ...DAYS]);
    // Every entry line and description of the text export is a paragraph of the DOCX, in order.
    const textLines = ARNSTEIN_JUNE_TEXT.split('\n').filter(Boolean);
    const docLines = paras.map((p) => p.text).filter(Boolean);
    const series = docLines.find((l) => l.startsWith('jeden Dienstag'));
    assert.equal(series, textLines[3]);
    assert.deepEqual(docLines, textLines);
    // Titles and marks are bold.
    const cancelled = paras.find((p) => p.text.includes('(abgesagt)'))!;
    assert.deepEqual(cancelled.bold, ['Chorprobe des Männerchors', ' (abgesagt)']);
    assert.ok(paras.some((p) => p.bold.includes(' (verschoben)')));
    // The calendar's section has two columns (the default); the title's section one.
    const sections = [...xml.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    assert.equal(sections.length, 2, sections.join());
    assert.doesNotMatch(sections[0]!, /w:num="2"/);
    assert.match(sections[1]!, /<w:type w:val="continuous"\/>/);
    assert.match(sections[1]!, /<w:cols [^>]*w:num="2"/);

    const one = await download(`${s.url}/api/admin/gazette.docx?${q}&columns=1&fontSize=12`, admin());
    const xml1 = strFromU8(unzipSync(new Uint8Array(one.body))['word/document.xml']!);
    assert.ok([...xml1.matchAll(/<w:cols [^>]*>/g)].every((m) => !/w:num="2"/.test(m[0])));
    const styles = strFromU8(unzipSync(new Uint8Array(one.body))['word/styles.xml']!);
    assert.match(styles, /<w:docDefaults>[\s\S]*<w:sz w:val="24"\/>/, '12 pt body text');
    assert.match(styles, /<w:docDefaults>[\s\S]*<w:lang w:val="de-DE"\/>/, 'German for spelling and hyphenation');
  });

  test('the PDF: dates, order, marks and umlauts read back with pdftotext', async () => {
    const res = await download(`${s.url}/api/admin/gazette.pdf?${q}&columns=1`, admin());
    assert.equal(res.status, 200, res.body.toString());
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="mitteilungsblatt-arnstein-2027-06.pdf"');
    assert.equal(res.body.subarray(0, 5).toString(), '%PDF-');
    const file = join(s.dir, 'gazette.pdf');
    writeFileSync(file, res.body);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    assert.match(text, /Veranstaltungen 01\.06\.2027 – 30\.06\.2027/);
    const positions = ['Regelmäßige Termine', ...DAYS].map((d) => text.indexOf(d));
    assert.ok(
      positions.every((p) => p >= 0),
      `every heading found: ${positions.join()}`,
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
      'headings in date order',
    );
    for (const words of [
      'Chorprobe des Männerchors (abgesagt)',
      'Kräuterwanderung am Wipperhang (verschoben)',
      'Gymnastik für Ältere',
      'Gaststätte „Zur Linde“',
      'Landfrauenverein Arnstein e.V.',
      'verlegt vom Mi., 09.06.2027',
    ]) {
      assert.ok(text.replace(/\s+/g, ' ').includes(words), `"${words}" in the PDF text`);
    }
    // The same entries as the text export: every line of it, as the PDF wraps it.
    const flat = text.replace(/\s+/g, ' ');
    for (const line of ARNSTEIN_JUNE_TEXT.split('\n').filter(Boolean)) assert.ok(flat.includes(line), `in the PDF: ${line}`);
    assert.ok(!text.includes('Sommerkonzert im Juli'), 'July stays out');
    assert.ok(!text.includes('Aschersleben'), 'other towns stay out');
  });

  test('page 1 rendered (pdftoppm): two columns with a clear gutter, one column across it', async () => {
    /** Share of dark pixels in each vertical band (x from a to b, in % of the width) of the body. */
    const ink = async (columns: number): Promise<{ left: number; gutter: number; right: number }> => {
      const res = await download(`${s.url}/api/admin/gazette.pdf?from=2027-06-01&to=2027-06-30&columns=${columns}`, admin());
      assert.equal(res.status, 200);
      const file = join(s.dir, `page-${columns}.pdf`);
      writeFileSync(file, res.body);
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(s.dir, `page-${columns}`)]);
      const { data, info } = await sharp(join(s.dir, `page-${columns}.png`))
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const band = (a: number, b: number): number => {
        let dark = 0;
        let all = 0;
        // The body: below the title block, above the footer.
        for (let y = Math.round(info.height * 0.14); y < Math.round(info.height * 0.85); y++) {
          for (let x = Math.round((info.width * a) / 100); x < Math.round((info.width * b) / 100); x++) {
            all++;
            if (data[y * info.width + x]! < 128) dark++;
          }
        }
        return dark / all;
      };
      return { left: band(12, 45), gutter: band(49, 51), right: band(55, 88) };
    };
    const two = await ink(2);
    assert.ok(two.left > 0.02 && two.right > 0.005, `text in both columns: ${JSON.stringify(two)}`);
    assert.equal(two.gutter, 0, 'nothing printed in the gutter');
    const one = await ink(1);
    assert.ok(one.gutter > 0.005, `one column runs across the middle: ${JSON.stringify(one)}`);
  });

  test('two towns ordered by town: a heading per town, days within; categories narrow', async () => {
    const res = await download(
      `${s.url}/api/admin/gazette.txt?towns=Seeland,arnstein&from=2027-06-01&to=2027-06-30&order=town&categories=Musik&maxDescription=0`,
      admin(),
    );
    assert.equal(res.status, 200, res.body.toString());
    assert.equal(res.headers['content-disposition'], 'attachment; filename="mitteilungsblatt-2027-06.txt"');
    const text = res.body.toString('utf8');
    assert.ok(text.startsWith('Veranstaltungen 01.06.2027 – 30.06.2027\nArnstein, Seeland · Musik\n'), text);
    assert.ok(text.indexOf('== Arnstein ==') < text.indexOf('== Seeland =='));
    assert.ok(text.includes('jeden Donnerstag, 19:00–20:30 Uhr, Offene Chorprobe, Bürgerhaus Hoym'));
    assert.ok(!text.includes('Seniorensport') && !text.includes('Sommerfest'), 'other categories stay out');
  });

  test('series listed one by one on request; a period that cuts a series names its dates', async () => {
    const listed = (await download(`${s.url}/api/admin/gazette.txt?${q}&series=list`, admin())).body.toString();
    assert.ok(!listed.includes('Regelmäßige Termine'));
    assert.equal(listed.match(/Seniorensport/g)?.length, 5, 'five Tuesdays in June 2027');
    const part = (
      await download(`${s.url}/api/admin/gazette.txt?towns=Arnstein&from=2027-06-01&to=2027-07-31`, admin())
    ).body.toString();
    assert.ok(part.includes('jeden Dienstag, 10:00–11:00 Uhr, Seniorensport'), part);
    const cut = (
      await download(`${s.url}/api/admin/gazette.txt?towns=Seeland&from=2027-04-15&to=2027-05-31`, admin())
    ).body.toString();
    assert.ok(cut.includes('jeden Donnerstag vom 06.05.2027 bis 27.05.2027, 19:00–20:30 Uhr, Offene Chorprobe'), cut);
  });

  test('the options the form offers', async () => {
    const res = await request(`${s.url}/api/admin/gazette/options`, { headers: admin() });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json.towns, ['Arnstein', 'Aschersleben', 'Seeland']);
    assert.deepEqual(res.json.categories, ['Kirche', 'Kultur', 'Markt', 'Musik', 'Natur', 'Sport']);
    assert.equal(res.json.imagesAvailable, true);
    assert.equal(res.json.maxDays, 93);
  });

  test('with images: the picture store is asked; pictures stored elsewhere are never fetched', async () => {
    const res = await download(`${s.url}/api/admin/gazette.docx?${q}&images=true`, admin());
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-gazette-images'], '0');
    const files = unzipSync(new Uint8Array(res.body));
    assert.ok(!Object.keys(files).some((f) => f.startsWith('word/media/')));
  });

  test('every bad request is a 400 with a German message', async () => {
    const cases: [string, RegExp][] = [
      ['towns=Arnstein&to=2027-06-30', /Beginn des Zeitraums/],
      ['towns=Arnstein&from=2027-06-01', /Ende des Zeitraums/],
      ['from=2027-02-30&to=2027-03-10', /kein gültiges Datum.*2027-02-30/],
      ['from=01.06.2027&to=2027-06-30', /kein gültiges Datum/],
      ['from=2027-06-30&to=2027-06-01', /liegt vor seinem Beginn/],
      ['from=2027-06-01&to=2027-09-30', /zu lang: höchstens drei Monate \(93 Tage\), angefragt sind 122 Tage/],
      [
        'towns=Atlantis&from=2027-06-01&to=2027-06-30',
        /Unbekannter Ort: „Atlantis“\. Möglich: Arnstein, Aschersleben, Seeland\./,
      ],
      ['categories=Oper&from=2027-06-01&to=2027-06-30', /Unbekannte Kategorie: „Oper“/],
      ['from=2027-06-01&to=2027-06-30&order=alpha', /Reihenfolge/],
      ['from=2027-06-01&to=2027-06-30&columns=3', /Spaltenzahl/],
      ['from=2027-06-01&to=2027-06-30&fontSize=40', /Schriftgröße.*7 bis 14/],
      ['from=2027-06-01&to=2027-06-30&fontSize=1e1', /Schriftgröße/],
      ['from=2027-06-01&to=2027-06-30&maxDescription=-1', /Beschreibung/],
      ['from=2027-06-01&to=2027-06-30&images=ja', /Bilder/],
      ['from=2027-06-01&to=2027-06-30&series=some', /Serien/],
      ['from=2027-06-01&to=2027-06-30&colour=red', /Unbekannter Parameter: „colour“/],
      ['from=2027-06-01&from=2027-06-02&to=2027-06-30', /ungültig|mehrfach/],
    ];
    for (const [query, message] of cases) {
      for (const format of ['docx', 'pdf', 'txt']) {
        const res = await request(`${s.url}/api/admin/gazette.${format}?${query}`, { headers: admin() });
        assert.equal(res.status, 400, `${format}?${query}: ${res.status}`);
        assert.match(res.json.error, message, `${format}?${query}`);
      }
    }
  });

  test('without the admin token: 401, no document', async () => {
    for (const path of [`gazette.pdf?${q}`, `gazette.txt?${q}`, 'gazette/options']) {
      const res = await request(`${s.url}/api/admin/${path}`);
      assert.equal(res.status, 401);
      assert.match(res.json.error, /Anmeldung erforderlich/);
      const wrong = await request(`${s.url}/api/admin/${path}`, { headers: { Authorization: 'Bearer falsch-falsch-falsch' } });
      assert.equal(wrong.status, 401);
    }
  });
});

describe('gazette export with an image store', () => {
  let s: Running;
  const asked: string[] = [];
  const OWN = 'https://kalender.example/media/sommerfest.png';
  before(async () => {
    const png = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#2a6f97' } })
      .png()
      .toBuffer();
    s = await start({
      config: { feed: { pollSeconds: 0.05 } },
      gazetteImages: {
        available: true,
        load: (url) => {
          asked.push(url);
          return Promise.resolve(url === OWN ? { data: new Uint8Array(png), type: 'png', width: 400, height: 200 } : undefined);
        },
      },
    });
    const events = GAZETTE_EVENTS.map((e) =>
      e.id === 'sommerfest-burgruine-2027'
        ? { ...e, image: OWN, imageAlt: 'Die Burgruine im Abendlicht' }
        : e.id === 'gottesdienst-quenstedt-2027-06-13'
          ? { ...e, image: 'http://127.0.0.1:1/intern.png' }
          : e,
    );
    await s.server.store.importData(events, GAZETTE_ASSOCIATIONS, 'test');
    for (;;) {
      const feed = await request(`${s.url}/api/events.json`);
      if (feed.json.events.length === GAZETTE_EVENTS.length) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  after(() => s.stop());

  test("only the server's own images are embedded, in DOCX and PDF; without images=true none is asked for", async () => {
    const q = 'towns=Arnstein&from=2027-06-01&to=2027-06-30';
    await download(`${s.url}/api/admin/gazette.docx?${q}`, admin());
    assert.deepEqual(asked, [], 'images are looked up only when wanted');

    const docx = await download(`${s.url}/api/admin/gazette.docx?${q}&images=true`, admin());
    assert.equal(docx.status, 200);
    assert.equal(docx.headers['x-gazette-images'], '1');
    assert.deepEqual(asked.sort(), ['http://127.0.0.1:1/intern.png', OWN].sort(), 'the store is asked; nothing is fetched');
    const files = unzipSync(new Uint8Array(docx.body));
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
    assert.equal(media.length, 1);
    const xml = strFromU8(files['word/document.xml']!);
    assert.match(xml, /descr="Die Burgruine im Abendlicht"/);

    const pdf = await download(`${s.url}/api/admin/gazette.pdf?${q}&images=true`, admin());
    const file = join(s.dir, 'images.pdf');
    writeFileSync(file, pdf.body);
    const list = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    assert.equal(list.length, 1, list.join('\n'));
    assert.match(list[0]!, /\b400\s+200\b/);
  });

  test('the form learns that images are available', async () => {
    const res = await request(`${s.url}/api/admin/gazette/options`, { headers: admin() });
    assert.equal(res.json.imagesAvailable, true);
  });
});

describe('gazette export under load', () => {
  test('at most two exports run at once; a third is told to retry (503, Retry-After), then succeeds', async () => {
    // The image store holds the first two exports until the gate opens: a deterministic "busy".
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let waiting = 0;
    let arrived!: () => void;
    const bothArrived = new Promise<void>((resolve) => (arrived = resolve));
    const s = await start({
      config: { feed: { pollSeconds: 0.05 } },
      gazetteImages: {
        available: true,
        load: async () => {
          waiting++;
          if (waiting === 2) arrived();
          // A third export that got through must not hang the test: it opens the gate and fails below.
          if (waiting > 2) open();
          await gate;
          return undefined;
        },
      },
    });
    try {
      await s.server.store.importData(
        GAZETTE_EVENTS.map((e) =>
          e.id === 'sommerfest-burgruine-2027' ? { ...e, image: 'https://kalender.example/media/a.png' } : e,
        ),
        GAZETTE_ASSOCIATIONS,
        'test',
      );
      for (;;) {
        const feed = await request(`${s.url}/api/events.json`);
        if (feed.json.events.length === GAZETTE_EVENTS.length) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const q = 'towns=Arnstein&from=2027-06-01&to=2027-06-30&images=true';
      const first = download(`${s.url}/api/admin/gazette.txt?${q}`, admin());
      const second = download(`${s.url}/api/admin/gazette.txt?${q}`, admin());
      await bothArrived;
      const third = await request(`${s.url}/api/admin/gazette.txt?${q}`, { headers: admin() });
      assert.equal(third.status, 503);
      assert.equal(third.headers['retry-after'], '5');
      assert.match(third.json.error, /Gerade werden andere Mitteilungsblätter erstellt/);
      open();
      assert.deepEqual([(await first).status, (await second).status], [200, 200]);
      assert.equal((await download(`${s.url}/api/admin/gazette.txt?${q}`, admin())).status, 200);
    } finally {
      open();
      await s.stop();
    }
  });
});

describe("the gazette's pictures come from the server's picture store", () => {
  test('a stored picture is found by its URL (any host: looked up by id, never fetched); other URLs are not', async () => {
    const s = await start();
    try {
      const photo = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#3a6' } })
        .jpeg()
        .toBuffer();
      const store = new ImageStore(s.server.store.db, () => new Date());
      const saved = await store.save(await processImage(photo, { maxBytes: 15 * 1024 * 1024, maxPixels: 50_000_000 }));
      const source = storedImages(store);
      assert.equal(source.available, true);
      const image = await source.load(`https://kalender.example.org/api/images/${saved.id}/480.webp`);
      assert.ok(image, 'the stored picture');
      assert.equal(image.type, 'jpg');
      assert.deepEqual([image.width, image.height], [960, 480], 'the 960 px JPEG for print');
      assert.deepEqual((await sharp(image.data).metadata()).format, 'jpeg');
      assert.equal(await source.load(`https://elsewhere.example/photos/${saved.id}.jpg`), undefined);
      assert.equal(await source.load(`${s.url}/api/images/${'0'.repeat(32)}/960.jpg`), undefined, 'unknown id');
      assert.equal(await source.load('http://127.0.0.1:1/api/images/x/960.jpg'), undefined);
    } finally {
      await s.stop();
    }
  });
});
