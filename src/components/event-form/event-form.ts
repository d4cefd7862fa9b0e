import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { sharedFeedStore, todayIn, type Association, type Occurrence } from '../../core/index.js';
import { W4gSubmitErrorEvent, W4gSubmitEvent, W4gSubmitSuccessEvent, type W4gSubmitErrorDetail } from '../../shared/events.js';
import { tokens } from '../../shared/styles.js';
import { W4gElement } from '../../shared/w4g-element.js';
import { loadDraft, newIdempotencyKey, removeDraft, saveDraft } from './event-form.draft.js';
import {
  ACCESSIBILITY,
  AUDIENCES,
  buildPayload,
  DEFAULT_CATEGORIES,
  DEFAULT_TOWNS,
  emptyValues,
  fieldForServerKey,
  berlinToUtcStamp,
  isDate,
  OTHER_TOWN,
  validate,
  ZONE,
  type Errors,
  type FieldName,
  type FormValues,
} from './event-form.fields.js';
import { checkbox, field, group, select, type Controls } from './event-form.controls.js';
import { PREVIEW_DATES, seriesOccurrences, WEEKDAYS } from './event-form.series.js';
import { seriesSection } from './event-form.series-view.js';
import { fileProblem, imageMessages, imageSection, imagesEndpoint, uploadImage } from './event-form.image.js';
import { styles } from './event-form.styles.js';
import { formMessages, type FormMessages } from './event-form.messages.js';

export type { FormValues } from './event-form.fields.js';
export type { SubmissionPayload } from '../../core/index.js';

interface Problem {
  kind: 'rate-limit' | 'server' | 'network';
  status?: number;
  retryAfter?: number;
  offline?: boolean;
  /** The server's own German text for a 4xx other than 422 and 429. */
  text?: string;
}

/** A function, so that TypeScript does not narrow the value across an await. */
const isOffline = (): boolean => navigator.onLine === false;

const list = (value: string | undefined, fallback: string[]): string[] => {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : fallback;
};

/**
 * A form for visitors and associations to submit an event to the regional calendar. The event
 * goes to the server as JSON in the feed's field names and is published after moderation.
 *
 * @summary Submit an event: validated, spam-protected without third parties, draft kept on reload.
 * @tag w4g-event-form
 * @csspart base - The wrapper of everything.
 * @csspart form - The form.
 * @csspart field - One labelled control with its hint and error.
 * @csspart error-summary - The list of problems shown after a failed submit.
 * @csspart problem - The message after a rate limit, a server error or a network failure.
 * @csspart retry-button - The button that sends the same draft again.
 * @csspart image-section - The picture's fieldset: file, preview, alt text, credit, licence.
 * @csspart image-dropzone - The area around the file input that takes a dropped file.
 * @csspart image-preview - The uploaded picture's preview.
 * @csspart image-remove - The button that removes the picture.
 * @csspart submit-button - The submit button.
 * @csspart confirmation - The thank-you message after a successful submission.
 * @cssprop [--w4g-color-accent=#0b5394] - Buttons, links and focus.
 * @cssprop [--w4g-color-danger=#a4161a] - Error messages and invalid fields.
 * @cssprop [--w4g-color-border=#c3c9d0] - Field borders.
 * @cssprop [--w4g-radius=0.375rem] - Corner radius.
 * @cssprop [--w4g-space-m=1rem] - Base spacing (also -xs, -s, -l).
 * @cssprop [--w4g-focus-ring=3px solid #1a73e8] - Focus outline.
 * @cssprop [--w4g-event-form-max-width=42rem] - Widest the form grows.
 * @event {W4gSubmitEvent} w4g-submit - Before sending (the payload without contact); cancelable.
 * @event {W4gSubmitSuccessEvent} w4g-submit-success - The server accepted the event: status and id.
 * @event {W4gSubmitErrorEvent} w4g-submit-error - Refused (validation, rate-limit) or failed (server, network).
 */
export class W4gEventForm extends W4gElement {
  static override styles = [tokens, styles];

  /** URL the submission is POSTed to, e.g. `/api/submissions`. Also names the stored draft. */
  @property() action = '';

  /** A feed with `associations` whose names the organizer field offers; optional. */
  @property({ attribute: 'associations-src' }) associationsSrc?: string;

  /** The open licence the visitor agrees to publish under. Default `CC BY 4.0`. */
  @property() license = 'CC BY 4.0';

