/**
 * The submission's exchange with the server: the request (method, the page's headers, the
 * Idempotency-Key and, against an edited version, If-Match), the cancelable `w4g-submit` event
 * through which a page may answer instead, and what the answer means. The element decides what
 * each answer does to the form.
 */
import { W4gSubmitEvent, type W4gSubmitDetail } from '../../shared/events.js';
import type { FeedEvent } from './event-form.edit.js';

/** Why a submission did not arrive: shown with a retry (except for the rate limit). */
export interface Problem {
  kind: 'rate-limit' | 'server' | 'network';
  status?: number;
  retryAfter?: number;
  offline?: boolean;
  /** The server's own German text for a 4xx other than 422 and 429. */
  text?: string;
}

/** A function, so that TypeScript does not narrow the value across an await. */
export const isOffline = (): boolean => navigator.onLine === false;

/** One submission: what is sent where, and who hears how it went. */
export interface Sending {
  /** Dispatches `w4g-submit`. */
  target: EventTarget;
  url: string;
  /** `POST`, `PUT` or `PATCH`; anything else is sent as `POST`. */
  method: string;
  /** The page's extra headers. */
  headers: Record<string, string>;
  /** The Idempotency-Key (the same for a retry of the same draft). */
  key: string;
  /** The version the edit started from, sent as If-Match. */
  version: string | undefined;
  /** The JSON body. */
  body: object;
  /** What `w4g-submit` tells the page (the body without contact). */
  shown: W4gSubmitDetail;
  /** Edit mode: a 412 with the saved version is a conflict. */
  editing: boolean;
  /** The request leaves. */
  sending(): void;
  /** The response (or the failure) came back; its body is read next. */
  sent(): void;
  /** 2xx: saved, with the new id and version when the server names them. */
  saved(status: number, id: string | undefined, version: string | undefined): void;
  /** 412 in edit mode: someone saved first; their version and its version tag. */
  conflict(current: FeedEvent, version: unknown): void;
  /** 422: the server's messages by (dotted) field name; anything else in `errors` is dropped. */
  refused(raw: unknown): void;
  /** Offline, unreachable, rate-limited or another error status. */
  failed(problem: Problem): void;
}

/** Sends the body (unless a listener of `w4g-submit` cancels or answers instead) and reports the answer. */
export async function submit(s: Sending): Promise<void> {
  const method = /^(POST|PUT|PATCH)$/i.test(s.method) ? s.method.toUpperCase() : 'POST';
  const headers: Record<string, string> = {
    ...s.headers,
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'Idempotency-Key': s.key,
  };
  if (s.version) headers['If-Match'] = `"${s.version}"`;
  const request = { url: s.url, method, headers, ...(s.version ? { version: s.version } : {}) };
  const event = new W4gSubmitEvent(s.shown, request);
  if (!s.target.dispatchEvent(event)) return;
  if (isOffline()) return s.failed({ kind: 'network', offline: true });
  s.sending();
  let response: Response;
  try {
    response = await (event.response ?? fetch(s.url, { method, headers, body: JSON.stringify(s.body) }));
  } catch {
    s.sent();
    return s.failed({ kind: 'network', offline: isOffline() });
  }
  s.sent();
  const answer = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const text = (key: string): string | undefined => (typeof answer?.[key] === 'string' ? (answer[key] as string) : undefined);
  if (response.ok) s.saved(response.status, text('id'), text('version'));
  else if (response.status === 412 && s.editing && typeof answer?.['current'] === 'object' && answer['current']) {
    s.conflict(answer['current'] as FeedEvent, answer['version']);
  } else if (response.status === 422) s.refused(answer?.['errors']);
  else if (response.status === 429) {
    const header = Number(response.headers.get('Retry-After'));
    const retryAfter = Number.isFinite(header) && header > 0 ? header : Number(answer?.['retryAfter']) || undefined;
    s.failed({ kind: 'rate-limit', status: 429, retryAfter });
  } else {
    s.failed({ kind: 'server', status: response.status, text: response.status < 500 ? text('error') : undefined });
  }
}
