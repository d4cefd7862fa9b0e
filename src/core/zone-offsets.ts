/**
 * Offsets of IANA zones: "what is the offset of zone Z at instant t", and the canonical
 * spelling of a zone's name. The rest of the core's time arithmetic (time.ts) works with
 * plain numbers on top of this.
 *
 * Offsets are cached per zone and year as a list of transitions, so a lookup is a binary
 * search. Where the runtime has Temporal (current Chromium and Firefox), it answers directly
 * and names each transition. Elsewhere (Node 20, Safari) an Intl.DateTimeFormat per zone
 * does, and transitions are found by sampling and bisection. Both read the same ICU data; the
 * difference is cost: the first Intl.DateTimeFormat of a page sets up ICU's date formatting
 * (20-50 ms in a fresh Chromium tab), Temporal's zone lookup about 1 ms. The tests compare
 * both paths with luxon's IANAZone.
 */
import { DAY, MINUTE } from './time-units.js';

/** The part of Temporal used here (typed locally: TypeScript's libs do not have it yet). */
interface TemporalZoned {
  readonly epochMilliseconds: number;
  readonly offsetNanoseconds: number;
  readonly timeZoneId: string;
  getTimeZoneTransition(direction: 'next'): TemporalZoned | null;
}
interface TemporalApi {
  Instant: { fromEpochMilliseconds(ms: number): { toZonedDateTimeISO(zone: string): TemporalZoned } };
}

/** Temporal where the runtime has it; `setTemporal` lets tests take either path. */
let temporal = (globalThis as { Temporal?: TemporalApi }).Temporal;

/** For tests: use `api` (undefined: the Intl path) and forget what was cached. */
export function setTemporal(api: unknown): void {
  temporal = api as TemporalApi | undefined;
  zoneNames.clear();
  offsetCache.clear();
  formats.clear();
  last = undefined;
}

/** Temporal keeps these names as written; Intl and this module call them all UTC. */
const UTC_NAMES = new Set([
  'UTC',
  'Etc/UTC',
  'UCT',
  'Etc/UCT',
  'Universal',
  'Etc/Universal',
  'Zulu',
  'Etc/Zulu',
  'GMT',
  'Etc/GMT',
  'GMT0',
  'Etc/GMT0',
  'GMT+0',
  'Etc/GMT+0',
  'GMT-0',
  'Etc/GMT-0',
  'Greenwich',
  'Etc/Greenwich',
]);

const zoneNames = new Map<string, string | null>();

/**
 * The canonical spelling of an IANA zone name (`europe/berlin` -> `Europe/Berlin`, `Etc/UTC`
 * -> `UTC`), or undefined when the runtime does not know the zone. Links may stay as written
 * (Temporal keeps `US/Eastern`, Intl may say `America/New_York`); their offsets are the same.
 */
export function canonicalZone(name: string): string | undefined {
  let hit = zoneNames.get(name);
  if (hit === undefined) {
    hit = null;
    const trimmed = name.trim();
    if (trimmed) {
      try {
        hit = temporal
          ? temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(trimmed).timeZoneId
          : new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
        if (UTC_NAMES.has(hit)) hit = 'UTC';
      } catch {
        hit = null;
      }
    }
    zoneNames.set(name, hit);
  }
  return hit ?? undefined;
}

interface YearOffsets {
  /** The year's first instant and the next year's. */
  from: number;
  to: number;
  /** Instants at which a new offset starts; the first is the start of the year. */
  at: number[];
  /** Offsets in minutes, parallel to `at`. */
  minutes: number[];
}

const SAMPLE_STEP = 7 * DAY;
const offsetCache = new Map<string, Map<number, YearOffsets>>();

const NS_PER_MINUTE = 60e9;

