/**
 * Deterministic feeds for the UI benchmark: German regional events in Europe/Berlin over one
 * year from the frozen today, written three ways from one list of events:
 * - our JSON feed (docs/feed-format.md),
 * - iCalendar (RFC 5545, with a VTIMEZONE, folded lines),
 * - FullCalendar's own event objects (a JSON array, what `events: url` expects).
 *
 * Recurring events are plain weekly series (one or two weekdays, open-ended or with UNTIL,
 * no INTERVAL, EXDATE or overrides) so that FullCalendar's built-in simple recurrence
 * (daysOfWeek/startTime/endTime/startRecur/endRecur) expresses exactly the same dates as the
 * RRULE: both sides then show the same occurrences.
 */
import { escapeText, foldLine } from '../../test/core/support/ics.js';
import { seeded } from '../../test/core/support/random.js';

const DAY_MS = 86_400_000;
/** RFC 5545 weekday names, Monday first (as `weekdayOf` counts). */
export const ICS_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Days since 1970-01-01 of an ISO date. */
export function dayOf(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS;
}

/** Monday = 0 ... Sunday = 6. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Wall time as `YYYY-MM-DDTHH:mm` (minutes may pass midnight). */
function isoLocal(day: number, minutes: number): string {
  return `${isoDate(day + Math.floor(minutes / 1440))}T${hhmm(minutes % 1440)}`;
}

/** Wall time (day number + minutes after midnight) as an iCalendar local DATE-TIME. */
export function icsLocal(day: number, minutes: number): string {
  return `${isoLocal(day, minutes).replace(/[-:]/g, '')}00`;
}

export function icsDate(day: number): string {
  return isoDate(day).replace(/-/g, '');
}

type Town = 'Aschersleben' | 'Arnstein' | 'Falkenstein/Harz' | 'Seeland';

const PLACES: readonly (readonly [name: string, address: string, town: Town])[] = [
  ['Bürgerhaus', 'Hauptstraße 12, 06449 Aschersleben', 'Aschersleben'],
  ['Gemeindesaal St. Stephani', 'Stephanikirchhof 1, 06449 Aschersleben', 'Aschersleben'],
  ['Bestehornpark', 'Hinter dem Zoll 2, 06449 Aschersleben', 'Aschersleben'],
  ['Stadtbibliothek', 'Über den Steinen 8, 06449 Aschersleben', 'Aschersleben'],
  ['Holzmarkt', 'Holzmarkt, 06449 Aschersleben', 'Aschersleben'],
  ['Vereinsheim „Zur Linde“', 'Lindenstraße 45, 06456 Arnstein', 'Arnstein'],
  ['Dorfgemeinschaftshaus Sandersleben', 'Markt 3, 06456 Arnstein OT Sandersleben', 'Arnstein'],
  ['Burg Falkenstein', 'Burg Falkenstein 1, 06463 Falkenstein/Harz', 'Falkenstein/Harz'],
  ['Sporthalle Ermsleben', 'Konradsburger Straße 5, 06463 Falkenstein/Harz', 'Falkenstein/Harz'],
  ['Mehrgenerationenhaus', 'Straße der Einheit 17, 06464 Seeland', 'Seeland'],
  ['Kulturscheune Frose', 'Dorfstraße 21, 06464 Seeland OT Frose', 'Seeland'],
  ['Concordia-See, Strandbad', 'Seestraße 1, 06464 Seeland OT Schadeleben', 'Seeland'],
];

const TITLES = [
  'Chorprobe des Gemischten Chors „Frohsinn“',
  'Seniorennachmittag mit Kaffee und Kuchen',
  'Jahreshauptversammlung des Heimatvereins',
  'Öffentliche Führung durch die Altstadt',
  'Kinderturnen in der Sporthalle',
  'Lesung: Geschichten aus der Börde',
  'Orgelkonzert in der Stephanikirche',
  'Flohmarkt auf dem Marktplatz',
  'Blutspende beim Deutschen Roten Kreuz',
  'Skatabend im Vereinsheim',
  'Yoga für Anfängerinnen und Anfänger',
  'Gemeinderatssitzung (öffentlich)',
  'Plattdeutscher Stammtisch',
  'Theaterprobe der Laienspielgruppe',
  'Repair-Café: Reparieren statt wegwerfen',
  'Sprechstunde der Verbraucherzentrale',
  'Nähcafé für Groß und Klein',
  'Vortrag: Streuobstwiesen im Harzvorland',
  'Tanztee für Jung und Alt',
  'Offener Spieleabend',
  'Bürgersprechstunde des Ortsbürgermeisters',
  'Posaunenchor – Übungsabend',
  'Fußball: E-Jugend gegen SV Grün-Weiß',
  'Weihnachtsmarkt am Holzmarkt',
  'Adventskonzert der Musikschule',
  'Kabarett im Bestehornpark',
  'Wanderung zur Konradsburg',
  'Ausstellungseröffnung: Fotografien aus dem Harz',
];

