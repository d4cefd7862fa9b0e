/**
 * The form's markup: the thank-you message, or the form with its sections, the summary of
 * problems, the message after a failed send, the conflict table and the submit button. It reads
 * only what the element hands it (`FormView`) and changes nothing itself: every action goes
 * back through the view's callbacks.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Association, Locale, Occurrence } from '../../core/index.js';
import { clashHint, type ClashCheck } from './event-form.clashes.js';
import { checkbox, field, group, select, type Controls } from './event-form.controls.js';
import type { EditMessages, FeedEvent } from './event-form.edit.js';
import type * as EditMode from './event-form.edit-mode.js';
import {
  ACCESSIBILITY,
  AUDIENCES,
  EVENT_STATUSES,
  OTHER_TOWN,
  emptyValues,
  type Errors,
  type FieldName,
  type FormValues,
} from './event-form.fields.js';
import { imageMessages, imageSection } from './event-form.image.js';
import type { FormMessages } from './event-form.messages.js';
import { seriesSection } from './event-form.series-view.js';
import type { Problem } from './event-form.submit.js';

/** What the form shows: its state, actions, texts and the element's settings (the model implements it). */
export interface FormView {
  phase: 'editing' | 'sending' | 'success';
  form: FormValues;
  errors: Errors;
  /** The server's messages that belong to no field. */
  general: readonly string[];
  problem?: Problem | undefined;
  /** After a 412: the saved version, while it still differs. */
  conflict?: FormValues | undefined;
  /** The draft came back from storage. */
  restored: boolean;
  /** The associations the organizer field suggests. */
  associations: readonly Association[];
  uploading?: { name: string; percent?: number } | undefined;
  dragging: boolean;
  /** Contact and consent are left out. */
  contactless: boolean;
  /** Today (`YYYY-MM-DD`): the first date allowed. */
  todayIso: string;
  /** The series' next dates (computed when the series section shows). */
  preview(): Occurrence[];
  submit(e: Event): void;
  edit(e: Event): void;
  addDate(list: 'exdates' | 'rdates', date: string): void;
  removeDate(list: 'exdates' | 'rdates', date: string): void;
  chooseImage(file: File): void;
  removeImage(): void;
  drag(over: boolean): void;
  take(fields: readonly FieldName[] | 'all', label: string): void;
  retry(): void;
  another(): void;
  /** The form's texts in the element's language. */
  formMsg: FormMessages;
  language: Locale;
  /** The edit mode's module (texts, rule check, conflict table) once it is loaded. */
  editMode: typeof EditMode | undefined;
  towns: readonly string[];
  categories: readonly string[];
  clashCheck: ClashCheck;
  /** The element's settings. */
  host: {
    /** Edit mode: the event being edited. */
    event?: FeedEvent | undefined;
    noSeries: boolean;
    privacyHref?: string | undefined;
    license: string;
    /** The author's associations: the organizer is a choice of these. */
    organizers?: readonly { name: string }[] | undefined;
  };
}

/** The thank-you message after a successful send, else the form. */
export function formView(view: FormView): TemplateResult {
  return view.phase === 'success' ? confirmation(view) : form(view);
}

function confirmation(view: FormView): TemplateResult {
  const { formMsg: t, language, editMode, host } = view;
  if (host.event) {
    return html`<div class="confirmation" part="confirmation" role="status" tabindex="-1">
      <p>${editMode?.editMessages[language].saved}</p>
    </div>`;
  }
  return html`<div class="confirmation" part="confirmation" role="status" tabindex="-1">
    <p>${t.success}</p>
    <button type="button" class="button" @click=${view.another}>${t.another}</button>
  </div>`;
}

