/**
 * Every custom event of w4g-calendar, in one place. All bubble and are composed (they leave
 * the shadow root), all carry a typed `detail` with ISO strings (never Date objects), and all
 * are registered in `GlobalEventHandlersEventMap`, so `el.addEventListener('w4g-load', (e) =>
 * e.detail.count)` type-checks wherever an element's module is imported.
 */
import type { Association, EventFormBody, FeedError, Occurrence, SubmissionPayload } from '../core/index.js';

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
  /** Last day shown, `YYYY-MM-DD` (inclusive, as the `to` attribute). */
  end: string;
  /** `YYYY-MM` for the month grid. */
  month?: string;
}

export interface W4gAssociationSelectDetail {
  association: Association;
}

/**
 * The body as `w4g-submit` shows it: a submission without the submitter's private contact or,
 * in edit mode and with `no-contact`, the event alone (`EventFormBody`).
 */
export type W4gSubmitDetail = Omit<SubmissionPayload, 'contact'> | EventFormBody;

/** The request the form is about to send, as `w4g-submit` tells it to a host that sends it itself. */
export interface W4gSubmitRequest {
  url: string;
  /** `POST` or `PUT`. */
  method: string;
  /** Every header the form would send (Content-Type, Idempotency-Key, If-Match, the `headers` property's). */
  headers: Record<string, string>;
  /** The version the edit started from (edit mode), also in `If-Match`. */
  version?: string;
}

export interface W4gSubmitSuccessDetail {
  /** 200, 201 or 202. */
  status: number;
  /** The submission's id, when the server sent one. */
  id?: string;
  /** The saved event's new version, when the server sent one (edit mode). */
  version?: string;
}

export interface W4gSubmitErrorDetail {
  status?: number;
  /** `conflict`: 412, someone else saved first; the form shows both versions. */
  kind: 'validation' | 'rate-limit' | 'server' | 'network' | 'conflict';
  /** For `validation`: the server's messages by (dotted) field name. */
  errors?: Record<string, string>;
}

function init<T>(detail: T, cancelable = false): CustomEventInit<T> {
  return { detail, bubbles: true, composed: true, cancelable };
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
    super('w4g-event-select', init(detail, true));
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

/** The visitor opened an association. Cancelable: preventDefault() keeps the built-in card closed. */
export class W4gAssociationSelectEvent extends CustomEvent<W4gAssociationSelectDetail> {
  constructor(detail: W4gAssociationSelectDetail) {
    super('w4g-association-select', init(detail, true));
  }
}

/**
 * Before the form sends. Cancelable: preventDefault() stops the request (the page sends it
 * itself). Or the page answers instead of the form's own request: `respondWith(fetch(...))`
 * (another URL or body, e.g. one date of a series); the form then treats that response as its
 * own (422 at the fields, 412 with both versions, the draft kept on any failure).
 */
export class W4gSubmitEvent extends CustomEvent<W4gSubmitDetail> {
  /** The request the form would send. */
  readonly request: W4gSubmitRequest;
  #response?: Promise<Response>;

  constructor(detail: W4gSubmitDetail, request: W4gSubmitRequest = { url: '', method: 'POST', headers: {} }) {
    super('w4g-submit', init(detail, true));
    this.request = request;
  }

  /** Hands the form the response to show, instead of its own request. Call it while the event is dispatched. */
  respondWith(response: Promise<Response>): void {
    this.#response = response;
  }

  /** The response a listener handed over, if any. */
  get response(): Promise<Response> | undefined {
    return this.#response;
  }
}

/** The server accepted the submission. */
export class W4gSubmitSuccessEvent extends CustomEvent<W4gSubmitSuccessDetail> {
  constructor(detail: W4gSubmitSuccessDetail) {
    super('w4g-submit-success', init(detail));
  }
}

/** The server refused the submission or could not be reached. */
export class W4gSubmitErrorEvent extends CustomEvent<W4gSubmitErrorDetail> {
  constructor(detail: W4gSubmitErrorDetail) {
    super('w4g-submit-error', init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'w4g-load': W4gLoadEvent;
    'w4g-error': W4gErrorEvent;
    'w4g-event-select': W4gEventSelectEvent;
    'w4g-day-select': W4gDaySelectEvent;
    'w4g-range-change': W4gRangeChangeEvent;
    'w4g-association-select': W4gAssociationSelectEvent;
    'w4g-submit': W4gSubmitEvent;
    'w4g-submit-success': W4gSubmitSuccessEvent;
    'w4g-submit-error': W4gSubmitErrorEvent;
  }
}