  /**
   * URL pictures are uploaded to (POST, multipart/form-data). Default: \`images\` beside \`action\`,
   * so \`/api/submissions\` uploads to \`/api/images\`.
   */
  @property({ attribute: 'images-action' }) imagesAction?: string;

  /** Link to the privacy notice shown at the consent checkbox. */
  @property({ attribute: 'privacy-href' }) privacyHref?: string;

  /** Towns offered, comma-separated; default Aschersleben, Arnstein, Falkenstein/Harz, Seeland. */
  @property() towns?: string;

  /** Categories offered, comma-separated; default Kultur, Sport, Kirche, Natur, Familie, Musik, Markt, Sonstiges. */
  @property() categories?: string;

  /** Today as `YYYY-MM-DD` in Europe/Berlin; set it to freeze the form's date checks (tests). */
  @property() today?: string;

  /** How many days after today a date (also the last of a series) may lie; as the server's setting. Default 1098 (three years). */
  @property({ attribute: 'max-days-ahead', type: Number }) maxDaysAhead = 1098;

  /** The values as the visitor left them (read-only copy). */
  get values(): FormValues {
    return structuredClone(this.form);
  }

  @state() private form: FormValues = emptyValues();
  @state() private errors: Errors = {};
  @state() private general: string[] = [];
  @state() private problem?: Problem;
  @state() private phase: 'editing' | 'sending' | 'success' = 'editing';
  @state() private restored = false;
  @state() private associations: Association[] = [];
  @state() private announcement = '';
  @state() private uploading?: { name: string; percent?: number };
  @state() private dragging = false;

