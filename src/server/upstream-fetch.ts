/**
 * The hub's fetch: node:http(s) with the address guard, redirects followed by hand (at most
 * five, every hop checked: http or https only, no internal address unless allowed), a timeout
 * and a size cap. It answers with a standard Response, so the core's feed loading reads it
 * like any fetch.
 */
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, HostAllowList, InternalAddressError, isInternalAddress } from './net-guard.js';

export interface UpstreamFetchOptions {
  /** Hosts (`host` or `host:port`) that may be internal addresses. */
  allowHosts?: readonly string[];
  /** Largest body in bytes. */
  maxBytes?: number;
  /** Timeout for the whole fetch, redirects included, in milliseconds. */
  timeoutMs?: number;
  maxRedirects?: number;
  userAgent?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

/** Checks one hop before it is requested; DNS names are checked again at connect time. */
function checkHop(url: URL, allow: HostAllowList): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`refused: only http and https are fetched, not ${url.protocol}`);
  }
  if (url.username || url.password) throw new Error('refused: URLs with credentials are not fetched');
  const host = hostOf(url);
  if (isIP(host) && isInternalAddress(host) && !allow.allows(url)) throw new InternalAddressError(host, host);
}

function once(url: URL, headers: Record<string, string>, allow: HostAllowList, signal: AbortSignal): Promise<IncomingMessage> {
  const options: RequestOptions = { method: 'GET', headers, signal };
  // Allowed hosts resolve normally; all others through the guard.
  if (!allow.allows(url)) options.lookup = guardedLookup as RequestOptions['lookup'];
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (declared > maxBytes) {
    response.destroy();
    throw new Error(`the feed is larger than ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      response.destroy();
      throw new Error(`the feed is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function createUpstreamFetch(options: UpstreamFetchOptions = {}): typeof fetch {
  const allow = new HostAllowList(options.allowHosts ?? []);
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const userAgent = options.userAgent ?? 'w4g-calendar-hub/0.2';

  return async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => (headers[key] = value));
    headers['user-agent'] = userAgent;
    const signals = [AbortSignal.timeout(timeoutMs), ...(init?.signal ? [init.signal] : [])];
    const signal = AbortSignal.any(signals);
    let url = new URL(input instanceof Request ? input.url : String(input));
    for (let hop = 0; ; hop++) {
      checkHop(url, allow);
      const response = await once(url, headers, allow, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        response.resume();
        if (hop >= maxRedirects) throw new Error(`refused: more than ${maxRedirects} redirects`);
        url = new URL(location, url);
        continue;
      }
      const body = await readBody(response, maxBytes);
      const responseHeaders = new Headers();
      for (const [key, value] of Object.entries(response.headers)) {
        if (typeof value === 'string') responseHeaders.set(key, value);
        else if (Array.isArray(value)) for (const v of value) responseHeaders.append(key, v);
      }
      const result = new Response([204, 205, 304].includes(status) ? null : new Uint8Array(body), {
        status,
        statusText: response.statusMessage ?? '',
        headers: responseHeaders,
      });
      Object.defineProperty(result, 'url', { value: url.href });
      return result;
    }
  };
}