const ALL_DAY_TITLES = [
  'Kunsthandwerkermarkt',
  'Ausstellung: 100 Jahre Freiwillige Feuerwehr',
  'Ferienprogramm für Kinder',
  'Heimatfest',
  'Burgfest auf Burg Falkenstein',
];

const CATEGORIES = ['Musik', 'Kultur', 'Sport', 'Senioren', 'Familie', 'Bildung', 'Kirche', 'Markt', 'Natur', 'Ehrenamt'];

const SENTENCES = [
  'Alle Interessierten sind herzlich eingeladen, der Eintritt ist frei.',
  'Für das leibliche Wohl ist gesorgt; Spenden werden gern angenommen.',
  'Bitte bringen Sie bequeme Schuhe und etwas zu trinken mit.',
  'Der Veranstaltungsort ist barrierefrei über den Seiteneingang erreichbar.',
  'Anmeldung bis zum Vortag bei Frau Müller unter 03473 12345.',
  'Wir freuen uns über neue Mitglieder – ob jung oder alt.',
  'Bei schlechtem Wetter findet die Veranstaltung im Saal statt.',
  'Mit freundlicher Unterstützung der Stadtwerke und des Fördervereins.',
];

const ORGANIZERS = [
  ['Heimatverein Aschersleben e.V.', 'info@heimatverein.example'],
  ['Ev. Kirchengemeinde St. Stephani', 'buero@stephani.example'],
  ['TSV Grün-Weiß 1892 e.V.', 'vorstand@tsv.example'],
  ['Seniorenbeirat der Stadt', 'senioren@stadt.example'],
  ['Kulturkreis an der Eine e.V.', 'kontakt@kulturkreis.example'],
] as const;

/** One generated event, before it is written in a format. */
export interface BenchEvent {
  id: string;
  title: string;
  description: string;
  town: string;
  place: string;
  address: string;
  categories: string[];
  organizer?: { name: string; email: string };
  url?: string;
  /** First day (day number) and times in minutes after midnight; allDay uses `days`. */
  day: number;
  allDay: boolean;
  /** Timed: start and end minutes (end may pass midnight). */
  startMinutes: number;
  endMinutes: number;
  /** All-day: number of days (end exclusive = day + days). */
  days: number;
  /** Weekly series: weekdays (Monday = 0) and the last day (inclusive), if any. */
  weekly?: { weekdays: number[]; untilDay?: number };
}

export interface FeedSpec {
  /** Number of feed entries (events, a series counts once). */
  count: number;
  /** Share of weekly series, 0..1. */
  recurringShare: number;
  /** First day of the feed (the frozen today), `YYYY-MM-DD`. */
  today: string;
  seed: number;
}

export function generateEvents(spec: FeedSpec): BenchEvent[] {
  const { next: rand, int, pick } = seeded(spec.seed);
  const first = dayOf(spec.today);
  const series = Math.round(spec.count * spec.recurringShare);
  const events: BenchEvent[] = [];
  for (let i = 0; i < spec.count; i++) {
    const isSeries = i < series;
    const allDay = !isSeries && rand() < 0.04;
    const [place, address, town] = pick(PLACES);
    const nCats = int(1, 3);
    const cats = new Set<string>();
    while (cats.size < nCats) cats.add(pick(CATEGORIES));
    const nSentences = int(1, 3);
    const sentences: string[] = [];
    for (let s = 0; s < nSentences; s++) sentences.push(pick(SENTENCES));
    const organizer = rand() < 0.6 ? pick(ORGANIZERS) : undefined;
    const event: BenchEvent = {
      id: `${isSeries ? 'serie' : 'termin'}-${pad(i, 5)}@bench.w4g.example`,
      title: allDay ? pick(ALL_DAY_TITLES) : pick(TITLES),
      description: sentences.join(' '),
      town,
      place,
      address,
      categories: [...cats],
      day: first + int(0, 364),
      allDay,
      startMinutes: int(32, 82) * 15, // 08:00 .. 20:30
      endMinutes: 0,
      days: 1,
    };
    if (organizer) event.organizer = { name: organizer[0], email: organizer[1] };
    if (rand() < 0.4) event.url = `https://veranstaltungen.example/termine/${i}`;
    event.endMinutes = event.startMinutes + pick([45, 60, 90, 90, 120, 150, 180]);
    if (allDay) event.days = pick([1, 1, 2, 3]);
    if (isSeries) {
      // A third started before today and runs on into the year; half end at some point.
      event.day = rand() < 0.3 ? first - int(7, 120) : first + int(0, 300);
      const weekdays = new Set<number>([weekdayOf(event.day)]);
      if (rand() < 0.2) weekdays.add(int(0, 6));
      const w: { weekdays: number[]; untilDay?: number } = { weekdays: [...weekdays].sort((a, b) => a - b) };
      if (rand() < 0.5) w.untilDay = event.day + int(4, 30) * 7;
      event.weekly = w;
    }
    events.push(event);
  }
  return events;
}

// ---------------------------------------------------------------------------------------
// Writers
// ---------------------------------------------------------------------------------------

