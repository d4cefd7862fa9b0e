/**
 * Time zone names in TZID parameters. Real feeds use IANA names, Windows names (Outlook,
 * Exchange), vendor-prefixed IANA names (`/mozilla.org/20050126_1/Europe/Berlin`) or a name
 * of their own defined by a VTIMEZONE in the file ("Mitteleuropäische Zeit"). Every one of
 * them is resolved to an IANA zone, so that the rest of the library deals in IANA names only:
 * a custom VTIMEZONE is matched against the runtime's zones by its offsets and transitions.
 */
import { canonicalZone, floatToWall, HOUR, MINUTE, parseIcsDateTime, wallToFloat, zoneOffset, type Wall } from '../time.js';
import { parseRecurrenceRule } from '../rrule-value.js';
import { iterateRule } from '../rrule-iterate.js';
import { isYearlyTransitionRule, yearlyTransition } from './observance.js';
import { windowsZoneToIana } from './windows-zones.js';

export interface Observance {
  start: Wall;
  /** Minutes east of UTC. */
  offsetFrom: number;
  offsetTo: number;
  rrule?: string;
  rdates: Wall[];
}

export interface VTimezone {
  tzid: string;
  observances: Observance[];
}

/** `+0100`, `-0500`, `+053000` -> minutes. */
export function parseUtcOffset(value: string): number | undefined {
  const m = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(value.trim());
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

const SAMPLE_YEARS = [2024, 2025, 2026, 2027, 2028];

/** Transition instants and the offset in force after each, sorted. */
function transitions(vtz: VTimezone): { at: number; offset: number }[] {
  const out: { at: number; offset: number }[] = [];
  const from = Date.UTC(SAMPLE_YEARS[0]! - 1, 0, 1);
  const to = Date.UTC(SAMPLE_YEARS[SAMPLE_YEARS.length - 1]! + 1, 11, 31);
  for (const obs of vtz.observances) {
    const onsets: number[] = [wallToFloat(obs.start), ...obs.rdates.map(wallToFloat)];
    if (obs.rrule) {
      const parsed = parseRecurrenceRule(obs.rrule);
      if (parsed.rule) {
        const until = parsed.rule.until;
        // UNTIL of an observance is UTC; its onsets are wall times in offsetFrom.
        const untilFloat =
          until === undefined ? to : until.kind === 'instant' ? until.ms + obs.offsetFrom * MINUTE : wallToFloat(until.wall);
        const fromYear = new Date(from).getUTCFullYear();
        const toYear = new Date(to).getUTCFullYear();
        if (isYearlyTransitionRule(parsed.rule)) {
          // The usual "last Sunday of March" rules are computed directly, year by year.
          for (let year = Math.max(fromYear, obs.start.y); year <= toYear; year++) {
            const f = yearlyTransition(parsed.rule, obs.start, year);
            if (f !== undefined && f >= wallToFloat(obs.start) && f <= untilFloat) onsets.push(f);
          }
        } else {
          iterateRule(
            parsed.rule,
            wallToFloat(obs.start),
            wallToFloat(obs.start),
            Math.min(untilFloat, to),
            (f) => {
              if (f >= from) onsets.push(f);
              return onsets.length < 5000;
            },
            100_000,
          );
        }
      }
    }
    for (const f of onsets) out.push({ at: f - obs.offsetFrom * MINUTE, offset: obs.offsetTo });
  }
  return out.sort((a, b) => a.at - b.at);
}

function offsetAt(list: { at: number; offset: number }[], fallback: number, ms: number): number {
  let offset = fallback;
  for (const t of list) {
    if (t.at > ms) break;
    offset = t.offset;
  }
  return offset;
}

let candidateZones: string[] | undefined;

function allZones(): string[] {
  if (!candidateZones) {
    const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
    let zones: string[] = [];
    try {
      zones = intl.supportedValuesOf?.('timeZone') ?? [];
    } catch {
      zones = [];
    }
    // Prefer the zones a regional feed most likely means, then the rest in order.
    const preferred = ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'Europe/Paris', 'Europe/London', 'UTC'];
    candidateZones = [...preferred, ...zones.filter((z) => !preferred.includes(z))];
  }
  return candidateZones;
}

const matchCache = new Map<string, string | null>();

/** The IANA zone whose offsets agree with the VTIMEZONE in every sampled instant. */
export function matchVTimezone(vtz: VTimezone): string | undefined {
  if (vtz.observances.length === 0) return undefined;
  const key = JSON.stringify(vtz.observances);
  const cached = matchCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const list = transitions(vtz);
  const first = [...vtz.observances].sort((a, b) => wallToFloat(a.start) - wallToFloat(b.start))[0]!;
  const samples: number[] = [];
  for (const year of SAMPLE_YEARS) {
    for (let month = 0; month < 12; month++) samples.push(Date.UTC(year, month, 15, 12));
  }
  for (const t of list) {
    if (t.at > samples[0]! && t.at < samples[samples.length - 1]!) samples.push(t.at - HOUR, t.at + HOUR);
  }
  const expected = samples.map((ms) => offsetAt(list, first.offsetFrom, ms));
  let found: string | null = null;
  for (const zone of allZones()) {
    const canonical = canonicalZone(zone);
    if (!canonical) continue;
    if (samples.every((ms, i) => zoneOffset(canonical, ms) === expected[i])) {
      found = canonical;
      break;
    }
  }
  matchCache.set(key, found);
  return found ?? undefined;
}

const EMBEDDED_IANA_RE = /([A-Z][A-Za-z_-]+(?:\/[A-Z][A-Za-z0-9_+-]+){1,2})/g;

export interface ResolvedZone {
  zone?: string;
  /** How the name was understood, for a warning when it was not a plain IANA name. */
  via?: 'iana' | 'windows' | 'embedded' | 'vtimezone';
}

/** Maps a TZID to an IANA zone; undefined when nothing fits. */
export function resolveTzid(tzid: string, vtimezones: ReadonlyMap<string, VTimezone>): ResolvedZone {
  const name = tzid.trim().replace(/^"|"$/g, '');
  const iana = canonicalZone(name);
  if (iana) return { zone: iana, via: 'iana' };
  const windows = windowsZoneToIana(name);
  if (windows) {
    const zone = canonicalZone(windows);
    if (zone) return { zone, via: 'windows' };
  }
  for (const m of name.matchAll(EMBEDDED_IANA_RE)) {
    const zone = canonicalZone(m[1]!);
    if (zone) return { zone, via: 'embedded' };
  }
  const vtz = vtimezones.get(name);
  if (vtz) {
    const zone = matchVTimezone(vtz);
    if (zone) return { zone, via: 'vtimezone' };
  }
  return {};
}

/** Reads an observance's DTSTART, which RFC 5545 requires to be a local DATE-TIME. */
export function observanceStart(value: string): Wall | undefined {
  const when = parseIcsDateTime(value);
  if (!when) return undefined;
  return when.kind === 'instant' ? floatToWall(when.ms) : when.wall;
}
