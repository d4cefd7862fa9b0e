/**
 * The data model shared by every part of w4g-calendar. Everything here is plain data
 * (strings, numbers, arrays): ISO-8601 strings for dates and IANA names for zones, so that
 * a feed, a component property, an event detail and the server all speak the same language.
 */

/**
 * `scheduled` is the normal case; every other date stays visible, labelled:
 * - `cancelled` (abgesagt): it does not take place;
 * - `postponed` (verschoben): it will take place later, the new date is not known yet;
 * - `rescheduled` (verlegt): it takes place on a new date or at a new place (`previousStart`
 *   names the old date; a moved date of a series knows it from its RECURRENCE-ID);
 * - `movedOnline` (online verlegt): it takes place online instead.
 * Sold out is not a status (a rescheduled date can be sold out too): see `soldOut`.
 */
export type EventStatus = 'scheduled' | 'cancelled' | 'postponed' | 'rescheduled' | 'movedOnline';

export interface EventLocation {
  /** Name of the place, e.g. "Bestehornpark". */
  name?: string;
  /** Postal address as one line, e.g. "Hinter dem Zoll 2, 06449 Aschersleben". */
  address?: string;
  /** WGS 84 latitude in degrees. */
  lat?: number;
  /** WGS 84 longitude in degrees. */
  lon?: number;
}

/**
 * The licence of an event's picture: an SPDX id for the three open ones, `calendar-only` for
 * "nur für diesen Kalender" (published here, not free to reuse).
 */
export type ImageLicense = 'CC-BY-4.0' | 'CC-BY-SA-4.0' | 'CC0-1.0' | 'calendar-only';

/** One responsive rendition of a picture, for `srcset`. */
export interface ImageSource {
  url: string;
  /** Width in pixels. */
  width: number;
  /** MIME type: image/avif, image/webp, image/jpeg or image/png. */
  type: string;
}

/** Public contact for an event (published). */
export interface EventContact {
  name?: string;
  email?: string;
  phone?: string;
  url?: string;
}

/**
 * One event as read from a feed. A recurring event is one CalendarEvent; an override of
 * one of its dates (iCalendar RECURRENCE-ID) is another CalendarEvent with the same `id`
 * and a `recurrenceId`.
 *
 * Date forms:
 * - all-day: `start`/`end` are `YYYY-MM-DD`, `end` exclusive;
 * - wall-clock time: `YYYY-MM-DDTHH:mm:ss` in `timeZone` (when `timeZone` is absent the time
 *   is "floating" and is read in the display zone, as RFC 5545 says);
 * - an instant: `YYYY-MM-DDTHH:mm:ssZ` or with an offset (`+01:00`).
 */
