/**
 * The script-tag bundle (dist/w4g-calendar.js). The list and the month grid, which nearly
 * every page shows, are defined at once; the other elements load as chunks beside the
 * bundle the first time their tag appears in the page: in the document, also when a CMS adds
 * it later, and inside shadow roots (a Lit-based WordPress block or a TYPO3 backend preview
 * that renders `<w4g-event-form>` in its own shadow DOM).
 *
 * Shadow roots are invisible to a MutationObserver on the document, so every root is watched
 * on its own: the open ones that exist when the bundle starts are found by one walk, later
 * ones (open or closed) as they are attached. Watching ends, and `attachShadow` is given
 * back, once every lazy element is defined. Defining them all eagerly instead would cost
 * every page their chunks (about 32 KB gzip: form, directory, card, details).
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
const watched = new WeakSet<Node>();
const nativeAttachShadow = Element.prototype.attachShadow;

function load(tag: string): void {
  if (!pending.delete(tag)) return;
  LAZY[tag]!().catch((error: unknown) => {
    console.error(`[w4g-calendar] <${tag}> could not be loaded:`, error);
    pending.add(tag);
  });
  if (pending.size === 0) stop();
}

/** Loads the pending elements used in `root`, and watches the open shadow roots inside it. */
function scan(root: ParentNode): void {
  for (const tag of pending) if (root.querySelector(tag)) load(tag);
  if (pending.size === 0) return;
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) watch(el.shadowRoot);
}

function added(node: Node): void {
  if (!(node instanceof Element)) return;
  if (pending.has(node.localName)) load(node.localName);
  if (node.shadowRoot) watch(node.shadowRoot);
  if (node.firstElementChild) scan(node);
}

const observer = new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) added(node);
});

function watch(root: Document | ShadowRoot): void {
  if (pending.size === 0 || watched.has(root)) return;
  watched.add(root);
  scan(root);
  observer.observe(root, { childList: true, subtree: true });
}

function stop(): void {
  observer.disconnect();
  if (Element.prototype.attachShadow === attachShadow) Element.prototype.attachShadow = nativeAttachShadow;
}

/** `attachShadow` that also watches the new root (an empty root: its content comes later). */
function attachShadow(this: Element, init: ShadowRootInit): ShadowRoot {
  const root = nativeAttachShadow.call(this, init);
  if (pending.size > 0) watch(root);
  return root;
}

Element.prototype.attachShadow = attachShadow;
watch(document);
