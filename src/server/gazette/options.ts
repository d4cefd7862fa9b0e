/**
 * The gazette request's query, checked field by field with German messages (every bad value is
 * a 400 that says what is wrong), and the download's file name.
 */
import { compareText, foldText } from '../../core/index.js';
import { HttpError } from '../context.js';
import type { GazetteOptions } from './layout.js';

export interface GazetteQuery {
  towns?: string;
  from?: string;
  to?: string;
  categories?: string;
  order?: string;
  columns?: string;
  fontSize?: string;
  maxDescription?: string;
  images?: string;
  series?: string;
}

/** The longest period one gazette may cover, in days (three months). */
export const MAX_DAYS = 93;
export const FONT_SIZES = { min: 7, max: 14, default: 10 } as const;
export const DESCRIPTION = { max: 400, default: 120 } as const;

/** Fastify's schema: strings only, no unknown parameter, nothing long. */
export const GAZETTE_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(
    ['towns', 'from', 'to', 'categories', 'order', 'columns', 'fontSize', 'maxDescription', 'images', 'series'].map((name) => [
      name,
      { type: 'string', maxLength: name === 'towns' || name === 'categories' ? 2000 : 20 },
    ]),
  ),
} as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function bad(message: string): HttpError {
  return new HttpError(400, message);
}

function day(value: string | undefined, name: 'from' | 'to'): string {
  const label = name === 'from' ? 'Beginn des Zeitraums („from“)' : 'Ende des Zeitraums („to“)';
  if (!value) throw bad(`Bitte geben Sie den ${label} als Datum an (JJJJ-MM-TT).`);
  const m = DATE.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || !date || date.toISOString().slice(0, 10) !== value || Number(m[1]) < 1900 || Number(m[1]) > 2999) {
    throw bad(`Der ${label} ist kein gültiges Datum (JJJJ-MM-TT): „${value}“.`);
  }
  return value;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Each asked-for name as the feed spells it; an unknown one is a 400 naming it and the known ones. */
function known(asked: string[], offered: readonly string[], what: 'Ort' | 'Kategorie'): string[] {
  const byKey = new Map(offered.map((name) => [foldText(name), name]));
  const out: string[] = [];
  for (const name of asked) {
    const match = byKey.get(foldText(name));
    if (!match) {
      const choices = offered.length ? ` Möglich: ${offered.join(', ')}.` : '';
      throw bad(`${what === 'Ort' ? 'Unbekannter Ort' : 'Unbekannte Kategorie'}: „${name}“.${choices}`);
    }
    if (!out.includes(match)) out.push(match);
  }
  return out.sort(compareText);
}

function integer(value: string | undefined, fallback: number, min: number, max: number, message: string): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,4}$/.test(value)) throw bad(message);
  const n = Number(value);
  if (n < min || n > max) throw bad(message);
  return n;
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, message: string): T {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw bad(message);
  return value as T;
}

const PARAMETERS = new Set(Object.keys(GAZETTE_QUERY_SCHEMA.properties));

/**
 * The raw query string's names: an unknown or repeated parameter is a 400 (Fastify's schema
 * would drop an unknown one silently, and the editor would get a gazette without the option).
 */
export function checkParameterNames(rawQuery: string): void {
  const seen = new Set<string>();
  for (const name of new URLSearchParams(rawQuery).keys()) {
    if (!PARAMETERS.has(name)) throw bad(`Unbekannter Parameter: „${name.slice(0, 40)}“.`);
    if (seen.has(name)) throw bad(`Der Parameter „${name}“ ist mehrfach angegeben.`);
    seen.add(name);
  }
}

export function parseGazetteQuery(
  query: GazetteQuery,
  offered: { towns: readonly string[]; categories: readonly string[] },
): GazetteOptions {
  const from = day(query.from, 'from');
  const to = day(query.to, 'to');
  if (to < from) throw bad('Das Ende des Zeitraums („to“) liegt vor seinem Beginn („from“).');
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_DAYS)
    throw bad(`Der Zeitraum ist zu lang: höchstens drei Monate (${MAX_DAYS} Tage), angefragt sind ${days} Tage.`);
  return {
    from,
    to,
    towns: known(list(query.towns), offered.towns, 'Ort'),
    categories: known(list(query.categories), offered.categories, 'Kategorie'),
    order: choice(
      query.order,
      ['day', 'town'],
      'day',
      'Die Reihenfolge („order“) ist „day“ (nach Tagen) oder „town“ (nach Orten, dann Tagen).',
    ),
    columns: Number(choice(query.columns, ['1', '2'], '2', 'Die Spaltenzahl („columns“) ist 1 oder 2.')) as 1 | 2,
    fontSize: integer(
      query.fontSize,
      FONT_SIZES.default,
      FONT_SIZES.min,
      FONT_SIZES.max,
      `Die Schriftgröße („fontSize“) ist eine ganze Zahl von ${FONT_SIZES.min} bis ${FONT_SIZES.max} (Punkt).`,
    ),
    maxDescription: integer(
      query.maxDescription,
      DESCRIPTION.default,
      0,
      DESCRIPTION.max,
      `Die Länge der Beschreibung („maxDescription“) ist eine ganze Zahl von 0 (keine Beschreibung) bis ${DESCRIPTION.max} Zeichen.`,
    ),
    images: choice(query.images, ['true', 'false'], 'false', 'Bilder („images“) ist „true“ oder „false“.') === 'true',
    collapseSeries:
      choice(
        query.series,
        ['collapse', 'list'],
        'collapse',
        'Serien („series“) ist „collapse“ (zusammenfassen) oder „list“ (jeden Termin einzeln).',
      ) === 'collapse',
  };
}

function slug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** "mitteilungsblatt-2027-06.docx", "mitteilungsblatt-arnstein-2027-06.pdf", "mitteilungsblatt-2027-06-01-bis-2027-07-15.txt". */
export function gazetteFileName(options: Pick<GazetteOptions, 'from' | 'to' | 'towns'>, extension: string): string {
  const { from, to } = options;
  const lastOfMonth = new Date(Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const period = from.endsWith('-01') && to === lastOfMonth ? from.slice(0, 7) : `${from}-bis-${to}`;
  const town = options.towns.length === 1 ? slug(options.towns[0]!) : '';
  return `mitteilungsblatt-${town ? `${town}-` : ''}${period}.${extension}`;
}
