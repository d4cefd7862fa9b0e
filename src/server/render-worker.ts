/**
 * The render worker's entry: runs render.ts's jobs off the main thread, so that parsing a large
 * upstream calendar or rendering the feed never holds up a request. One message in, one out.
 *
 * The merged feed of each render stays here under its handle until its owner forgets it (the
 * next build replaced it, or the server closed): the iCalendar form and every view (a window,
 * a filter) are computed from it without sending 20,000 events between threads again.
 */
import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { parseSource, renderFeed, renderIcs, type Merged, type ParseJob, type RenderJob } from './render.js';
import { choicesOf, imageUrlsOf, renderGazette, type GazetteJob } from './gazette/render.js';
import { prepareViews, renderView, UNKNOWN_HANDLE, type ViewJob } from './views.js';

export type WorkerRequest =
  | { id: number; kind: 'parse'; job: ParseJob }
  | { id: number; kind: 'render'; job: RenderJob }
  | { id: number; kind: 'ics'; handle: string; lastModified: string }
  | { id: number; kind: 'view'; handle: string; job: ViewJob }
  | { id: number; kind: 'forget'; handle: string }
  | { id: number; kind: 'gazette'; job: GazetteJob }
  | { id: number; kind: 'gazette-images'; job: Omit<GazetteJob, 'format' | 'images'> }
  | { id: number; kind: 'gazette-choices'; feed: string; etag: string };

export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Merged feeds by handle. */
const kept = new Map<string, Merged>();
// Handles carry this worker's identity: a replacement worker (after a crash) knows none of the
// old ones, and an old handle can never name another server's feed.
const WORKER = randomUUID();
let nextHandle = 1;

function merged(handle: string): Merged {
  const found = kept.get(handle);
  if (!found) throw new Error(UNKNOWN_HANDLE);
  return found;
}

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case 'parse':
      return parseSource(request.job);
    case 'render': {
      const { outcome, merged } = renderFeed(request.job);
      const handle = `${WORKER}/${nextHandle++}`;
      kept.set(handle, merged);
      prepareViews(merged);
      return { ...outcome, handle };
    }
    case 'ics':
      return renderIcs(merged(request.handle), new Date(request.lastModified));
    case 'view':
      return renderView(merged(request.handle), request.job);
    case 'forget':
      kept.delete(request.handle);
      return null;
    case 'gazette':
      return renderGazette(request.job);
    case 'gazette-images':
      return imageUrlsOf(request.job);
    case 'gazette-choices':
      return choicesOf(request.feed, request.etag);
  }
}

parentPort?.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => parentPort!.postMessage({ id: request.id, ok: true, value } satisfies WorkerResponse),
    (error: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        ok: false,
        error: String((error as Error)?.stack ?? error),
      } satisfies WorkerResponse),
  );
});