export interface CalendarEvent {
  /** Stable id: the JSON `id` or the iCalendar UID. */
  id: string;
  title: string;
  start: string;
  /** Exclusive end; absent means "as long as RFC 5545 says" (a day, or no duration). */
  end?: string;
  /** Exact duration in ISO-8601 form (`PT1H30M`, `P2D`) when the feed gave one instead of `end`. */
  duration?: string;
  allDay: boolean;
  /** IANA zone of `start`/`end`/`rdates`/`exdates` wall-clock times; absent means floating. */
  timeZone?: string;
  /** An RFC 5545 RRULE value, e.g. `FREQ=WEEKLY;BYDAY=SU`. */
  rrule?: string;
  /** Excluded dates, same forms as `start`. */
  exdates?: string[];
  /** Extra dates, same forms as `start`; a `start/end` pair is a period with its own end. */
  rdates?: string[];
  /** Set on an override: the original start of the occurrence it replaces. */
  recurrenceId?: string;
  status: EventStatus;
  /** A short public note on the status, e.g. "wegen Unwetter" (plain text, at most 200 characters). */
  statusNote?: string;
  /** For a rescheduled event: its start before it was moved, same forms as `start`. */
  previousStart?: string;
  /** No tickets or places left (ausgebucht). */
  soldOut?: boolean;
  /** Plain text; never markup. */
  description?: string;
  url?: string;
  image?: string;
  imageAlt?: string;
  /** Who made the picture, as the credit line names them ("Anna Muster"). */
  imageCredit?: string;
  imageLicense?: ImageLicense;
  /** Pixel size of `image` (also the aspect ratio of every source), so nothing jumps while it loads. */
  imageWidth?: number;
  imageHeight?: number;
  /** The same picture in other widths and formats, for `srcset`. */
  imageSources?: ImageSource[];
  town?: string;
  location?: EventLocation;
  /** The `id` of an Association in the same or another feed. */
  organizerId?: string;
  /** Display name of the organizer when no association record exists. */
  organizer?: string;
  categories: string[];
  audience: string[];
  /** Accessibility facts, e.g. "rollstuhlgerecht", "Induktionsschleife". */
  accessibility: string[];
  /** Free-text price, e.g. "5 €, ermäßigt 3 €". */
  price?: string;
  free?: boolean;
  contact?: EventContact;
  /** Revision number (iCalendar SEQUENCE); of two overrides of one date the higher wins. */
  sequence?: number;
  /** Last modification as an ISO instant, when the feed says. */
  updated?: string;
  /** The feed URL (or label) the event came from, set by the loader. */
  source?: string;
  /**
   * On an override: fields this date has none of although its series has them (the JSON
   * feed's `null`, iCalendar's `X-W4G-CLEARED`). Without it an override that leaves out a
   * field keeps the series' value.
   */
  cleared?: ClearableField[];
}

/**
 * Fields one date of a series may have none of while the series has them (`image` stands for
 * the picture with its alt text, credit, licence, size and sources). Title and start may not be
 * empty; town and organizer decide who may edit the date, so they are not cleared per date.
 */
export type ClearableField =
  'description' | 'url' | 'image' | 'location' | 'price' | 'contact' | 'categories' | 'audience' | 'accessibility';

/** A club, church, initiative or cultural group. */
export interface Association {
  id: string;
  name: string;
  town?: string;
  description?: string;
  categories: string[];
  website?: string;
  email?: string;
  phone?: string;
  address?: string;
  logo?: string;
  logoAlt?: string;
  /** Where and when the group meets, as text ("Dienstags 19 Uhr, Vereinsheim"). */
  meetingPlace?: string;
  /** Standing meeting times as real recurrences ("jeden 1. Mittwoch, 19:00 Uhr, Vereinsheim"). */
  meetings?: AssociationMeeting[];
  /** "Mitglieder gesucht", with an optional short text ("Tenor und Bass"). */
  membersWanted?: boolean;
  membersWantedText?: string;
  /** "Helfer gesucht", with an optional short text ("für das Sommerfest im Juni"). */
  helpersWanted?: boolean;
  helpersWantedText?: string;
  source?: string;
}

/**
 * One standing meeting of an association: a first date and a rule, like an event series.
 * `start`/`end` are wall times (`2027-01-06T19:00:00`) in `timeZone` (default: the feed's).
 */
export interface AssociationMeeting {
  start: string;
  end?: string;
  /** RFC 5545 RRULE value, e.g. `FREQ=MONTHLY;BYDAY=1WE`; absent: a single date. */
  rrule?: string;
  timeZone?: string;
  /** Where: "Vereinsheim, Hauptstraße 3". */
  place?: string;
  /** What: "Chorprobe", "Vorstandssitzung". */
  title?: string;
}

/**
 * A problem found in a feed. Parsers never throw: a broken event is skipped (or kept in a
 * degraded form, with a `warning`), the rest of the feed still comes out.
 */
export interface FeedError {
  severity: 'error' | 'warning';
  /** Human-readable English text naming what is wrong. */
  message: string;
  /** The event's UID / id, when known. */
  eventId?: string;
  /** 1-based line in the iCalendar text (after unfolding: the first physical line). */
  line?: number;
  /** JSON pointer of the offending value in a JSON feed, e.g. `/events/3/start`. */
  path?: string;
  /** The feed URL, set by the loader. */
  source?: string;
}

