/**
 * Editing one date of a series the way calendar apps offer it:
 * - "nur dieser Termin" (`this`): an override with RECURRENCE-ID, or an EXDATE when the date
 *   is removed;
 * - "dieser und alle folgenden" (`following`): the series is split; the old one ends before
 *   that date (UNTIL, or COUNT when the rule counts) and a new series with a new id starts
 *   on it, taking the later extra dates, exceptions and overrides along;
 * - "alle Termine" (`all`): the series itself changes; overrides that still fall on a date of
 *   the changed series are kept (moved with it), the others are dropped and reported.
 *
 * Pure functions over the entries of one series (the master and its overrides, all with one
 * id); dates are written the way the master writes them (wall time in its zone, UTC, or dates):
 * series-edit-dates.ts reads and writes them.
 */
import type { CalendarEvent, ClearableField } from './model.js';
import { hasField, isClearable, removeField, unclear } from './cleared.js';
import {
  datesOf,
  endOf,
  floatOf,
  isDateOf,
  pinsDays,
  ruleWith,
  seriesOf,
  shiftValue,
  untilBefore,
  write,
  type Series,
} from './series-edit-dates.js';
import { parseRecurrenceRule } from './rrule-value.js';
import { DAY, floatToInstant, parseIso, whenToFloat } from './time.js';

export type SeriesScope = 'this' | 'following' | 'all';

type Changeable = Omit<
  CalendarEvent,
  'id' | 'recurrenceId' | 'exdates' | 'rdates' | 'allDay' | 'timeZone' | 'sequence' | 'source' | 'cleared'
>;

/**
 * What changes: any descriptive field, the date's new start/end, and (not for `this`) the rule.
 * `null` removes a field that may be empty (a cleared field, `statusNote`): for one date (the
 * override names it in `cleared`, so it does not keep the series' value) or for the series.
 */
export type SeriesChange = {
  [K in keyof Changeable]?: Changeable[K] | (K extends ClearableField | 'statusNote' ? null : never);
};

export interface SeriesEdit {
  /** The original start of the date the visitor chose (any ISO form; an Occurrence's `recurrenceId`). */
  occurrence: string;
  scope: SeriesScope;
  /** The change, or `delete` to remove the date(s) altogether. */
  change: SeriesChange | 'delete';
  /** Id of the new series of a split (`following`); required there. */
  newId?: string;
}

export type SeriesEditError =
  /** No series (master) among the entries. */
  | 'no-series'
  /** The master has no RRULE or RDATE: there is only one date. */
  | 'not-recurring'
  /** The given date is not a date of the series (or not an ISO date). */
  | 'no-such-date'
  /** A start or end in the change is not an ISO date of the series' kind, or the end is not after the start. */
  | 'bad-date'
  /** The rule is not valid RFC 5545. */
  | 'bad-rule'
  /** `this` cannot change the rule of the series. */
  | 'rule-for-one-date'
  /** The dates move to other days but the rule names days (BYDAY, BYMONTHDAY…): a new rule is needed. */
  | 'rule-needs-update'
  /** A split needs `newId`, different from the series' id. */
  | 'new-id';

export type SeriesEditResult =
  | {
      ok: true;
      /** The entries of the old series after the edit (may be empty: the series is gone). */
      events: CalendarEvent[];
      /** The new series of a split (master and overrides), else empty. */
      created: CalendarEvent[];
      /** Original starts of overrides that no longer fall on a date and were dropped. */
      dropped: string[];
    }
  | { ok: false; error: SeriesEditError };

/** Fields that belong to one date's status, not carried to the other dates of a series. */
const DATE_FIELDS = new Set(['start', 'end', 'duration', 'rrule', 'previousStart']);

/** The change without the fields that belong to one date: what every date of a series gets. */
function sharedPart(change: SeriesChange): SeriesChange {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(change)) if (!DATE_FIELDS.has(k)) out[k] = v;
  return out as SeriesChange;
}

/**
 * The change applied to an entry of the series. A `null` removes the field; on an override
 * whose series (`master`) has the field, the override names it as cleared, else it would keep
 * the series' value. A value set ends a clearing.
 */
function applyChange(target: CalendarEvent, change: SeriesChange, master?: CalendarEvent): CalendarEvent {
  const out = target as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) continue;
    if (value !== null) {
      out[key] = value;
      target.cleared = unclear(target.cleared, key);
    } else if (!isClearable(key)) delete out[key];
    else {
      removeField(target, key);
      target.cleared =
        master && hasField(master, key) ? [...(unclear(target.cleared, key) ?? []), key] : unclear(target.cleared, key);
    }
  }
  return target;
}

function withoutUndefined(e: CalendarEvent): CalendarEvent {
  for (const key of Object.keys(e) as (keyof CalendarEvent)[]) if (e[key] === undefined) delete e[key];
  return e;
}

const bump = (e: CalendarEvent): number => (e.sequence ?? 0) + 1;

