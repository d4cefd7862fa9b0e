/**
 * Parts of an element that only some pages use (the subscribe panel's content, the list's
 * filter bar) are chunks of their own in the script-tag bundle, loaded the first time the
 * element renders them. The element renders again when the part is there, and its
 * `updateComplete` waits for it (`W4gElement.waitFor`).
 */
import type { CSSResult } from 'lit';
import type { W4gElement } from './w4g-element.js';

/**
 * Adds the styles of a lazily loaded part to the element's shadow root, after the element's
 * own (constructed stylesheets, so a strict CSP allows them, like Lit's). Once per root.
 */
export function addStyles(host: HTMLElement, styles: CSSResult): void {
  const root = host.shadowRoot;
  const sheet = styles.styleSheet;
  if (!root || !sheet || root.adoptedStyleSheets.includes(sheet)) return;
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** One lazily loaded part of one element. */
export class LazyPart<T> {
  private value?: T;
  private loading = false;

  /** `load` makes the part (and adds its styles); `name` is for the console when it fails. */
  constructor(
    private readonly host: W4gElement,
    private readonly load: () => Promise<T>,
    private readonly name: string,
  ) {}

  /** The part, or undefined while it is being loaded (asking starts the load). */
  get(): T | undefined {
    if (this.value === undefined && !this.loading) {
      this.loading = true;
      this.host.waitFor(
        this.load().then(
          (value) => {
            this.value = value;
          },
          (error: unknown) => {
            // Asked again at the next render that needs it.
            this.loading = false;
            console.error(`[w4g-calendar] ${this.name} could not be loaded:`, error);
          },
        ),
      );
    }
    return this.value;
  }
}
