/**
 * The draft in localStorage: the visitor's values and the Idempotency-Key of this draft, so a
 * reload after a failed send neither loses the typing nor, on retry, creates a duplicate.
 * Storage may be missing or full (private mode); the form then simply works without a draft.
 */
import { restoreValues, type FormValues } from './event-form.fields.js';

export interface Draft {
  values: FormValues;
  key: string;
  /** Edit mode: the version of the event the changes started from (a stale one gets 412). */
  version?: string;
}

/** The draft's name: the form's action, and in edit mode its method and the edited date. */
export function draftName(form: {
  action: string;
  method: string;
  event?: Readonly<Record<string, unknown>> | undefined;
}): string {
  const { action, method, event } = form;
  if (!action) return '';
  if (!event) return action;
  const which = event['recurrenceId'] ?? event['id'] ?? '';
  return `${method.toUpperCase()} ${action}#${typeof which === 'string' ? which : ''}`;
}

export function draftKey(action: string): string {
  return `w4g-event-form:${action}`;
}

export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Outside a secure context randomUUID is missing; 16 random bytes serve the same purpose.
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function loadDraft(action: string): Draft | undefined {
  try {
    const raw = localStorage.getItem(draftKey(action));
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as { values?: unknown; key?: unknown; version?: unknown };
    const values = restoreValues(parsed.values);
    if (!values) return undefined;
    const key = typeof parsed.key === 'string' && /^[\x21-\x7e]{1,200}$/.test(parsed.key) ? parsed.key : newIdempotencyKey();
    const version = typeof parsed.version === 'string' && parsed.version.length <= 200 ? parsed.version : undefined;
    return version === undefined ? { values, key } : { values, key, version };
  } catch {
    return undefined;
  }
}

export function saveDraft(action: string, draft: Draft): void {
  try {
    localStorage.setItem(draftKey(action), JSON.stringify({ values: draft.values, key: draft.key, version: draft.version }));
  } catch {
    // No storage: the draft lives only as long as the page.
  }
}

export function removeDraft(action: string): void {
  try {
    localStorage.removeItem(draftKey(action));
  } catch {
    // Nothing stored.
  }
}
