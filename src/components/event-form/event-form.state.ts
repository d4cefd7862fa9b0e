/**
 * The form's state and how editing changes it: the values and their draft in localStorage
 * (with its Idempotency-Key and the version it started from), the field errors, the picture
 * upload, the series preview, and what to announce and focus next. The submission builds on
 * it (`FormModel`, event-form.model.ts). The element owns its attributes, its lifecycle and
 * the edit mode's module; the state reads them through `FormHost` and the getters it is
 * given, and asks the element to render after every change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isIsoDate, sharedFeedStore, todayIn, type Association, type Locale, type Occurrence } from '../../core/index.js';
import { ClashCheck } from './event-form.clashes.js';
import { controlValue } from './event-form.controls.js';
import { draftName, loadDraft, newIdempotencyKey, saveDraft } from './event-form.draft.js';
import type { FeedEvent } from './event-form.edit.js';
import type * as EditMode from './event-form.edit-mode.js';
import {
  choices,
  DEFAULT_CATEGORIES,
  DEFAULT_TOWNS,
  emptyValues,
  OTHER_TOWN,
  ZONE,
  type Errors,
  type FieldName,
  type FormValues,
} from './event-form.fields.js';
import { fileProblem, imageMessages, imagesEndpoint, uploadImage } from './event-form.image.js';
import { formMessages, type FormMessages } from './event-form.messages.js';
import { previewDates } from './event-form.series-view.js';
import type { Problem } from './event-form.submit.js';
import type { W4gEventForm } from './event-form.js';

/** What the state reads of its element: the page's settings (public properties). */
export type FormHost = ReactiveControllerHost &
  EventTarget &
  Pick<
    W4gEventForm,
    | 'renderRoot'
    | 'action'
    | 'categories'
    | 'noSeries'
    | 'privacyHref'
    | 'associationsSrc'
    | 'license'
    | 'imagesAction'
    | 'towns'
    | 'today'
    | 'maxDaysAhead'
    | 'event'
    | 'method'
    | 'version'
    | 'headers'
    | 'noContact'
    | 'organizers'
  >;

/** What the element lends the state of its own: the language and the lazily loaded edit mode. */
export interface FormHostParts {
  language(): Locale;
  editMode(): typeof EditMode | undefined;
  editModeLoading(): Promise<void> | undefined;
}

export class FormState implements ReactiveController {
  /** The values as the visitor left them. */
  form: FormValues = emptyValues();
  errors: Errors = {};
  general: string[] = [];
  problem?: Problem;
  phase: 'editing' | 'sending' | 'success' = 'editing';
  restored = false;
  associations: Association[] = [];
  /** What the status region says. */
  announcement = '';
  uploading?: { name: string; percent?: number };
  dragging = false;
  /** After a 412: the saved version's values (theirs), kept until every difference is settled. */
  conflict?: FormValues;
  /** Where focus goes after the next render (the element moves it). */
  focusAfterRender?: string;

  /** The version the changes started from (a restored draft keeps its own). */
  protected baseVersion?: string;
  protected key = newIdempotencyKey();
  protected shownAt = performance.now();
  private previewCache?: { values: FormValues; dates: Occurrence[] };

  /** The clash check's hint (with `clashes-src`). */
  readonly clashCheck: ClashCheck;

  constructor(
    readonly host: FormHost,
    protected readonly parts: FormHostParts,
  ) {
    host.addController(this);
    this.clashCheck = new ClashCheck(host);
  }

  /** The element renders again (after every change of the state). */
  protected changed(): void {
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.shownAt = performance.now();
  }

  /** Edit mode or no contact fields: the event alone is sent. */
  get contactless(): boolean {
    return this.host.noContact || this.host.event !== undefined;
  }

  /** The draft's name: the action, and in edit mode the edited date. */
  protected get draftName(): string {
    return draftName(this.host);
  }

  /** The form's own texts in the element's language. */
  get formMsg(): FormMessages {
    return formMessages[this.language];
  }

  get language(): Locale {
    return this.parts.language();
  }

  /** The edit mode's module, once it is loaded. */
  get editMode(): typeof EditMode | undefined {
    return this.parts.editMode();
  }

  /** The categories offered (the `categories` attribute, else the defaults). */
  get categories(): string[] {
    return choices(this.host.categories, DEFAULT_CATEGORIES);
  }

  /** The towns offered (the `towns` attribute, else the defaults). */
  get towns(): string[] {
    return choices(this.host.towns, DEFAULT_TOWNS);
  }

  get todayIso(): string {
    const today = this.host.today;
    return today && isIsoDate(today) ? today : todayIn(ZONE);
  }

  /** Action, method or event changed: the stored draft of this form, else the event's or empty values. */
  reset(): void {
    const name = this.draftName;
    const draft = name ? loadDraft(name) : undefined;
    const event = this.host.event;
    this.form = draft?.values ?? (event ? this.prefill(event) : emptyValues());
    this.key = draft?.key ?? newIdempotencyKey();
    this.restored = draft !== undefined;
    this.baseVersion = draft?.version ?? this.host.version;
    this.conflict = undefined;
    this.errors = {};
    this.general = [];
    this.problem = undefined;
    this.phase = 'editing';
  }

