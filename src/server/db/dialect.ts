/**
 * Everything that differs between SQLite and PostgreSQL, in one place: opening the database,
 * the connection label for messages (never the password), which errors mean "the database is
 * not reachable", row locks, and the two column forms the migrations need. Every query is
 * written once, in Kysely, elsewhere.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect, type ColumnDefinitionBuilder, type RawBuilder } from 'kysely';
import pg from 'pg';
import type { Database as Tables } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  /** SQLite file (the default, embedded). */
  file: string;
  /** postgres://user:password@host:port/database; when set, PostgreSQL is used. */
  url?: string;
  /** Largest number of PostgreSQL connections of this instance. */
  poolSize?: number;
}

export interface Connection {
  db: Kysely<Tables>;
  dialect: DialectName;
  /** Where the data is, for logs and messages: a file, or user@host:port/database. */
  label: string;
  close(): Promise<void>;
  /** Closes at once, without waiting for running queries (the last-resort exit). */
  closeNow(): void;
  readonly isOpen: boolean;
}

/** The start cannot go on: the database is unreachable, refused us, or is misconfigured. */
export class DatabaseStartError extends Error {
  override readonly name = 'DatabaseStartError';
}

/** `user@host:port/database` of a PostgreSQL URL: what a message may show (no password). */
export function describePostgresUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseStartError('W4G_DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseStartError(`W4G_DATABASE_URL must start with postgres://, not ${parsed.protocol}//`);
  }
  const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
  return `${user}${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
}

/** Removes the password from any text that might echo the URL. */
function scrub(text: string, url: string): string {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? text.split(password).join('***') : text;
  } catch {
    return text;
  }
}

// PostgreSQL's bigint (int8) arrives as text by default; our bigints are epoch milliseconds
// and counts, well inside JavaScript's safe integers.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openDatabase(target: DatabaseTarget): Promise<Connection> {
  if (target.url) return openPostgres(target.url, target.poolSize ?? 10);
  return openSqlite(target.file);
}

function openSqlite(file: string): Connection {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (error) {
    throw new DatabaseStartError(`cannot open the SQLite file ${file}: ${(error as Error).message}`);
  }
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable against application crashes in WAL mode; only a power loss can drop
  // the last transactions, which is acceptable for a calendar.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: 'sqlite',
    label: file,
    async close() {
      if (sqlite.open) await db.destroy();
    },
    closeNow() {
      if (sqlite.open) sqlite.close();
    },
    get isOpen() {
      return sqlite.open;
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Connection> {
  const label = describePostgresUrl(url);
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000, types });
  // A connection that the server drops must not crash the process: an idle one is reported on
  // the pool (which replaces it), a checked-out one between queries on the client itself (the
  // pool discards it on release, since it is no longer queryable).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const e = error as Error & { code?: string };
    throw new DatabaseStartError(`cannot connect to PostgreSQL at ${label}: ${scrub(e.message || e.code || String(error), url)}`);
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  let open = true;
  return {
    db,
    dialect: 'postgres',
    label,
    async close() {
      if (!open) return;
      open = false;
      await db.destroy();
    },
    closeNow() {
      if (!open) return;
      open = false;
      void pool.end().catch(() => undefined);
    },
    get isOpen() {
      return open;
    },
  };
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
]);

/** True for an error that means the database cannot be reached now (answer 503 and retry). */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || code.startsWith('SQLITE_IOERR'))) {
    return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|The database connection is not open/i.test(
      message,
    )
  );
}

/**
 * The schema Kysely's migrator must use. It looks for its own tables in every schema, so on
 * PostgreSQL it must be told which one is ours, or another schema's migration tables (another
 * deployment in the same database, a test) mislead it. SQLite has one schema.
 */
export async function migrationSchema(dialect: DialectName, db: Kysely<Tables>): Promise<string | undefined> {
  if (dialect !== 'postgres') return undefined;
  return (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db)).rows[0]?.schema;
}

/** Locks the selected rows until the transaction ends (PostgreSQL); SQLite has one writer anyway. */
export function lockRows<Q extends { forUpdate(): Q }>(dialect: DialectName, query: Q): Q {
  return dialect === 'postgres' ? query.forUpdate() : query;
}

/** An auto-numbered integer primary key. */
export function autoIncrement(dialect: DialectName): {
  type: 'integer' | 'bigint';
  column: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
} {
  return dialect === 'postgres'
    ? { type: 'bigint', column: (c) => c.primaryKey().generatedByDefaultAsIdentity() }
    : { type: 'integer', column: (c) => c.primaryKey().autoIncrement() };
}

/** The order rows were written in, for copying a table of schema v1 (SQLite's rowid). */
export function insertionOrder(dialect: DialectName): RawBuilder<unknown> {
  return dialect === 'postgres' ? sql`created_at, id` : sql`created_at, rowid`;
}

/** The column type for bytes: PostgreSQL's bytea, SQLite's blob (both read back as a Buffer). */
export function binary(dialect: DialectName): 'bytea' | 'blob' {
  return dialect === 'postgres' ? 'bytea' : 'blob';
}
