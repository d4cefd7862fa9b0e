import { html, nothing, type TemplateResult } from 'lit';

/** Category chips (`categories` / `category` parts), as a list, or nothing without categories. */
export function chips(values: readonly string[]): TemplateResult | typeof nothing {
  if (values.length === 0) return nothing;
  return html`<ul class="chips" part="categories" role="list">
    ${values.map((c) => html`<li class="chip" part="category">${c}</li>`)}
  </ul>`;
}
