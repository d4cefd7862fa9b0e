/**
 * Deep links to one occurrence: `#w4g-event=<eventId>/<original start>` in the page URL
 * opens its details on load. The key is the occurrence's `key`.
 */
const PREFIX = '#w4g-event=';

/**
 * Each key opens once per page, even with several calendars showing the same event: a key is
 * taken when one calendar opens it from the URL or the visitor opens it (the URL then names
 * it), and given back when the details close and the URL no longer names it.
 */
const opened = new Set<string>();

export function deepLinkKey(hash = location.hash): string | undefined {
  if (!hash.startsWith(PREFIX)) return undefined;
  try {
    return decodeURIComponent(hash.slice(PREFIX.length));
  } catch {
    return undefined;
  }
}

export function deepLinkHash(key: string): string {
  return PREFIX + encodeURIComponent(key).replace(/%2F/g, '/').replace(/%3A/g, ':');
}

/** The page URL with the deep link set (or removed, for undefined), without reloading. */
export function setDeepLink(key: string | undefined): void {
  const url = new URL(location.href);
  if (key === undefined) {
    opened.clear();
    if (!url.hash.startsWith(PREFIX)) return;
    url.hash = '';
  } else {
    opened.add(key);
    url.hash = deepLinkHash(key);
  }
  history.replaceState(history.state, '', url.href.endsWith('#') ? url.href.slice(0, -1) : url.href);
}

/** An absolute link to the occurrence on this page. */
export function deepLinkUrl(key: string): string {
  const url = new URL(location.href);
  url.hash = deepLinkHash(key);
  return url.href;
}

export function claimDeepLink(key: string): boolean {
  if (opened.has(key)) return false;
  opened.add(key);
  return true;
}
