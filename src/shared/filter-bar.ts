/**
 * The visitor filter bar, one for every element that offers one (the event list, the
 * association directory): a `role="search"` form of native selects, a search field and
 * checkboxes, each with its own label, plus a reset button. The element says which fields it
 * offers and with which choices; the bar reports each change.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { distinctValues } from '../core/index.js';

export type FilterFieldName = 'town' | 'category' | 'audience' | 'q' | 'accessible' | 'free' | 'wanted';

export type FilterField =
  | { kind: 'select'; name: FilterFieldName; label: string; options: readonly string[]; value: string }
  | { kind: 'search'; name: FilterFieldName; label: string; value: string }
  | { kind: 'checkbox'; name: FilterFieldName; label: string; value: boolean };

export interface FilterBarOptions {
  /** The form's accessible name, e.g. "Termine filtern". */
  label: string;
  /** The fields in order; a field the page has fixed (e.g. `town="…"`) is left out by the element. */
  fields: readonly (FilterField | false | undefined)[];
  /** The empty choice of a select ("Alle"). */
  all: string;
  reset: string;
  onChange(name: FilterFieldName, value: string | boolean): void;
  onReset(): void;
}

const id = (name: string): string => `filter-${name}`;

/** A select of the distinct values found in the data (sorted as German readers expect). */
export function choice(name: FilterFieldName, label: string, values: Iterable<string | undefined>, value = ''): FilterField {
  return { kind: 'select', name, label, options: distinctValues(values), value };
}

/** The fields a page may fix (`town="…"`, `category="…"`) and the visitor's choice of them. */
export interface PlaceChoice {
  town?: string | undefined;
  category?: string | undefined;
}

/**
 * The town and category selects, each left out where the page fixed it (the visitor can only
 * narrow), with the towns and categories the items have.
 */
export function placeChoices(
  labels: { town: string; category: string },
  fixed: PlaceChoice,
  items: readonly { town?: string | undefined; categories: readonly string[] }[],
  chosen: PlaceChoice,
): (FilterField | false)[] {
  const towns = items.map((i) => i.town);
  const categories = items.flatMap((i) => i.categories);
  return [
    !fixed.town && choice('town', labels.town, towns, chosen.town),
    !fixed.category && choice('category', labels.category, categories, chosen.category),
  ];
}

function field(f: FilterField, all: string, onChange: FilterBarOptions['onChange']): TemplateResult {
  if (f.kind === 'checkbox') {
    return html`<div class="field field--check">
      <input
        id=${id(f.name)}
        type="checkbox"
        .checked=${f.value}
        @change=${(e: Event) => onChange(f.name, (e.target as HTMLInputElement).checked)}
      />
      <label for=${id(f.name)}>${f.label}</label>
    </div>`;
  }
  if (f.kind === 'search') {
    return html`<div class="field">
      <label for=${id(f.name)}>${f.label}</label>
      <input
        id=${id(f.name)}
        type="search"
        .value=${f.value}
        @input=${(e: Event) => onChange(f.name, (e.target as HTMLInputElement).value)}
      />
    </div>`;
  }
  return html`<div class="field">
    <label for=${id(f.name)}>${f.label}</label>
    <select id=${id(f.name)} .value=${f.value} @change=${(e: Event) => onChange(f.name, (e.target as HTMLSelectElement).value)}>
      <option value="">${all}</option>
      ${f.options.map((v) => html`<option value=${v} ?selected=${v === f.value}>${v}</option>`)}
    </select>
  </div>`;
}

export function filterBar(options: FilterBarOptions): TemplateResult {
  const fields = options.fields.filter((f): f is FilterField => !!f);
  return html`<form
    class="filters"
    part="filter-bar"
    role="search"
    aria-label=${options.label}
    @submit=${(e: Event) => e.preventDefault()}
  >
    ${fields.map((f) => field(f, options.all, options.onChange))}
    ${fields.length ? html`<button class="button" type="button" @click=${options.onReset}>${options.reset}</button>` : nothing}
  </form>`;
}
