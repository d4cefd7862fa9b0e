/**
 * Conditional GET (RFC 9110, 13.1): If-None-Match wins over If-Modified-Since; a match
 * answers 304 with the validators and no body.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Representation } from './feed.js';

function etagMatches(header: string, etag: string): boolean {
  const strip = (tag: string): string => tag.trim().replace(/^W\//, '');
  const wanted = strip(etag);
  return header.split(',').some((candidate) => candidate.trim() === '*' || strip(candidate) === wanted);
}

/** True when the client's copy is current. */
export function notModified(request: FastifyRequest, rep: Representation): boolean {
  const inm = request.headers['if-none-match'];
  if (typeof inm === 'string' && inm.trim()) return etagMatches(inm, rep.etag);
  const ims = request.headers['if-modified-since'];
  if (typeof ims !== 'string') return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && rep.lastModified.getTime() <= since;
}

/** Sends a representation with ETag, Last-Modified and Cache-Control, or a 304. */
export function sendRepresentation(
  request: FastifyRequest,
  reply: FastifyReply,
  rep: Representation,
  cacheControl: string,
): FastifyReply {
  reply.header('ETag', rep.etag).header('Last-Modified', rep.lastModified.toUTCString()).header('Cache-Control', cacheControl);
  if (notModified(request, rep)) return reply.code(304).send();
  return reply.type(rep.contentType).send(rep.body);
}
