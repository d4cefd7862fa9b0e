/**
 * Timeouts for slow or stalled clients. Node's HTTP server bounds the headers and the whole
 * request; the body gets its own, shorter bound here, answered with a German 408 (Node's own
 * would close the connection with an English one). Without them a client that stops sending a
 * body held its connection, and a shutdown, open for ever.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { HttpError } from './context.js';
import { MSG } from './messages.js';

export interface TimeoutSettings {
  /** Time to receive the request headers, in seconds. */
  headersSeconds: number;
  /** Time to receive a request body once the headers are in, in seconds. */
  bodySeconds: number;
  /** How long a shutdown waits for running requests before it closes their connections. */
  shutdownSeconds: number;
}

/** Node's server-level bounds: a request is done within headers + body + a margin. */
export function nodeTimeouts(t: TimeoutSettings): { requestTimeout: number; headersTimeout: number } {
  const headersTimeout = Math.round(t.headersSeconds * 1000);
  return { headersTimeout, requestTimeout: headersTimeout + Math.round(t.bodySeconds * 1000) + 5000 };
}

/** Every request body must arrive within `bodySeconds`; otherwise 408 and the connection closes. */
export function registerBodyTimeout(app: FastifyInstance, t: TimeoutSettings): void {
  const ms = Math.round(t.bodySeconds * 1000);
  app.addHook('preParsing', (request, reply, payload, done) => {
    const length = request.headers['content-length'];
    const hasBody = request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody) return done(null, payload);
    const guarded = new PassThrough();
    const timer = setTimeout(() => {
      payload.unpipe(guarded);
      guarded.destroy(new HttpError(408, MSG.requestTimeout));
    }, ms);
    timer.unref();
    const clear = (): void => clearTimeout(timer);
    // The bound is on receiving: it ends when the body has arrived, or when the request was
    // answered without reading it (415, 401, 429…), whoever reads the stream or not.
    payload.on('end', clear);
    guarded.on('end', clear);
    guarded.on('close', clear);
    reply.raw.on('close', clear);
    // A destroyed stream that nobody reads any more must not become an uncaught exception;
    // a reader (the body parser) gets the error through its own listener and answers 408.
    guarded.on('error', () => undefined);
    payload.on('error', (error) => guarded.destroy(error));
    payload.pipe(guarded);
    done(null, guarded);
  });
}
