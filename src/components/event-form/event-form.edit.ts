/**
 * The form's edit mode without DOM: an event of the feed (as the server keeps it) read into the
 * form's values, every field including the series, the picture and the status; the event sent
 * back (fields the form has no control for travel along unchanged); and, after a 412, the two
 * versions compared field by field so that nothing is lost.
 */
import {
  addDaysIso,
  formatShortDate,
  formatTime,
  isImageLicense,
  isIsoDate,
  localDate,
  parseRecurrenceRule,
  type EventFormBody,
  type Locale,
  type SubmissionPayload,
} from '../../core/index.js';
import { emptyValues, EVENT_STATUSES, ZONE, type FieldName, type FormValues } from './event-form.fields.js';
import { WEEKDAYS } from './event-form.series.js';

/** An event as the feed (and the workspace API) writes it. */
export type FeedEvent = Readonly<Record<string, unknown>>;

/** Feed fields the form edits; every other field of the edited event is sent back as it was. */
const EDITED = new Set([
  'title',
  'description',
  'start',
  'end',
  'duration',
  'timeZone',
  'rrule',
  'exdates',
  'rdates',
  'town',
  'location',
  'categories',
  'organizerId',
  'organizer',
  'audience',
  'accessibility',
  'price',
  'free',
  'url',
  'image',
  'imageAlt',
  'status',
  'statusNote',
  'soldOut',
]);
/** Written by the server: never sent back. */
const SERVER_FIELDS = new Set(['id', 'recurrenceId', 'updated', 'sequence', 'source']);

const IMAGE_PATH_RE = /\/api\/images\/([0-9a-f]{32})\/[^/]+$/;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Date and wall time (Europe/Berlin) of a feed date: a date, a local time, or an instant. */
function split(when: string): { date: string; time: string } {
  if (isIsoDate(when)) return { date: when, time: '' };
  const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?$/.exec(when);
  if (local) return { date: local[1]!, time: local[2]! };
  try {
    return { date: localDate(when, ZONE), time: formatTime(when, ZONE, 'de') };
  } catch {
    return { date: '', time: '' };
  }
}

/** The picture of an event when it is one of this server's uploads (else the form cannot show it). */
export function ownImage(image: unknown): { id: string; url: string } | undefined {
  const url = typeof image === 'string' ? image : typeof image === 'object' && image ? str((image as FeedEvent)['url']) : '';
  const id = IMAGE_PATH_RE.exec(url.split('?')[0]!)?.[1];
  return id && /^https?:\/\//i.test(url) ? { id, url } : undefined;
}

