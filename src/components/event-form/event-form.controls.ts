/**
 * One labelled native control with its hint and error, wired for assistive technology:
 * `<label for>` in the same shadow root, hint and error in `aria-describedby`, `aria-invalid`.
 * The required star is decoration (aria-hidden); `required` tells assistive technology.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ACCESSIBILITY, AUDIENCES, type Errors, type FieldName, type FormValues } from './event-form.fields.js';
import { WEEKDAYS } from './event-form.series.js';

/** What the controls read: the values, the current messages, and the "please choose" text. */
export interface Controls {
  form: FormValues;
  errors: Errors;
  choose: string;
}

/** aria-describedby of a field: its hint(s) and, when there is one, its error. */
function describedBy(c: Controls, field: FieldName, hint: boolean): string | typeof nothing {
  const ids = [
    hint ? `f-${field}-hint` : '',
    field.startsWith('contact') ? 'f-contact-hint' : '',
    c.errors[field] ? `f-${field}-error` : '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

function error(c: Controls, field: FieldName): TemplateResult | typeof nothing {
  const message = c.errors[field];
  return message ? html`<p class="error" id="f-${field}-error">${message}</p>` : nothing;
}

function labelText(text: unknown, required: boolean): TemplateResult {
  return html`${text}${required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing}`;
}

export function field(
  c: Controls,
  name: FieldName,
  label: string,
  o: {
    type?: string;
    required?: boolean;
    hint?: string;
    hidden?: boolean;
    min?: string;
    autocomplete?: string;
    list?: string;
  } = {},
): TemplateResult {
  const value = String(c.form[name]);
  const invalid = c.errors[name] ? 'true' : 'false';
  const described = describedBy(c, name, !!o.hint);
  return html`<div class="field" part="field" ?hidden=${o.hidden}>
    <label for="f-${name}">${labelText(label, !!o.required)}</label>
    ${o.hint ? html`<p class="hint" id="f-${name}-hint">${o.hint}</p>` : nothing} ${error(c, name)}
    ${
      o.type === 'textarea'
        ? html`<textarea
            id="f-${name}"
            name=${name}
            rows="4"
            .value=${live(value)}
            ?required=${o.required}
            aria-invalid=${invalid}
            aria-describedby=${described}
          ></textarea>`
        : html`<input
            id="f-${name}"
            name=${name}
            type=${o.type ?? 'text'}
            .value=${live(value)}
            ?required=${o.required}
            min=${o.min ?? nothing}
            list=${o.list ?? nothing}
            autocomplete=${o.autocomplete ?? nothing}
            aria-invalid=${invalid}
            aria-describedby=${described}
          />`
    }
  </div>`;
}

export function select(
  c: Controls,
  name: FieldName,
  label: string,
  options: [string, string][],
  emptyLabel = c.choose,
  emptyValue = '',
  required = false,
): TemplateResult {
  const value = String(c.form[name]);
  return html`<div class="field" part="field">
    <label for="f-${name}">${labelText(label, required)}</label>
    ${error(c, name)}
    <select
      id="f-${name}"
      name=${name}
      ?required=${required}
      .value=${live(value)}
      aria-invalid=${c.errors[name] ? 'true' : 'false'}
      aria-describedby=${describedBy(c, name, false)}
    >
      <option value=${emptyValue} ?selected=${value === emptyValue}>${emptyLabel}</option>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>
  </div>`;
}

export function checkbox(c: Controls, name: FieldName, label: unknown, required = false): TemplateResult {
  return html`<div class="field field--check" part="field">
    ${error(c, name)}
    <input
      id="f-${name}"
      name=${name}
      type="checkbox"
      .checked=${live(c.form[name] === true)}
      ?required=${required}
      aria-invalid=${c.errors[name] ? 'true' : 'false'}
      aria-describedby=${describedBy(c, name, false)}
    />
    <label for="f-${name}">${labelText(label, required)}</label>
  </div>`;
}

export function group(
  c: Controls,
  name: 'audience' | 'accessibility' | 'weekdays',
  legend: string,
  values: readonly string[],
  labels: readonly string[],
  hint?: string,
): TemplateResult {
  const chosen = c.form[name];
  return html`<fieldset class="group" aria-describedby=${describedBy(c, name, !!hint)}>
    <legend>${legend}</legend>
    ${hint ? html`<p class="hint" id="f-${name}-hint">${hint}</p>` : nothing} ${error(c, name)}
    ${values.map(
      (value, i) =>
        html`<div class="field--check">
          <input id="f-${name}-${i}" name=${name} type="checkbox" value=${value} .checked=${live(chosen.includes(value))} />
          <label for="f-${name}-${i}">${labels[i] ?? value}</label>
        </div>`,
    )}
  </fieldset>`;
}

/** One choice of several, as native radio buttons in a fieldset. */
export function radios(c: Controls, name: FieldName, legend: string, options: readonly [string, string][]): TemplateResult {
  const value = String(c.form[name]);
  return html`<fieldset class="group" aria-describedby=${describedBy(c, name, false)}>
    <legend>${legend}</legend>
    ${error(c, name)}
    ${options.map(
      ([v, label], i) =>
        html`<div class="field--check">
          <input id="f-${name}-${i}" name=${name} type="radio" value=${v} .checked=${live(v === value)} />
          <label for="f-${name}-${i}">${label}</label>
        </div>`,
    )}
  </fieldset>`;
}

/** What a changed control now says: a group its checked boxes (in the group's order), a checkbox whether it is checked, else its text. */
export function controlValue(target: HTMLInputElement, current: FormValues[FieldName]): FormValues[FieldName] {
  if (Array.isArray(current)) {
    const name = target.name;
    const all: readonly string[] = name === 'audience' ? AUDIENCES : name === 'weekdays' ? WEEKDAYS : ACCESSIBILITY;
    const chosen = new Set(current);
    if (target.checked) chosen.add(target.value);
    else chosen.delete(target.value);
    return all.filter((v) => chosen.has(v));
  }
  return typeof current === 'boolean' ? target.checked : target.value;
}
