/**
 * The submission on top of the form's state: checks the values, sends the draft with its
 * Idempotency-Key (also for a retry) through `submit` (event-form.submit.ts), and what each
 * answer does to the form: saved (the thank-you, or in edit mode the new version), a 412
 * conflict shown field by field to merge, 422 messages at their fields, a failure to retry.
 */
import {
  W4gSubmitErrorEvent,
  W4gSubmitSuccessEvent,
  type W4gSubmitErrorDetail,
  type W4gSubmitSuccessDetail,
} from '../../shared/events.js';
import type { Association } from '../../core/index.js';
import { removeDraft, newIdempotencyKey } from './event-form.draft.js';
import type { FeedEvent } from './event-form.edit.js';
import { buildPayload, emptyValues, serverErrors, validate, type FieldName, type FormValues } from './event-form.fields.js';
import { FormState } from './event-form.state.js';
import { submit, type Answers, type Problem } from './event-form.submit.js';
import type { FormView } from './event-form.view.js';

export class FormModel extends FormState implements FormView, Answers {
  readonly submit = (e: Event): void => {
    e.preventDefault();
    void this.send();
  };

  readonly retry = (): void => void this.send();

  /** Checks, then sends the draft with its Idempotency-Key (also for a retry). */
  private async send(): Promise<void> {
    if (this.phase === 'sending') return;
    const { host, parts } = this;
    const t = this.formMsg;
    const language = this.language;
    this.problem = undefined;
    this.general = [];
    const kept = typeof host.event?.['start'] === 'string' ? host.event['start'].slice(0, 10) : undefined;
    this.errors = validate(
      this.form,
      {
        today: this.todayIso,
        maxDaysAhead: host.maxDaysAhead,
        locale: language,
        contact: !this.contactless,
        ...(kept ? { keptStart: kept } : {}),
      },
      t.errors,
    );
    this.changed();
    if (Object.keys(this.errors).length) {
      this.focusAfterRender = 'invalid';
      return;
    }
    const honeypot = host.renderRoot.querySelector<HTMLInputElement>('input[name="website2"]')?.value ?? '';
    const original = host.event?.['organizerId'];
    const known = [...(host.organizers ?? []), ...this.associations] as Association[];
    if (typeof original === 'string' && !known.some((a) => a.id === original)) {
      known.push({ id: original, name: this.prefill(host.event!).organizer } as Association);
    }
    const payload = buildPayload(this.form, {
      associations: known,
      license: host.license,
      honeypot,
      formTime: performance.now() - this.shownAt,
    });
    // The submitter's emails come in the form's language.
    if (language === 'en') payload.lang = 'en';
    if (this.contactless && !this.editMode) await parts.editModeLoading();
    const body = this.contactless ? this.editMode!.editBody(payload, host.event) : payload;
    const { contact: _contact, ...shown } = payload;
    await submit(host, { key: this.key, version: this.baseVersion, body, shown: this.contactless ? body : shown }, this);
  }

  sending(): void {
    this.phase = 'sending';
    this.announcement = this.formMsg.sending;
    this.changed();
  }

  sent(): void {
    this.phase = 'editing';
    this.changed();
  }

  saved(status: number, id: string | undefined, version: string | undefined): void {
    if (this.draftName) removeDraft(this.draftName);
    // In edit mode the saved values stay (the page decides what comes next); new ones start empty.
    if (!this.host.event) this.form = emptyValues();
    if (version !== undefined) this.baseVersion = version;
    this.conflict = undefined;
    this.errors = {};
    this.key = newIdempotencyKey();
    this.restored = false;
    this.phase = 'success';
    this.announcement = '';
    this.focusAfterRender = 'confirmation';
    this.changed();
    const detail: W4gSubmitSuccessDetail = { status };
    if (id !== undefined) detail.id = id;
    if (version !== undefined) detail.version = version;
    this.host.dispatchEvent(new W4gSubmitSuccessEvent(detail));
  }

  /**
   * A 412: someone saved first. Their version is shown beside the person's own, field by field;
   * the next save goes against their version (the person has seen it). The draft keeps both.
   */
  conflicted(current: FeedEvent, version: unknown): void {
    const theirs = this.prefill(current);
    if (typeof version === 'string') this.baseVersion = version;
    this.saveDraft();
    this.conflict = this.editMode!.differences(this.form, theirs).length ? theirs : undefined;
    if (!this.conflict) this.general = [];
    this.announcement = '';
    this.focusAfterRender = 'conflict';
    this.changed();
    this.host.dispatchEvent(new W4gSubmitErrorEvent({ status: 412, kind: 'conflict' }));
  }

  /** Takes the saved version of some fields (or all); the table shrinks to what still differs. */
  readonly take = (fields: readonly FieldName[] | 'all', label: string): void => {
    const theirs = this.conflict;
    if (!theirs) return;
    const editMode = this.editMode!;
    const change: Partial<FormValues> = {};
    const take = fields === 'all' ? (Object.keys(theirs) as FieldName[]) : fields;
    for (const f of take) (change as Record<string, unknown>)[f] = structuredClone(theirs[f]);
    this.setValues(change);
    if (!editMode.differences(this.form, theirs).length) this.conflict = undefined;
    this.announcement = editMode.editMessages[this.language].taken(label);
    this.focusAfterRender = this.conflict ? 'conflict' : 'submit-button';
  };

  /** A 422: every message at its field; those without a field go into the summary only. */
  refused(raw: unknown): void {
    const { errors, atFields, general } = serverErrors(raw);
    this.errors = atFields;
    this.general = general.length || Object.keys(atFields).length ? general : [this.formMsg.serverError(422)];
    this.focusAfterRender = 'invalid';
    this.changed();
    this.host.dispatchEvent(new W4gSubmitErrorEvent({ status: 422, kind: 'validation', errors }));
  }

  failed(problem: Problem): void {
    this.problem = problem;
    this.announcement = '';
    this.focusAfterRender = 'problem';
    this.changed();
    const detail: W4gSubmitErrorDetail = { kind: problem.kind };
    if (problem.status !== undefined) detail.status = problem.status;
    this.host.dispatchEvent(new W4gSubmitErrorEvent(detail));
  }

  /** After the thank-you: an empty form again. */
  readonly another = (): void => {
    this.phase = 'editing';
    this.shownAt = performance.now();
    this.focusAfterRender = 'first';
    this.changed();
  };
}
