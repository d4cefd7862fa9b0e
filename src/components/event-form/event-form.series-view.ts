/**
 * The series part of the form: the kind of repetition, its details, the end, dates that do
 * not take place and extra dates, and the preview of the next dates (DIN 5008).
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  formatOccurrenceWhen,
  formatShortDate,
  isIsoDate,
  weekdayIndex,
  weekdayNames,
  type Locale,
  type Occurrence,
} from '../../core/index.js';
import { field, group, radios, select, type Controls } from './event-form.controls.js';
import type { FormMessages } from './event-form.messages.js';
import { berlinToUtcStamp, ZONE, type FormValues } from './event-form.fields.js';
import { PREVIEW_DATES, seriesOccurrences, weekOfMonth, WEEKDAYS } from './event-form.series.js';

export interface SeriesView {
  c: Controls;
  t: FormMessages;
  language: Locale;
  /** The first date allowed for extra dates. */
  today: string;
  /** The series' next dates for the preview (already computed). */
  preview: Occurrence[];
  addDate(list: 'exdates' | 'rdates', date: string): void;
  removeDate(list: 'exdates' | 'rdates', date: string): void;
}

/** The series' next dates, as the calendar will show them; none without a first date or with a rule that cannot be expanded. */
export function previewDates(v: FormValues, maxDaysAhead: number): Occurrence[] {
  try {
    return isIsoDate(v.startDate) ? seriesOccurrences(v, ZONE, berlinToUtcStamp, maxDaysAhead + 366).slice(0, PREVIEW_DATES) : [];
  } catch {
    return [];
  }
}

export function seriesSection(view: SeriesView): TemplateResult {
  const { c, t, language } = view;
  const v = c.form;
  const hasStart = isIsoDate(v.startDate);
  const weekday = hasStart ? weekdayNames(language, 'long')[weekdayIndex(v.startDate)] : undefined;
  const repeat = v.repeat;
  const unit = repeat === 'weekly' ? 'weekly' : repeat === 'yearly' ? 'yearly' : 'monthly';
  return html`${select(
    c,
    'repeat',
    t.repeat,
    [
      ['weekly', t.repeatWeekly],
      ['monthly-weekday', t.repeatMonthlyWeekday(weekday)],
      ['monthly-date', t.repeatMonthlyDate(hasStart ? Number(v.startDate.slice(8)) : undefined)],
      [
        'yearly',
        t.repeatYearly(
          hasStart
            ? formatShortDate(v.startDate, language)
                .replace(/^.*?, /, '')
                .slice(0, 6)
            : undefined,
        ),
      ],
    ],
    t.repeatNone,
    'none',
  )}
  ${
    repeat === 'none'
      ? nothing
      : html`<div class="series">
          ${field(c, 'interval', t.interval[unit], { type: 'number', hint: t.intervalHint, min: '1' })}
          ${
            repeat === 'weekly'
              ? group(c, 'weekdays', t.weekdays, WEEKDAYS, weekdayNames(language, 'long'), t.weekdaysHint)
              : nothing
          }
          ${
            repeat === 'monthly-weekday' && weekday
              ? select(
                  c,
                  'monthWeek',
                  t.monthWeek(weekday),
                  [1, 2, 3, 4, -1].map((n): [string, string] => [String(n), t.monthWeekOption(n, weekday)]),
                  t.monthWeekOption(weekOfMonth(v.startDate), weekday),
                  '',
                )
              : nothing
          }
          ${radios(c, 'end', t.seriesEnd, [
            ['never', t.endNever],
            ['until', t.endUntil],
            ['count', t.endCount],
          ])}
          ${field(c, 'until', t.until, { type: 'date', hidden: v.end !== 'until', hint: t.untilHint, min: v.startDate || view.today })}
          ${field(c, 'count', t.count, { type: 'number', hidden: v.end !== 'count', min: '1' })}
          ${dateList(view, 'exdates', t.exdates, t.exdatesHint)} ${dateList(view, 'rdates', t.rdates, t.rdatesHint)}
          ${preview(view)}
        </div>`
  }`;
}

/** Dates added one by one with a date field and a button, each removable. */
function dateList(view: SeriesView, list: 'exdates' | 'rdates', legend: string, hint: string): TemplateResult {
  const { c, t, language } = view;
  const dates = c.form[list];
  const inputId = `f-${list}-new`;
  const add = (e: Event): void => {
    const input = (e.currentTarget as HTMLElement).closest('fieldset')?.querySelector<HTMLInputElement>(`#${inputId}`);
    if (input?.value) {
      view.addDate(list, input.value);
      input.value = '';
      input.focus();
    }
  };
  const onKey = (e: KeyboardEvent): void => {
    // Enter in the date field adds the date instead of sending the form.
    if (e.key === 'Enter') {
      e.preventDefault();
      add(e);
    }
  };
  const message = c.errors[list];
  return html`<fieldset
    class="group dates"
    id="f-${list}"
    tabindex="-1"
    aria-describedby="f-${list}-hint${message ? ` f-${list}-error` : ''}"
  >
    <legend>${legend}</legend>
    <p class="hint" id="f-${list}-hint">${hint}</p>
    ${message ? html`<p class="error" id="f-${list}-error">${message}</p>` : nothing}
    <div class="date-add">
      <label for=${inputId}>${t.newDate}</label>
      <input id=${inputId} type="date" min=${list === 'rdates' ? view.today : c.form.startDate || view.today} @keydown=${onKey} />
      <button type="button" class="button" @click=${add}>${t.addDate}</button>
    </div>
    ${
      dates.length
        ? html`<ul class="date-list" role="list">
            ${dates.map((d) => {
              const shown = formatShortDate(d, language);
              return html`<li>
                <time datetime=${d}>${shown}</time>
                <button type="button" class="button" aria-label=${t.removeDate(shown)} @click=${() => view.removeDate(list, d)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>`;
            })}
          </ul>`
        : nothing
    }
  </fieldset>`;
}

function preview(view: SeriesView): TemplateResult {
  const { t, language } = view;
  const dates = view.preview;
  return html`<section class="preview" part="series-preview" aria-labelledby="f-preview-heading">
    <h3 id="f-preview-heading" class="preview-heading">${dates.length ? t.preview(dates.length) : t.previewNone}</h3>
    ${
      dates.length
        ? html`<ol class="preview-list">
            ${dates.map((o) => html`<li><time datetime=${o.start}>${formatOccurrenceWhen(o, language)}</time></li>`)}
          </ol>`
        : nothing
    }
  </section>`;
}
