/**
 * The custom events of w4g-calendar. All bubble and are composed (they leave the shadow
 * root), and all carry a typed `detail` with ISO strings, never Luxon or Date objects.
 */
import type { Association, FeedError, Occurrence } from '../core/index.js';

export interface W4gLoadDetail {
  /** Occurrences shown after filtering. */
  count: number;
  /** Feed URLs that answered. */
  sources: string[];
  /** Entries the feeds contained but that were skipped or degraded. */
  feedErrors: FeedError[];
  /** True when some shown data is older than a failed refresh. */
  stale: boolean;
}

export interface W4gErrorDetail {
  /** English technical message; the element shows its own localized text. */
  message: string;
  /** `network` | `http` | `timeout` | `format` */
  kind: string;
  status?: number;
  url?: string;
  /** True when older data is still shown. */
  stale: boolean;
}

export interface W4gEventSelectDetail {
  occurrence: Occurrence;
  /** `<eventId>/<original start>`: the deep-link key (`#w4g-event=<key>`). */
  key: string;
}

export interface W4gDaySelectDetail {
  /** `YYYY-MM-DD` in the display zone. */
  date: string;
  occurrences: Occurrence[];
}

export interface W4gRangeChangeDetail {
  /** First day shown, `YYYY-MM-DD`. */
  start: string;
  /** Day after the last shown, `YYYY-MM-DD`. */
  end: string;
  /** `YYYY-MM` for the month grid. */
  month?: string;
}

export interface W4gAssociationSelectDetail {
  association: Association;
}

function init<T>(detail: T): CustomEventInit<T> {
  return { detail, bubbles: true, composed: true };
}

/** After data arrived and was rendered. */
export class W4gLoadEvent extends CustomEvent<W4gLoadDetail> {
  constructor(detail: W4gLoadDetail) {
    super('w4g-load', init(detail));
  }
}

/** A feed could not be loaded (with or without older data still shown). */
export class W4gErrorEvent extends CustomEvent<W4gErrorDetail> {
  constructor(detail: W4gErrorDetail) {
    super('w4g-error', init(detail));
  }
}

/** The visitor opened an event's details. Cancelable: preventDefault() keeps the built-in view closed. */
export class W4gEventSelectEvent extends CustomEvent<W4gEventSelectDetail> {
  constructor(detail: W4gEventSelectDetail) {
    super('w4g-event-select', { ...init(detail), cancelable: true });
  }
}

/** The visitor chose a day in the month grid (Enter, Space or click). */
export class W4gDaySelectEvent extends CustomEvent<W4gDaySelectDetail> {
  constructor(detail: W4gDaySelectDetail) {
    super('w4g-day-select', init(detail));
  }
}

/** The visitor moved to another month or range. */
export class W4gRangeChangeEvent extends CustomEvent<W4gRangeChangeDetail> {
  constructor(detail: W4gRangeChangeDetail) {
    super('w4g-range-change', init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'w4g-load': W4gLoadEvent;
    'w4g-error': W4gErrorEvent;
    'w4g-event-select': W4gEventSelectEvent;
    'w4g-day-select': W4gDaySelectEvent;
    'w4g-range-change': W4gRangeChangeEvent;
  }
}
