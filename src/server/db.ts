/**
 * SQLite storage (better-sqlite3, WAL): published events and associations in the JSON feed's
 * own field names, submissions with their private contact, and stored answers for
 * Idempotency-Key replays. better-sqlite3 is synchronous, so every method is one atomic step
 * on Node's single thread: no two requests interleave inside a check-then-insert.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

export type SubmissionStatus = 'pending' | 'approved' | 'rejected';

/** An event as the JSON feed writes it (validated against schema/feed.schema.json). */
export type FeedEventJson = Record<string, unknown> & { id: string; title: string; start: string };
export type AssociationJson = Record<string, unknown> & { id: string; name: string };

/** The submitter's own contact: shown to moderators, never published. */
export interface PrivateContact {
  name: string;
  email: string;
}

export interface SubmissionRecord {
  id: string;
  status: SubmissionStatus;
  event: FeedEventJson;
  contact: PrivateContact;
  /** Submission details that are not part of the event (licence, consent). */
  meta: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  moderatedAt?: string;
}

export interface StoredAnswer {
  status: number;
  body: string;
}

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE events (
     id TEXT NOT NULL,
     recurrence_id TEXT NOT NULL DEFAULT '',
     data TEXT NOT NULL,
     origin TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (id, recurrence_id)
   );
   CREATE TABLE associations (id TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT NOT NULL);
   CREATE TABLE submissions (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
     event TEXT NOT NULL,
     contact TEXT NOT NULL,
     meta TEXT NOT NULL DEFAULT '{}',
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     moderated_at TEXT
   );
   CREATE INDEX submissions_by_status ON submissions (status, created_at);
   CREATE TABLE idempotency (key TEXT PRIMARY KEY, status INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);`,
];

/** Stored answers older than this are forgotten (a retry comes within minutes, not days). */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

interface SubmissionRow {
  id: string;
  status: SubmissionStatus;
  event: string;
  contact: string;
  meta: string;
  created_at: string;
  updated_at: string;
  moderated_at: string | null;
}

function toRecord(row: SubmissionRow): SubmissionRecord {
  const record: SubmissionRecord = {
    id: row.id,
    status: row.status,
    event: JSON.parse(row.event) as FeedEventJson,
    contact: JSON.parse(row.contact) as PrivateContact,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.moderated_at) record.moderatedAt = row.moderated_at;
  return record;
}

export class Store {
  readonly db: Database.Database;
  private readonly now: () => Date;
  /** Bumped on every change of published data; the feed cache compares it. */
  private revision = 0;

  constructor(path: string, now: () => Date = () => new Date()) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.now = now;
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable against application crashes in WAL mode; only a power loss can drop
    // the last transactions, which is acceptable for a calendar.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** Changes whenever published events or associations change. */
  get dataRevision(): number {
    return this.revision;
  }

  private iso(): string {
    return this.now().toISOString();
  }

  private touch(): void {
    this.revision++;
  }

  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  // --- published data -------------------------------------------------------------------

  publishedEvents(): FeedEventJson[] {
    const rows = this.db.prepare('SELECT data FROM events ORDER BY rowid').all() as { data: string }[];
    return rows.map((r) => JSON.parse(r.data) as FeedEventJson);
  }

  associations(): AssociationJson[] {
    const rows = this.db.prepare('SELECT data FROM associations ORDER BY rowid').all() as { data: string }[];
    return rows.map((r) => JSON.parse(r.data) as AssociationJson);
  }

  private upsertEventStatement(): Database.Statement {
    return this.db.prepare(
      `INSERT INTO events (id, recurrence_id, data, origin, updated_at) VALUES (@id, @rid, @data, @origin, @now)
       ON CONFLICT (id, recurrence_id) DO UPDATE SET data = excluded.data, origin = excluded.origin, updated_at = excluded.updated_at`,
    );
  }

  /** Writes sample or imported data in one transaction (used by the seed). */
  importData(events: readonly FeedEventJson[], associations: readonly AssociationJson[], origin: string): void {
    const now = this.iso();
    const upsertEvent = this.upsertEventStatement();
    const upsertAssociation = this.db.prepare(
      `INSERT INTO associations (id, data, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    );
    this.db.transaction(() => {
      for (const a of associations) upsertAssociation.run(a.id, JSON.stringify(a), now);
      for (const e of events) {
        const rid = typeof e['recurrenceId'] === 'string' ? e['recurrenceId'] : '';
        upsertEvent.run({ id: e.id, rid, data: JSON.stringify(e), origin, now });
      }
      this.touch();
    })();
  }

  // --- submissions ----------------------------------------------------------------------

  insertSubmission(id: string, event: FeedEventJson, contact: PrivateContact, meta: Record<string, unknown>): SubmissionRecord {
    const now = this.iso();
    this.db
      .prepare(
        `INSERT INTO submissions (id, status, event, contact, meta, created_at, updated_at)
         VALUES (?, 'pending', ?, ?, ?, ?, ?)`,
      )
      .run(id, JSON.stringify(event), JSON.stringify(contact), JSON.stringify(meta), now, now);
    return this.submission(id)!;
  }

  submission(id: string): SubmissionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as SubmissionRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  listSubmissions(status: SubmissionStatus | 'all', limit: number, offset: number): { items: SubmissionRecord[]; total: number } {
    const where = status === 'all' ? '' : 'WHERE status = @status';
    const rows = this.db
      .prepare(`SELECT * FROM submissions ${where} ORDER BY created_at, rowid LIMIT @limit OFFSET @offset`)
      .all({ status, limit, offset }) as SubmissionRow[];
    const { total } = this.db
      .prepare(`SELECT COUNT(*) AS total FROM submissions ${where}`)
      .get(status === 'all' ? {} : { status }) as {
      total: number;
    };
    return { items: rows.map(toRecord), total };
  }

  countSubmissions(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM submissions').get() as { n: number }).n;
  }

  /**
   * Sets a submission's status; an approved one is published (and unpublished again when
   * rejected later). Returns the updated record, or undefined for an unknown id.
   */
  moderate(id: string, status: 'approved' | 'rejected'): SubmissionRecord | undefined {
    return this.db.transaction(() => {
      const current = this.submission(id);
      if (!current) return undefined;
      const now = this.iso();
      this.db
        .prepare('UPDATE submissions SET status = ?, moderated_at = ?, updated_at = ? WHERE id = ?')
        .run(status, now, now, id);
      if (status === 'approved') {
        this.upsertEventStatement().run({ id, rid: '', data: JSON.stringify(current.event), origin: 'submission', now });
        this.touch();
      } else if (this.db.prepare("DELETE FROM events WHERE id = ? AND origin = 'submission'").run(id).changes > 0) {
        this.touch();
      }
      return this.submission(id);
    })();
  }

  /** Replaces a submission's event and/or private contact; a published one is updated at once. */
  editSubmission(id: string, patch: { event?: FeedEventJson; contact?: PrivateContact }): SubmissionRecord | undefined {
    return this.db.transaction(() => {
      const current = this.submission(id);
      if (!current) return undefined;
      const event = patch.event ?? current.event;
      const contact = patch.contact ?? current.contact;
      const now = this.iso();
      this.db
        .prepare('UPDATE submissions SET event = ?, contact = ?, updated_at = ? WHERE id = ?')
        .run(JSON.stringify(event), JSON.stringify(contact), now, id);
      if (current.status === 'approved' && patch.event) {
        this.upsertEventStatement().run({ id, rid: '', data: JSON.stringify(event), origin: 'submission', now });
        this.touch();
      }
      return this.submission(id);
    })();
  }

  // --- idempotency ----------------------------------------------------------------------

  storedAnswer(key: string): StoredAnswer | undefined {
    const row = this.db.prepare('SELECT status, body, created_at FROM idempotency WHERE key = ?').get(key) as
      { status: number; body: string; created_at: number } | undefined;
    if (!row || this.now().getTime() - row.created_at > IDEMPOTENCY_TTL_MS) return undefined;
    return { status: row.status, body: row.body };
  }

  /** Runs `work` and stores its answer under `key`, atomically with what `work` wrote. */
  withStoredAnswer(key: string | undefined, work: () => StoredAnswer): StoredAnswer {
    if (!key) return work();
    return this.db.transaction(() => {
      const answer = work();
      const now = this.now().getTime();
      this.db.prepare('DELETE FROM idempotency WHERE created_at < ?').run(now - IDEMPOTENCY_TTL_MS);
      this.db
        .prepare(
          `INSERT INTO idempotency (key, status, body, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET status = excluded.status, body = excluded.body, created_at = excluded.created_at`,
        )
        .run(key, answer.status, answer.body, now);
      return answer;
    })();
  }
}
