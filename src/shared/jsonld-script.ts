/**
 * The host's `<script type="application/ld+json">` (jsonld.ts decides when): loaded with the
 * first script a page writes, after the paint, together with the core's JSON-LD writer.
 */
import { occurrencesToJsonLd, serializeJsonLd, type Association, type Occurrence } from '../core/index.js';

const MAX_ITEMS = 100;

/** What each host's script was last written from, to skip rewriting the same data. */
const written = new WeakMap<
  HTMLElement,
  { occurrences: readonly Occurrence[]; associations: readonly Association[]; pageUrl: string }
>();

/** Writes (or removes) the host's script, unless it already holds these items. */
export function writeJsonLd(
  host: HTMLElement,
  occurrences: readonly Occurrence[] | undefined,
  associations: readonly Association[],
): void {
  let script = host.querySelector(':scope > script[data-w4g-jsonld]');
  if (!occurrences || occurrences.length === 0) {
    script?.remove();
    written.delete(host);
    return;
  }
  const items = occurrences.slice(0, MAX_ITEMS);
  const pageUrl = location.href.split('#')[0]!;
  const last = written.get(host);
  if (script && last && last.pageUrl === pageUrl && last.associations === associations && sameItems(last.occurrences, items))
    return;
  if (!script) {
    script = document.createElement('script');
    script.setAttribute('type', 'application/ld+json');
    script.setAttribute('data-w4g-jsonld', '');
    host.append(script);
  }
  const names = new Map(associations.map((a) => [a.id, a.name]));
  const text = serializeJsonLd(
    occurrencesToJsonLd(items, {
      organizerName: (o) => (o.organizerId ? names.get(o.organizerId) : undefined) ?? o.organizer,
      pageUrl,
    }),
  );
  if (script.textContent !== text) script.textContent = text;
  written.set(host, { occurrences: items, associations, pageUrl });
}

function sameItems(a: readonly Occurrence[], b: readonly Occurrence[]): boolean {
  return a.length === b.length && a.every((o, i) => o === b[i]);
}
