import { type PropertyDeclarations, LitElement } from 'lit';
import { localeOf, localeReady, messages, type Locale, type Messages } from './localize.js';

/**
 * Base of every w4g element: language resolution and the host's data state.
 * Strings are looked up in render(), so a changed `locale` or `lang` shows at once.
 */
export class W4gElement extends LitElement {
  static override properties: PropertyDeclarations = {
    locale: { reflect: true },
    theme: { reflect: true },
  };

  /** Language of the texts: `de` (default) or `en`. Without it the nearest `lang` ancestor decides. */
  locale?: string;

  /** Colour scheme: `light` (default), `dark`, or `auto` (follows the visitor's system setting). */
  theme?: 'light' | 'dark' | 'auto';

  private internals?: ElementInternals;
  private currentState?: string;

  constructor() {
    super();
    try {
      this.internals = this.attachInternals();
    } catch {
      this.internals = undefined;
    }
  }

  /** The language resolved for the update under way (rows ask for it many times). */
  private updateLanguage?: Locale;

  /** The resolved language. */
  protected get language(): Locale {
    return this.updateLanguage ?? localeOf(this, this.locale);
  }

  /**
   * Before each update: the texts of the element's language are there (the English table
   * is loaded with the first English element; `updateComplete` waits for it too).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = localeReady(localeOf(this, this.locale));
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Resolves the language once per update; between updates every read looks again. */
  protected override update(changed: Map<PropertyKey, unknown>): void {
    this.updateLanguage = localeOf(this, this.locale);
    // A language that changed after scheduleUpdate looked (a `lang` up the tree): German
    // now, its own texts as soon as they are there.
    void localeReady(this.updateLanguage)?.then(() => this.requestUpdate());
    try {
      super.update(changed);
    } finally {
      this.updateLanguage = undefined;
    }
  }

  /** Lazily loaded parts under way (waitFor); `updateComplete` waits for them. */
  private readonly pendingParts = new Set<Promise<unknown>>();

  /**
   * Tells the element that a part it renders is being loaded (the subscribe panel's
   * content, say): it renders again when the part is there, and `updateComplete` settles
   * only after that render.
   * @internal
   */
  waitFor(part: Promise<unknown>): void {
    this.pendingParts.add(part);
    const settled = (): void => {
      this.requestUpdate();
      this.pendingParts.delete(part);
    };
    part.then(settled, settled);
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.pendingParts.size > 0) {
      await Promise.allSettled(this.pendingParts);
      result = await super.getUpdateComplete();
    }
    return result;
  }

  protected get msg(): Messages {
    return messages(this.language);
  }

  /**
   * The texts in the resolved language, for the element's controllers.
   * @internal
   */
  get msgs(): Messages {
    return this.msg;
  }

  /**
   * Shows the data state on the host as the `state` attribute and as a custom state
   * (`:state(loading)`), so that a page can style around it.
   * @internal
   */
  setHostState(state: string): void {
    if (state === this.currentState) return;
    const states = this.internals?.states as (Set<string> & { add(v: string): void }) | undefined;
    if (this.currentState) states?.delete(this.currentState);
    try {
      states?.add(state);
    } catch {
      // Older engines accept only --dashed states; the attribute still works.
    }
    this.currentState = state;
    this.setAttribute('state', state);
  }
}
