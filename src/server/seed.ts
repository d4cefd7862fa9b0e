/**
 * Sample data for a new database, so that `npm start` shows a living calendar: every date is
 * computed from the day of seeding (the next Sunday service, the coming summer's
 * Maislabyrinth, this year's or next year's Weihnachtsmarkt), never frozen in one year.
 */
import { addDaysIso, addMonthsIso, isoDate, todayIn, weekdayIndex } from '../core/index.js';
import type { FeedEventJson, Store } from './db/store.js';
import { PLACES, SAMPLE_ASSOCIATIONS } from './seed-data.js';

const ZONE = 'Europe/Berlin';

// Days are `YYYY-MM-DD` strings (they compare in calendar order), computed with the core.

/** The first day on or after `from` with ISO weekday `weekday` (1 = Monday … 7 = Sunday). */
function onOrAfter(from: string, weekday: number): string {
  return addDaysIso(from, (weekday - 1 - weekdayIndex(from) + 7) % 7);
}

/** The nth `weekday` of the month of `month` (any day of it). */
function nthWeekday(month: string, weekday: number, n: number): string {
  return addDaysIso(onOrAfter(`${month.slice(0, 7)}-01`, weekday), 7 * (n - 1));
}

/** The first nth-weekday-of-a-month on or after `from`. */
function nextNthWeekday(from: string, weekday: number, n: number): string {
  const here = nthWeekday(from, weekday, n);
  return here >= from ? here : nthWeekday(addMonthsIso(from.slice(0, 7), 1), weekday, n);
}

/** This year's date made by `make`, or next year's when this year's `last` day has passed. */
function nextSeason(today: string, make: (year: number) => { first: string; last: string }): { first: string; last: string } {
  const season = make(yearOf(today));
  return season.last >= today ? season : make(yearOf(today) + 1);
}

const yearOf = (d: string): number => Number(d.slice(0, 4));
const at = (d: string, time: string): string => `${d}T${time}`;

