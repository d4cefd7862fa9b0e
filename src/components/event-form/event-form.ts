import { type PropertyDeclarations, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { isIsoDate, sharedFeedStore, todayIn, type Association, type Occurrence } from '../../core/index.js';
import {
  W4gSubmitErrorEvent,
  W4gSubmitSuccessEvent,
  type W4gSubmitErrorDetail,
  type W4gSubmitSuccessDetail,
} from '../../shared/events.js';
import { tokens } from '../../shared/styles.js';
import { W4gElement } from '../../shared/w4g-element.js';
import { draftName, loadDraft, newIdempotencyKey, removeDraft, saveDraft } from './event-form.draft.js';
import {
  buildPayload,
  choices,
  DEFAULT_CATEGORIES,
  DEFAULT_TOWNS,
  emptyValues,
  OTHER_TOWN,
  serverErrors,
  validate,
  ZONE,
  type Errors,
  type FieldName,
  type FormValues,
} from './event-form.fields.js';
import { controlValue } from './event-form.controls.js';
import { previewDates } from './event-form.series-view.js';
import { fileProblem, imageMessages, imagesEndpoint, uploadImage } from './event-form.image.js';
import { ClashCheck } from './event-form.clashes.js';
import { styles } from './event-form.styles.js';
import { formMessages, type FormMessages } from './event-form.messages.js';
import { submit, type Problem } from './event-form.submit.js';
import { formView, moveFocus } from './event-form.view.js';
import type { FeedEvent } from './event-form.edit.js';
import type * as EditMode from './event-form.edit-mode.js';

export type { FormValues } from './event-form.fields.js';
export type { FeedEvent } from './event-form.edit.js';

/** An association the author may name as organizer (the `organizers` property). */
export interface OrganizerChoice {
  id: string;
  name: string;
  /** Its town: choosing the association fills in the town. */
  town?: string;
}
export type { SubmissionPayload } from '../../core/index.js';

/**
 * A form for visitors and associations to submit an event to the regional calendar. The event
 * goes to the server as JSON in the feed's field names and is published after moderation.
 * With `.event` it edits an existing event (edit mode): every field prefilled, sent with
 * `method` (e.g. PUT), `headers` and the `version` as `If-Match`; a stale version (412) shows
 * both versions to merge, and the draft survives every failure.
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
 * @csspart clash-hint - The note on other dates at the same time nearby (with `clashes-src`).
 * @csspart status-section - Edit mode: the fieldset with status, status note and sold out.
 * @csspart conflict - After a 412: both versions side by side, field by field, with buttons to take the saved one.
 * @cssprop [--w4g-color-accent=#0b5394] - Buttons, links and focus.
 * @cssprop [--w4g-color-danger=#a4161a] - Error messages and invalid fields.
 * @cssprop [--w4g-color-border=#c3c9d0] - Field borders.
 * @cssprop [--w4g-radius=0.375rem] - Corner radius.
 * @cssprop [--w4g-space-m=1rem] - Base spacing (also -xs, -s, -l).
 * @cssprop [--w4g-focus-ring=3px solid #1a73e8] - Focus outline.
 * @cssprop [--w4g-event-form-max-width=42rem] - Widest the form grows.
 * @event {W4gSubmitEvent} w4g-submit - Before sending (the body without contact, and the request); cancelable, or answered by the page with `respondWith(fetch(…))`.
 * @event {W4gSubmitSuccessEvent} w4g-submit-success - The server accepted the event: status, id and (edit mode) the new version.
 * @event {W4gSubmitErrorEvent} w4g-submit-error - Refused (validation, rate-limit, conflict) or failed (server, network).
 */
export class W4gEventForm extends W4gElement {
  static override properties: PropertyDeclarations = {
    action: {},
    associationsSrc: { attribute: 'associations-src' },
    license: {},
    imagesAction: { attribute: 'images-action' },
    privacyHref: { attribute: 'privacy-href' },
    towns: {},
    categories: {},
    clashesSrc: { attribute: 'clashes-src' },
    today: {},
    maxDaysAhead: { attribute: 'max-days-ahead', type: Number },
    event: { attribute: false },
    method: {},
    version: {},
    headers: { attribute: false },
    noContact: { type: Boolean, attribute: 'no-contact' },
    noSeries: { type: Boolean, attribute: 'no-series' },
    organizers: { attribute: false },
    form: { state: true },
    errors: { state: true },
    general: { state: true },
    problem: { state: true },
    phase: { state: true },
    restored: { state: true },
    associations: { state: true },
    announcement: { state: true },
    uploading: { state: true },
    dragging: { state: true },
    conflict: { state: true },
    editMode: { state: true },
  };

  static override styles = [tokens, styles];

  /** URL the submission is POSTed to, e.g. `/api/submissions`. Also names the stored draft. */
  action = '';

  /** A feed with `associations` whose names the organizer field offers; optional. */
  associationsSrc?: string;

  /** The open licence the visitor agrees to publish under. Default `CC BY 4.0`. */
  license = 'CC BY 4.0';

  /**
   * URL pictures are uploaded to (POST, multipart/form-data). Default: \`images\` beside \`action\`,
   * so \`/api/submissions\` uploads to \`/api/images\`.
   */
  imagesAction?: string;

  /** Link to the privacy notice shown at the consent checkbox. */
  privacyHref?: string;

  /** Towns offered, comma-separated; default Aschersleben, Arnstein, Falkenstein/Harz, Seeland. */
  towns?: string;

  /** Categories offered, comma-separated; default Kultur, Sport, Kirche, Natur, Familie, Musik, Markt, Sonstiges. */
  categories?: string;

  /**
   * The clash check (the server's `/api/clashes`): with it, the form names published dates at the
   * same time in the same or a neighbouring town once date, time and town are filled. Advice only.
   */
  clashesSrc?: string;

  /** Today as `YYYY-MM-DD` in Europe/Berlin; set it to freeze the form's date checks (tests). */
  today?: string;

  /** How many days after today a date (also the last of a series) may lie; as the server's setting. Default 1098 (three years). */
  maxDaysAhead = 1098;

  /**
   * Edit mode: the event to edit, as the feed writes it (a JSON object). Every field is
   * prefilled, series, picture and status included; the form sends the event alone (no contact,
   * no consent) and fields it has no control for unchanged. Unset: the form creates an event.
   */
  event?: FeedEvent;

  /** HTTP method of the request: `POST` (default) or `PUT` (edit mode). */
  method = 'POST';

  /** The edited event's version as the server gave it; sent as `If-Match`. A stale one gets 412 and both versions. */
  version?: string;

  /** Extra request headers (a signed-in workspace's CSRF token: `{ 'X-CSRF-Token': … }`). Default none. */
  headers: Record<string, string> = {};

  /** Leaves out contact and consent (signed-in authors): the form sends the event alone. Default false. */
  noContact = false;

  /** Leaves out the repetition (editing one date of a series). Default false. */
  noSeries = false;

  /** The associations the author acts for: the organizer becomes a choice of these (with "Ohne Verein"). */
  organizers?: readonly OrganizerChoice[];

  /** The values as the visitor left them (read-only copy). */
  get values(): FormValues {
    return structuredClone(this.form);
  }

  private form: FormValues = emptyValues();
  private errors: Errors = {};
  private general: string[] = [];
  private problem?: Problem;
  private phase: 'editing' | 'sending' | 'success' = 'editing';
  private restored = false;
  private associations: Association[] = [];
  private announcement = '';
  private uploading?: { name: string; percent?: number };
  private dragging = false;
  /** After a 412: the saved version's values (theirs), kept until every difference is settled. */
  private conflict?: FormValues;

  /** The version the changes started from (a restored draft keeps its own). */
  private baseVersion?: string;
  /** The edit mode's code (prefill, body, comparison, texts), loaded when first needed. */
  private editMode?: typeof EditMode;
  private editModeLoading?: Promise<void>;

  /** Edit mode, or a signed-in author's form: both need the lazily loaded edit-mode module. */
  private get wantsEditMode(): boolean {
    return this.event !== undefined || this.noContact || this.organizers !== undefined;
  }

  /** `updateComplete` also waits for the edit mode's module, so that a page (or test) sees the prefilled form. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    if (!this.editModeLoading || this.editMode) return result;
    await this.editModeLoading.catch(() => undefined);
    return super.getUpdateComplete();
  }
  private readonly clashCheck = new ClashCheck(this);
  private key = newIdempotencyKey();
  private shownAt = performance.now();
  private focusAfterRender?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.shownAt = performance.now();
  }

  /** Edit mode or no contact fields: the event alone is sent. */
  private get contactless(): boolean {
    return this.noContact || this.event !== undefined;
  }

  /** The draft's name: the action, and in edit mode the edited date. */
  private get draftName(): string {
    return draftName(this.action, this.method, this.event);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.wantsEditMode && !this.editModeLoading) {
      this.editModeLoading = import('./event-form.edit-mode.js').then((module) => {
        this.editMode = module;
      });
    }
    const reinit =
      changed.has('action') ||
      changed.has('event') ||
      changed.has('method') ||
      (changed.has('editMode' as keyof W4gEventForm) && this.event !== undefined);
    // An event is read into the form once the edit mode's module is there.
    if (reinit && (!this.event || this.editMode)) {
      const name = this.draftName;
      const draft = name ? loadDraft(name) : undefined;
      this.form = draft?.values ?? (this.event ? this.prefill(this.event) : emptyValues());
      this.key = draft?.key ?? newIdempotencyKey();
      this.restored = draft !== undefined;
      this.baseVersion = draft?.version ?? this.version;
      this.conflict = undefined;
      this.errors = {};
      this.general = [];
      this.problem = undefined;
      this.phase = 'editing';
    } else if (changed.has('version') && !this.restored) this.baseVersion = this.version;
    if (changed.has('organizers') && !this.event && !this.form.organizer && this.organizers?.length) {
      const first = this.organizers[0]!;
      this.form = { ...this.form, organizer: first.name, town: this.form.town || (first.town ?? '') };
    }
    if (changed.has('associationsSrc')) void this.loadAssociations();
    if (this.phase === 'editing') this.clashCheck.update(this.clashesSrc, this.form);
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

  /** The form's values for an event of the feed (edit mode). */
  private prefill(event: FeedEvent): FormValues {
    const values = this.editMode!.eventToValues(
      event,
      (id) => this.organizers?.find((o) => o.id === id)?.name ?? this.associations.find((a) => a.id === id)?.name,
    );
    if (values.town && !choices(this.towns, DEFAULT_TOWNS).includes(values.town)) {
      Object.assign(values, { otherTown: values.town, town: OTHER_TOWN });
    }
    return values;
  }

  /** The form's own texts in the element's language. */
  private get formMsg(): FormMessages {
    return formMessages[this.language];
  }

  private get todayIso(): string {
    return this.today && isIsoDate(this.today) ? this.today : todayIn(ZONE);
  }

  /** The visitor changed a control: keep the value and, from now on, the draft. */
  private onEdit(e: Event): void {
    const target = e.target as HTMLInputElement;
    const name = target.name as FieldName;
    if (!(name in this.form)) return; // the honeypot and anything unknown never reach the draft
    if (name === 'exdates' || name === 'rdates') return; // changed by their buttons
    const value = controlValue(target, this.form[name]);
    const change: Partial<FormValues> = { [name]: value };
    // Choosing one's association fills in its town.
    const town = name === 'organizer' ? this.organizers?.find((o) => o.name === value)?.town : undefined;
    if (town) change.town = choices(this.towns, DEFAULT_TOWNS).includes(town) ? town : OTHER_TOWN;
    if (town && change.town === OTHER_TOWN) change.otherTown = town;
    this.setValues(change);
  }

  private setValues(change: Partial<FormValues>): void {
    this.form = { ...this.form, ...change };
    this.saveDraft();
  }

  private saveDraft(): void {
    const name = this.draftName;
    if (!name) return;
    saveDraft(
      name,
      this.baseVersion === undefined
        ? { values: this.form, key: this.key }
        : { values: this.form, key: this.key, version: this.baseVersion },
    );
  }

  private addDate(list: 'exdates' | 'rdates', date: string): void {
    if (!isIsoDate(date) || this.form[list].includes(date)) return;
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
    const dates = previewDates(this.form, this.maxDaysAhead);
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
    const kept = typeof this.event?.['start'] === 'string' ? this.event['start'].slice(0, 10) : undefined;
    this.errors = validate(
      this.form,
      {
        today: this.todayIso,
        maxDaysAhead: this.maxDaysAhead,
        locale: this.language,
        contact: !this.contactless,
        ...(kept ? { keptStart: kept } : {}),
      },
      t.errors,
    );
    if (Object.keys(this.errors).length) {
      this.focusAfterRender = 'invalid';
      return;
    }
    const honeypot = this.renderRoot.querySelector<HTMLInputElement>('input[name="website2"]')?.value ?? '';
    const original = this.event?.['organizerId'];
    const known = [...(this.organizers ?? []), ...this.associations] as Association[];
    if (typeof original === 'string' && !known.some((a) => a.id === original)) {
      known.push({ id: original, name: this.prefill(this.event!).organizer } as Association);
    }
    const payload = buildPayload(this.form, {
      associations: known,
      license: this.license,
      honeypot,
      formTime: performance.now() - this.shownAt,
    });
    // The submitter's emails come in the form's language.
    if (this.language === 'en') payload.lang = 'en';
    if (this.contactless && !this.editMode) await this.editModeLoading;
    const body = this.contactless ? this.editMode!.editBody(payload, this.event) : payload;
    const { contact: _contact, ...shown } = payload;
    await submit({
      target: this,
      url: this.action,
      method: this.method,
      headers: this.headers,
      key: this.key,
      version: this.baseVersion,
      body,
      shown: this.contactless ? body : shown,
      editing: this.event !== undefined,
      sending: () => {
        this.phase = 'sending';
        this.announcement = t.sending;
      },
      sent: () => (this.phase = 'editing'),
      saved: (status, id, version) => this.succeed(status, id, version),
      conflict: (current, version) => this.conflicted(current, version),
      refused: (raw) => this.refused(raw),
      failed: (problem) => this.fail(problem),
    });
  }

  private succeed(status: number, id: string | undefined, version: string | undefined): void {
    if (this.draftName) removeDraft(this.draftName);
    // In edit mode the saved values stay (the page decides what comes next); new ones start empty.
    if (!this.event) this.form = emptyValues();
    if (version !== undefined) this.baseVersion = version;
    this.conflict = undefined;
    this.errors = {};
    this.key = newIdempotencyKey();
    this.restored = false;
    this.phase = 'success';
    this.announcement = '';
    this.focusAfterRender = 'confirmation';
    const detail: W4gSubmitSuccessDetail = { status };
    if (id !== undefined) detail.id = id;
    if (version !== undefined) detail.version = version;
    this.dispatchEvent(new W4gSubmitSuccessEvent(detail));
  }

  /**
   * A 412: someone saved first. Their version is shown beside the person's own, field by field;
   * the next save goes against their version (the person has seen it). The draft keeps both.
   */
  private conflicted(current: FeedEvent, version: unknown): void {
    const theirs = this.prefill(current);
    if (typeof version === 'string') this.baseVersion = version;
    this.saveDraft();
    this.conflict = this.editMode!.differences(this.form, theirs).length ? theirs : undefined;
    if (!this.conflict) this.general = [];
    this.announcement = '';
    this.focusAfterRender = 'conflict';
    this.dispatchEvent(new W4gSubmitErrorEvent({ status: 412, kind: 'conflict' }));
  }

  /** Takes the saved version of some fields (or all); the table shrinks to what still differs. */
  private takeTheirs(fields: readonly FieldName[] | 'all', label: string): void {
    const theirs = this.conflict;
    if (!theirs) return;
    const change: Partial<FormValues> = {};
    const take = fields === 'all' ? (Object.keys(theirs) as FieldName[]) : fields;
    for (const f of take) (change as Record<string, unknown>)[f] = structuredClone(theirs[f]);
    this.setValues(change);
    if (!this.editMode!.differences(this.form, theirs).length) this.conflict = undefined;
    this.announcement = this.editMode!.editMessages[this.language].taken(label);
    this.focusAfterRender = this.conflict ? 'conflict' : 'submit-button';
  }

  /** A 422: every message at its field; those without a field go into the summary only. */
  private refused(raw: unknown): void {
    const { errors, atFields, general } = serverErrors(raw);
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
    moveFocus(this.renderRoot, target, this.errors);
  }

  override render(): TemplateResult {
    return html`<div part="base" class="base">
      <div role="status" class="visually-hidden">${this.announcement}</div>
      ${
        this.wantsEditMode && !this.editMode
          ? nothing
          : formView({
              t: this.formMsg,
              language: this.language,
              editMode: this.editMode,
              event: this.event,
              phase: this.phase,
              values: this.form,
              errors: this.errors,
              general: this.general,
              problem: this.problem,
              conflict: this.conflict,
              restored: this.restored,
              today: this.todayIso,
              towns: choices(this.towns, DEFAULT_TOWNS),
              categories: choices(this.categories, DEFAULT_CATEGORIES),
              noSeries: this.noSeries,
              contactless: this.contactless,
              privacyHref: this.privacyHref,
              license: this.license,
              organizers: this.organizers,
              associations: this.associations,
              clashCheck: this.clashCheck,
              uploading: this.uploading,
              dragging: this.dragging,
              preview: () => this.seriesPreview,
              submit: (e) => this.onSubmit(e),
              edit: (e) => this.onEdit(e),
              addDate: (list, date) => this.addDate(list, date),
              removeDate: (list, date) => this.removeDate(list, date),
              chooseImage: (file) => void this.uploadImage(file),
              removeImage: () => this.removeImage(),
              drag: (over) => (this.dragging = over),
              take: (fields, label) => this.takeTheirs(fields, label),
              retry: () => void this.send(),
              another: () => this.startAnother(),
            })
      }
    </div>`;
  }
}
