/**
 * The one URL allow-list of the library. Everything from a feed or a form that becomes an
 * href or src passes here: http and https for links and images, plus mailto and tel where a
 * contact is meant. Anything else (javascript:, data:, vbscript:, file:, relative paths
 * without a base) is refused.
 */
export type UrlKind = 'link' | 'image' | 'contact';

const ALLOWED: Record<UrlKind, readonly string[]> = {
  link: ['http:', 'https:'],
  image: ['http:', 'https:'],
  contact: ['http:', 'https:', 'mailto:', 'tel:'],
};

/**
 * The normalized absolute URL, or undefined when it is not allowed. `base` resolves
 * relative URLs (the feed's own URL); without a base they are refused.
 */
export function safeUrl(value: unknown, kind: UrlKind = 'link', base?: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  // Control characters and whitespace inside a scheme are how filters get tricked.
  const trimmed = value.trim();
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (!trimmed || trimmed.length > 2048 || /[\u0000-\u001f\u007f]/.test(trimmed)) return undefined;
  // Most feed URLs are already in the form the URL parser would give back; they are common
  // enough (one or two per event) that skipping the parser for them is measurable.
  if (isPlainHttpUrl(trimmed)) return trimmed;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!ALLOWED[kind].includes(url.protocol)) return undefined;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) return undefined;
  return url.href;
}

/**
 * An absolute http(s) URL that the WHATWG parser returns unchanged: a lower-case host name
 * whose last label starts with a letter (no IP forms, no IDNA, no port, no user info), a path
 * and optional query and fragment of characters that are never percent-encoded or rewritten,
 * and no dot segments. Anything else goes through the parser.
 */
const PLAIN_HTTP_URL =
  /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\/[A-Za-z0-9\-._~!$&()*+,;=:@/%]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*)?(?:#[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*)?$/;

function isPlainHttpUrl(value: string): boolean {
  if (!PLAIN_HTTP_URL.test(value) || value.includes('xn--')) return false;
  const path = value.slice(value.indexOf('/', value.indexOf('//') + 2)).split(/[?#]/, 1)[0]!;
  // Dot segments (also percent-encoded ones) are resolved by the parser; "%" must start an escape.
  return !/(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i.test(path) && !/%(?![0-9A-Fa-f]{2})/.test(value);
}

/**
 * `mailto:` link for an e-mail address, or undefined when it is not plausibly one. `?`, `&`,
 * `%`, `#` and `/` are refused: in a mailto URL they would add cc, subject or body.
 */
export function mailtoUrl(email: unknown): string | undefined {
  if (typeof email !== 'string') return undefined;
  const trimmed = email.trim().replace(/^mailto:/i, '');
  if (!/^[^\s@<>()"',;:?&%#/]+@[^\s@<>()"',;:?&%#/]+\.[^\s@<>()"',;:?&%#/]+$/.test(trimmed)) return undefined;
  return `mailto:${trimmed}`;
}

/** `tel:` link for a phone number as people write it ("+49 3473 123-45"). */
export function telUrl(phone: unknown): string | undefined {
  if (typeof phone !== 'string') return undefined;
  const digits = phone
    .trim()
    .replace(/^tel:/i, '')
    .replace(/[\s()./-]/g, '');
  if (!/^\+?\d{3,20}$/.test(digits)) return undefined;
  return `tel:${digits}`;
}
