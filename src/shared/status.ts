/**
 * The status of a date, as every element shows it: a label in words (never colour alone),
 * "ausgebucht", where a rescheduled date was before, and the organizer's short note. The
 * list, the grid, its day panel and the details view all draw it from here.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatMoment, type Locale, type Occurrence } from '../core/index.js';
import type { Messages } from '../i18n/messages.js';

type StatusOf = Pick<Occurrence, 'status' | 'statusNote' | 'soldOut' | 'previousStart' | 'timeZone'>;

export interface StatusParts {
  /** "Abgesagt", "Verschoben", "Verlegt", "Online verlegt"; undefined when scheduled. */
  label?: string;
  soldOut?: string;
  /** "verlegt vom Sa., 14.06.2027, 15:00 Uhr". */
  movedFrom?: string;
  note?: string;
}

export function statusParts(o: StatusOf, t: Messages, locale: Locale): StatusParts {
  const parts: StatusParts = {};
  if (o.status === 'cancelled') parts.label = t.cancelled;
  else if (o.status === 'postponed') parts.label = t.postponed;
  else if (o.status === 'rescheduled') parts.label = t.rescheduled;
  else if (o.status === 'movedOnline') parts.label = t.movedOnline;
  // A cancelled date cannot be sold out any more.
  if (o.soldOut && o.status !== 'cancelled') parts.soldOut = t.soldOut;
  if (o.status === 'rescheduled' && o.previousStart) {
    try {
      parts.movedFrom = t.movedFrom(formatMoment(o.previousStart, o.timeZone, locale));
    } catch {
      // A previous start the formatter cannot read is left out; the label still says "Verlegt".
    }
  }
  const note = o.statusNote?.trim();
  if (note && (parts.label || parts.soldOut)) parts.note = note;
  return parts;
}

/** Whether a date has anything to say about its status. */
export function hasStatus(o: StatusOf): boolean {
  return o.status !== 'scheduled' || o.soldOut === true;
}

/** One line of text: "Abgesagt: wegen Unwetter", "Verlegt (verlegt vom …)", "Ausgebucht". */
export function statusText(o: StatusOf, t: Messages, locale: Locale): string {
  const p = statusParts(o, t, locale);
  const head = [p.label, p.soldOut].filter(Boolean).join(', ');
  if (!head) return '';
  return `${head}${p.movedFrom ? ` (${p.movedFrom})` : ''}${p.note ? `: ${p.note}` : ''}`;
}

/** Badges ("Abgesagt", "Ausgebucht"; part `status-badge`), or nothing for a plain scheduled date. */
export function statusBadges(o: StatusOf, t: Messages, locale: Locale): TemplateResult | typeof nothing {
  const p = statusParts(o, t, locale);
  if (!p.label && !p.soldOut) return nothing;
  const kind = o.status === 'cancelled' ? 'badge--cancelled' : '';
  return html`${p.label ? html` <span class="badge ${kind}" part="status-badge">${p.label}</span>` : nothing}${
    p.soldOut ? html` <span class="badge badge--sold-out" part="status-badge">${p.soldOut}</span>` : nothing
  }`;
}

/** The old date of a rescheduled date and the note, as a paragraph (part `status-note`), or nothing. */
export function statusNote(o: StatusOf, t: Messages, locale: Locale): TemplateResult | typeof nothing {
  const p = statusParts(o, t, locale);
  // "Verlegt vom …" opens the line; the organizer's note stays as written.
  const moved = p.movedFrom ? `${p.movedFrom.charAt(0).toUpperCase()}${p.movedFrom.slice(1)}` : undefined;
  const text = [moved, p.note].filter(Boolean).join(' – ');
  if (!text) return nothing;
  return html`<p class="status-note" part="status-note">${text}</p>`;
}
