/**
 * The gazette as a print-ready PDF (pdfmake): A4, the title over the full width, the calendar
 * in one column or two newspaper columns that flow from column to column and page to page
 * (pdfmake's snaking columns), the same entries and wording as the DOCX and the text.
 *
 * Fonts: Roboto as it ships inside the pdfmake package (Apache 2.0; covers German's umlauts,
 * ß, „“ and –), read from disk once and embedded as subsets. pdfmake may read nothing else:
 * its URL and local-file policies refuse every request, so a document can never make the
 * server fetch a URL or read a file (images arrive as bytes, see images.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { Gazette, GazetteEntry } from './layout.js';
import type { GazetteImage } from './images.js';
import { EMPTY_TEXT, headingText, REGULAR_HEADING, subtitle } from './text.js';

export interface PdfOptions {
  columns: 1 | 2;
  /** Body size in points. */
  fontSize: number;
  images: ReadonlyMap<string, GazetteImage>;
}

const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

let ready = false;

function setUp(): void {
  if (ready) return;
  const folder = join(dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  for (const file of Object.values(FONT_FILES)) pdfmake.virtualfs.writeFileSync(file, readFileSync(join(folder, file)));
  pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

/** 1 cm in points. */
const CM = 28.35;
const TEXT_WIDTH = 595.28 - 4 * CM;

type Node = Record<string, unknown> | string;

function entryNodes(entry: GazetteEntry, options: PdfOptions, images: Record<string, string>, rhythm?: string): Node[] {
  const rest = [entry.note, entry.place, entry.organizer ? `Veranstalter: ${entry.organizer}` : undefined].filter(Boolean);
  const line: Node[] = [];
  if (rhythm) line.push(`${rhythm}, `);
  line.push(`${entry.time}, `, { text: entry.title, bold: true });
  if (entry.status) line.push({ text: ` (${entry.status})`, bold: true });
  if (rest.length) line.push(`, ${rest.join(', ')}`);
  const stack: Node[] = [];
  const image = entry.image ? options.images.get(entry.image) : undefined;
  if (image && entry.image) {
    const name = `img${Object.keys(images).length}`;
    images[name] = `data:image/${image.type === 'jpg' ? 'jpeg' : 'png'};base64,${Buffer.from(image.data).toString('base64')}`;
    const columnWidth = options.columns === 2 ? (TEXT_WIDTH - CM) / 2 : TEXT_WIDTH / 2;
    stack.push({ image: name, width: Math.min(columnWidth, image.width * 0.75), margin: [0, 0, 0, 2] });
  }
  stack.push({ text: line });
  if (entry.description) stack.push({ text: entry.description, italics: true, fontSize: options.fontSize * 0.9 });
  return [{ stack, margin: [0, 0, 0, options.fontSize * 0.5], unbreakable: true }];
}

export function gazettePdfDefinition(gazette: Gazette, options: PdfOptions): Record<string, unknown> {
  const images: Record<string, string> = {};
  const body: Node[] = [];
  // A heading never stays alone at the foot of a column: it travels with its first entry.
  const group = (headings: Node[], entries: Node[]): void => {
    body.push({ stack: [...headings, entries[0] ?? ''], unbreakable: true }, ...entries.slice(1));
  };
  for (const section of gazette.sections) {
    const town: Node[] = section.town !== undefined ? [{ text: section.town, style: 'town' }] : [];
    if (section.regular.length) {
      const entries = section.regular.flatMap((series) => entryNodes(series, options, images, series.rhythm));
      group([...town.splice(0), { text: REGULAR_HEADING, style: 'day' }], entries);
    }
    for (const day of section.days) {
      const entries = day.entries.flatMap((entry) => entryNodes(entry, options, images));
      group([...town.splice(0), { text: day.heading, style: 'day' }], entries);
    }
  }
  if (gazette.dateCount === 0) body.push(EMPTY_TEXT);
  const calendar: Node =
    options.columns === 2
      ? {
          columns: [
            { width: '*', stack: body },
            { width: '*', text: '' },
          ],
          columnGap: CM,
          snakingColumns: true,
        }
      : { stack: body };
  const size = options.fontSize;
  return {
    pageSize: 'A4',
    pageMargins: [2 * CM, 2 * CM, 2 * CM, 2 * CM],
    info: { title: headingText(gazette), subject: subtitle(gazette), creator: gazette.title },
    language: 'de-DE',
    defaultStyle: { font: 'Roboto', fontSize: size, lineHeight: 1.15 },
    styles: {
      title: { fontSize: size * 1.8, bold: true, margin: [0, 0, 0, 2] },
      subtitle: { fontSize: size, margin: [0, 0, 0, size] },
      town: { fontSize: size * 1.4, bold: true, margin: [0, size, 0, size * 0.5] },
      day: { fontSize: size * 1.1, bold: true, margin: [0, size * 0.4, 0, size * 0.2] },
    },
    footer: (page: number, pages: number) => ({
      text: `${headingText(gazette)} · Seite ${page} von ${pages}`,
      alignment: 'center',
      fontSize: size * 0.8,
      margin: [0, CM * 0.6, 0, 0],
    }),
    content: [{ text: headingText(gazette), style: 'title' }, { text: subtitle(gazette), style: 'subtitle' }, calendar],
    images,
  };
}

export async function gazettePdf(gazette: Gazette, options: PdfOptions): Promise<Uint8Array> {
  setUp();
  const buffer = await pdfmake.createPdf(gazettePdfDefinition(gazette, options)).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