export interface FeedResult {
  events: CalendarEvent[];
  associations: Association[];
  errors: FeedError[];
  /** The feed's default zone (JSON `timeZone`, iCalendar X-WR-TIMEZONE), when it names one. */
  timeZone?: string;
  /** The feed's own title (iCalendar X-WR-CALNAME, JSON `title`). */
  title?: string;
  /**
   * Set when a server answered a windowed request (JSON `window`): the events are the dates
   * of these days only (series expanded, each date with its `recurrenceId`); `end` inclusive.
   */
  window?: { start: string; end: string };
}

/**
 * One date of an event, placed in the display zone.
 * `start`/`end`: timed ones `2026-12-24T22:00:00+01:00`; all-day ones `2026-12-24`
 * (end exclusive).
 */
export interface Occurrence extends Omit<
  CalendarEvent,
  | 'id'
  | 'rrule'
  | 'exdates'
  | 'rdates'
  | 'recurrenceId'
  | 'start'
  | 'end'
  | 'duration'
  | 'timeZone'
  | 'sequence'
  | 'previousStart'
> {
  eventId: string;
  start: string;
  end: string;
  /** Unique per occurrence and stable across reloads: `<eventId>/<original start>`. */
  key: string;
  /** The original start of this date in the display zone (differs from `start` when moved). */
  recurrenceId: string;
  /** True for one date of a series (RRULE / RDATE), false for a single event. */
  recurring: boolean;
  /**
   * For a rescheduled date: where it was before, in the display zone (`previousStart` of the
   * event, or the original date of a moved date of a series).
   */
  previousStart?: string;
  /** The zone `start`/`end` are written in. */
  timeZone: string;
}

/**
 * What `<w4g-event-form>` sends to a submission endpoint (POST, JSON): the event in the feed's
 * field names, the submitter's private contact, consent and licence, and two spam signals
 * (`website2` must stay empty, `formTime` is the time the form was on screen in ms).
 */
export interface SubmissionPayload {
  title: string;
  start: string;
  end?: string;
  timeZone: string;
  rrule?: string;
  /** Dates of the series that do not take place, written like `start`. */
  exdates?: string[];
  /** Extra dates of the series, written like `start`. */
  rdates?: string[];
  description?: string;
  town?: string;
  location?: { name?: string; address?: string };
  categories?: string[];
  organizerId?: string;
  organizer?: string;
  audience?: string[];
  accessibility?: string[];
  price?: string;
  free?: boolean;
  url?: string;
  /** A picture uploaded to the server's `/api/images` (by its id), with its text alternative and rights. */
  image?: SubmissionImage;
  /** Sent by the form's edit mode only: the event's status, its public note, sold out. */
  status?: EventStatus;
  statusNote?: string;
  soldOut?: boolean;
  contact: { name: string; email: string };
  consent: true;
  license: string;
  website2: string;
  formTime: number;
  /** The form's language when it is English: the submitter's emails are then English too. */
  lang?: 'en';
}

/**
 * What `<w4g-event-form>` sends in its edit mode and with `no-contact` (signed-in authors): the
 * event alone, without contact, consent and spam signals. In edit mode, fields of the edited
 * event the form has no control for (e.g. `contact`, `previousStart`, a picture from elsewhere)
 * are sent back unchanged.
 */
export type EventFormBody = Omit<
  SubmissionPayload,
  'contact' | 'consent' | 'license' | 'website2' | 'formTime' | 'lang' | 'image'
> & {
  image?: SubmissionImage | Record<string, unknown> | string;
  [carried: string]: unknown;
};

/** The picture of a submission: an upload's `id` and what only the submitter can say about it. */
export interface SubmissionImage {
  /** The `id` that `POST /api/images` answered. */
  id: string;
  /** Text alternative: what the picture shows, for people who cannot see it. */
  alt: string;
  /** Who made it (photographer, designer). */
  credit?: string;
  license: ImageLicense;
}
