/**
 * The main thread's side of the render worker: one worker per process, shared by every server
 * in it (tests run many), started on first use and stopped when the last user closes. A worker
 * that dies is replaced; the jobs it had fail and are retried by their callers' next attempt.
 */
import { Worker } from 'node:worker_threads';
import type { ParseJob, ParseOutcome, RenderJob, RenderOutcome, Rendered } from './render.js';
import type { WorkerRequest, WorkerResponse } from './render-worker.js';
import { FEED_MISSING, type GazetteJob, type GazetteResult } from './gazette/render.js';
import type { ViewJob } from './views.js';

// In the build the worker is the .js file next to this one. Under tsx (tests, development)
// it is the .ts file, and the worker thread registers tsx itself first: `--import tsx` does not
// reach worker threads on Node 20.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './render-worker.ts' : './render-worker.js', import.meta.url);

function newWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(boot, { eval: true });
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

type Omit1<T> = T extends unknown ? Omit<T, 'id'> : never;

class SharedWorker {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Pending>();
  private nextId = 1;
  users = 0;
  /** The ETag of the feed the gazette jobs of this worker last read (see Renderer.withFeed). */
  gazetteEtag: string | undefined;

  private start(): Worker {
    const worker = newWorker();
    worker.unref();
    worker.on('message', (response: WorkerResponse) => {
      const entry = this.waiting.get(response.id);
      if (!entry) return;
      this.waiting.delete(response.id);
      if (response.ok) entry.resolve(response.value);
      else entry.reject(new Error(`render worker: ${response.error}`));
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      this.gazetteEtag = undefined;
      for (const entry of this.waiting.values()) entry.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`render worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  call<T>(request: Omit1<WorkerRequest>, transfer: ArrayBuffer[] = []): Promise<T> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id }, transfer);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

const shared = new SharedWorker();

export class Renderer {
  private closed = false;

  constructor() {
    shared.users++;
  }

  parse(job: ParseJob): Promise<ParseOutcome> {
    // The body's buffer moves to the worker instead of being copied.
    const buffer = job.bytes.buffer as ArrayBuffer;
    const transfer = job.bytes.byteOffset === 0 && job.bytes.byteLength === buffer.byteLength ? [buffer] : [];
    return shared.call<ParseOutcome>({ kind: 'parse', job }, transfer);
  }

  /** Merges and renders the feed; the merged feed stays in the worker under `handle` until forgotten. */
  render(job: RenderJob): Promise<RenderOutcome & { handle: string }> {
    return shared.call({ kind: 'render', job });
  }

  ics(handle: string, lastModified: Date): Promise<Rendered> {
    return shared.call({ kind: 'ics', handle, lastModified: lastModified.toISOString() });
  }

  /** A view of a kept feed; rejects with UNKNOWN_HANDLE in its message when the worker lost it. */
  view(handle: string, job: ViewJob): Promise<Rendered> {
    return shared.call({ kind: 'view', handle, job });
  }

  forget(handle: string): Promise<void> {
    return shared.call({ kind: 'forget', handle });
  }

  /**
   * A gazette job with the feed sent once: after the worker has read a feed, later jobs send its
   * ETag alone; a worker that does not hold it (it was replaced) is sent the whole feed again.
   */
  private async withFeed<T>(feed: string, etag: string, run: (feed: string) => Promise<T>): Promise<T> {
    if (shared.gazetteEtag === etag) {
      try {
        return await run('');
      } catch (error) {
        if (!(error as Error).message.includes(FEED_MISSING)) throw error;
      }
    }
    const value = await run(feed);
    shared.gazetteEtag = etag;
    return value;
  }

  /** A gazette export (DOCX, PDF or text) of the served feed. */
  gazette(job: GazetteJob): Promise<GazetteResult> {
    return this.withFeed(job.feed, job.etag, (feed) => shared.call({ kind: 'gazette', job: { ...job, feed } }));
  }

  /** The image URLs a gazette would print. */
  gazetteImages(job: Omit<GazetteJob, 'format' | 'images'>): Promise<string[]> {
    return this.withFeed(job.feed, job.etag, (feed) => shared.call({ kind: 'gazette-images', job: { ...job, feed } }));
  }

  /** The towns and categories the served feed offers a gazette. */
  gazetteChoices(feed: string, etag: string): Promise<{ towns: string[]; categories: string[] }> {
    return this.withFeed(feed, etag, (body) => shared.call({ kind: 'gazette-choices', feed: body, etag }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (--shared.users === 0) await shared.stop();
  }
}
