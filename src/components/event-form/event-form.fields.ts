/**
 * The form's model without DOM: the values a visitor edits, the client-side checks, the
 * recurrence rule, and the JSON the server expects (the feed's field names, see docs/server.md).
 */
import {
  addDaysIso,
  isImageLicense,
  isIsoDate,
  utcStamp,
  type Association,
  type EventStatus,
  type Locale,
  type SubmissionPayload,
} from '../../core/index.js';
import type { FormMessages } from './event-form.messages.js';
import { schemaProblems } from './event-form.schema.js';
import { REPEATS, seriesDates, seriesProblems, seriesRule, WEEKDAYS, type SeriesValues } from './event-form.series.js';

export const ZONE = 'Europe/Berlin';
export const OTHER_TOWN = '__other';
export const DEFAULT_TOWNS = ['Aschersleben', 'Arnstein', 'Falkenstein/Harz', 'Seeland'];
export const DEFAULT_CATEGORIES = ['Kultur', 'Sport', 'Kirche', 'Natur', 'Familie', 'Musik', 'Markt', 'Sonstiges'];
/** Sent as these German values whatever the form's language; the labels are localized. */
export const AUDIENCES = ['Kinder', 'Jugendliche', 'Familien', 'Erwachsene', 'Senioren'];
/** The statuses the edit mode offers (the feed's values; labels are localized). */
export const EVENT_STATUSES = ['scheduled', 'cancelled', 'postponed', 'rescheduled', 'movedOnline'];
export const ACCESSIBILITY = ['rollstuhlgerecht', 'barrierefreie Toilette', 'Induktionsschleife', 'Gebärdensprache'];

/** Everything the visitor can edit; this is what the draft in localStorage holds (never the honeypot). */
export interface FormValues extends SeriesValues {
  title: string;
  description: string;
  town: string;
  otherTown: string;
  placeName: string;
  placeAddress: string;
  category: string;
  organizer: string;
  audience: string[];
  accessibility: string[];
  price: string;
  free: boolean;
  url: string;
  /** The uploaded picture's id (POST /api/images), or ''. */
  image: string;
  /** A small rendition of it, for the preview. */
  imagePreview: string;
  /** Its pixel size, so the preview takes its place at once. */
  imageWidth: string;
  imageHeight: string;
  imageAlt: string;
  imageCredit: string;
  /** One of IMAGE_LICENSES, or '' while none is chosen. */
  imageLicense: string;
  contactName: string;
  contactEmail: string;
  privacy: boolean;
  publish: boolean;
  /** Edit mode: one of EVENT_STATUSES ('scheduled' by default). */
  status: string;
  /** Edit mode: a short public note on the status ("wegen Unwetter"). */
  statusNote: string;
  /** Edit mode: no places left (ausgebucht). */
  soldOut: boolean;
}

export type FieldName = keyof FormValues;

export function emptyValues(): FormValues {
  return {
    title: '',
    description: '',
    startDate: '',
    startTime: '',
    endDate: '',
    endTime: '',
    allDay: false,
    repeat: 'none',
    interval: '1',
    weekdays: [],
    monthWeek: '',
    end: 'never',
    until: '',
    count: '',
    exdates: [],
    rdates: [],
    town: '',
    otherTown: '',
    placeName: '',
    placeAddress: '',
    category: '',
    organizer: '',
    audience: [],
    accessibility: [],
    price: '',
    free: false,
    url: '',
    image: '',
    imagePreview: '',
    imageWidth: '',
    imageHeight: '',
    imageAlt: '',
    imageCredit: '',
    imageLicense: '',
    contactName: '',
    contactEmail: '',
    privacy: false,
    publish: false,
    status: 'scheduled',
    statusNote: '',
    soldOut: false,
  };
}

/** A stored draft, read defensively: only known fields of the right type survive. */
export function restoreValues(raw: unknown): FormValues | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const values = emptyValues();
  const source = raw as Record<string, unknown>;
  for (const key of Object.keys(values) as FieldName[]) {
    const stored = source[key];
    const current = values[key];
    if (Array.isArray(current)) {
      if (Array.isArray(stored)) (values[key] as string[]) = stored.filter((v): v is string => typeof v === 'string');
    } else if (typeof stored === typeof current) {
      (values as unknown as Record<string, unknown>)[key] = stored;
    }
  }
  // Drafts of the earlier form: "every two weeks" and "monthly on this weekday".
  const old = source['repeat'];
  if (old === 'biweekly') Object.assign(values, { repeat: 'weekly', interval: '2' });
  else if (old === 'monthly') values.repeat = 'monthly-weekday';
  if (!REPEATS.includes(values.repeat)) values.repeat = 'none';
  if (!['never', 'until', 'count'].includes(values.end)) values.end = 'never';
  if (old !== undefined && source['end'] === undefined && values.until) values.end = 'until';
  values.weekdays = WEEKDAYS.filter((d) => values.weekdays.includes(d));
  // Drafts of the earlier form held a picture's URL; a picture is now an upload of the server.
  if (!IMAGE_ID_RE.test(values.image) || !isHttpUrl(values.imagePreview)) {
    Object.assign(values, { image: '', imagePreview: '', imageWidth: '', imageHeight: '' });
  }
  if (values.imageLicense && !isImageLicense(values.imageLicense)) values.imageLicense = '';
  if (!EVENT_STATUSES.includes(values.status)) values.status = 'scheduled';
  return values;
}