/** The series part of the values from an RRULE the form can write; undefined for others. */
function seriesValues(rrule: string, dateOnly: boolean): Partial<FormValues> | undefined {
  const parsed = parseRecurrenceRule(rrule);
  if (!parsed.rule) return undefined;
  const r = parsed.rule;
  const unsupported = r.bysecond || r.byminute || r.byhour || r.byyearday || r.byweekno || r.bysetpos || r.bymonth;
  if (unsupported) return undefined;
  const out: Partial<FormValues> = { interval: String(r.interval) };
  const days = r.byday ?? [];
  if (r.freq === 'WEEKLY' && !r.bymonthday && days.every((d) => d.n === undefined)) {
    Object.assign(out, { repeat: 'weekly', weekdays: days.map((d) => WEEKDAYS[d.weekday]!) });
  } else if (r.freq === 'MONTHLY' && days.length === 1 && !r.bymonthday && [1, 2, 3, 4, -1].includes(days[0]!.n ?? 0)) {
    Object.assign(out, { repeat: 'monthly-weekday', monthWeek: String(days[0]!.n) });
  } else if (r.freq === 'MONTHLY' && !days.length && r.bymonthday?.length === 1) {
    out.repeat = 'monthly-date';
  } else if (r.freq === 'YEARLY' && !days.length && !r.bymonthday) {
    out.repeat = 'yearly';
  } else return undefined;
  if (r.count !== undefined) Object.assign(out, { end: 'count', count: String(r.count) });
  else if (r.until) {
    const until = /UNTIL=(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?/i.exec(rrule);
    if (until) {
      const date = `${until[1]}-${until[2]}-${until[3]}`;
      // A UTC end (zoned starts) is the last minute of that day in Berlin.
      const day = until[4] && !dateOnly ? localDate(`${date}T${until[4].slice(1, 3)}:${until[4].slice(3, 5)}:00Z`, ZONE) : date;
      Object.assign(out, { end: 'until', until: day });
    }
  }
  return out;
}

/** The values the form shows for `event`; `names` gives an association's name by id. */
export function eventToValues(event: FeedEvent, names: (id: string) => string | undefined): FormValues {
  const v = emptyValues();
  const start = split(str(event['start']));
  const end = split(str(event['end']));
  const dateOnly = isIsoDate(str(event['start']));
  v.title = str(event['title']);
  v.description = str(event['description']);
  v.startDate = start.date;
  v.startTime = start.time;
  v.allDay = dateOnly;
  if (dateOnly && end.date) {
    // The feed's all-day end is exclusive; the form shows the last day.
    const last = addDaysIso(end.date, -1);
    if (last > v.startDate) v.endDate = last;
  } else if (end.date) {
    if (end.date !== start.date) v.endDate = end.date;
    v.endTime = end.time;
  }
  const rrule = str(event['rrule']);
  const series = rrule ? seriesValues(rrule, dateOnly) : undefined;
  if (series) {
    Object.assign(v, series);
    v.exdates = strings(event['exdates']).map((d) => d.slice(0, 10));
    v.rdates = strings(event['rdates']).map((d) => d.slice(0, 10));
  }
  v.town = str(event['town']);
  const location = (typeof event['location'] === 'object' && event['location']) || {};
  v.placeName = str((location as FeedEvent)['name']);
  v.placeAddress = str((location as FeedEvent)['address']);
  v.category = strings(event['categories'])[0] ?? '';
  const organizerId = str(event['organizerId']);
  v.organizer = (organizerId && names(organizerId)) || str(event['organizer']) || organizerId;
  v.audience = strings(event['audience']);
  v.accessibility = strings(event['accessibility']);
  v.free = event['free'] === true;
  v.price = typeof event['price'] === 'number' ? String(event['price']) : str(event['price']);
  v.url = str(event['url']);
  const picture = ownImage(event['image']);
  if (picture) {
    const image = typeof event['image'] === 'object' && event['image'] ? (event['image'] as FeedEvent) : {};
    v.image = picture.id;
    v.imagePreview = picture.url;
    v.imageWidth = typeof image['width'] === 'number' ? String(image['width']) : '';
    v.imageHeight = typeof image['height'] === 'number' ? String(image['height']) : '';
    v.imageAlt = str(image['alt']) || str(event['imageAlt']);
    v.imageCredit = str(image['credit']);
    v.imageLicense = isImageLicense(image['license']) ? image['license'] : '';
  }
  v.status = EVENT_STATUSES.includes(str(event['status'])) ? str(event['status']) : 'scheduled';
  v.statusNote = str(event['statusNote']);
  v.soldOut = event['soldOut'] === true;
  return v;
}

/** Whether the form can write the event's repetition (else the rule travels along unchanged). */
export function ruleIsEditable(event: FeedEvent): boolean {
  const rrule = str(event['rrule']);
  return !rrule || seriesValues(rrule, isIsoDate(str(event['start']))) !== undefined;
}

/**
 * The body of an edit: the event as the form makes it, plus the fields of the original that the
 * form has no control for. A picture from elsewhere, or a rule the form cannot write, stays.
 */
export function editBody(payload: SubmissionPayload, original: FeedEvent | undefined): EventFormBody {
  const { contact: _c, consent: _co, license: _l, website2: _w, formTime: _f, lang: _lang, ...event } = payload;
  const body: EventFormBody = { ...event };
  if (!original) return body;
  for (const [key, value] of Object.entries(original)) {
    if (!EDITED.has(key) && !SERVER_FIELDS.has(key) && value !== undefined) body[key] = value;
  }
  const carry = body as Record<string, unknown>;
  if (!payload.image && original['image'] !== undefined && !ownImage(original['image'])) {
    carry['image'] = original['image'];
    if (original['imageAlt'] !== undefined) carry['imageAlt'] = original['imageAlt'];
  }
  if (!ruleIsEditable(original)) {
    for (const key of ['rrule', 'exdates', 'rdates']) if (original[key] !== undefined) carry[key] = original[key];
  }
  return body;
}

/** Groups of form fields shown (and taken over) together when two versions differ. */
export const CONFLICT_FIELDS: readonly (readonly FieldName[])[] = [
  ['title'],
  ['description'],
  ['startDate', 'startTime'],
  ['endDate', 'endTime'],
  ['allDay'],
  ['repeat', 'interval', 'weekdays', 'monthWeek', 'end', 'until', 'count'],
  ['exdates', 'rdates'],
  ['town', 'otherTown'],
  ['placeName'],
  ['placeAddress'],
  ['category'],
  ['organizer'],
  ['audience'],
  ['accessibility'],
  ['free', 'price'],
  ['url'],
  ['image', 'imagePreview', 'imageWidth', 'imageHeight', 'imageAlt', 'imageCredit', 'imageLicense'],
  ['status', 'statusNote', 'soldOut'],
];

/** The groups in which two versions differ. */
export function differences(mine: FormValues, theirs: FormValues): (readonly FieldName[])[] {
  const same = (f: FieldName): boolean => JSON.stringify(mine[f]) === JSON.stringify(theirs[f]);
  return CONFLICT_FIELDS.filter((group) => !group.every(same));
}

export interface EditMessages {
  submit: string;
  saved: string;
  sectionStatus: string;
  status: string;
  statusLabels: Record<string, string>;
  statusNote: string;
  statusNoteHint: string;
  soldOut: string;
  organizerNone: string;
  conflictTitle: string;
  conflictText: string;
  conflictCaption: string;
  field: string;
  theirs: string;
  mine: string;
  take: string;
  takeLabel: (field: string) => string;
  taken: (field: string) => string;
  takeAll: string;
  empty: string;
  yes: string;
  no: string;
  /** The label of a group of fields in the comparison. */
  groups: Record<string, string>;
  fixedRule: string;
}

const de: EditMessages = {
  submit: 'Änderungen speichern',
  saved: 'Die Änderungen sind gespeichert.',
  sectionStatus: 'Stand des Termins',
  status: 'Status',
  statusLabels: {
    scheduled: 'findet statt',
    cancelled: 'abgesagt',
    postponed: 'verschoben (neuer Termin offen)',
    rescheduled: 'verlegt',
    movedOnline: 'online statt vor Ort',
  },
  statusNote: 'Hinweis zum Status',
  statusNoteHint: 'Kurz und öffentlich, z. B. „wegen Unwetter“.',
  soldOut: 'Ausgebucht',
  organizerNone: 'Ohne Verein',
  conflictTitle: 'Der Termin wurde inzwischen geändert',
  conflictText:
    'Jemand hat diesen Termin gespeichert, während Sie ihn bearbeitet haben. Ihre Eingaben sind nicht verloren. Vergleichen Sie beide Fassungen, übernehmen Sie, was von der gespeicherten Fassung bleiben soll, und speichern Sie dann erneut.',
  conflictCaption: 'Unterschiede zwischen der gespeicherten Fassung und Ihrer Fassung',
  field: 'Angabe',
  theirs: 'Gespeicherte Fassung',
  mine: 'Ihre Fassung',
  take: 'Übernehmen',
  takeLabel: (field) => `${field}: gespeicherte Fassung übernehmen`,
  taken: (field) => `${field}: gespeicherte Fassung übernommen.`,
  takeAll: 'Alles aus der gespeicherten Fassung übernehmen',
  empty: '(leer)',
  yes: 'ja',
  no: 'nein',
  groups: {
    title: 'Titel',
    description: 'Beschreibung',
    startDate: 'Beginn',
    endDate: 'Ende',
    allDay: 'Ganztägig',
    repeat: 'Wiederholung',
    exdates: 'Ausnahmen und zusätzliche Termine',
    town: 'Ort',
    placeName: 'Veranstaltungsort',
    placeAddress: 'Adresse',
    category: 'Kategorie',
    organizer: 'Veranstalter',
    audience: 'Zielgruppe',
    accessibility: 'Barrierefreiheit',
    free: 'Eintritt',
    url: 'Webseite',
    image: 'Bild',
    status: 'Status',
  },
  fixedRule: 'Die Wiederholung dieses Termins kann hier nicht geändert werden; sie bleibt, wie sie ist.',
};

const en: EditMessages = {
  submit: 'Save changes',
  saved: 'The changes are saved.',
  sectionStatus: 'State of the event',
  status: 'Status',
  statusLabels: {
    scheduled: 'takes place',
    cancelled: 'cancelled',
    postponed: 'postponed (new date open)',
    rescheduled: 'rescheduled',
    movedOnline: 'online instead',
  },
  statusNote: 'Note on the status',
  statusNoteHint: 'Short and public, e.g. “due to a storm”.',
  soldOut: 'Sold out',
  organizerNone: 'No association',
  conflictTitle: 'The event was changed in the meantime',
  conflictText:
    'Someone saved this event while you were editing it. Your input is not lost. Compare both versions, take over what should stay from the saved version, then save again.',
  conflictCaption: 'Differences between the saved version and yours',
  field: 'Field',
  theirs: 'Saved version',
  mine: 'Your version',
  take: 'Take over',
  takeLabel: (field) => `${field}: take the saved version`,
  taken: (field) => `${field}: saved version taken over.`,
  takeAll: 'Take everything from the saved version',
  empty: '(empty)',
  yes: 'yes',
  no: 'no',
  groups: {
    title: 'Title',
    description: 'Description',
    startDate: 'Start',
    endDate: 'End',
    allDay: 'All day',
    repeat: 'Repetition',
    exdates: 'Exceptions and extra dates',
    town: 'Town',
    placeName: 'Venue',
    placeAddress: 'Address',
    category: 'Category',
    organizer: 'Organizer',
    audience: 'Audience',
    accessibility: 'Accessibility',
    free: 'Admission',
    url: 'Web page',
    image: 'Picture',
    status: 'Status',
  },
  fixedRule: 'The repetition of this event cannot be changed here; it stays as it is.',
};

export const editMessages: Record<Locale, EditMessages> = { de, en };

/** One version of a group of fields as text, for the comparison. */
export function groupText(v: FormValues, group: readonly FieldName[], t: EditMessages, locale: Locale): string {
  const date = (d: string): string => (isIsoDate(d) ? formatShortDate(d, locale) : d);
  const first = group[0]!;
  let text: string;
  switch (first) {
    case 'startDate':
    case 'endDate': {
      const time = v[group[1] as 'startTime' | 'endTime'];
      text = [date(v[first]), time].filter(Boolean).join(', ');
      break;
    }
    case 'allDay':
      text = v.allDay ? t.yes : t.no;
      break;
    case 'free':
      text = v.free ? t.yes : v.price;
      break;
    case 'image':
      text = v.image ? [v.imageAlt, v.imageCredit, v.imageLicense].filter(Boolean).join(' · ') : '';
      break;
    case 'status':
      text = [t.statusLabels[v.status] ?? v.status, v.statusNote, v.soldOut ? t.soldOut : ''].filter(Boolean).join(' · ');
      break;
    case 'repeat':
      text =
        v.repeat === 'none'
          ? ''
          : [v.repeat, v.interval !== '1' ? `×${v.interval}` : '', v.weekdays.join(','), v.monthWeek, v.until, v.count]
              .filter(Boolean)
              .join(' ');
      break;
    case 'exdates':
      text = [...v.exdates.map((d) => `− ${date(d)}`), ...v.rdates.map((d) => `+ ${date(d)}`)].join(', ');
      break;
    default: {
      const value = v[first];
      text = Array.isArray(value) ? value.join(', ') : String(value);
    }
  }
  return text.trim() || t.empty;
}
