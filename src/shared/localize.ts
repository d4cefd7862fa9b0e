import { resolveLocale, type Locale } from '../core/index.js';
import { de } from '../i18n/de.js';
import type { Messages, PartMessages } from '../i18n/messages.js';

/*
 * German is built in; the English table is loaded with the first element that speaks
 * English (in the script-tag bundle it is a chunk of its own, so German pages never download
 * it). Elements wait for it before they render (W4gElement.scheduleUpdate).
 */
let en: Messages | undefined;
let enParts: PartMessages | undefined;
let loadingEn: Promise<void> | undefined;

/** The texts of `locale`; German while the English table is not there (yet). */
export function messages(locale: Locale): Messages {
  return locale === 'en' ? (en ?? de) : de;
}

/**
 * The texts of a lazily loaded part: its German table (which it brings along), or the
 * English one from en.ts (there before an English element renders).
 */
export function partMessages<K extends keyof PartMessages>(part: K, german: PartMessages[K], locale: Locale): PartMessages[K] {
  return locale === 'en' && enParts ? enParts[part] : german;
}

/**
 * Undefined when the table of `locale` is there; else it starts loading it and returns a
 * promise that settles when it is there (or could not be loaded: German is used then).
 */
export function localeReady(locale: Locale): Promise<void> | undefined {
  if (locale !== 'en' || en) return undefined;
  loadingEn ??= import('../i18n/en.js').then(
    (module) => {
      en = module.en;
      enParts = module.enParts;
    },
    (error: unknown) => {
      loadingEn = undefined;
      console.error('[w4g-calendar] the English texts could not be loaded:', error);
    },
  );
  return loadingEn;
}

/**
 * The element's language: its `locale` attribute, else the nearest `lang` up the tree
 * (crossing shadow roots), else German.
 */
export function localeOf(element: Element, explicit: string | undefined): Locale {
  if (explicit) return resolveLocale(explicit);
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return resolveLocale(node.getAttribute('lang'));
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return 'de';
}

export type { Messages, Locale };
