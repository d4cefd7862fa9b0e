import { safeUrl } from '../core/index.js';

/**
 * Images load from the page's own origin, the feed's origin or an origin the page allowed
 * (`image-origins`): an image from anywhere else would tell a third party about the visit.
 */
export function allowedImage(
  url: string | undefined,
  source: string | undefined,
  extraOrigins: string | undefined,
): string | undefined {
  const safe = safeUrl(url, 'image', source);
  if (!safe) return undefined;
  const origin = new URL(safe).origin;
  const allowed = new Set([location.origin]);
  if (source) {
    try {
      allowed.add(new URL(source, location.href).origin);
    } catch {
      // An unparsable source adds nothing.
    }
  }
  for (const extra of (extraOrigins ?? '').split(/[\s,]+/).filter(Boolean)) {
    try {
      allowed.add(new URL(extra).origin);
    } catch {
      // Ignore a malformed entry.
    }
  }
  return allowed.has(origin) ? safe : undefined;
}