function form(view: FormView): TemplateResult {
  const { formMsg: t, language, editMode, host, form: v, conflict } = view;
  const event = host.event;
  const timed = !v.allDay;
  const c: Controls = { form: v, errors: view.errors, choose: t.choose };
  // The edit mode's texts (loaded with it; used only where it is on).
  const e = editMode?.editMessages[language];
  return html`<form part="form" novalidate aria-label=${t.label} @submit=${view.submit} @input=${view.edit} @change=${view.edit}>
    ${view.restored ? html`<p class="notice">${t.draftRestored}</p>` : nothing} ${summary(view, t)}
    <p class="note">${t.requiredNote}</p>
    <fieldset>
      <legend>${t.sectionEvent}</legend>
      ${field(c, 'title', t.title, { required: true })} ${field(c, 'description', t.description, { type: 'textarea' })}
      ${select(
        c,
        'category',
        t.category,
        view.categories.map((c) => [c, c]),
      )}
    </fieldset>
    <fieldset>
      <legend>${t.sectionWhen}</legend>
      <div class="row">
        ${field(c, 'startDate', t.startDate, { type: 'date', required: true, min: view.todayIso })}
        ${field(c, 'startTime', t.startTime, { type: 'time', hidden: !timed, hint: t.timeHint })}
      </div>
      <div class="row">
        ${field(c, 'endDate', t.endDate, { type: 'date', min: v.startDate || view.todayIso })}
        ${field(c, 'endTime', t.endTime, { type: 'time', hidden: !timed })}
      </div>
      ${checkbox(c, 'allDay', t.allDay)}
      ${
        host.noSeries
          ? nothing
          : event && !editMode?.ruleIsEditable(event)
            ? html`<p class="note">${e?.fixedRule}</p>`
            : seriesSection({
                c,
                t,
                language,
                today: view.todayIso,
                preview: view.preview(),
                addDate: view.addDate,
                removeDate: view.removeDate,
              })
      }
    </fieldset>
    <fieldset>
      <legend>${t.sectionPlace}</legend>
      ${select(c, 'town', t.town, [...view.towns.map((x): [string, string] => [x, x]), [OTHER_TOWN, t.townOther]])}
      ${field(c, 'otherTown', t.otherTown, { hidden: v.town !== OTHER_TOWN, required: true })}
      ${field(c, 'placeName', t.placeName)} ${field(c, 'placeAddress', t.placeAddress, { hint: t.addressHint })}
      ${clashHint(view.clashCheck, t, language)}
    </fieldset>
    <fieldset>
      <legend>${t.sectionDetails}</legend>
      ${
        host.organizers
          ? select(
              c,
              'organizer',
              t.organizer,
              organizerOptions(host.organizers, v.organizer).map((name): [string, string] => [name, name]),
              e?.organizerNone,
            )
          : html`${field(c, 'organizer', t.organizer, { hint: t.organizerHint, list: 'f-organizer-list' })}
              <datalist id="f-organizer-list">${view.associations.map((a) => html`<option value=${a.name}></option>`)}</datalist>`
      }
      ${group(c, 'audience', t.audience, AUDIENCES, t.audienceLabels)}
      ${group(c, 'accessibility', t.accessibility, ACCESSIBILITY, t.accessibilityLabels)} ${checkbox(c, 'free', t.free)}
      ${field(c, 'price', t.price, { hidden: v.free, hint: t.priceHint })}
      ${field(c, 'url', t.url, { type: 'url', hint: t.urlHint })}
    </fieldset>
    ${imageSection({
      c,
      t: imageMessages[language],
      uploading: view.uploading,
      dragging: view.dragging,
      choose: view.chooseImage,
      remove: view.removeImage,
      drag: view.drag,
    })}
    ${event && e ? statusSection(c, e) : nothing}
    <fieldset ?hidden=${view.contactless}>
      <legend>${t.sectionContact}</legend>
      <p class="hint" id="f-contact-hint">${t.contactHint}</p>
      ${field(c, 'contactName', t.contactName, { required: true, autocomplete: 'name' })}
      ${field(c, 'contactEmail', t.contactEmail, { type: 'email', required: true, autocomplete: 'email' })}
    </fieldset>
    <fieldset ?hidden=${view.contactless}>
      <legend>${t.sectionConsent}</legend>
      ${checkbox(
        c,
        'privacy',
        host.privacyHref
          ? html`${t.privacyBefore}<a href=${host.privacyHref} target="_blank" rel="noopener">${t.privacyLink}</a
              >${t.privacyAfter}`
          : html`${t.privacyBefore}${t.privacyLink}${t.privacyAfter}`,
        true,
      )}
      ${checkbox(c, 'publish', t.license(host.license), true)}
    </fieldset>
    <div class="trap" aria-hidden="true">
      <label for="f-website2">${t.honeypot}</label>
      <input id="f-website2" name="website2" type="text" tabindex="-1" autocomplete="off" />
    </div>
    ${problem(view, t)}
    ${conflict ? editMode!.conflictView({ mine: v, theirs: conflict, t: e!, locale: language, take: view.take }) : nothing}
    <button
      type="submit"
      class="button button--primary"
      part="submit-button"
      aria-disabled=${view.phase === 'sending' ? 'true' : 'false'}
    >
      ${view.phase === 'sending' ? t.sending : event && e ? e.submit : t.submit}
    </button>
  </form>`;
}

