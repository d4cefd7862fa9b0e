/**
 * The gazette as plain text for editorial systems that take text: UTF-8, one entry per line
 * with its description on the next, a blank line between days, headings as their own lines.
 * The same entries and wording as the DOCX and the PDF (all three read one Gazette).
 */
import type { Gazette, GazetteEntry, GazetteSeries } from './layout.js';

/** "19:00 Uhr, Chorprobe (abgesagt), Bürgerhaus Hoym, Veranstalter: Chor Hoym" */
export function entryLine(entry: GazetteEntry): string {
  const title = entry.status ? `${entry.title} (${entry.status})` : entry.title;
  const parts = [entry.time, title];
  if (entry.note) parts.push(entry.note);
  if (entry.place) parts.push(entry.place);
  if (entry.organizer) parts.push(`Veranstalter: ${entry.organizer}`);
  return parts.join(', ');
}

export function seriesLine(series: GazetteSeries): string {
  return `${series.rhythm}, ${entryLine(series)}`;
}

/** The subtitle: the towns, and the categories when chosen. */
export function subtitle(gazette: Gazette): string {
  const towns = gazette.towns.length ? gazette.towns.join(', ') : 'Alle Orte';
  return gazette.categories.length ? `${towns} · ${gazette.categories.join(', ')}` : towns;
}

export const REGULAR_HEADING = 'Regelmäßige Termine';
export const EMPTY_TEXT = 'Keine Termine in diesem Zeitraum.';

export function headingText(gazette: Gazette): string {
  return `Veranstaltungen ${gazette.period}`;
}

export function gazetteText(gazette: Gazette): string {
  const lines: string[] = [headingText(gazette), subtitle(gazette), ''];
  const entry = (e: GazetteEntry, first: string): void => {
    lines.push(first);
    if (e.description) lines.push(e.description);
  };
  for (const section of gazette.sections) {
    if (section.town !== undefined) lines.push(`== ${section.town} ==`, '');
    if (section.regular.length) {
      lines.push(REGULAR_HEADING);
      for (const s of section.regular) entry(s, seriesLine(s));
      lines.push('');
    }
    for (const day of section.days) {
      lines.push(day.heading);
      for (const e of day.entries) entry(e, entryLine(e));
      lines.push('');
    }
  }
  if (gazette.dateCount === 0) lines.push(EMPTY_TEXT, '');
  return lines.join('\n').replace(/\n+$/, '\n');
}