/** The JSON body of `POST <action>`. */
const IMAGE_ID_RE = /^[0-9a-f]{32}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A wall time in Berlin as a UTC instant, `YYYYMMDDTHHMMSSZ` (RFC 5545 wants UNTIL in UTC for zoned starts). */
export function berlinToUtcStamp(date: string, time: string): string {
  return utcStamp(date, time, ZONE);
}

/** The date-only form of the event: all-day checked, or no start time given. */
export function isDateOnly(v: FormValues): boolean {
  return v.allDay || v.startTime === '';
}

export type Errors = Partial<Record<FieldName, string>>;

/** What the checks need besides the values: today (`YYYY-MM-DD` in Europe/Berlin), the allowed range, the language. */
export interface CheckOptions {
  today: string;
  maxDaysAhead: number;
  locale: Locale;
  /** False where the contact and consent fields are not shown (edit mode, `no-contact`). Default true. */
  contact?: boolean;
  /** A start date that may lie in the past: the one the edited event already has. */
  keptStart?: string;
}

/** The client-side checks. */
export function validate(v: FormValues, options: CheckOptions, t: FormMessages['errors']): Errors {
  const today = options.today;
  const e: Errors = {};
  const title = v.title.trim();
  if (!title) e.title = t.titleRequired;
  else if (title.length < 3) e.title = t.titleShort;
  if (!v.startDate) e.startDate = t.startRequired;
  else if (!isIsoDate(v.startDate)) e.startDate = t.date;
  else if (v.startDate < today && v.startDate !== options.keptStart) e.startDate = t.past;
  if (!v.allDay) {
    if (v.startTime && !TIME_RE.test(v.startTime)) e.startTime = t.time;
    if (v.endTime && !TIME_RE.test(v.endTime)) e.endTime = t.time;
    if (v.endTime && !v.startTime) e.startTime = t.startTimeMissing;
    if (v.startTime && v.endDate && !v.endTime) e.endTime = t.endTimeMissing;
  }
  if (v.endDate && !isIsoDate(v.endDate)) e.endDate = t.date;
  if (!e.startDate && !e.endDate && !e.startTime && !e.endTime) {
    const end = endOf(v);
    if (end !== undefined) {
      const start = isDateOnly(v) ? v.startDate : `${v.startDate}T${v.startTime}`;
      const endField: FieldName = v.endDate ? 'endDate' : 'endTime';
      // An all-day end is shown inclusive (the last day) and sent exclusive, so the same day is fine.
      if (isDateOnly(v) ? v.endDate < v.startDate : end <= start) e[endField] = t.endBeforeStart;
    }
  }
  if (!e.startDate) {
    Object.assign(e, seriesProblems(v, { ...options, zone: ZONE, toUtcStamp: berlinToUtcStamp }, t));
  }
  if (v.town === OTHER_TOWN && !v.otherTown.trim()) e.otherTown = t.otherTown;
  if (v.url.trim() && !isHttpUrl(v.url.trim())) e.url = t.url;
  if (v.image) {
    if (!v.imageAlt.trim()) e.imageAlt = t.imageAlt;
    if (!isImageLicense(v.imageLicense)) e.imageLicense = t.imageLicense;
  }
  if (options.contact !== false) {
    if (!v.contactName.trim()) e.contactName = t.contactName;
    if (!v.contactEmail.trim()) e.contactEmail = t.contactEmail;
    else if (!EMAIL_RE.test(v.contactEmail.trim())) e.contactEmail = t.email;
    if (!v.privacy) e.privacy = t.privacy;
    if (!v.publish) e.publish = t.license;
  }
  // The feed schema's own limits (lengths, http(s) links), shared with the server.
  for (const problem of schemaProblems(v)) {
    e[problem.field] ??= problem.kind === 'tooLong' ? t.tooLong(problem.max!) : t.url;
  }
  return e;
}

/** The `end` field as the feed writes it, or undefined when the visitor gave none. */
function endOf(v: FormValues): string | undefined {
  if (isDateOnly(v)) return v.endDate && v.endDate > v.startDate ? addDaysIso(v.endDate, 1) : v.endDate || undefined;
  if (!v.endTime) return undefined;
  return `${v.endDate || v.startDate}T${v.endTime}`;
}

