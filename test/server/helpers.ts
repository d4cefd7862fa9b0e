/**
 * Helpers for the server tests: a server on 127.0.0.1:0 with a real SQLite file in a temp
 * folder, and a small HTTP client on node:http (full control over headers and raw bodies).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ServerOptions, type W4gServer } from '../../src/server/index.js';
import type { ConfigInput } from '../../src/server/config.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface Running {
  server: W4gServer;
  url: string;
  dir: string;
  db: string;
  /** Closes the server and removes the temp folder. */
  stop(): Promise<void>;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'w4g-server-test-'));
}

/** A server on a fresh database (no sample data unless `seed: true`). */
export async function start(options: ServerOptions & { dir?: string } = {}): Promise<Running> {
  const dir = options.dir ?? tempDir();
  const db = join(dir, 'w4g.sqlite');
  const config: ConfigInput = { seed: false, database: db, ...(options.config as ConfigInput | undefined) };
  const server = await createServer({ logger: false, adminToken: ADMIN_TOKEN, ...options, config });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    server,
    url,
    dir,
    db,
    async stop() {
      await server.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers field by field
  json: any;
}

/** One HTTP request; `body` objects are sent as JSON unless a content type says otherwise. */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let payload: Buffer | undefined;
  if (options.body !== undefined) {
    payload = Buffer.isBuffer(options.body)
      ? options.body
      : Buffer.from(typeof options.body === 'string' ? options.body : JSON.stringify(options.body));
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A date `days` from now in Berlin, as YYYY-MM-DD. */
export function dayFromNow(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
}

/** A valid submission body, with overrides. */
export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const day = dayFromNow(10);
  return {
    title: 'Herbstkonzert des Posaunenchors',
    start: `${day}T18:00`,
    end: `${day}T19:30`,
    town: 'Aschersleben',
    location: { name: 'St. Stephani', address: 'Stephanikirchhof 1, 06449 Aschersleben' },
    categories: ['Musik', 'Kirche'],
    description: 'Bläsermusik zum Advent.',
    free: true,
    contact: { name: 'Erika Muster', email: 'erika@example.org' },
    website2: '',
    formTime: 42_000,
    ...overrides,
  };
}

export function admin(extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${ADMIN_TOKEN}`, ...extra };
}
