/**
 * VTIMEZONE components generated from the runtime's own zone data (through `zoneOffset`), so a
 * feed carries the rules it was written with and calendar apps without an IANA database (or
 * with an older one) read the wall times the same way.
 *
 * The offset changes of 1970–2037 are found by sampling and bisection. The longest run of
 * years up to 2037 in which the changes repeat (same month, weekday, local time and offsets)
 * becomes STANDARD/DAYLIGHT observances with a yearly RRULE, like tzdata's own "last Sunday
 * of March" rules; changes before that run, back to the first year the feed needs, are listed
 * as RDATEs. A zone without changes gets one STANDARD observance.
 */
import { daysInMonth, DAY, floatToWall, MINUTE, zoneOffset, type Wall } from '../time.js';
import { icsLocal, icsOffset, type IcsWriter } from './write-lines.js';

const FIRST_YEAR = 1970;
const LAST_YEAR = 2037;
/** Fewer repeating years than this are not trusted as a rule for the years after 2037. */
const MIN_RULE_YEARS = 3;
/** zoneOffset's own tables are sampled weekly too; a finer step would find nothing more. */
const STEP = 7 * DAY;
const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

interface Transition {
  /** First millisecond of the new offset. */
  at: number;
  /** Offsets before and after, minutes east of UTC. */
  from: number;
  to: number;
  /** Local time of the change on the clock before it (what DTSTART and RDATE say). */
  wall: Wall;
}

const transitionCache = new Map<string, Transition[]>();

function transitionsOf(zone: string): Transition[] {
  let list = transitionCache.get(zone);
  if (list) return list;
  list = [];
  const end = Date.UTC(LAST_YEAR + 1, 0, 1);
  let t = Date.UTC(FIRST_YEAR, 0, 1);
  let prev = zoneOffset(zone, t);
  while (t < end) {
    const next = Math.min(t + STEP, end);
    if (zoneOffset(zone, next) === prev) {
      t = next;
      continue;
    }
    // Bisect in whole seconds: zone changes happen on a second.
    let lo = t / 1000;
    let hi = next / 1000;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zoneOffset(zone, mid * 1000) === prev) lo = mid;
      else hi = mid;
    }
    const at = hi * 1000;
    const to = zoneOffset(zone, at);
    list.push({ at, from: prev, to, wall: floatToWall(at + Math.round(prev * MINUTE)) });
    prev = to;
    t = at; // a second change in the same step is found from here
  }
  transitionCache.set(zone, list);
  return list;
}

function signature(list: readonly Transition[]): string {
  return list
    .map(
      ({ wall: w, from, to }) =>
        `${w.mo}|${new Date(Date.UTC(w.y, w.mo - 1, w.d)).getUTCDay()}|${w.h}:${w.mi}:${w.s}|${from}|${to}`,
    )
    .join(';');
}

interface DayStats {
  /** The nth weekday of the month each year (1-5), as seen so far. */
  nth: Set<number>;
  /** Every year it was in the last seven days of the month. */
  last: boolean;
  min: number;
  max: number;
}

function withYear(stats: readonly DayStats[], list: readonly Transition[]): DayStats[] {
  return stats.map((s, i) => {
    const w = list[i]!.wall;
    return {
      nth: new Set([...s.nth, Math.ceil(w.d / 7)]),
      last: s.last && w.d > daysInMonth(w.y, w.mo) - 7,
      min: Math.min(s.min, w.d),
      max: Math.max(s.max, w.d),
    };
  });
}

const expressible = (s: DayStats): boolean => s.last || s.nth.size === 1 || s.max - s.min <= 6;

/** `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`, or a BYMONTHDAY window for rules like "Friday on or after the 23rd". */
function yearlyRule(t: Transition, s: DayStats): string {
  const w = t.wall;
  const weekday = BYDAY[new Date(Date.UTC(w.y, w.mo - 1, w.d)).getUTCDay()]!;
  const base = `FREQ=YEARLY;BYMONTH=${w.mo}`;
  if (s.last) return `${base};BYDAY=-1${weekday}`;
  if (s.nth.size === 1) return `${base};BYDAY=${[...s.nth][0]!}${weekday}`;
  const days = Array.from({ length: 7 }, (_, i) => s.min + i).filter((d) => d <= 31);
  return `${base};BYMONTHDAY=${days.join(',')};BYDAY=${weekday}`;
}

