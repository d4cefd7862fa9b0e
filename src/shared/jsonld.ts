import { loadJsonLdWriter, type Association, type Occurrence } from '../core/index.js';

type JsonLdWriter = Awaited<ReturnType<typeof loadJsonLdWriter>>;

const MAX_ITEMS = 100;

interface Pending {
  occurrences: readonly Occurrence[] | undefined;
  associations: readonly Association[];
  done: Promise<void>;
}

const pending = new WeakMap<HTMLElement, Pending>();
/** What each host's script was last written from, to skip rewriting the same data. */
const written = new WeakMap<
  HTMLElement,
  { occurrences: readonly Occurrence[]; associations: readonly Association[]; pageUrl: string }
>();

/**
 * Keeps one `<script type="application/ld+json">` in the host's light DOM in sync with the
 * shown occurrences, so search engines see the events. A data block is not executed, so a
 * strict script-src does not apply; its text is serialized so that `</script>` cannot occur.
 *
 * The script is written after the frame that shows the events (crawlers do not need it
 * sooner, visitors do need the events); the latest call wins. `jsonLdWritten` waits for it.
 */
export function syncJsonLd(
  host: HTMLElement,
  occurrences: readonly Occurrence[] | undefined,
  associations: readonly Association[] = [],
): void {
  const entry = pending.get(host);
  if (entry) {
    entry.occurrences = occurrences;
    entry.associations = associations;
    return;
  }
  let resolve = (): void => undefined;
  const next: Pending = { occurrences, associations, done: new Promise<void>((r) => (resolve = r)) };
  pending.set(host, next);
  let ran = false;
  const run = (): void => {
    if (ran) return;
    ran = true;
    pending.delete(host);
    // The writer is loaded with the first script it writes (one promise for the page, so
    // writes keep the order of their calls).
    loadJsonLdWriter()
      .then((module) => write(module, host, next.occurrences, next.associations))
      .catch((error: unknown) => console.error('[w4g-calendar] JSON-LD could not be written:', error))
      .finally(resolve);
  };
  // After the next paint; the timeout covers a hidden tab, where frames do not come.
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 100);
}

/** Resolves when the host's JSON-LD script reflects the last `syncJsonLd` call. */
export function jsonLdWritten(host: HTMLElement): Promise<void> {
  return pending.get(host)?.done ?? Promise.resolve();
}

function write(
  { occurrencesToJsonLd, serializeJsonLd }: JsonLdWriter,
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
