/**
 * Every error answer in German, wherever it arises: the routes' own (HttpError), Fastify's
 * (validation, content type, body size, a malformed URL), @fastify/static's (403 for a path
 * that tries to leave its folder) and Node's HTTP parser (431, 408, malformed requests, which
 * never reach a route). Nothing of an internal error reaches the client.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './context.js';
import { isUnavailable } from './db/dialect.js';
import { MSG } from './messages.js';

/** German texts for statuses that the framework, not a route, answers with. */
const STATUS_TEXT: Record<number, string> = {
  400: MSG.badRequest,
  403: MSG.forbidden,
  404: MSG.notFound,
  405: MSG.badRequest,
  408: MSG.requestTimeout,
  413: MSG.tooLarge,
  414: MSG.urlTooLong,
  415: MSG.contentType,
  431: MSG.headersTooLarge,
};

const CODE_TEXT: Record<string, string> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: MSG.emptyBody,
  FST_ERR_CTP_INVALID_JSON_BODY: MSG.notJson,
  FST_ERR_CTP_BODY_TOO_LARGE: MSG.tooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: MSG.contentType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: MSG.badRequest,
  FST_ERR_BAD_URL: MSG.badUrl,
  FST_ERR_MAX_PARAM_LENGTH: MSG.badUrl,
};

interface ValidationIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** A German text for a failed route schema (query, params, body). */
function validationMessage(error: FastifyError & { validation?: ValidationIssue[]; validationContext?: string }): string {
  const issue = error.validation?.[0];
  const where = error.validationContext;
  if (where === 'body' && (!issue || issue.instancePath === '') && issue?.keyword === 'type') return MSG.notObject;
  const name = issue?.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(issue?.params['missingProperty'] ?? '');
  if (where === 'querystring') return name ? `Der Parameter „${name}“ ist ungültig.` : MSG.badRequest;
  if (where === 'params') return MSG.notFound;
  return name ? `Die Angabe „${name}“ ist ungültig.` : MSG.badRequest;
}

/** The error handler of the whole server. */
export function sendError(error: FastifyError | HttpError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 500;
  if (error instanceof HttpError) {
    if (error.retryAfter) reply.header('Retry-After', String(error.retryAfter));
    const retryAfter = status === 429 || error.retryAfter ? Number(reply.getHeader('retry-after')) || undefined : undefined;
    void reply.code(status).send({ error: error.message, ...(retryAfter ? { retryAfter } : {}) });
    return;
  }
  if (isUnavailable(error)) {
    request.log.warn({ error: error.message }, 'database unavailable');
    void reply.code(503).header('Retry-After', '5').send({ error: MSG.databaseUnavailable });
    return;
  }
  if (status >= 500 || status < 400) {
    request.log.error({ err: error }, 'request failed');
    void reply.code(500).send({ error: MSG.serverError });
    return;
  }
  const code = error.code;
  const message =
    code === 'FST_ERR_VALIDATION' ? validationMessage(error) : (CODE_TEXT[code] ?? STATUS_TEXT[status] ?? MSG.badRequest);
  void reply.code(status).send({ error: message });
}

/** Fastify's router errors (a URL that cannot be decoded) before any route runs. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void reply.code(400).send({ error: CODE_TEXT[error.code] ?? MSG.badUrl });
}

/** Node's HTTP parser errors: the request never became a request, so we write to the socket. */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  const body = JSON.stringify({ error: STATUS_TEXT[status] });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
