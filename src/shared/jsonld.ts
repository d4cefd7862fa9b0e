import { once, type Association, type Occurrence } from '../core/index.js';
import type { writeJsonLd } from './jsonld-script.js';

interface Pending {
  occurrences: readonly Occurrence[] | undefined;
  associations: readonly Association[];
  done: Promise<void>;
}

const pending = new WeakMap<HTMLElement, Pending>();

/** The script writer and the core's JSON-LD writer: a chunk loaded with the first script. */
const loadWriter: () => Promise<typeof writeJsonLd> = /* @__PURE__ */ once(() =>
  import('./jsonld-script.js').then((module) => module.writeJsonLd),
);

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
  // Nothing to write and nothing to remove (the skeleton's update, an empty answer): the
  // writer is not loaded for it.
  if (!entry && !occurrences?.length && !host.querySelector(':scope > script[data-w4g-jsonld]')) return;
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
    loadWriter()
      .then((write) => write(host, next.occurrences, next.associations))
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
