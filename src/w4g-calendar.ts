/**
 * The script-tag bundle (dist/w4g-calendar.js). The list and the month grid, which nearly
 * every page shows, are defined at once; the other elements load as chunks beside the
 * bundle the first time their tag appears in the page (also when a CMS adds it later).
 */
import './components/event-list/define.js';
import './components/month-grid/define.js';

const LAZY: Record<string, () => Promise<unknown>> = {
  'w4g-event-details': () => import('./components/event-details/define.js'),
  'w4g-association-card': () => import('./components/association-card/define.js'),
  'w4g-association-list': () => import('./components/association-list/define.js'),
  'w4g-event-form': () => import('./components/event-form/define.js'),
};

const pending = new Set(Object.keys(LAZY));

function load(tag: string): void {
  if (!pending.delete(tag)) return;
  LAZY[tag]!().catch((error: unknown) => {
    console.error(`[w4g-calendar] <${tag}> could not be loaded:`, error);
    pending.add(tag);
  });
}

function scan(root: ParentNode): void {
  for (const tag of pending) if (root.querySelector(tag)) load(tag);
}

function start(): void {
  scan(document);
  if (pending.size === 0) return;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const tag = node.localName;
        if (pending.has(tag)) load(tag);
        if (node.firstElementChild) scan(node);
      }
    }
    if (pending.size === 0) observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

start();