/** New start and end of the chosen date, from the change; undefined when they are bad. */
function newTimes(s: Series, target: number, change: SeriesChange): { start: number; end?: number } | undefined {
  const start = change.start !== undefined ? floatOf(s, change.start) : target;
  if (start === undefined) return undefined;
  if (change.end === undefined) return { start };
  const end = floatOf(s, change.end);
  if (end === undefined) return undefined;
  const later = s.allDay ? end > start : floatToInstant(end, s.zone) > floatToInstant(start, s.zone);
  return later ? { start, end } : undefined;
}

/** Applies one edit to the entries of a series. Never throws. */
export function editSeries(entries: readonly CalendarEvent[], edit: SeriesEdit): SeriesEditResult {
  const s = seriesOf(entries);
  if (!s) return { ok: false, error: 'no-series' };
  if (!s.master.rrule && !s.master.rdates?.length) return { ok: false, error: 'not-recurring' };
  if (s.master.rrule && parseRecurrenceRule(s.master.rrule).error !== undefined) return { ok: false, error: 'bad-rule' };
  const target = floatOf(s, edit.occurrence);
  if (target === undefined || !isDateOf(s.master, s.zone, target)) return { ok: false, error: 'no-such-date' };
  const change = edit.change;
  if (change !== 'delete' && change.rrule !== undefined) {
    if (edit.scope === 'this') return { ok: false, error: 'rule-for-one-date' };
    const parsed = parseRecurrenceRule(change.rrule);
    if (parsed.error !== undefined || parsed.warnings.length) return { ok: false, error: 'bad-rule' };
  }
  const times = change === 'delete' ? { start: target } : newTimes(s, target, change);
  if (!times) return { ok: false, error: 'bad-date' };
  // A split at the first date changes the whole series.
  const scope = edit.scope === 'following' && target === s.start ? 'all' : edit.scope;
  if (scope === 'this') return editOne(s, target, change, times);
  if (scope === 'all') return editAll(s, target, change, times);
  if (!edit.newId || edit.newId === s.master.id) return { ok: false, error: 'new-id' };
  return split(s, target, change, times, edit.newId);
}

function ridOf(s: Series, o: CalendarEvent): number | undefined {
  const when = o.recurrenceId ? parseIso(o.recurrenceId) : undefined;
  return when ? whenToFloat(when, s.zone) : undefined;
}

function editOne(
  s: Series,
  target: number,
  change: SeriesChange | 'delete',
  times: { start: number; end?: number },
): SeriesEditResult {
  const others = s.overrides.filter((o) => ridOf(s, o) !== target);
  if (change === 'delete') {
    const master = { ...s.master, exdates: [...(s.master.exdates ?? []), write(s, target)], sequence: bump(s.master) };
    return { ok: true, events: [master, ...others], created: [], dropped: [] };
  }
  const existing = s.overrides.find((o) => ridOf(s, o) === target);
  const {
    rrule: _r,
    exdates: _x,
    rdates: _d,
    ...base
  } = existing ?? { ...s.master, start: write(s, target), end: endOf(s, target) };
  const override = applyChange({ ...base, id: s.master.id, recurrenceId: write(s, target) }, change, s.master);
  if (change.start !== undefined || change.end !== undefined) {
    override.start = write(s, times.start);
    delete override.duration;
    override.end = times.end !== undefined ? write(s, times.end) : endOf(s, times.start);
  }
  override.sequence = Math.max(bump(s.master), existing ? bump(existing) : 0);
  return { ok: true, events: [s.master, ...others, withoutUndefined(override)], created: [], dropped: [] };
}

/** The master with the change applied and its dates moved by `delta` (floating ms). */
function changedMaster(s: Series, change: SeriesChange, times: { start: number; end?: number }, target: number): CalendarEvent {
  const delta = times.start - target;
  const master = applyChange({ ...s.master, sequence: bump(s.master) }, sharedPart(change));
  if (change.rrule !== undefined) master.rrule = change.rrule;
  master.start = write(s, s.start + delta);
  if (times.end !== undefined) {
    const length = s.allDay
      ? { days: Math.round((times.end - times.start) / DAY), ms: 0, asDuration: false }
      : {
          days: 0,
          ms: floatToInstant(times.end, s.zone) - floatToInstant(times.start, s.zone),
          asDuration: s.length.asDuration,
        };
    s.length = length;
  }
  if (s.length.asDuration) delete master.end;
  else {
    delete master.duration;
    if (s.master.end || times.end !== undefined) master.end = endOf(s, s.start + delta);
  }
  if (delta) {
    if (master.exdates) master.exdates = master.exdates.map((v) => shiftValue(s, v, delta));
    if (master.rdates) master.rdates = master.rdates.map((v) => shiftValue(s, v, delta));
  }
  return withoutUndefined(master);
}