  /** The page set a new version: changes start from it (a restored draft keeps its own). */
  versionChanged(): void {
    if (!this.restored) this.baseVersion = this.host.version;
  }

  /** A new event with the author's associations: the first is the organizer, its town the town. */
  organizersChanged(): void {
    const organizers = this.host.organizers;
    if (!this.host.event && !this.form.organizer && organizers?.length) {
      const first = organizers[0]!;
      this.form = { ...this.form, organizer: first.name, town: this.form.town || (first.town ?? '') };
    }
  }

  async loadAssociations(): Promise<void> {
    const src = this.host.associationsSrc;
    if (!src) {
      this.associations = [];
      return this.changed();
    }
    try {
      const snapshot = await sharedFeedStore().load(src);
      if (src !== this.host.associationsSrc) return;
      this.associations = snapshot.result?.associations ?? [];
      this.changed();
    } catch {
      // Without the list the organizer is typed; nothing to tell the visitor.
    }
  }

  /** The form's values for an event of the feed (edit mode). */
  protected prefill(event: FeedEvent): FormValues {
    const values = this.editMode!.eventToValues(
      event,
      (id) => this.host.organizers?.find((o) => o.id === id)?.name ?? this.associations.find((a) => a.id === id)?.name,
    );
    if (values.town && !this.towns.includes(values.town)) {
      Object.assign(values, { otherTown: values.town, town: OTHER_TOWN });
    }
    return values;
  }

  /** The visitor changed a control: keep the value and, from now on, the draft. */
  readonly edit = (e: Event): void => {
    const target = e.target as HTMLInputElement;
    const name = target.name as FieldName;
    if (!(name in this.form)) return; // the honeypot and anything unknown never reach the draft
    if (name === 'exdates' || name === 'rdates') return; // changed by their buttons
    const value = controlValue(target, this.form[name]);
    const change: Partial<FormValues> = { [name]: value };
    // Choosing one's association fills in its town.
    const town = name === 'organizer' ? this.host.organizers?.find((o) => o.name === value)?.town : undefined;
    if (town) change.town = this.towns.includes(town) ? town : OTHER_TOWN;
    if (town && change.town === OTHER_TOWN) change.otherTown = town;
    this.setValues(change);
  };

  protected setValues(change: Partial<FormValues>): void {
    this.form = { ...this.form, ...change };
    this.saveDraft();
    this.changed();
  }

  protected saveDraft(): void {
    const name = this.draftName;
    if (!name) return;
    saveDraft(
      name,
      this.baseVersion === undefined
        ? { values: this.form, key: this.key }
        : { values: this.form, key: this.key, version: this.baseVersion },
    );
  }

  readonly addDate = (list: 'exdates' | 'rdates', date: string): void => {
    if (!isIsoDate(date) || this.form[list].includes(date)) return;
    this.setValues({ [list]: [...this.form[list], date].sort() });
  };

  readonly removeDate = (list: 'exdates' | 'rdates', date: string): void => {
    this.setValues({ [list]: this.form[list].filter((d) => d !== date) });
    // The removed date's button is gone: focus goes to the list's date field.
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(`#f-${list}-new`)?.focus());
  };

  readonly drag = (over: boolean): void => {
    this.dragging = over;
    this.changed();
  };

  readonly chooseImage = (file: File): void => void this.uploadImage(file);

  /** Uploads a chosen or dropped file; a refusal or a broken connection leaves the draft as it was. */
  private async uploadImage(file: File): Promise<void> {
    const t = imageMessages[this.language];
    const endpoint = imagesEndpoint(this.host.action, this.host.imagesAction);
    const refuse = (message: string): void => {
      this.errors = { ...this.errors, image: message };
      this.announcement = message;
      this.changed();
    };
    const problem = fileProblem(file, t);
    if (problem || !endpoint) return refuse(problem ?? t.errors.network);
    const name = file.name.slice(0, 80);
    this.uploading = { name };
    this.announcement = t.uploading(name);
    this.changed();
    const outcome = await uploadImage(endpoint, file, (percent) => {
      if (!this.uploading) return;
      this.uploading = { name, percent };
      this.changed();
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

  readonly removeImage = (): void => {
    this.setValues({ image: '', imagePreview: '', imageWidth: '', imageHeight: '' });
    this.announcement = imageMessages[this.language].removed;
    this.focusAfterRender = 'image';
  };

  /** The series' next dates, as the calendar will show them (computed once per change). */
  preview(): Occurrence[] {
    if (this.previewCache?.values === this.form) return this.previewCache.dates;
    const dates = previewDates(this.form, this.host.maxDaysAhead);
    this.previewCache = { values: this.form, dates };
    return dates;
  }
}