function trimmed(value: string): string | undefined {
  const t = value.trim();
  return t === '' ? undefined : t;
}

/** The request body from valid values. Empty fields are left out. */
export function buildPayload(
  v: FormValues,
  options: { associations: readonly Association[]; license: string; honeypot: string; formTime: number },
): SubmissionPayload {
  const dateOnly = isDateOnly(v);
  const end = endOf(v);
  const organizer = v.organizer.trim();
  const association = organizer
    ? options.associations.find((a) => a.name.trim().toLowerCase() === organizer.toLowerCase())
    : undefined;
  const town = v.town === OTHER_TOWN ? trimmed(v.otherTown) : trimmed(v.town);
  const location = { name: trimmed(v.placeName), address: trimmed(v.placeAddress) };
  const payload: SubmissionPayload = {
    title: v.title.trim(),
    start: dateOnly ? v.startDate : `${v.startDate}T${v.startTime}`,
    timeZone: ZONE,
    contact: { name: v.contactName.trim(), email: v.contactEmail.trim() },
    consent: true,
    license: options.license,
    website2: options.honeypot,
    formTime: Math.round(options.formTime),
  };
  // A one-day all-day event has no end (the feed's convention); the exclusive end is the next day.
  if (end !== undefined && !(dateOnly && end === v.startDate)) payload.end = end;
  const rrule = seriesRule(v, berlinToUtcStamp);
  if (rrule) {
    payload.rrule = rrule;
    Object.assign(payload, seriesDates(v));
  }
  const description = trimmed(v.description);
  if (description) payload.description = description;
  if (town) payload.town = town;
  if (location.name || location.address) {
    payload.location = {};
    if (location.name) payload.location.name = location.name;
    if (location.address) payload.location.address = location.address;
  }
  if (v.category) payload.categories = [v.category];
  if (association) payload.organizerId = association.id;
  else if (organizer) payload.organizer = organizer;
  if (v.audience.length) payload.audience = [...v.audience];
  if (v.accessibility.length) payload.accessibility = [...v.accessibility];
  if (v.free) payload.free = true;
  else if (trimmed(v.price)) payload.price = v.price.trim();
  if (trimmed(v.url)) payload.url = v.url.trim();
  if (v.status !== 'scheduled' && EVENT_STATUSES.includes(v.status)) payload.status = v.status as EventStatus;
  if (trimmed(v.statusNote)) payload.statusNote = v.statusNote.trim();
  if (v.soldOut) payload.soldOut = true;
  if (v.image && isImageLicense(v.imageLicense)) {
    payload.image = { id: v.image, alt: v.imageAlt.trim(), license: v.imageLicense };
    const credit = trimmed(v.imageCredit);
    if (credit) payload.image.credit = credit;
  }
  return payload;
}

/** A comma-separated choice attribute (`towns`, `categories`); the defaults when it names none. */
export function choices(value: string | undefined, fallback: string[]): string[] {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : fallback;
}

/**
 * A 422's messages: every string by its (dotted) server key, sorted into the first message at
 * each form field and those without a field (the summary only).
 */
export function serverErrors(raw: unknown): { errors: Record<string, string>; atFields: Errors; general: string[] } {
  const errors: Record<string, string> = {};
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, message] of Object.entries(raw)) if (typeof message === 'string') errors[key] = message;
  }
  const atFields: Errors = {};
  const general: string[] = [];
  for (const [key, message] of Object.entries(errors)) {
    const field = fieldForServerKey(key);
    if (field && atFields[field] === undefined) atFields[field] = message;
    else general.push(message);
  }
  return { errors, atFields, general };
}

/** The form field that shows a server message keyed by the payload's (dotted) field name. */
export function fieldForServerKey(key: string): FieldName | undefined {
  const map: Record<string, FieldName> = {
    title: 'title',
    description: 'description',
    start: 'startDate',
    end: 'endDate',
    duration: 'endDate',
    rrule: 'repeat',
    exdates: 'exdates',
    rdates: 'rdates',
    town: 'town',
    'location.name': 'placeName',
    'location.address': 'placeAddress',
    location: 'placeName',
    categories: 'category',
    organizerId: 'organizer',
    organizer: 'organizer',
    audience: 'audience',
    accessibility: 'accessibility',
    price: 'price',
    free: 'free',
    url: 'url',
    image: 'image',
    'image.alt': 'imageAlt',
    'image.credit': 'imageCredit',
    'image.license': 'imageLicense',
    'contact.name': 'contactName',
    'contact.email': 'contactEmail',
    contact: 'contactName',
    consent: 'privacy',
    license: 'publish',
    status: 'status',
    statusNote: 'statusNote',
    soldOut: 'soldOut',
  };
  if (map[key]) return map[key];
  if (key.startsWith('location.')) return 'placeName';
  return undefined;
}
