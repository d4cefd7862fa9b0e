import { html, unsafeStatic, type StaticValue } from 'lit/static-html.js';
import { nothing, type TemplateResult } from 'lit';

const TAGS: Record<number, StaticValue> = {
  2: unsafeStatic('h2'),
  3: unsafeStatic('h3'),
  4: unsafeStatic('h4'),
  5: unsafeStatic('h5'),
  6: unsafeStatic('h6'),
};

/** A native heading of a computed level (2–6); deeper levels fall back to h6. */
export function heading(level: number, part: string, content: unknown, id?: string): TemplateResult {
  const tag = TAGS[Math.min(6, Math.max(2, level))]!;
  // lit-html's static templates put a vetted tag name here; the lit lint rules cannot see that.
  // eslint-disable-next-line lit/binding-positions, lit/no-invalid-html
  return html`<${tag} part=${part} class=${part} id=${id ?? nothing}>${content}</${tag}>`;
}
