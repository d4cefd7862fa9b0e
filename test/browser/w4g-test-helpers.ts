/**
 * Shared helpers of the element tests: waiting for a data state, axe, the test feed server's
 * counters, URL clean-up, and queries that cross shadow roots. No sleeps: everything waits
 * for the DOM, an event or a server answer.
 */
import 'axe-core/axe.min.js';
import { expect, waitUntil } from '@open-wc/testing';
import { sharedFeedStore } from '../../src/core/index.js';

/** The deterministic test feed (December 2026, plus a weekly service across the October DST change). */
export const FEED = '/__feeds/file/feeds/w4g-test.json';
export const EMPTY_FEED = '/__feeds/file/feeds/w4g-empty.json';

interface AxeResult {
  violations: {
    id: string;
    impact?: string;
    help: string;
    nodes: { target: unknown; html: string; failureSummary?: string }[];
  }[];
}
type Axe = { run(context: unknown, options?: unknown): Promise<AxeResult> };

/** Runs axe on an element (shadow roots included) and fails with a readable list of violations. */
export async function expectAxeClean(el: Element, label = ''): Promise<void> {
  const axe = (window as unknown as { axe: Axe }).axe;
  const result = await axe.run(el, { resultTypes: ['violations'] });
  const report = result.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n` +
      v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html}\n      ${n.failureSummary ?? ''}`).join('\n'),
  );
  if (report.length) console.log(`axe violations ${label}:\n${report.join('\n')}`);
  expect(report, `axe violations ${label}:\n${report.join('\n')}`).to.deep.equal([]);
}

export type DataElement = HTMLElement & { updateComplete: Promise<boolean> };

/** Waits until the host's `state` attribute has one of the values, then for the render. */
export async function waitForState(el: DataElement, ...states: string[]): Promise<void> {
  await waitUntil(
    () => states.includes(el.getAttribute('state') ?? ''),
    `state never became ${states.join('/')} (is ${el.getAttribute('state')})`,
    { timeout: 8000 },
  );
  await el.updateComplete;
}

/** Waits for any settled state (not loading, not refreshing). */
export function settled(el: DataElement): Promise<void> {
  return waitForState(el, 'ready', 'empty', 'error');
}

/** Forgets counters and switches on the server and the page's cached feeds. */
export async function resetFeeds(): Promise<void> {
  await fetch('/__feeds/reset', { method: 'POST' });
  sharedFeedStore().invalidate();
}

export async function requestCount(path: string): Promise<number> {
  const response = await fetch(`/__feeds/count?path=${encodeURIComponent(path)}`);
  return ((await response.json()) as { count: number }).count;
}

/** Sets what `/__feeds/switch/<key>` answers: a body, or a 503 with `fail`. */
export async function setSwitch(key: string, body: string | { fail: true }): Promise<void> {
  if (typeof body === 'string') {
    await fetch(`/__feeds/switch/${key}`, { method: 'PUT', body, headers: { 'Content-Type': 'application/json' } });
  } else {
    await fetch(`/__feeds/switch/${key}?fail=1`, { method: 'PUT' });
  }
}

export async function fixtureText(path: string): Promise<string> {
  return (await fetch(path)).text();
}

/** Removes the filter parameters and the deep link that the elements write into the page URL. */
export function cleanPageUrl(): void {
  const url = new URL(location.href);
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('w4g-')) url.searchParams.delete(key);
  url.hash = '';
  history.replaceState(history.state, '', url.href.replace(/#$/, ''));
}

/** Every element matching `selector` in `root` and in all shadow roots below it. */
export function deepQueryAll(root: ParentNode, selector: string): Element[] {
  const out: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) out.push(...deepQueryAll(el.shadowRoot, selector));
  }
  return out;
}

/** The focused element, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Text with runs of whitespace folded to one space. */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A custom event as STYLE.md wants it: the name, bubbling and leaving the shadow root. */
export function expectW4gEvent(event: Event, name: string): void {
  expect(event.type).to.equal(name);
  expect(event.bubbles, `${name} bubbles`).to.equal(true);
  expect(event.composed, `${name} is composed`).to.equal(true);
  expect(event).to.be.instanceOf(CustomEvent);
}

/** Resolves with the next event of that name on the target (listener attached at once). */
export function nextEvent<T extends Event = CustomEvent>(target: EventTarget, name: string): Promise<T> {
  return new Promise((resolve) => target.addEventListener(name, (e) => resolve(e as T), { once: true }));
}

/** Two animation frames: lets the browser run what a render queued (image errors, load handlers). */
export async function frames(): Promise<void> {
  await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(r));
}
