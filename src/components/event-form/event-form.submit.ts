/**
 * The submission's exchange with the server: the request (method, the page's headers, the
 * Idempotency-Key and, against an edited version, If-Match), the cancelable `w4g-submit` event
 * through which a page may answer instead, and what the answer means. The element decides what
 * each answer does to the form.
 */
import { W4gSubmitEvent, type W4gSubmitDetail } from '../../shared/events.js';
import type { FeedEvent } from './event-form.edit.js';
import type { W4gEventForm } from './event-form.js';

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

/** Where the form sends to: the element's settings (and it dispatches `w4g-submit`). */
export type SubmitTarget = EventTarget & Pick<W4gEventForm, 'action' | 'method' | 'headers' | 'event'>;

/** The draft to send. */
export interface Outgoing {
  /** The Idempotency-Key (the same for a retry of the same draft). */
  key: string;
  /** The version the edit started from, sent as If-Match. */
  version: string | undefined;
  /** The JSON body. */
  body: object;
  /** What `w4g-submit` tells the page (the body without contact). */
  shown: W4gSubmitDetail;
}

/** Who hears how the submission went. */
export interface Answers {
  /** The request leaves. */
  sending(): void;
  /** The response (or the failure) came back; its body is read next. */
  sent(): void;
  /** 2xx: saved, with the new id and version when the server names them. */
  saved(status: number, id: string | undefined, version: string | undefined): void;
  /** 412 in edit mode: someone saved first; their version and its version tag. */
  conflicted(current: FeedEvent, version: unknown): void;
  /** 422: the server's messages by (dotted) field name. */
  refused(raw: unknown): void;
  /** Offline, unreachable, rate-limited or another error status. */
  failed(problem: Problem): void;
}

/** Sends the body (unless a listener of `w4g-submit` cancels or answers instead) and reports the answer. */
export async function submit(to: SubmitTarget, s: Outgoing, answers: Answers): Promise<void> {
  const url = to.action;
  const method = /^(POST|PUT|PATCH)$/i.test(to.method) ? to.method.toUpperCase() : 'POST';
  const headers: Record<string, string> = {
    ...to.headers,
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'Idempotency-Key': s.key,
  };
  if (s.version) headers['If-Match'] = `"${s.version}"`;
  const request = { url, method, headers, ...(s.version ? { version: s.version } : {}) };
  const event = new W4gSubmitEvent(s.shown, request);
  if (!to.dispatchEvent(event)) return;
  if (isOffline()) return answers.failed({ kind: 'network', offline: true });
  answers.sending();
  let response: Response;
  try {
    response = await (event.response ?? fetch(url, { method, headers, body: JSON.stringify(s.body) }));
  } catch {
    answers.sent();
    return answers.failed({ kind: 'network', offline: isOffline() });
  }
  answers.sent();
  const answer = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  const text = (key: string): string | undefined => (typeof answer?.[key] === 'string' ? (answer[key] as string) : undefined);
  if (response.ok) answers.saved(response.status, text('id'), text('version'));
  else if (response.status === 412 && to.event !== undefined && typeof answer?.['current'] === 'object' && answer['current']) {
    answers.conflicted(answer['current'] as FeedEvent, answer['version']);
  } else if (response.status === 422) answers.refused(answer?.['errors']);
  else if (response.status === 429) {
    const header = Number(response.headers.get('Retry-After'));
    const retryAfter = Number.isFinite(header) && header > 0 ? header : Number(answer?.['retryAfter']) || undefined;
    answers.failed({ kind: 'rate-limit', status: 429, retryAfter });
  } else {
    answers.failed({ kind: 'server', status: response.status, text: response.status < 500 ? text('error') : undefined });
  }
}
