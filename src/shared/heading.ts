import { html, nothing, type TemplateResult } from 'lit';

/**
 * A native heading of a computed level (2–6); deeper levels fall back to h6. One plain
 * template per level (lit's static templates would do it in one, at the price of their
 * runtime in the first load and a cache lookup per heading).
 */
export function heading(level: number, part: string, content: unknown, id?: string): TemplateResult {
  const i = id ?? nothing;
  switch (Math.min(6, Math.max(2, level))) {
    case 2:
      return html`<h2 part=${part} class=${part} id=${i}>${content}</h2>`;
    case 3:
      return html`<h3 part=${part} class=${part} id=${i}>${content}</h3>`;
    case 4:
      return html`<h4 part=${part} class=${part} id=${i}>${content}</h4>`;
    case 5:
      return html`<h5 part=${part} class=${part} id=${i}>${content}</h5>`;
    default:
      return html`<h6 part=${part} class=${part} id=${i}>${content}</h6>`;
  }
}
