/**
 * The gazette as a Word document (DOCX, the `docx` package) that an editor drops into the
 * gazette's layout or prints as it is: A4, the title over the full width, then the calendar in
 * one or two newspaper columns (a continuous section), day headings as Word headings (kept
 * with their first entry), each entry one paragraph: time, title in bold, a cancelled or
 * postponed date marked in bold, place and organizer; the description in a smaller line.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  SectionType,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { Gazette, GazetteEntry } from './layout.js';
import type { GazetteImage } from './images.js';
import { headingText, EMPTY_TEXT, REGULAR_HEADING, subtitle } from './text.js';

export interface DocxOptions {
  columns: 1 | 2;
  /** Body size in points. */
  fontSize: number;
  /** Images by URL, as the server has them (absent ones are left out). */
  images: ReadonlyMap<string, GazetteImage>;
}

/** 1 cm in twentieths of a point. */
const CM = 567;
/** A4 width minus 2 × 2 cm margins, in twips. */
const TEXT_WIDTH = 11906 - 4 * CM;

function halfPoints(pt: number): number {
  return Math.round(pt * 2);
}

function imageParagraph(entry: GazetteEntry, options: DocxOptions): Paragraph | undefined {
  const image = entry.image ? options.images.get(entry.image) : undefined;
  if (!image) return undefined;
  // Column width in pixels at 96 dpi; images never wider than their column, never upscaled.
  const columnTwips = options.columns === 2 ? (TEXT_WIDTH - CM) / 2 : TEXT_WIDTH / 2;
  const maxWidth = Math.floor((columnTwips / 1440) * 96);
  const width = Math.min(image.width, maxWidth);
  const height = Math.round((image.height * width) / image.width);
  return new Paragraph({
    spacing: { after: 60 },
    children: [
      new ImageRun({
        type: image.type,
        data: image.data,
        transformation: { width, height },
        altText: { name: entry.title, description: entry.imageAlt ?? '', title: entry.title },
      }),
    ],
  });
}

function entryParagraphs(entry: GazetteEntry, options: DocxOptions, rhythm?: string): Paragraph[] {
  const runs: ParagraphChild[] = [];
  if (rhythm) runs.push(new TextRun({ text: `${rhythm}, ` }));
  runs.push(new TextRun({ text: `${entry.time}, ` }), new TextRun({ text: entry.title, bold: true }));
  if (entry.status) runs.push(new TextRun({ text: ` (${entry.status})`, bold: true }));
  const rest = [entry.note, entry.place, entry.organizer ? `Veranstalter: ${entry.organizer}` : undefined].filter(Boolean);
  if (rest.length) runs.push(new TextRun({ text: `, ${rest.join(', ')}` }));
  const out: Paragraph[] = [];
  const image = imageParagraph(entry, options);
  if (image) out.push(image);
  out.push(
    new Paragraph({
      children: runs,
      keepLines: true,
      keepNext: Boolean(entry.description),
      spacing: { after: entry.description ? 0 : 100 },
    }),
  );
  if (entry.description) {
    out.push(
      new Paragraph({
        children: [new TextRun({ text: entry.description, size: halfPoints(options.fontSize * 0.9), italics: true })],
        keepLines: true,
        spacing: { after: 100 },
      }),
    );
  }
  return out;
}

export function gazetteDocxDocument(gazette: Gazette, options: DocxOptions): Document {
  const body: Paragraph[] = [];
  for (const section of gazette.sections) {
    if (section.town !== undefined)
      body.push(new Paragraph({ text: section.town, heading: HeadingLevel.HEADING_2, keepNext: true }));
    if (section.regular.length) {
      body.push(new Paragraph({ text: REGULAR_HEADING, heading: HeadingLevel.HEADING_3, keepNext: true }));
      for (const series of section.regular) body.push(...entryParagraphs(series, options, series.rhythm));
    }
    for (const day of section.days) {
      body.push(new Paragraph({ text: day.heading, heading: HeadingLevel.HEADING_3, keepNext: true }));
      for (const entry of day.entries) body.push(...entryParagraphs(entry, options));
    }
  }
  if (gazette.dateCount === 0) body.push(new Paragraph({ text: EMPTY_TEXT }));
  const size = halfPoints(options.fontSize);
  const page = { size: { width: 11906, height: 16838 }, margin: { top: 2 * CM, bottom: 2 * CM, left: 2 * CM, right: 2 * CM } };
  return new Document({
    creator: gazette.title,
    title: headingText(gazette),
    description: subtitle(gazette),
    styles: {
      default: {
        document: { run: { font: 'Arial', size, language: { value: 'de-DE' } }, paragraph: { spacing: { line: 260 } } },
        heading1: { run: { font: 'Arial', size: halfPoints(options.fontSize * 1.8), bold: true, color: '000000' } },
        heading2: {
          run: { font: 'Arial', size: halfPoints(options.fontSize * 1.4), bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading3: {
          run: { font: 'Arial', size: halfPoints(options.fontSize * 1.1), bold: true, color: '000000' },
          paragraph: { spacing: { before: 160, after: 60 } },
        },
      },
    },
    sections: [
      {
        properties: { page },
        children: [
          new Paragraph({ text: headingText(gazette), heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [new TextRun({ text: subtitle(gazette) })],
            alignment: AlignmentType.LEFT,
            spacing: { after: 200 },
          }),
        ],
      },
      {
        properties: {
          type: SectionType.CONTINUOUS,
          page,
          column: { count: options.columns, space: CM, equalWidth: true },
        },
        children: body,
      },
    ],
  });
}

export async function gazetteDocx(gazette: Gazette, options: DocxOptions): Promise<Uint8Array> {
  const buffer = await Packer.toBuffer(gazetteDocxDocument(gazette, options));
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