  private key = newIdempotencyKey();
  private shownAt = performance.now();
  private focusAfterRender?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.shownAt = performance.now();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('action')) {
      const draft = this.action ? loadDraft(this.action) : undefined;
      this.form = draft?.values ?? emptyValues();
      this.key = draft?.key ?? newIdempotencyKey();
      this.restored = draft !== undefined;
    }
    if (changed.has('associationsSrc')) void this.loadAssociations();
    this.setHostState(this.problem ? 'error' : this.phase);
  }

  private async loadAssociations(): Promise<void> {
    const src = this.associationsSrc;
    if (!src) {
      this.associations = [];
      return;
    }
    try {
      const snapshot = await sharedFeedStore().load(src);
      if (src === this.associationsSrc) this.associations = snapshot.result?.associations ?? [];
    } catch {
      // Without the list the organizer is typed; nothing to tell the visitor.
    }
  }

  /** The form's own texts in the element's language. */
  private get formMsg(): FormMessages {
    return formMessages[this.language];
  }

  private get todayIso(): string {
    return this.today && isDate(this.today) ? this.today : todayIn(ZONE);
  }

  /** The visitor changed a control: keep the value and, from now on, the draft. */
  private onEdit(e: Event): void {
    const target = e.target as HTMLInputElement;
    const name = target.name as FieldName;
    if (!(name in this.form)) return; // the honeypot and anything unknown never reach the draft
    const current = this.form[name];
    let value: FormValues[FieldName];
    if (Array.isArray(current)) {
      if (name === 'exdates' || name === 'rdates') return; // changed by their buttons
      const all: readonly string[] = name === 'audience' ? AUDIENCES : name === 'weekdays' ? WEEKDAYS : ACCESSIBILITY;
      const chosen = new Set(current);
      if (target.checked) chosen.add(target.value);
      else chosen.delete(target.value);
      value = all.filter((v) => chosen.has(v));
    } else if (typeof current === 'boolean') value = target.checked;
    else value = target.value;
    this.setValues({ [name]: value });
  }

  private setValues(change: Partial<FormValues>): void {
    this.form = { ...this.form, ...change };
    if (this.action) saveDraft(this.action, { values: this.form, key: this.key });
  }

  private addDate(list: 'exdates' | 'rdates', date: string): void {
    if (!isDate(date) || this.form[list].includes(date)) return;
    this.setValues({ [list]: [...this.form[list], date].sort() });
  }

  private removeDate(list: 'exdates' | 'rdates', date: string): void {
    this.setValues({ [list]: this.form[list].filter((d) => d !== date) });
    // The removed date's button is gone: focus goes to the list's date field.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#f-${list}-new`)?.focus());
  }

  /** Uploads a chosen or dropped file; a refusal or a broken connection leaves the draft as it was. */
  private async uploadImage(file: File): Promise<void> {
    const t = imageMessages[this.language];
    const endpoint = imagesEndpoint(this.action, this.imagesAction);
    const refuse = (message: string): void => {
      this.errors = { ...this.errors, image: message };
      this.announcement = message;
    };
    const problem = fileProblem(file, t);
    if (problem || !endpoint) return refuse(problem ?? t.errors.network);
    const name = file.name.slice(0, 80);
    this.uploading = { name };
    this.announcement = t.uploading(name);
    const outcome = await uploadImage(endpoint, file, (percent) => {
      if (this.uploading) this.uploading = { name, percent };
    });
    this.uploading = undefined;
    if (!outcome.ok) {
      const status = outcome.status;
      return refuse(
        outcome.message ?? (status === 0 ? t.errors.network : status === 429 ? t.errors.rateLimited : t.errors.server(status)),
      );
    }
    const { image: _image, ...errors } = this.errors;
    this.errors = errors;
    const { id, preview, width, height } = outcome.image;
    this.setValues({ image: id, imagePreview: preview, imageWidth: String(width), imageHeight: String(height) });
    this.announcement = t.uploaded;
    this.focusAfterRender = 'imageAlt';
  }

  private removeImage(): void {
    this.setValues({ image: '', imagePreview: '', imageWidth: '', imageHeight: '' });
    this.announcement = imageMessages[this.language].removed;
    this.focusAfterRender = 'image';
  }

  private previewCache?: { values: FormValues; dates: Occurrence[] };

  /** The series' next dates, as the calendar will show them (computed once per change). */
  private get seriesPreview(): Occurrence[] {
    if (this.previewCache?.values === this.form) return this.previewCache.dates;
    let dates: Occurrence[] = [];
    try {
      if (isDate(this.form.startDate)) {
        dates = seriesOccurrences(this.form, ZONE, berlinToUtcStamp, this.maxDaysAhead + 366).slice(0, PREVIEW_DATES);
      }
    } catch {
      dates = [];
    }
    this.previewCache = { values: this.form, dates };
    return dates;
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    void this.send();
  }

  /** Checks, then sends the draft with its Idempotency-Key (also for a retry). */
  private async send(): Promise<void> {
    if (this.phase === 'sending') return;
    const t = this.formMsg;
    this.problem = undefined;
    this.general = [];
    this.errors = validate(this.form, { today: this.todayIso, maxDaysAhead: this.maxDaysAhead, locale: this.language }, t.errors);
    if (Object.keys(this.errors).length) {
      this.focusAfterRender = 'invalid';
      return;
    }
    const honeypot = this.renderRoot.querySelector<HTMLInputElement>('input[name="website2"]')?.value ?? '';
    const payload = buildPayload(this.form, {
      associations: this.associations,
      license: this.license,
      honeypot,
      formTime: performance.now() - this.shownAt,
    });
    const { contact: _contact, ...shown } = payload;
    if (!this.dispatchEvent(new W4gSubmitEvent(shown))) return;
    if (isOffline()) {
      this.fail({ kind: 'network', offline: true });
      return;
    }
    this.phase = 'sending';
    this.announcement = t.sending;
    let response: Response;
    try {
      response = await fetch(this.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': this.key },
        body: JSON.stringify(payload),
      });
    } catch {
      this.phase = 'editing';
      this.fail({ kind: 'network', offline: isOffline() });
      return;
    }
    this.phase = 'editing';
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (response.ok) this.succeed(response.status, typeof body?.['id'] === 'string' ? body['id'] : undefined);
    else if (response.status === 422) this.refused(body?.['errors']);
    else if (response.status === 429) {
      const header = Number(response.headers.get('Retry-After'));
      const retryAfter = Number.isFinite(header) && header > 0 ? header : Number(body?.['retryAfter']) || undefined;
      this.fail({ kind: 'rate-limit', status: 429, retryAfter });
    } else {
      const text = response.status < 500 && typeof body?.['error'] === 'string' ? body['error'] : undefined;
      this.fail({ kind: 'server', status: response.status, text });
    }
  }

  private succeed(status: number, id: string | undefined): void {
    if (this.action) removeDraft(this.action);
    this.form = emptyValues();
    this.errors = {};
    this.key = newIdempotencyKey();
    this.restored = false;
    this.phase = 'success';
    this.announcement = '';
    this.focusAfterRender = 'confirmation';
    this.dispatchEvent(new W4gSubmitSuccessEvent(id === undefined ? { status } : { status, id }));
  }

  /** A 422: every message at its field; those without a field go into the summary only. */
  private refused(raw: unknown): void {
    const errors: Record<string, string> = {};
    if (typeof raw === 'object' && raw !== null) {
      for (const [key, message] of Object.entries(raw)) if (typeof message === 'string') errors[key] = message;
    }
    const atFields: Errors = {};
    const general: string[] = [];
    for (const [key, message] of Object.entries(errors)) {
      const field = fieldForServerKey(key);
      if (field && atFields[field] === undefined) atFields[field] = message;
      else general.push(message);
    }
    this.errors = atFields;
    this.general = general.length || Object.keys(atFields).length ? general : [this.formMsg.serverError(422)];
    this.focusAfterRender = 'invalid';
    this.dispatchEvent(new W4gSubmitErrorEvent({ status: 422, kind: 'validation', errors }));
  }

  private fail(problem: Problem): void {
    this.problem = problem;
    this.announcement = '';
    this.focusAfterRender = 'problem';
    const detail: W4gSubmitErrorDetail = { kind: problem.kind };
    if (problem.status !== undefined) detail.status = problem.status;
    this.dispatchEvent(new W4gSubmitErrorEvent(detail));
  }

  private startAnother(): void {
    this.phase = 'editing';
    this.shownAt = performance.now();
    this.focusAfterRender = 'first';
  }

  protected override updated(): void {
    this.setHostState(this.problem ? 'error' : this.phase);
    const target = this.focusAfterRender;
    if (!target) return;
    this.focusAfterRender = undefined;
    const root = this.renderRoot as ShadowRoot;
    if (target === 'invalid') {
      const first = (Object.keys(emptyValues()) as FieldName[]).find((f) => this.errors[f] !== undefined);
      (first ? this.control(first) : root.querySelector<HTMLElement>('[part="error-summary"]'))?.focus();
    } else if (target === 'first') this.control('title')?.focus();
    else if (target === 'imageAlt' || target === 'image') this.control(target)?.focus();
    else root.querySelector<HTMLElement>(`[part="${target}"]`)?.focus();
  }

  /** The control of a field (the first checkbox of a group). */
  private control(field: FieldName): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#f-${field}, [name="${field}"]`);
  }

  override render(): TemplateResult {
    return html`<div part="base" class="base">
      <div role="status" class="visually-hidden">${this.announcement}</div>
      ${this.phase === 'success' ? this.renderConfirmation() : this.renderForm()}
    </div>`;
  }

  private renderConfirmation(): TemplateResult {
    const t = this.formMsg;
    return html`<div class="confirmation" part="confirmation" role="status" tabindex="-1">
      <p>${t.success}</p>
      <button type="button" class="button" @click=${this.startAnother}>${t.another}</button>
    </div>`;
  }

  private renderForm(): TemplateResult {
    const t = this.formMsg;
    const v = this.form;
    const towns = list(this.towns, DEFAULT_TOWNS);
    const categories = list(this.categories, DEFAULT_CATEGORIES);
    const timed = !v.allDay;
    const c: Controls = { form: v, errors: this.errors, choose: t.choose };
    return html`<form
      part="form"
      novalidate
      aria-label=${t.label}
      @submit=${this.onSubmit}
      @input=${this.onEdit}
      @change=${this.onEdit}
    >
      ${this.restored ? html`<p class="notice">${t.draftRestored}</p>` : nothing} ${this.renderSummary()}
      <p class="note">${t.requiredNote}</p>
      <fieldset>
        <legend>${t.sectionEvent}</legend>
        ${field(c, 'title', t.title, { required: true })} ${field(c, 'description', t.description, { type: 'textarea' })}
        ${select(
          c,
          'category',
          t.category,
          categories.map((c) => [c, c]),
        )}
      </fieldset>
      <fieldset>
        <legend>${t.sectionWhen}</legend>
        <div class="row">
          ${field(c, 'startDate', t.startDate, { type: 'date', required: true, min: this.todayIso })}
          ${field(c, 'startTime', t.startTime, { type: 'time', hidden: !timed, hint: t.timeHint })}
        </div>
        <div class="row">
          ${field(c, 'endDate', t.endDate, { type: 'date', min: v.startDate || this.todayIso })}
          ${field(c, 'endTime', t.endTime, { type: 'time', hidden: !timed })}
        </div>
        ${checkbox(c, 'allDay', t.allDay)}
        ${seriesSection({
          c,
          t,
          language: this.language,
          today: this.todayIso,
          preview: this.seriesPreview,
          addDate: (list, date) => this.addDate(list, date),
          removeDate: (list, date) => this.removeDate(list, date),
        })}
      </fieldset>
      <fieldset>
        <legend>${t.sectionPlace}</legend>
        ${select(c, 'town', t.town, [...towns.map((x): [string, string] => [x, x]), [OTHER_TOWN, t.townOther]])}
        ${field(c, 'otherTown', t.otherTown, { hidden: v.town !== OTHER_TOWN, required: true })}
        ${field(c, 'placeName', t.placeName)} ${field(c, 'placeAddress', t.placeAddress, { hint: t.addressHint })}
      </fieldset>
      <fieldset>
        <legend>${t.sectionDetails}</legend>
        ${field(c, 'organizer', t.organizer, { hint: t.organizerHint, list: 'f-organizer-list' })}
        <datalist id="f-organizer-list">${this.associations.map((a) => html`<option value=${a.name}></option>`)}</datalist>
        ${group(c, 'audience', t.audience, AUDIENCES, t.audienceLabels)}
        ${group(c, 'accessibility', t.accessibility, ACCESSIBILITY, t.accessibilityLabels)} ${checkbox(c, 'free', t.free)}
        ${field(c, 'price', t.price, { hidden: v.free, hint: t.priceHint })}
        ${field(c, 'url', t.url, { type: 'url', hint: t.urlHint })}
      </fieldset>
      ${imageSection({
        c,
        t: imageMessages[this.language],
        uploading: this.uploading,
        dragging: this.dragging,
        choose: (file) => void this.uploadImage(file),
        remove: () => this.removeImage(),
        drag: (over) => (this.dragging = over),
      })}
      <fieldset>
        <legend>${t.sectionContact}</legend>
        <p class="hint" id="f-contact-hint">${t.contactHint}</p>
        ${field(c, 'contactName', t.contactName, { required: true, autocomplete: 'name' })}
        ${field(c, 'contactEmail', t.contactEmail, { type: 'email', required: true, autocomplete: 'email' })}
      </fieldset>
      <fieldset>
        <legend>${t.sectionConsent}</legend>
        ${checkbox(
          c,
          'privacy',
          this.privacyHref
            ? html`${t.privacyBefore}<a href=${this.privacyHref} target="_blank" rel="noopener">${t.privacyLink}</a
                >${t.privacyAfter}`
            : html`${t.privacyBefore}${t.privacyLink}${t.privacyAfter}`,
          true,
        )}
        ${checkbox(c, 'publish', t.license(this.license), true)}
      </fieldset>
      <div class="trap" aria-hidden="true">
        <label for="f-website2">${t.honeypot}</label>
        <input id="f-website2" name="website2" type="text" tabindex="-1" autocomplete="off" />
      </div>
      ${this.renderProblem()}
      <button
        type="submit"
        class="button button--primary"
        part="submit-button"
        aria-disabled=${this.phase === 'sending' ? 'true' : 'false'}
      >
        ${this.phase === 'sending' ? t.sending : t.submit}
      </button>
    </form>`;
  }

  private renderSummary(): TemplateResult | typeof nothing {
    const entries = (Object.keys(emptyValues()) as FieldName[]).filter((f) => this.errors[f] !== undefined);
    const count = entries.length + this.general.length;
    if (!count) return nothing;
    const focus = (e: Event, field: FieldName) => {
      e.preventDefault();
      this.control(field)?.focus();
    };
    return html`<div class="alert" part="error-summary" role="alert" tabindex="-1">
      <p class="alert__title">${this.formMsg.summaryTitle(count)}</p>
      <ul>
        ${entries.map((f) => html`<li><a href="#f-${f}" @click=${(e: Event) => focus(e, f)}>${this.errors[f]}</a></li>`)}
        ${this.general.map((m) => html`<li>${m}</li>`)}
      </ul>
    </div>`;
  }

  private renderProblem(): TemplateResult | typeof nothing {
    const p = this.problem;
    if (!p) return nothing;
    const t = this.formMsg;
    const text =
      p.kind === 'rate-limit'
        ? t.rateLimited(p.retryAfter)
        : p.kind === 'network'
          ? p.offline
            ? t.offline
            : t.network
          : (p.text ?? t.serverError(p.status));
    return html`<div class="alert" part="problem" role="alert" tabindex="-1">
      <p class="alert__title">${t.problemTitle}</p>
      <p>${text}</p>
      ${
        p.kind === 'rate-limit'
          ? nothing
          : html`<button type="button" class="button" part="retry-button" @click=${() => void this.send()}>${t.retry}</button>`
      }
    </div>`;
  }
}
