/**
 * What both parts of the JSON feed reader use: the reading context, series support as the
 * caller hands it in (and the error that asks for it), and the small value readers (text,
 * lists, addresses, e-mail, phone, URLs, places, contacts). The events reader (json.ts) and
 * the association reader (json-associations.ts) import it.
 */
import type { EventContact, EventLocation, FeedError } from '../model.js';
import type { SeriesSupport } from '../recurrence.js';
import { mailtoUrl, safeUrl, telUrl } from '../url.js';

/** The parts of series support the reader needs. */
export type RuleReader = Pick<SeriesSupport, 'parseRecurrenceRule' | 'untilReading'>;

/** Thrown by `readJsonFeed` without a `RuleReader` when the feed has an RRULE after all. */
export class SeriesNeeded extends Error {}

/** Reports a problem with one field of the entry being read. */
export type Warn = (field: string, message: string) => void;

export interface ReadContext {
  report: (severity: FeedError['severity'], path: string, message: string, eventId?: string) => void;
  feedZone: string;
  baseUrl: string | undefined;
  rules: RuleReader | undefined;
}

/** Series support, or `SeriesNeeded` when the caller left it out. */
export function rulesOf(ctx: ReadContext): RuleReader {
  if (!ctx.rules) throw new SeriesNeeded('the feed has a series');
  return ctx.rules;
}

/** A value as text for a message; never throws (an object without prototype has no toString). */
export function shown(value: unknown): string {
  try {
    return typeof value === 'object' && value !== null ? JSON.stringify(value).slice(0, 80) : String(value);
  } catch {
    return '[unreadable value]';
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A trimmed non-empty string (numbers are accepted as ids and prices), else undefined. */
export function str(value: unknown, max = 10_000): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
}

export function strList(value: unknown): string[] {
  if (typeof value === 'string')
    return value
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  if (!Array.isArray(value)) return [];
  return value.map((v) => str(v, 200)).filter((v): v is string => v !== undefined);
}

/** schema.org PostalAddress as one line. */
export function addressText(value: Record<string, unknown>): string | undefined {
  const street = str(value['streetAddress']);
  const place = [str(value['postalCode']), str(value['addressLocality'])].filter(Boolean).join(' ');
  return [street, place].filter(Boolean).join(', ') || undefined;
}

/**
 * An e-mail address (written with or without `mailto:`) and a phone number, each kept when
 * it is one and dropped with a warning on `field` (`label` names it) when not. Undefined
 * when there is none.
 */
export function readEmail(value: unknown, field: string, label: string, warn: Warn): string | undefined {
  if (value === undefined) return undefined;
  if (mailtoUrl(value))
    return String(value)
      .trim()
      .replace(/^mailto:/i, '');
  warn(field, `${label} is not an e-mail address and was dropped`);
  return undefined;
}

export function readPhone(value: unknown, field: string, label: string, warn: Warn): string | undefined {
  if (value === undefined) return undefined;
  if (telUrl(value)) return String(value).trim();
  warn(field, `${label} is not a phone number and was dropped`);
  return undefined;
}

export function assignUrl(
  target: { url?: string; image?: string },
  field: 'url' | 'image',
  value: unknown,
  kind: 'link' | 'image',
  ctx: ReadContext,
  warn: Warn,
): void {
  const raw = isObject(value) ? value['url'] : value;
  if (raw === undefined || raw === null || raw === '') return;
  const safe = safeUrl(raw, kind, ctx.baseUrl);
  if (safe) target[field] = safe;
  else warn(field, `${field} "${shown(raw).slice(0, 80)}" is not an http(s) URL and was dropped`);
}

export function readLocation(value: unknown, warn: Warn): EventLocation | undefined {
  if (typeof value === 'string') return value.trim() ? { name: value.trim().slice(0, 300) } : undefined;
  if (!isObject(value)) return undefined;
  const location: EventLocation = {};
  const name = str(value['name'], 300);
  if (name) location.name = name;
  const address = isObject(value['address']) ? addressText(value['address']) : str(value['address'], 500);
  if (address) location.address = address;
  const lat = Number(value['lat'] ?? value['latitude']);
  const lon = Number(value['lon'] ?? value['longitude']);
  if ((value['lat'] ?? value['lon']) !== undefined) {
    if (Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      location.lat = lat;
      location.lon = lon;
    } else {
      warn('location', 'lat/lon are not a valid position and were ignored');
    }
  }
  return Object.keys(location).length ? location : undefined;
}

export function readContact(value: unknown, ctx: ReadContext, warn: Warn): EventContact | undefined {
  if (!isObject(value)) return undefined;
  const contact: EventContact = {};
  const name = str(value['name'], 200);
  if (name) contact.name = name;
  const email = readEmail(value['email'], 'contact/email', 'contact e-mail', warn);
  if (email) contact.email = email;
  const phone = readPhone(value['phone'], 'contact/phone', 'contact phone', warn);
  if (phone) contact.phone = phone;
  if (value['url'] !== undefined) {
    const url = safeUrl(value['url'], 'link', ctx.baseUrl);
    if (url) contact.url = url;
    else warn('contact/url', 'contact url is not an http(s) URL and was dropped');
  }
  return Object.keys(contact).length ? contact : undefined;
}
