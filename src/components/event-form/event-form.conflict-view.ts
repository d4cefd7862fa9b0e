/**
 * After a 412: the saved version (theirs) and the person's own (mine) side by side, one row per
 * field that differs, in a native table with row and column headers. Each row takes the saved
 * version of its field; what is not taken stays the person's. Nothing is lost either way: the
 * person's values are in the form and in the draft until they save.
 */
import { html, type TemplateResult } from 'lit';
import type { Locale } from '../../core/index.js';
import type { FieldName, FormValues } from './event-form.fields.js';
import { differences, groupText, type EditMessages } from './event-form.edit.js';

export interface ConflictView {
  mine: FormValues;
  theirs: FormValues;
  t: EditMessages;
  locale: Locale;
  /** Takes the saved version of these fields (or of all); `label` names them for the announcement. */
  take: (fields: readonly FieldName[] | 'all', label: string) => void;
}

export function conflictView(view: ConflictView): TemplateResult {
  const { mine, theirs, t, locale } = view;
  const rows = differences(mine, theirs);
  return html`<div class="alert conflict" part="conflict" role="alert" tabindex="-1" aria-labelledby="f-conflict-title">
    <p class="alert__title" id="f-conflict-title">${t.conflictTitle}</p>
    <p>${t.conflictText}</p>
    <div class="conflict__scroll">
      <table class="conflict__table">
        <caption>
          ${t.conflictCaption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.field}</th>
            <th scope="col">${t.theirs}</th>
            <th scope="col">${t.mine}</th>
            <th scope="col"><span class="visually-hidden">${t.take}</span></th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((group) => {
            const label = t.groups[group[0]!] ?? group[0]!;
            return html`<tr data-field=${group[0]!}>
              <th scope="row">${label}</th>
              <td>${groupText(theirs, group, t, locale)}</td>
              <td>${groupText(mine, group, t, locale)}</td>
              <td>
                <button type="button" class="button" aria-label=${t.takeLabel(label)} @click=${() => view.take(group, label)}>
                  ${t.take}
                </button>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    <button type="button" class="button" @click=${() => view.take('all', t.theirs)}>${t.takeAll}</button>
  </div>`;
}
