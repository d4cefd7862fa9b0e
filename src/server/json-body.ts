/**
 * The JSON body parser of every route: Fastify's own (prototype poisoning refused), behind a
 * nesting check on the raw text. A body nested deeper than any real request never reaches
 * JSON.parse, the validators or a serializer, whose recursion it could overflow.
 */
import type { FastifyInstance } from 'fastify';
import { HttpError } from './context.js';
import { MSG } from './messages.js';

/** Deep enough for `{ "event": { "location": { … } } }` with room to spare. */
export const MAX_JSON_DEPTH = 8;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True when no object or array in `text` is nested deeper than `max` (strings are skipped). */
export function withinDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return false;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return true;
}

/** Replaces Fastify's application/json parser with the depth-checked one. */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (!withinDepth(text, MAX_JSON_DEPTH)) {
      done(new HttpError(400, MSG.tooDeep), undefined);
      return;
    }
    parse(request, text, done);
  });
}
