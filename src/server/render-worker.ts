/**
 * The render worker's entry: runs render.ts's jobs off the main thread, so that parsing a large
 * upstream calendar or rendering the feed never holds up a request. One message in, one out.
 */
import { parentPort } from 'node:worker_threads';
import { parseSource, renderFeed, renderIcs, type Merged, type ParseJob, type RenderJob } from './render.js';
import { choicesOf, imageUrlsOf, renderGazette, type GazetteJob } from './gazette/render.js';

export type WorkerRequest =
  | { id: number; kind: 'parse'; job: ParseJob }
  | { id: number; kind: 'render'; job: RenderJob }
  | { id: number; kind: 'ics'; handle: number; lastModified: string }
  | { id: number; kind: 'forget'; handle: number }
  | { id: number; kind: 'gazette'; job: GazetteJob }
  | { id: number; kind: 'gazette-images'; job: Omit<GazetteJob, 'format' | 'images'> }
  | { id: number; kind: 'gazette-choices'; feed: string; etag: string };

export type WorkerResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Merged feeds waiting for their iCalendar step, by handle. */
const pending = new Map<number, Merged>();
let nextHandle = 1;

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case 'parse':
      return parseSource(request.job);
    case 'render': {
      const { outcome, merged } = renderFeed(request.job);
      const handle = nextHandle++;
      pending.set(handle, merged);
      return { ...outcome, handle };
    }
    case 'ics': {
      const merged = pending.get(request.handle);
      pending.delete(request.handle);
      if (!merged) throw new Error('unknown render handle');
      return renderIcs(merged, new Date(request.lastModified));
    }
    case 'forget':
      pending.delete(request.handle);
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
