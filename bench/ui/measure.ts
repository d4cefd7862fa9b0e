/**
 * The in-page probe, injected with addInitScript before any page script runs.
 *
 * It polls with requestAnimationFrame for the event elements (ours inside the element's
 * shadow root, FullCalendar's in the document). On the first frame whose rAF callback sees
 * them, the events are in the DOM and that frame's style, layout and paint follow the rAF
 * callbacks in the same task; a MessageChannel message posted from the callback runs after
 * them: `painted` is performance.now() then (0 = navigation start). `doubleRaf` is the
 * classic "two rAFs" time (the rAF of the next frame), kept in the results for reference;
 * it adds about one frame (~16.7 ms) to both sides.
 *
 * It is a string, not a serialised function: tsx adds `__name()` helpers to functions, and
 * those do not exist in the page.
 */
export interface ProbeConfig {
  /** The host element whose shadow root holds the events, or null for the document. */
  host: string | null;
  /** Selector of one shown event. */
  selector: string;
  /** Give up after this many ms after navigation start. */
  timeoutMs: number;
}

export interface ProbeResult {
  /** Event elements found when painted (after the extra frame). */
  count: number;
  detect?: number;
  painted?: number;
  doubleRaf?: number;
  /** Resource timing: the feed request and the last script (ms after navigation start). */
  feedStart?: number;
  feedEnd?: number;
  scriptsEnd?: number;
  /** Paths of the scripts requested before the paint (what the first paint needed). */
  scriptsBeforePaint?: string[];
  /** Long tasks (>= 50 ms) before painting: [start, duration]. */
  longTasks: [number, number][];
  error?: string;
}

export function probeScript(config: ProbeConfig): string {
  return `(() => {
  const cfg = ${JSON.stringify(config)};
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {}
  const count = () => {
    if (cfg.host) {
      const host = document.querySelector(cfg.host);
      const root = host && host.shadowRoot;
      return root ? root.querySelectorAll(cfg.selector).length : 0;
    }
    return document.querySelectorAll(cfg.selector).length;
  };
  let sent = false;
  const finish = (result) => {
    if (sent) return;
    sent = true;
    const resources = performance.getEntriesByType('resource');
    const feed = resources.find((e) => e.name.includes('/feeds/') || e.name.includes('/api/events'));
    // Scripts requested before the events were painted; what a page loads after its paint
    // (ours: the JSON-LD writer) is not what the paint waited for.
    const scripts = resources.filter(
      (e) => /\\.js(\\?|$)/.test(e.name) && (result.painted === undefined || e.startTime <= result.painted),
    );
    if (feed) {
      result.feedStart = feed.startTime;
      result.feedEnd = feed.responseEnd;
    }
    if (scripts.length) result.scriptsEnd = Math.max(...scripts.map((e) => e.responseEnd));
    result.scriptsBeforePaint = scripts.map((e) => new URL(e.name).pathname);
    result.longTasks = longTasks.slice();
    const send = () => window.__benchDone(result);
    if (typeof window.__benchDone === 'function') send();
    else setTimeout(send, 0);
  };
  const tick = () => {
    const n = count();
    if (n > 0) {
      const detect = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const painted = performance.now();
        requestAnimationFrame(() => {
          const doubleRaf = performance.now();
          finish({ count: count(), detect, painted, doubleRaf });
        });
      };
      channel.port2.postMessage(0);
      return;
    }
    if (performance.now() > cfg.timeoutMs) {
      finish({ count: 0, error: 'no events shown within ' + cfg.timeoutMs / 1000 + ' s' });
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
}