/** Our JSON feed (docs/feed-format.md). */
export function toW4gJson(events: BenchEvent[]): string {
  const out = events.map((e) => {
    const o: Record<string, unknown> = { id: e.id, title: e.title };
    if (e.allDay) {
      o['start'] = isoDate(e.day);
      if (e.days > 1) o['end'] = isoDate(e.day + e.days);
    } else {
      o['start'] = isoLocal(e.day, e.startMinutes);
      o['end'] = isoLocal(e.day, e.endMinutes);
    }
    if (e.weekly) {
      let rule = `FREQ=WEEKLY;BYDAY=${e.weekly.weekdays.map((d) => ICS_DAYS[d]).join(',')}`;
      if (e.weekly.untilDay !== undefined) rule += `;UNTIL=${icsDate(e.weekly.untilDay)}T225959Z`;
      o['rrule'] = rule;
    }
    o['description'] = e.description;
    o['town'] = e.town;
    o['location'] = { name: e.place, address: e.address };
    if (e.organizer) o['organizer'] = e.organizer.name;
    o['categories'] = e.categories;
    if (e.url) o['url'] = e.url;
    return o;
  });
  return JSON.stringify({ title: 'Benchmark – Veranstaltungen im Salzlandkreis', timeZone: 'Europe/Berlin', events: out });
}

/** FullCalendar's event objects; weekly series as its simple recurrence (Sunday = 0). */
export function toFullCalendarJson(events: BenchEvent[]): string {
  const out = events.map((e) => {
    const o: Record<string, unknown> = { id: e.id, title: e.title };
    if (e.weekly) {
      o['groupId'] = e.id;
      o['daysOfWeek'] = e.weekly.weekdays.map((d) => (d + 1) % 7);
      o['startTime'] = hhmm(e.startMinutes);
      o['endTime'] = hhmm(e.endMinutes); // starts end by 20:30 and last at most 3 h: same day
      o['startRecur'] = isoDate(e.day);
      if (e.weekly.untilDay !== undefined) o['endRecur'] = isoDate(e.weekly.untilDay + 1); // exclusive
    } else if (e.allDay) {
      o['start'] = isoDate(e.day);
      o['end'] = isoDate(e.day + e.days);
      o['allDay'] = true;
    } else {
      o['start'] = `${isoLocal(e.day, e.startMinutes)}:00`;
      o['end'] = `${isoLocal(e.day, e.endMinutes)}:00`;
    }
    if (e.url) o['url'] = e.url;
    o['extendedProps'] = {
      description: e.description,
      location: `${e.place}, ${e.address}`,
      town: e.town,
      categories: e.categories,
      ...(e.organizer ? { organizer: e.organizer.name } : {}),
    };
    return o;
  });
  return JSON.stringify(out);
}

const ZONE = 'Europe/Berlin';

export function toIcs(events: BenchEvent[]): string {
  const lines: string[] = [];
  const push = (line: string): void => {
    lines.push(foldLine(line));
  };
  push('BEGIN:VCALENDAR');
  push('VERSION:2.0');
  push('PRODID:-//w4g-calendar//bench ui//DE');
  push('CALSCALE:GREGORIAN');
  push('METHOD:PUBLISH');
  push('X-WR-CALNAME:Benchmark – Veranstaltungen im Salzlandkreis');
  push(`X-WR-TIMEZONE:${ZONE}`);
  for (const line of [
    'BEGIN:VTIMEZONE',
    `TZID:${ZONE}`,
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ])
    push(line);
  for (const e of events) {
    push('BEGIN:VEVENT');
    push(`UID:${e.id}`);
    push('DTSTAMP:20261101T080000Z');
    if (e.allDay) {
      push(`DTSTART;VALUE=DATE:${icsDate(e.day)}`);
      push(`DTEND;VALUE=DATE:${icsDate(e.day + e.days)}`);
    } else {
      push(`DTSTART;TZID=${ZONE}:${icsLocal(e.day, e.startMinutes)}`);
      push(`DTEND;TZID=${ZONE}:${icsLocal(e.day, e.endMinutes)}`);
    }
    if (e.weekly) {
      let rule = `FREQ=WEEKLY`;
      if (e.weekly.untilDay !== undefined) rule += `;UNTIL=${icsDate(e.weekly.untilDay)}T225959Z`;
      rule += `;BYDAY=${e.weekly.weekdays.map((d) => ICS_DAYS[d]).join(',')}`;
      push(`RRULE:${rule}`);
    }
    push(`SUMMARY:${escapeText(e.title)}`);
    push(`DESCRIPTION:${escapeText(e.description)}`);
    push(`LOCATION:${escapeText(`${e.place}, ${e.address}`)}`);
    push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    if (e.organizer) push(`ORGANIZER;CN="${e.organizer.name}":mailto:${e.organizer.email}`);
    if (e.url) push(`URL:${e.url}`);
    push('STATUS:CONFIRMED');
    push('END:VEVENT');
  }
  push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