/** Overrides moved with the series, kept where they still fall on one of its dates. */
function carryOverrides(
  s: Series,
  overrides: readonly CalendarEvent[],
  master: CalendarEvent,
  change: SeriesChange,
  delta: number,
): { kept: CalendarEvent[]; dropped: string[] } {
  const kept: CalendarEvent[] = [];
  const dropped: string[] = [];
  for (const o of overrides) {
    const rid = ridOf(s, o);
    if (rid === undefined) continue;
    const moved = rid + delta;
    if (!isDateOf(master, s.zone, moved)) {
      dropped.push(o.recurrenceId!);
      continue;
    }
    const next = applyChange(
      { ...o, id: master.id, recurrenceId: write(s, moved), sequence: bump(o) },
      sharedPart(change),
      master,
    );
    // A date that kept its place moves with the series; one moved on its own stays where it is.
    const start = floatOf(s, o.start);
    if (start === rid) {
      next.start = write(s, moved);
      if (o.end) {
        const end = floatOf(s, o.end);
        if (end !== undefined) next.end = write(s, end + delta);
      }
    }
    kept.push(withoutUndefined(next));
  }
  return { kept, dropped };
}

function editAll(
  s: Series,
  target: number,
  change: SeriesChange | 'delete',
  times: { start: number; end?: number },
): SeriesEditResult {
  if (change === 'delete') return { ok: true, events: [], created: [], dropped: [] };
  const delta = times.start - target;
  const movesDays = Math.floor(times.start / DAY) !== Math.floor(target / DAY);
  if (movesDays && change.rrule === undefined && pinsDays(s.master.rrule)) return { ok: false, error: 'rule-needs-update' };
  const master = changedMaster(s, change, times, target);
  const { kept, dropped } = carryOverrides(s, s.overrides, master, change, delta);
  return { ok: true, events: [master, ...kept], created: [], dropped };
}

function split(
  s: Series,
  target: number,
  change: SeriesChange | 'delete',
  times: { start: number; end?: number },
  newId: string,
): SeriesEditResult {
  const old = { ...s.master, sequence: bump(s.master) };
  const rule = s.master.rrule ? parseRecurrenceRule(s.master.rrule).rule : undefined;
  // How many dates the rule made before the split (EXDATEs count toward COUNT, RFC 5545).
  let remaining: number | undefined;
  if (s.master.rrule && rule) {
    if (rule.count !== undefined) {
      const ruleOnly: CalendarEvent = { ...s.master };
      delete ruleOnly.rdates;
      const before = datesOf(ruleOnly, s.zone, s.start, target, false).length;
      old.rrule = ruleWith(s.master.rrule, ['COUNT', 'UNTIL'], { COUNT: String(Math.max(1, before)) });
      remaining = rule.count - before;
    } else {
      old.rrule = ruleWith(s.master.rrule, ['UNTIL'], { UNTIL: untilBefore(s, target) });
    }
  }
  const before = (v: string): boolean => (floatOf(s, v.split('/')[0]) ?? Infinity) < target;
  const keepBefore = (list: string[] | undefined): string[] | undefined => {
    const kept = list?.filter(before);
    return kept?.length ? kept : undefined;
  };
  old.rdates = keepBefore(s.master.rdates);
  old.exdates = keepBefore(s.master.exdates);
  const oldOverrides = s.overrides.filter((o) => (ridOf(s, o) ?? Infinity) < target);
  const laterOverrides = s.overrides.filter((o) => (ridOf(s, o) ?? -Infinity) >= target);
  const events = [withoutUndefined(old), ...oldOverrides];
  if (change === 'delete') return { ok: true, events, created: [], dropped: laterOverrides.map((o) => o.recurrenceId!) };

  // The new series starts on the chosen date: a series of its own from there on.
  const tail: Series = {
    ...s,
    start: target,
    master: {
      ...s.master,
      id: newId,
      start: write(s, target),
      rdates: s.master.rdates?.filter((v) => !before(v)),
      exdates: s.master.exdates?.filter((v) => !before(v)),
      sequence: 0,
    },
  };
  if (s.master.rrule) {
    tail.master.rrule =
      remaining === undefined
        ? s.master.rrule
        : remaining > 0
          ? ruleWith(s.master.rrule, ['COUNT'], { COUNT: String(remaining) })
          : undefined;
  }
  if (!tail.master.rdates?.length) delete tail.master.rdates;
  if (!tail.master.exdates?.length) delete tail.master.exdates;
  if (s.master.end) tail.master.end = endOf(s, target);
  const delta = times.start - target;
  const movesDays = Math.floor(times.start / DAY) !== Math.floor(target / DAY);
  if (movesDays && change.rrule === undefined && pinsDays(tail.master.rrule)) return { ok: false, error: 'rule-needs-update' };
  const master = changedMaster(tail, change, times, target);
  master.sequence = 0;
  const { kept, dropped } = carryOverrides(tail, laterOverrides, master, change, delta);
  return { ok: true, events, created: [master, ...kept.map((o) => ({ ...o, sequence: 0 }))], dropped };
}
