import { safeUrl } from '../core/index.js';
import { resolveUrl } from './subscribe.js';

/** A w4g server's feeds: `…/api/events.json`, `…/api/events.ics`, `…/api/associations.json`. */
const SERVER_FEED = /^(.*\/api\/)(?:events\.(?:json|ics)|associations\.json)$/i;

/**
 * The calendar of one association on the server its feed comes from
 * (`…/api/associations/<id>/events.ics`): derived from the first of `sources` (whitespace-separated
 * URLs) that is one of a w4g server's feeds. Undefined when none is.
 */
export function associationSubscriptionUrl(sources: string[], id: string, base = document.baseURI): string | undefined {
  for (const src of sources.flatMap((s) => s.split(/\s+/)).filter(Boolean)) {
    const url = resolveUrl(src, base);
    const match = url ? SERVER_FEED.exec(new URL(url).pathname) : null;
    if (!url || !match) continue;
    const parsed = new URL(url);
    parsed.pathname = `${match[1]!}associations/${encodeURIComponent(id)}/events.ics`;
    parsed.search = '';
    parsed.hash = '';
    return safeUrl(parsed.href, 'link');
  }
  return undefined;
}