interface Rule {
  /** First year of the repeating run; LAST_YEAR + 1 when there is none. */
  from: number;
  transitions: Transition[];
  stats: DayStats[];
}

function findRule(all: readonly Transition[]): Rule {
  const byYear = new Map<number, Transition[]>();
  for (const t of all) {
    const list = byYear.get(t.wall.y);
    if (list) list.push(t);
    else byYear.set(t.wall.y, [t]);
  }
  const latest = byYear.get(LAST_YEAR) ?? [];
  const target = signature(latest);
  let stats: DayStats[] = latest.map(() => ({ nth: new Set(), last: true, min: 31, max: 1 }));
  let from = LAST_YEAR + 1;
  for (let y = LAST_YEAR; y >= FIRST_YEAR; y--) {
    const list = byYear.get(y) ?? [];
    if (signature(list) !== target) break;
    const next = withYear(stats, list);
    if (!next.every(expressible)) break;
    stats = next;
    from = y;
  }
  if (latest.length > 0 && LAST_YEAR - from + 1 < MIN_RULE_YEARS) return { from: LAST_YEAR + 1, transitions: [], stats: [] };
  return { from, transitions: byYear.get(from) ?? [], stats };
}

interface Observance {
  kind: 'STANDARD' | 'DAYLIGHT';
  from: number;
  to: number;
  start: Wall;
  rrule?: string;
  rdates: Wall[];
}

const observanceCache = new Map<string, Observance[]>();

function observances(zone: string, firstYear: number): Observance[] {
  const key = `${zone}|${firstYear}`;
  const cached = observanceCache.get(key);
  if (cached) return cached;
  const all = transitionsOf(zone);
  const rule = findRule(all);
  const out: Observance[] = [];
  const history = new Map<string, Observance>();
  all.forEach((t, i) => {
    if (t.wall.y < firstYear || t.wall.y >= rule.from) return;
    // Summer time is a raise that a later change takes back; a lasting change is a new standard.
    const next = all[i + 1];
    const kind = t.to > t.from && next !== undefined && next.to < t.to ? 'DAYLIGHT' : 'STANDARD';
    const group = `${kind}|${t.from}|${t.to}`;
    const seen = history.get(group);
    if (seen) seen.rdates.push(t.wall);
    else history.set(group, { kind, from: t.from, to: t.to, start: t.wall, rdates: [] });
  });
  out.push(...history.values());
  rule.transitions.forEach((t, i) => {
    const kind = t.to > t.from ? 'DAYLIGHT' : 'STANDARD';
    out.push({ kind, from: t.from, to: t.to, start: t.wall, rrule: yearlyRule(t, rule.stats[i]!), rdates: [] });
  });
  if (out.length === 0) {
    const offset = zoneOffset(zone, Date.UTC(Math.max(firstYear, FIRST_YEAR), 0, 1));
    out.push({ kind: 'STANDARD', from: offset, to: offset, start: floatToWall(Date.UTC(FIRST_YEAR, 0, 1)), rdates: [] });
  }
  out.sort((a, b) => (icsLocal(a.start) < icsLocal(b.start) ? -1 : 1));
  observanceCache.set(key, out);
  return out;
}

/**
 * Writes the VTIMEZONE of an IANA zone. `firstYear` is the earliest year the feed's dates
 * need: irregular changes before it are left out to keep the feed small.
 */
export function writeVTimezone(w: IcsWriter, zone: string, firstYear: number): void {
  w.add('BEGIN', 'VTIMEZONE');
  w.add('TZID', zone);
  w.add('X-LIC-LOCATION', zone);
  for (const o of observances(zone, Math.min(Math.max(firstYear, FIRST_YEAR), LAST_YEAR))) {
    w.add('BEGIN', o.kind);
    w.add('DTSTART', icsLocal(o.start));
    w.add('TZOFFSETFROM', icsOffset(o.from));
    w.add('TZOFFSETTO', icsOffset(o.to));
    if (o.rrule) w.add('RRULE', o.rrule);
    if (o.rdates.length) w.add('RDATE', o.rdates.map(icsLocal).join(','));
    w.add('END', o.kind);
  }
  w.add('END', 'VTIMEZONE');
}
