import { occurrencesToJsonLd, serializeJsonLd, type Association, type Occurrence } from '../core/index.js';

const MAX_ITEMS = 100;

/**
 * Keeps one `<script type="application/ld+json">` in the host's light DOM in sync with the
 * shown occurrences, so search engines see the events. A data block is not executed, so a
 * strict script-src does not apply; its text is serialized so that `</script>` cannot occur.
 */
export function syncJsonLd(
  host: HTMLElement,
  occurrences: readonly Occurrence[] | undefined,
  associations: readonly Association[] = [],
): void {
  let script = host.querySelector(':scope > script[data-w4g-jsonld]');
  if (!occurrences || occurrences.length === 0) {
    script?.remove();
    return;
  }
  if (!script) {
    script = document.createElement('script');
    script.setAttribute('type', 'application/ld+json');
    script.setAttribute('data-w4g-jsonld', '');
    host.append(script);
  }
  const names = new Map(associations.map((a) => [a.id, a.name]));
  const text = serializeJsonLd(
    occurrencesToJsonLd(occurrences.slice(0, MAX_ITEMS), {
      organizerName: (o) => (o.organizerId ? names.get(o.organizerId) : undefined) ?? o.organizer,
      pageUrl: location.href.split('#')[0]!,
    }),
  );
  if (script.textContent !== text) script.textContent = text;
}