/** The control of a field (the first checkbox of a group). */
export function control(root: ParentNode, field: FieldName): HTMLElement | null {
  return root.querySelector<HTMLElement>(`#f-${field}, [name="${field}"]`);
}

/**
 * After a render: focus goes where the last change asked for it (`target`): the first invalid
 * field (else the summary), the first field, the picture's controls, the conflict table's first
 * button, or a part by its name.
 */
export function moveFocus(root: ParentNode, target: string, errors: Errors): void {
  if (target === 'invalid') {
    const first = (Object.keys(emptyValues()) as FieldName[]).find((f) => errors[f] !== undefined);
    (first ? control(root, first) : root.querySelector<HTMLElement>('[part="error-summary"]'))?.focus();
  } else if (target === 'first') control(root, 'title')?.focus();
  else if (target === 'imageAlt' || target === 'image') control(root, target)?.focus();
  else if (target === 'conflict') {
    const conflict = root.querySelector<HTMLElement>('[part="conflict"]');
    (conflict?.querySelector<HTMLElement>('button') ?? conflict)?.focus();
  } else root.querySelector<HTMLElement>(`[part="${target}"]`)?.focus();
}

/** The organizers offered: the author's associations, and the edited event's own when it is another. */
function organizerOptions(organizers: readonly { name: string }[], current: string): string[] {
  const names = organizers.map((o) => o.name);
  return current && !names.includes(current) ? [...names, current] : names;
}

/** Edit mode: status, status note and sold out. */
function statusSection(c: Controls, e: EditMessages): TemplateResult {
  return html`<fieldset part="status-section">
    <legend>${e.sectionStatus}</legend>
    ${select(
      c,
      'status',
      e.status,
      EVENT_STATUSES.slice(1).map((s): [string, string] => [s, e.statusLabels[s] ?? s]),
      e.statusLabels['scheduled'],
      'scheduled',
    )}
    ${field(c, 'statusNote', e.statusNote, { hint: e.statusNoteHint })} ${checkbox(c, 'soldOut', e.soldOut)}
  </fieldset>`;
}

/** After a failed submit: every problem, those at a field as links to it. */
function summary(view: FormView, t: FormMessages): TemplateResult | typeof nothing {
  const { errors, general } = view;
  const entries = (Object.keys(emptyValues()) as FieldName[]).filter((f) => errors[f] !== undefined);
  const count = entries.length + general.length;
  if (!count) return nothing;
  const focus = (e: Event, field: FieldName) => {
    e.preventDefault();
    control((e.currentTarget as Element).getRootNode() as ParentNode, field)?.focus();
  };
  return html`<div class="alert" part="error-summary" role="alert" tabindex="-1">
    <p class="alert__title">${t.summaryTitle(count)}</p>
    <ul>
      ${entries.map((f) => html`<li><a href="#f-${f}" @click=${(e: Event) => focus(e, f)}>${errors[f]}</a></li>`)}
      ${general.map((m) => html`<li>${m}</li>`)}
    </ul>
  </div>`;
}

/** After a rate limit, a server error or a network failure: what happened, and a retry where it helps. */
function problem(view: FormView, t: FormMessages): TemplateResult | typeof nothing {
  const p = view.problem;
  if (!p) return nothing;
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
        : html`<button type="button" class="button" part="retry-button" @click=${view.retry}>${t.retry}</button>`
    }
  </div>`;
}