/** The sample events, dated relative to `now`. */
export function sampleEvents(now: Date): FeedEventJson[] {
  const today = todayIn(ZONE, now.getTime());
  const sunday = onOrAfter(today, 7);
  const events: FeedEventJson[] = [];
  const add = (event: FeedEventJson): void => void events.push(event);

  // --- Aschersleben ---------------------------------------------------------------------
  const service = {
    title: 'Sonntagsgottesdienst in St. Stephani',
    town: 'Aschersleben',
    location: PLACES.stephani,
    organizerId: 'st-stephani-aschersleben',
    categories: ['Kirche'],
    accessibility: ['rollstuhlgerecht', 'Induktionsschleife'],
    free: true,
  };
  add({
    id: 'stephani-gottesdienst',
    ...service,
    start: at(sunday, '10:00'),
    duration: 'PT1H',
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    description: 'Gottesdienst mit Abendmahl am ersten Sonntag im Monat. Parallel Kindergottesdienst im Gemeinderaum.',
  });
  const regional = addDaysIso(sunday, 14);
  add({
    id: 'stephani-gottesdienst',
    ...service,
    recurrenceId: at(regional, '10:00'),
    start: at(regional, '10:00'),
    duration: 'PT1H',
    status: 'cancelled',
    description:
      'Heute kein Gottesdienst in St. Stephani: Wir feiern den Regionalgottesdienst um 9:30 Uhr in St. Sixti Ermsleben mit.',
  });
  const market = nextSeason(today, (year) => {
    const first = onOrAfter(isoDate(year, 12, 4), 5);
    return { first, last: addDaysIso(first, 2) };
  });
  add({
    id: `weihnachtsmarkt-holzmarkt-${yearOf(market.first)}`,
    title: 'Weihnachtsmarkt auf dem Holzmarkt',
    start: market.first,
    end: addDaysIso(market.last, 1),
    description:
      'Drei Tage Weihnachtsmarkt mit Kunsthandwerk, Bühnenprogramm der Vereine aus allen vier Orten und Kinderkarussell.\nÖffnungszeiten: Freitag 16–21 Uhr, Samstag 11–21 Uhr, Sonntag 11–19 Uhr.',
    town: 'Aschersleben',
    location: PLACES.holzmarkt,
    organizerId: 'kulturkreis-eine',
    categories: ['Markt', 'Kultur'],
    audience: ['Familien'],
    free: true,
  });
  const kabarett = onOrAfter(addDaysIso(today, 35), 6);
  add({
    id: `kabarett-bestehornpark-${kabarett}`,
    title: 'Kabarettabend: „Zwischen Harz und Hinterhof“',
    start: at(kabarett, '19:30'),
    end: at(kabarett, '21:30'),
    description: 'Regionales Kabarett mit Liedern und Geschichten aus dem Vorharz. Einlass ab 19 Uhr.',
    town: 'Aschersleben',
    location: PLACES.bestehornpark,
    organizerId: 'kulturkreis-eine',
    categories: ['Kultur'],
    audience: ['Erwachsene'],
    accessibility: ['rollstuhlgerecht'],
    price: '14 €, ermäßigt 10 €',
  });
  const bus = onOrAfter(addDaysIso(today, 21), 6);
  add({
    id: `kulturbus-${bus}`,
    title: 'Kulturbus: Kirchen und Burgen der Region',
    start: at(bus, '09:00'),
    end: at(bus, '17:30'),
    description:
      'Tagesfahrt mit dem Kulturbus durch alle vier Orte von Wir4Gemeinsam: St. Stephani Aschersleben, Burgruine Arnstein, Burg Falkenstein und die Kirche in Hoym. Mit Führungen durch Mitglieder der Vereine.\nAnmeldung bis eine Woche vorher.',
    town: 'Aschersleben',
    location: PLACES.bahnhof,
    organizerId: 'wir4gemeinsam',
    categories: ['Kultur', 'Ausflug'],
    audience: ['Erwachsene', 'Senioren'],
    accessibility: ['Bus mit Rampe – bitte bei der Anmeldung angeben'],
    price: '25 €, Kinder bis 14 Jahre 10 €',
    contact: { name: 'Netzwerk Wir4Gemeinsam', email: 'kalender@wir4gemeinsam.example.org', phone: '+49 3473 000000' },
  });

  // --- Arnstein -------------------------------------------------------------------------
  add({
    id: 'heimatstube-sandersleben',
    title: 'Heimatstube Sandersleben geöffnet',
    start: at(nextNthWeekday(today, 7, 1), '14:00'),
    end: at(nextNthWeekday(today, 7, 1), '17:00'),
    rrule: 'FREQ=MONTHLY;BYDAY=1SU',
    description: 'Ausstellung zur Ortsgeschichte von Sandersleben und der Burg Arnstein.',
    town: 'Arnstein',
    location: PLACES.heimatstube,
    organizerId: 'heimatverein-arnstein',
    categories: ['Kultur', 'Geschichte'],
    free: true,
  });
  add({
    id: 'landfrauen-kloencafe',
    title: 'Handarbeits- und Klöncafé der Landfrauen',
    start: at(nextNthWeekday(today, 2, 2), '14:30'),
    duration: 'PT2H',
    rrule: 'FREQ=MONTHLY;BYDAY=2TU',
    description: 'Stricken, Häkeln, Erzählen – mit selbstgebackenem Kuchen. Anfängerinnen und Anfänger sind willkommen.',
    town: 'Arnstein',
    location: PLACES.quenstedt,
    organizerId: 'landfrauen-arnstein',
    categories: ['Familie'],
    audience: ['Senioren'],
    accessibility: ['rollstuhlgerecht', 'barrierefreies WC'],
    price: 'Kaffee und Kuchen 3 €',
  });
  const talk = onOrAfter(addDaysIso(today, 10), 5);
  add({
    id: `vortrag-burg-arnstein-${talk}`,
    title: 'Vortrag: Die Burg Arnstein im Mittelalter',
    start: at(talk, '19:00'),
    end: at(talk, '20:30'),
    status: 'postponed',
    description:
      'Der Vortrag muss wegen Krankheit verschoben werden. Der neue Termin wird hier und in der Heimatstube bekanntgegeben.',
    town: 'Arnstein',
    location: PLACES.harkerode,
    organizerId: 'heimatverein-arnstein',
    categories: ['Geschichte'],
    free: true,
  });

  // --- Falkenstein/Harz -----------------------------------------------------------------
  add({
    id: 'sixti-gottesdienst',
    title: 'Sonntagsgottesdienst in St. Sixti',
    start: at(sunday, '09:30'),
    end: at(sunday, '10:30'),
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    town: 'Falkenstein/Harz',
    location: PLACES.sixti,
    organizerId: 'kirchengemeinde-ermsleben',
    categories: ['Kirche'],
    free: true,
  });
  add({
    id: 'sv-lauftreff',
    title: 'Offener Lauftreff',
    start: at(onOrAfter(today, 6), '09:00'),
    duration: 'PT1H30M',
    rrule: 'FREQ=WEEKLY;BYDAY=SA',
    description: 'Gemeinsam laufen in zwei Tempogruppen (5 und 10 km) rund um Ermsleben. Keine Anmeldung nötig.',
    town: 'Falkenstein/Harz',
    location: PLACES.sportplatz,
    organizerId: 'sv-falkenstein',
    categories: ['Sport'],
    audience: ['Erwachsene', 'Jugendliche'],
    free: true,
  });
  const tournament = onOrAfter(addDaysIso(today, 14), 6);
  add({
    id: `sv-hallenturnier-jugend-${tournament}`,
    title: 'Hallenfußballturnier der Jugend',
    start: at(tournament, '09:30'),
    end: at(tournament, '16:00'),
    status: 'cancelled',
    description:
      'Das Turnier fällt aus, weil die Sporthalle wegen Bauarbeiten gesperrt ist. Bereits gezahlte Startgelder werden erstattet.',
    town: 'Falkenstein/Harz',
    location: PLACES.sporthalle,
    organizerId: 'sv-falkenstein',
    categories: ['Sport'],
    audience: ['Kinder', 'Jugendliche'],
  });
  add({
    id: 'jugendclub-spieleabend',
    title: 'Spieleabend im Jugendclub',
    start: at(onOrAfter(today, 5), '18:00'),
    end: at(onOrAfter(today, 5), '21:00'),
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR',
    description: 'Brett- und Kartenspiele, Tischkicker und Konsole. Ab 12 Jahren.',
    town: 'Falkenstein/Harz',
    location: PLACES.jugendclub,
    organizerId: 'jugendclub-ermsleben',
    categories: ['Freizeit', 'Jugend'],
    audience: ['Jugendliche'],
    free: true,
  });
  add({
    id: 'selketal-monatswanderung',
    title: 'Geführte Monatswanderung im Selketal',
    start: at(nextNthWeekday(today, 6, 1), '10:00'),
    duration: 'PT4H',
    rrule: 'FREQ=MONTHLY;BYDAY=1SA;COUNT=12',
    description: 'Rund 10 km auf wechselnden Wegen durch das Selketal. Einkehr am Ende möglich. Hunde an der Leine willkommen.',
    town: 'Falkenstein/Harz',
    location: PLACES.meisdorf,
    organizerId: 'naturgruppe-selketal',
    categories: ['Natur', 'Sport'],
    free: true,
  });
  const burgfest = nextSeason(today, (year) => {
    const first = nthWeekday(isoDate(year, 6, 1), 6, 2);
    return { first, last: addDaysIso(first, 1) };
  });
  add({
    id: `burgfest-${yearOf(burgfest.first)}`,
    title: 'Burgfest auf Burg Falkenstein',
    start: burgfest.first,
    end: addDaysIso(burgfest.last, 1),
    description: 'Zwei Tage Mittelalter: Ritterturnier, Falknervorführungen, Gaukler, Handwerkermarkt und Kinderritterschule.',
    town: 'Falkenstein/Harz',
    location: PLACES.burg,
    organizerId: 'foerderverein-burg-falkenstein',
    categories: ['Kultur', 'Geschichte'],
    audience: ['Familien', 'Kinder'],
    price: '9 €, Kinder 5 €',
  });

  // --- Seeland --------------------------------------------------------------------------
  add({
    id: 'chor-seeland-probe',
    title: 'Offene Chorprobe',
    start: at(onOrAfter(today, 4), '19:00'),
    duration: 'PT2H',
    rrule: 'FREQ=WEEKLY;BYDAY=TH',
    description: 'Neue Stimmen sind willkommen – einfach vorbeikommen und mitsingen, Notenkenntnisse sind nicht nötig.',
    town: 'Seeland',
    location: PLACES.buergerhaus,
    organizerId: 'chor-seeland',
    categories: ['Musik'],
    free: true,
  });
  const concert = onOrAfter(addDaysIso(today, 28), 7);
  add({
    id: `chor-konzert-${concert}`,
    title: 'Konzert des Gemischten Chors Seeland',
    start: at(concert, '16:00'),
    end: at(concert, '17:30'),
    description: 'Volkslieder und Chormusik aus fünf Jahrhunderten, zum Zuhören und Mitsingen. Eintritt frei, Spenden erbeten.',
    town: 'Seeland',
    location: PLACES.kircheHoym,
    organizerId: 'chor-seeland',
    categories: ['Musik', 'Kultur'],
    free: true,
  });
  const walpurgis = nextSeason(today, (year) => {
    const first = isoDate(year, 4, 30);
    return { first, last: first };
  });
  add({
    id: `ff-frose-walpurgisfeuer-${yearOf(walpurgis.first)}`,
    title: 'Walpurgisfeuer in Frose',
    start: at(walpurgis.first, '18:00'),
    end: at(walpurgis.first, '23:30'),
    description: 'Kostümumzug der Kinder um 19 Uhr, Entzünden des Feuers um 20 Uhr, danach Tanz in den Mai.',
    town: 'Seeland',
    location: PLACES.festwieseFrose,
    organizerId: 'ff-frose',
    categories: ['Familie', 'Musik'],
    audience: ['Familien'],
    free: true,
  });
  const maze = nextSeason(today, (year) => ({
    first: isoDate(year, 7, 1),
    last: isoDate(year, 8, 31),
  }));
  add({
    id: `maislabyrinth-gatersleben-${yearOf(maze.first)}`,
    title: 'Maislabyrinth Gatersleben',
    start: maze.first,
    end: addDaysIso(maze.last, 1),
    description:
      'Zwei Kilometer Irrwege durch drei Meter hohen Mais, mit Rätselpfad und Aussichtsturm. Täglich 10–18 Uhr, Hofcafé am Wochenende.',
    town: 'Seeland',
    location: PLACES.maisfeld,
    organizerId: 'heimatverein-gatersleben',
    categories: ['Familie', 'Natur'],
    audience: ['Familien', 'Kinder'],
    price: '4 €, Kinder 2 €',
  });
  return events;
}

/** Writes the sample associations and events (on the first start of a new database). */
export function seed(store: Store, now: Date): Promise<void> {
  return store.importData(sampleEvents(now), SAMPLE_ASSOCIATIONS, 'seed');
}