/** The year's transitions from Temporal, which names them: no sampling. */
function buildYearTemporal(api: TemporalApi, zone: string, year: number): YearOffsets {
  const from = yearStart(year);
  const to = yearStart(year + 1);
  let zoned = api.Instant.fromEpochMilliseconds(from).toZonedDateTimeISO(zone);
  const at = [from];
  const minutes = [zoned.offsetNanoseconds / NS_PER_MINUTE];
  for (;;) {
    const next = zoned.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= to) break;
    const offset = next.offsetNanoseconds / NS_PER_MINUTE;
    if (offset !== minutes[minutes.length - 1]) {
      at.push(next.epochMilliseconds);
      minutes.push(offset);
    }
    zoned = next;
  }
  return { from, to, at, minutes };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Offset in minutes from Intl: the wall time the zone shows at `ms` (to the second), read
 * as UTC, minus `ms` floored to the second. Seconds count: a local mean time such as
 * Berlin's +00:53:28 before 1893 is a fractional number of minutes.
 */
function intlOffset(zone: string, ms: number): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const v: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of format.formatToParts(ms)) v[part.type] = part.value;
  const year = Number(v.year);
  const wall = new Date(0);
  wall.setUTCFullYear(v.era === 'BC' || v.era === 'B' ? 1 - year : year, Number(v.month) - 1, Number(v.day));
  wall.setUTCHours(Number(v.hour), Number(v.minute), Number(v.second));
  const second = ms - (((ms % 1000) + 1000) % 1000);
  return (wall.getTime() - second) / MINUTE;
}

/** Midnight UTC on 1 January of `year` (Date.UTC would read 0-99 as 1900-1999). */
function yearStart(year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return d.getTime();
}

/** The year's transitions from Intl: weekly samples, bisected to the millisecond. */
function buildYearIntl(zone: string, year: number): YearOffsets {
  const offset = (ms: number): number => intlOffset(zone, ms);
  const from = yearStart(year);
  const to = yearStart(year + 1);
  const at = [from];
  const minutes = [offset(from)];
  let prevT = from;
  let prev = minutes[0]!;
  for (let t = Math.min(from + SAMPLE_STEP, to); ; t = Math.min(t + SAMPLE_STEP, to)) {
    const o = offset(t);
    if (o !== prev) {
      // Bisect to the first millisecond that has the new offset.
      let lo = prevT;
      let hi = t;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (offset(mid) === prev) lo = mid;
        else hi = mid;
      }
      at.push(hi);
      minutes.push(offset(hi));
      prev = minutes[minutes.length - 1]!;
      // A second transition inside the same step (rare) is found by re-sampling from hi.
      if (prev !== o) {
        prevT = hi;
        t = hi;
        continue;
      }
    }
    prevT = t;
    if (t >= to) break;
  }
  return { from, to, at, minutes };
}

/** The table used last: most lookups in a row are for one zone and one year. */
let lastZone = '';
let last: YearOffsets | undefined;

const MEAN_YEAR = 31_556_952_000; // 365.2425 days

/** The UTC year of `ms`, without a Date object for the usual years (lookups run in loops). */
function yearOf(ms: number): number {
  if (!(ms >= 0)) return new Date(ms).getUTCFullYear(); // before 1970 (and NaN): rare
  let year = 1970 + Math.floor(ms / MEAN_YEAR);
  if (ms < Date.UTC(year, 0, 1)) year--;
  else if (ms >= Date.UTC(year + 1, 0, 1)) year++;
  return year;
}

/** Offset of `zone` from UTC in minutes at instant `ms` (UTC gives 0). */
export function zoneOffset(zone: string, ms: number): number {
  if (zone === 'UTC') return 0;
  let table = last;
  if (!table || lastZone !== zone || ms < table.from || ms >= table.to) {
    let years = offsetCache.get(zone);
    if (!years) {
      years = new Map();
      offsetCache.set(zone, years);
    }
    const year = yearOf(ms);
    table = years.get(year);
    if (!table) {
      table = temporal ? buildYearTemporal(temporal, zone, year) : buildYearIntl(zone, year);
      years.set(year, table);
    }
    last = table;
    lastZone = zone;
  }
  const { at, minutes } = table;
  let lo = 0;
  let hi = at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (at[mid]! <= ms) lo = mid;
    else hi = mid - 1;
  }
  return minutes[lo]!;
}
