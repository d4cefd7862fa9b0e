import { resolveLocale, type Locale } from '../core/index.js';
import { de } from '../i18n/de.js';
import { en } from '../i18n/en.js';
import type { Messages } from '../i18n/messages.js';

const TABLES: Record<Locale, Messages> = { de, en };

export function messages(locale: Locale): Messages {
  return TABLES[locale];
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
