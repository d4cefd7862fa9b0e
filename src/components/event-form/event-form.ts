import { type PropertyDeclarations, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { tokens } from '../../shared/styles.js';
import { W4gElement } from '../../shared/w4g-element.js';
import type { FeedEvent } from './event-form.edit.js';
import type * as EditMode from './event-form.edit-mode.js';
import type { FormValues } from './event-form.fields.js';
import { FormModel } from './event-form.model.js';
import { styles } from './event-form.styles.js';
import { formView, moveFocus } from './event-form.view.js';

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
    return structuredClone(this.model.form);
  }

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

  /** The form's state and what changes it: editing (event-form.state.ts) and the submission (event-form.model.ts). */
  private readonly model = new FormModel(this, {
    language: () => this.language,
    editMode: () => this.editMode,
    editModeLoading: () => this.editModeLoading,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.wantsEditMode && !this.editModeLoading) {
      this.editModeLoading = import('./event-form.edit-mode.js').then((module) => {
        this.editMode = module;
      });
    }
    const model = this.model;
    const reinit =
      changed.has('action') ||
      changed.has('event') ||
      changed.has('method') ||
      (changed.has('editMode' as keyof W4gEventForm) && this.event !== undefined);
    // An event is read into the form once the edit mode's module is there.
    if (reinit && (!this.event || this.editMode)) model.reset();
    else if (changed.has('version')) model.versionChanged();
    if (changed.has('organizers')) model.organizersChanged();
    if (changed.has('associationsSrc')) void model.loadAssociations();
    if (model.phase === 'editing') model.clashCheck.update(this.clashesSrc, model.form);
    this.setHostState(model.problem ? 'error' : model.phase);
  }

  protected override updated(): void {
    const model = this.model;
    this.setHostState(model.problem ? 'error' : model.phase);
    const target = model.focusAfterRender;
    if (!target) return;
    model.focusAfterRender = undefined;
    moveFocus(this.renderRoot, target, model.errors);
  }

  override render(): TemplateResult {
    return html`<div part="base" class="base">
      <div role="status" class="visually-hidden">${this.model.announcement}</div>
      ${this.wantsEditMode && !this.editMode ? nothing : formView(this.model)}
    </div>`;
  }
}
