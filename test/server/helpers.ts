/**
 * Helpers for the server tests: a server on 127.0.0.1:0 with a real database (a SQLite file in
 * a temp folder, or, when W4G_TEST_DATABASE_URL is set, a schema of its own in that PostgreSQL
 * database), and a small HTTP client on node:http (full control over headers and raw bodies).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
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

/** The PostgreSQL database of this test run, or undefined for SQLite. */
export const TEST_DATABASE_URL = process.env['W4G_TEST_DATABASE_URL']?.trim() || undefined;

export const DIALECT: 'sqlite' | 'postgres' = TEST_DATABASE_URL ? 'postgres' : 'sqlite';

const schemas = new Set<string>();

/**
 * The PostgreSQL URL of a schema of its own for `dir`: the same folder (a restart) gives the
 * same schema. Schemas made here are dropped when the test file ends.
 */
export async function postgresUrlFor(dir: string, base = TEST_DATABASE_URL!): Promise<string> {
  const schema = `t_${createHash('sha256').update(dir).digest('hex').slice(0, 20)}`;
  if (!schemas.has(schema)) {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
    schemas.add(schema);
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.href;
}

// Registered at import, so it belongs to the test file's root and runs after all its tests.
if (TEST_DATABASE_URL) after(dropSchemas);

async function dropSchemas(): Promise<void> {
  if (!schemas.size) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    schemas.clear();
  } finally {
    await client.end();
  }
}

/**
 * A server on a fresh database (no sample data unless `seed: true`): SQLite, or PostgreSQL
 * when the run has one (`sqlite: true` insists on SQLite, for SQLite's own files).
 */
export async function start(options: ServerOptions & { dir?: string; sqlite?: boolean } = {}): Promise<Running> {
  const { sqlite, ...rest } = options;
  const dir = options.dir ?? tempDir();
  const db = join(dir, 'w4g.sqlite');
  const config: ConfigInput = { seed: false, database: db, ...(options.config as ConfigInput | undefined) };
  const databaseUrl = options.databaseUrl ?? (TEST_DATABASE_URL && !sqlite ? await postgresUrlFor(dir) : undefined);
  const server = await createServer({
    logger: false,
    adminToken: ADMIN_TOKEN,
    ...rest,
    config,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
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
