/**
 * Storage: every query of the server, written once in Kysely for SQLite and PostgreSQL.
 * Published events and associations in the JSON feed's own field names, submissions with their
 * private contact, stored answers for Idempotency-Key replays, the hub's sources, and the
 * revision counter that tells every instance when the published data changed. Each write that
 * changes published data moves the revision forward in the same transaction.
 */
import { createHash } from 'node:crypto';
import { Migrator, sql, type Kysely, type Transaction } from 'kysely';
import { lockRows, migrationSchema, openDatabase, type Connection, type DatabaseTarget, type DialectName } from './dialect.js';
import { migrationProvider } from './migrations.js';
import { AccountStore, insertSubmissionOwner } from './accounts.js';
import { insertAudit, type AuditInput } from '../audit.js';
import type { AssociationRequestsTable, Database, SourcesTable, SubmissionStatus, SubmissionsTable } from './schema.js';

export type { SubmissionStatus } from './schema.js';

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

/** What an Idempotency-Key request turned out to be. */
export type KeyedOutcome =
  { kind: 'fresh'; answer: StoredAnswer } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'conflict' };

/** The raw material of the served feed, as stored (JSON text, not parsed here). */
export interface FeedInputs {
  revision: number;
  events: string[];
  associations: string[];
  /** Per configured source (in the given order), its last good result or null. */
  sources: (string | null)[];
}

/** What a fetch needs of its source's row (not the stored result itself). */
export type SourceRow = Pick<SourcesTable, 'id' | 'url' | 'etag' | 'last_modified' | 'body_hash'> & { has_result: boolean };

/** Stored answers older than this are forgotten (a retry comes within minutes, not days). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

type Db = Kysely<Database> | Transaction<Database>;

const SUBMISSION_COLUMNS = ['id', 'status', 'event', 'contact', 'meta', 'created_at', 'updated_at', 'moderated_at'] as const;

type SubmissionRow = Pick<SubmissionsTable, (typeof SUBMISSION_COLUMNS)[number]>;

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

/** Plain code-unit order: the same in both databases, whatever their collation. */
function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** The version of a stored event: the first 20 hex digits of its data's SHA-256. */
export function versionOf(data: string): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 20);
}

/**
 * The version of an event with all its stored entries (a series and its overrides), as the
 * workspace's series edits compare it: for a single entry the same as `versionOf`.
 */
export function entriesVersion(datas: readonly string[]): string {
  return datas.length === 1 ? versionOf(datas[0]!) : versionOf(datas.join('\n'));
}

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export class Store {
  /** Accounts, roles, sessions, links, trusted associations, submission owners. */
  readonly accounts: AccountStore;

  private constructor(
    private readonly connection: Connection,
    private readonly now: () => Date,
  ) {
    this.accounts = new AccountStore(connection.db, now);
  }

  /** Opens the database and brings its schema up to date. */
  static async open(target: DatabaseTarget, now: () => Date = () => new Date()): Promise<Store> {
    const connection = await openDatabase(target);
    const store = new Store(connection, now);
    try {
      await store.migrate();
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    return store;
  }

  /** The Kysely instance (tests and tools). */
  get db(): Kysely<Database> {
    return this.connection.db;
  }

  get dialect(): DialectName {
    return this.connection.dialect;
  }

  /** The file, or user@host:port/database (no password). */
  get label(): string {
    return this.connection.label;
  }

  get isOpen(): boolean {
    return this.connection.isOpen;
  }

  /** Runs every pending migration; returns the names applied. */
  async migrate(): Promise<string[]> {
    const schema = await migrationSchema(this.dialect, this.db);
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider(this.dialect),
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
      throw new Error(`${failed} failed: ${(error as Error).message ?? String(error)}`);
    }
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  closeNow(): void {
    this.connection.closeNow();
  }

  private iso(): string {
    return this.now().toISOString();
  }

  /** Moves the revision forward: every instance rebuilds its feeds. */
  private async bump(trx: Db): Promise<void> {
    await trx
      .updateTable('meta')
      .set({ value: sql<string>`CAST(CAST(value AS BIGINT) + 1 AS TEXT)` })
      .where('key', '=', 'revision')
      .execute();
  }

  /** Throws when the database cannot be reached (health checks). */
  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  // --- meta -----------------------------------------------------------------------------

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  private async setMeta(key: string, value: string, trx: Db): Promise<void> {
    await trx
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /** Sets `key` only if it has no value yet; true when this call set it. */
  async initMeta(key: string, value: string): Promise<boolean> {
    const rows = await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .execute();
    return rows.length > 0;
  }

  /** Changes whenever published events, associations or a source's data change. */
  async revision(): Promise<number> {
    return Number((await this.getMeta('revision')) ?? 0);
  }

  // --- published data -------------------------------------------------------------------

  async publishedEvents(): Promise<FeedEventJson[]> {
    return (await this.eventRows()).map((r) => JSON.parse(r.data) as FeedEventJson);
  }

  private async eventRows(): Promise<{ id: string; recurrence_id: string; data: string }[]> {
    const rows = await this.db.selectFrom('events').select(['id', 'recurrence_id', 'data']).execute();
    return rows.sort(byKey((r) => `${r.id}\u0000${r.recurrence_id}`));
  }

  async associations(): Promise<AssociationJson[]> {
    const rows = await this.db.selectFrom('associations').select(['id', 'data']).execute();
    return rows.sort(byKey((r) => r.id)).map((r) => JSON.parse(r.data) as AssociationJson);
  }

  /** Everything the feed is made of, read in one transaction (a consistent revision). */
  async feedInputs(sourceIds: readonly string[]): Promise<FeedInputs> {
    return this.db.transaction().execute(async (trx) => {
      const revision = Number(
        (await trx.selectFrom('meta').select('value').where('key', '=', 'revision').executeTakeFirst())?.value ?? 0,
      );
      const events = (await trx.selectFrom('events').select(['id', 'recurrence_id', 'data']).execute()).sort(
        byKey((r) => `${r.id}\u0000${r.recurrence_id}`),
      );
      const associations = (await trx.selectFrom('associations').select(['id', 'data']).execute()).sort(byKey((r) => r.id));
      const results = sourceIds.length
        ? await trx
            .selectFrom('sources')
            .select(['id', 'result'])
            .where('id', 'in', [...sourceIds])
            .execute()
        : [];
      const byId = new Map(results.map((r) => [r.id, r.result]));
      return {
        revision,
        events: events.map((r) => r.data),
        associations: associations.map((r) => r.data),
        sources: sourceIds.map((id) => byId.get(id) ?? null),
      };
    });
  }

  /** Writes sample or imported data in one transaction (the seed). */
  async importData(events: readonly FeedEventJson[], associations: readonly AssociationJson[], origin: string): Promise<void> {
    const now = this.iso();
    await this.db.transaction().execute(async (trx) => {
      for (const a of associations) {
        const data = JSON.stringify(a);
        await trx
          .insertInto('associations')
          .values({ id: a.id, data, updated_at: now })
          .onConflict((oc) => oc.column('id').doUpdateSet({ data, updated_at: now }))
          .execute();
      }
      for (const e of events) {
        const rid = typeof e['recurrenceId'] === 'string' ? e['recurrenceId'] : '';
        await this.upsertEvent(trx, e.id, rid, JSON.stringify(e), origin, now);
      }
      await this.bump(trx);
    });
  }

  private async upsertEvent(trx: Db, id: string, rid: string, data: string, origin: string, now: string): Promise<void> {
    await trx
      .insertInto('events')
      .values({ id, recurrence_id: rid, data, origin, updated_at: now })
      .onConflict((oc) => oc.columns(['id', 'recurrence_id']).doUpdateSet({ data, origin, updated_at: now }))
      .execute();
  }

  /**
   * One published event of our own (a series' or single event's main row), with its origin and
   * version: a hash of the stored data, which any change alters (the workspace's If-Match).
   */
  async publishedEvent(id: string): Promise<{ event: FeedEventJson; origin: string; version: string } | undefined> {
    const row = await this.db
      .selectFrom('events')
      .select(['data', 'origin'])
      .where('id', '=', id)
      .where('recurrence_id', '=', '')
      .executeTakeFirst();
    return row && { event: JSON.parse(row.data) as FeedEventJson, origin: row.origin, version: versionOf(row.data) };
  }

  /**
   * Publishes or replaces an event (the workspace). With `ifVersion`, only when the stored row
   * is still that version; otherwise nothing is written and false is returned.
   */
  async saveEvent(event: FeedEventJson, origin: string, ifVersion?: string, audit?: AuditInput): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (ifVersion !== undefined) {
        const row = await lockRows(
          this.dialect,
          trx.selectFrom('events').select('data').where('id', '=', event.id).where('recurrence_id', '=', ''),
        ).executeTakeFirst();
        if (!row || versionOf(row.data) !== ifVersion) return false;
      }
      const now = this.iso();
      await this.upsertEvent(trx, event.id, '', JSON.stringify(event), origin, now);
      // A submission's event edited in the workspace stays the same in the moderators' view.
      await trx
        .updateTable('submissions')
        .set({ event: JSON.stringify(event), updated_at: now })
        .where('id', '=', event.id)
        .where('status', '=', 'approved')
        .execute();
      if (audit) await insertAudit(trx, audit, now);
      await this.bump(trx);
      return true;
    });
  }

  /**
   * Deletes a published event with all its dates; a submission behind it is marked rejected
   * (so it is not published again by accident). True if there was one.
   */
  async deleteEvent(id: string, audit?: AuditInput): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('events').where('id', '=', id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      const now = this.iso();
      if (audit) await insertAudit(trx, audit, now);
      await trx
        .updateTable('submissions')
        .set({ status: 'rejected', moderated_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
      await this.bump(trx);
      return true;
    });
  }

  /** The submitter withdraws: the submission, its owner row and a published event are deleted. */
  async withdrawSubmission(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('submissions').where('id', '=', id).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return false;
      await trx.deleteFrom('submission_owners').where('submission_id', '=', id).execute();
      const unpublished = await trx
        .deleteFrom('events')
        .where('id', '=', id)
        .where('origin', '=', 'submission')
        .executeTakeFirst();
      if (Number(unpublished.numDeletedRows) > 0) await this.bump(trx);
      return true;
    });
  }

  /** Replaces an association's directory entry (its profile). */
  async saveAssociation(association: AssociationJson, audit?: AuditInput): Promise<void> {
    const now = this.iso();
    const data = JSON.stringify(association);
    await this.db.transaction().execute(async (trx) => {
      if (audit) await insertAudit(trx, audit, now);
      await trx
        .insertInto('associations')
        .values({ id: association.id, data, updated_at: now })
        .onConflict((oc) => oc.column('id').doUpdateSet({ data, updated_at: now }))
        .execute();
      await this.bump(trx);
    });
  }

  async association(id: string): Promise<AssociationJson | undefined> {
    const row = await this.db.selectFrom('associations').select('data').where('id', '=', id).executeTakeFirst();
    return row && (JSON.parse(row.data) as AssociationJson);
  }

  // --- submissions ----------------------------------------------------------------------

  private async insertSubmissionIn(
    trx: Db,
    id: string,
    event: FeedEventJson,
    contact: PrivateContact,
    meta: Record<string, unknown>,
  ): Promise<void> {
    const now = this.iso();
    await trx
      .insertInto('submissions')
      .values({
        id,
        status: 'pending',
        event: JSON.stringify(event),
        contact: JSON.stringify(contact),
        meta: JSON.stringify(meta),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async submission(id: string, trx: Db = this.db): Promise<SubmissionRecord | undefined> {
    const row = await trx.selectFrom('submissions').select(SUBMISSION_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async listSubmissions(
    status: SubmissionStatus | 'all',
    limit: number,
    offset: number,
  ): Promise<{ items: SubmissionRecord[]; total: number }> {
    let list = this.db.selectFrom('submissions').select(SUBMISSION_COLUMNS);
    let count = this.db.selectFrom('submissions').select((eb) => eb.fn.countAll<number>().as('total'));
    if (status !== 'all') {
      list = list.where('status', '=', status);
      count = count.where('status', '=', status);
    }
    const rows = await list.orderBy('seq').limit(limit).offset(offset).execute();
    const { total } = await count.executeTakeFirstOrThrow();
    return { items: rows.map(toRecord), total: Number(total) };
  }

  async countSubmissions(): Promise<number> {
    const { n } = await this.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /**
   * Sets a submission's status; an approved one is published (and unpublished again when
   * rejected later). Returns the updated record, or undefined for an unknown id.
   */
  async moderate(
    id: string,
    status: 'approved' | 'rejected',
    audit?: (before: SubmissionRecord) => AuditInput,
  ): Promise<SubmissionRecord | undefined> {
    return this.changeSubmission(id, audit, async (trx, row, now) => {
      await trx.updateTable('submissions').set({ status, moderated_at: now, updated_at: now }).where('id', '=', id).execute();
      if (status === 'approved') {
        const existing = await trx
          .selectFrom('events')
          .select('data')
          .where('id', '=', id)
          .where('recurrence_id', '=', '')
          .executeTakeFirst();
        if (existing?.data !== row.event) {
          await this.upsertEvent(trx, id, '', row.event, 'submission', now);
          await this.bump(trx);
        }
      } else {
        const deleted = await trx.deleteFrom('events').where('id', '=', id).where('origin', '=', 'submission').executeTakeFirst();
        if (Number(deleted.numDeletedRows) > 0) await this.bump(trx);
      }
    });
  }

  /** Replaces a submission's event and/or private contact; a published one is updated at once. */
  async editSubmission(
    id: string,
    patch: { event?: FeedEventJson; contact?: PrivateContact },
    audit?: (before: SubmissionRecord) => AuditInput,
  ): Promise<SubmissionRecord | undefined> {
    return this.changeSubmission(id, audit, async (trx, row, now) => {
      const event = patch.event ? JSON.stringify(patch.event) : row.event;
      const contact = patch.contact ? JSON.stringify(patch.contact) : row.contact;
      await trx.updateTable('submissions').set({ event, contact, updated_at: now }).where('id', '=', id).execute();
      if (row.status === 'approved' && patch.event) {
        await this.upsertEvent(trx, id, '', event, 'submission', now);
        await this.bump(trx);
      }
    });
  }

  /**
   * Changes submission `id` in one transaction, its row locked: the audit entry first (it sees
   * the submission as it was under the lock, e.g. its status before), then `change`. Returns
   * the submission as it is then, or undefined for an unknown id (nothing is written).
   */
  private changeSubmission(
    id: string,
    audit: ((before: SubmissionRecord) => AuditInput) | undefined,
    change: (trx: Transaction<Database>, row: SubmissionRow, now: string) => Promise<void>,
  ): Promise<SubmissionRecord | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await lockRows(
        this.dialect,
        trx.selectFrom('submissions').select(SUBMISSION_COLUMNS).where('id', '=', id),
      ).executeTakeFirst();
      if (!row) return undefined;
      const now = this.iso();
      if (audit) await insertAudit(trx, audit(toRecord(row)), now);
      await change(trx, row, now);
      return this.submission(id, trx);
    });
  }

  // --- editing published events (series edits) -----------------------------------------

  /** The stored entries of one published event: the series (or single event) and its overrides. */
  async eventEntries(id: string): Promise<{ entries: FeedEventJson[]; origin: string; version: string } | undefined> {
    const rows = await this.db.selectFrom('events').select(['recurrence_id', 'data', 'origin']).where('id', '=', id).execute();
    if (!rows.length) return undefined;
    rows.sort(byKey((r) => r.recurrence_id));
    return {
      entries: rows.map((r) => JSON.parse(r.data) as FeedEventJson),
      origin: rows[0]!.origin,
      version: entriesVersion(rows.map((r) => r.data)),
    };
  }

  /**
   * Replaces every entry of event `id` with `entries` (none: the event is gone) and adds the
   * entries of a new series split off it, in one transaction. A submission with that id keeps
   * the published master as its event, so a later moderator edit starts from it. With
   * `ifVersion` (see `entriesVersion`), only when the stored entries are still that version;
   * otherwise nothing is written and false is returned.
   */
  async replaceEventEntries(
    id: string,
    entries: readonly FeedEventJson[],
    created: readonly FeedEventJson[],
    ifVersion?: string,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const row = await lockRows(
        this.dialect,
        trx.selectFrom('events').select(['origin']).where('id', '=', id).where('recurrence_id', '=', ''),
      ).executeTakeFirst();
      if (ifVersion !== undefined) {
        const rows = await trx.selectFrom('events').select(['recurrence_id', 'data']).where('id', '=', id).execute();
        rows.sort(byKey((r) => r.recurrence_id));
        if (!row || entriesVersion(rows.map((r) => r.data)) !== ifVersion) return false;
      }
      const origin = row?.origin ?? 'edit';
      const now = this.iso();
      await trx.deleteFrom('events').where('id', '=', id).execute();
      for (const e of [...entries, ...created]) {
        const rid = typeof e['recurrenceId'] === 'string' ? e['recurrenceId'] : '';
        // A split-off series is our own edit; the original keeps its origin.
        await this.upsertEvent(trx, e.id, rid, JSON.stringify(e), e.id === id ? origin : 'edit', now);
      }
      const master = entries.find((e) => e['recurrenceId'] === undefined);
      if (master) {
        await trx
          .updateTable('submissions')
          .set({ event: JSON.stringify(master), updated_at: now })
          .where('id', '=', id)
          .execute();
      }
      await this.bump(trx);
      return true;
    });
  }

  // --- association requests ("Änderung melden", "Verein eintragen") ---------------------

  async insertAssociationRequest(request: Omit<AssociationRequest, 'status' | 'createdAt' | 'updatedAt'>): Promise<void> {
    const now = this.iso();
    await this.db
      .insertInto('association_requests')
      .values({
        id: request.id,
        kind: request.kind,
        association_id: request.associationId ?? null,
        status: 'pending',
        data: JSON.stringify(request.data),
        contact: JSON.stringify(request.contact),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async listAssociationRequests(
    status: AssociationRequest['status'] | 'all',
    limit: number,
    offset: number,
  ): Promise<{ items: AssociationRequest[]; total: number }> {
    let list = this.db.selectFrom('association_requests').selectAll();
    let count = this.db.selectFrom('association_requests').select((eb) => eb.fn.countAll<number>().as('total'));
    if (status !== 'all') {
      list = list.where('status', '=', status);
      count = count.where('status', '=', status);
    }
    const rows = await list.orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
    const { total } = await count.executeTakeFirstOrThrow();
    return { items: rows.map(toAssociationRequest), total: Number(total) };
  }

  async setAssociationRequestStatus(id: string, status: 'done' | 'rejected'): Promise<AssociationRequest | undefined> {
    await this.db.updateTable('association_requests').set({ status, updated_at: this.iso() }).where('id', '=', id).execute();
    const row = await this.db.selectFrom('association_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAssociationRequest(row) : undefined;
  }

  // --- idempotency ----------------------------------------------------------------------

  /** The answer stored under `key` (within the TTL), with the hash of its request. */
  async storedAnswer(key: string): Promise<(StoredAnswer & { bodyHash: string | null }) | undefined> {
    const row = await this.db
      .selectFrom('idempotency')
      .select(['status', 'body', 'body_hash', 'created_at'])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row || row.status === 0 || this.now().getTime() - row.created_at > IDEMPOTENCY_TTL_MS) return undefined;
    return { status: row.status, body: row.body, bodyHash: row.body_hash };
  }

  /**
   * Runs `work` once per `key`: the key is claimed with an insert that only one transaction can
   * make (a concurrent one, on any instance, waits for it and then sees its answer), `work`
   * runs in the same transaction, and its answer is stored. A key already used with another
   * request hash is a conflict; rows without a hash (written before migration 2) replay.
   */
  async once(
    key: string | undefined,
    bodyHash: string,
    work: (store: SubmissionWriter) => Promise<StoredAnswer>,
  ): Promise<KeyedOutcome> {
    if (!key) {
      return { kind: 'fresh', answer: await this.db.transaction().execute((trx) => work(this.writer(trx))) };
    }
    return this.db.transaction().execute(async (trx): Promise<KeyedOutcome> => {
      const now = this.now().getTime();
      await trx
        .deleteFrom('idempotency')
        .where('key', '=', key)
        .where('created_at', '<', now - IDEMPOTENCY_TTL_MS)
        .execute();
      const claimed = await trx
        .insertInto('idempotency')
        .values({ key, status: 0, body: '', body_hash: bodyHash, created_at: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .execute();
      if (claimed.length === 0) {
        const row = await trx
          .selectFrom('idempotency')
          .select(['status', 'body', 'body_hash'])
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        if (row.body_hash !== null && row.body_hash !== bodyHash) return { kind: 'conflict' };
        return { kind: 'replay', answer: { status: row.status, body: row.body } };
      }
      const answer = await work(this.writer(trx));
      await trx.updateTable('idempotency').set({ status: answer.status, body: answer.body }).where('key', '=', key).execute();
      // Now and then, forget old answers (one in fifty requests is enough to keep the table small).
      if (Math.random() < 0.02) {
        await trx
          .deleteFrom('idempotency')
          .where('created_at', '<', now - IDEMPOTENCY_TTL_MS)
          .execute();
      }
      return { kind: 'fresh', answer };
    });
  }

  private writer(trx: Db): SubmissionWriter {
    return {
      insertSubmission: (id, event, contact, meta) => this.insertSubmissionIn(trx, id, event, contact, meta),
      setOwner: (id, owner) => insertSubmissionOwner(trx, id, owner),
    };
  }

  // --- the feed's Last-Modified ---------------------------------------------------------

  /**
   * The time the feed with this content hash was first served, kept in the database so a
   * restart, and every other instance, answers the same Last-Modified (and iCalendar DTSTAMP).
   * A new content gets a time strictly later than the previous one, so If-Modified-Since never
   * hides a change.
   */
  async feedModified(hash: string): Promise<Date> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await lockRows(
        this.dialect,
        trx.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['feed_hash', 'feed_modified']),
      ).execute();
      const stored = new Map(rows.map((r) => [r.key, r.value]));
      const storedAt = stored.get('feed_modified');
      if (stored.get('feed_hash') === hash && storedAt) return new Date(storedAt);
      const previous = storedAt ? new Date(storedAt).getTime() : 0;
      const at = new Date(Math.max(wholeSeconds(this.now()).getTime(), previous + 1000));
      await this.setMeta('feed_hash', hash, trx);
      await this.setMeta('feed_modified', at.toISOString(), trx);
      return at;
    });
  }

  // --- the hub's sources ----------------------------------------------------------------

  /** Adds configured sources; a source whose URL changed starts afresh. */
  async registerSources(sources: readonly { id: string; url: string }[]): Promise<void> {
    for (const { id, url } of sources) {
      await this.db
        .insertInto('sources')
        .values({ id, url, next_fetch_at: 0 })
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet({ url, etag: null, last_modified: null, body_hash: null, next_fetch_at: 0 })
            .where('sources.url', '<>', url),
        )
        .execute();
    }
  }

  /** The ids among `ids` whose next fetch is due (a cheap check before claiming). */
  async dueSources(ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('sources')
      .select('id')
      .where('id', 'in', [...ids])
      .where('next_fetch_at', '<=', this.now().getTime())
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Claims the next fetch of a due source for this instance (the lease): only the instance
   * whose update moves `next_fetch_at` forward fetches it. `force` claims it even if not due.
   */
  async claimSource(id: string, owner: string, intervalMs: number, force = false): Promise<SourceRow | undefined> {
    const now = this.now().getTime();
    let query = this.db
      .updateTable('sources')
      .set({ next_fetch_at: now + intervalMs, lease_owner: owner })
      .where('id', '=', id);
    if (!force) query = query.where('next_fetch_at', '<=', now);
    const claimed = await query
      .returning([
        'id',
        'url',
        'etag',
        'last_modified',
        'body_hash',
        sql<number>`CASE WHEN result IS NULL THEN 0 ELSE 1 END`.as('has_result'),
      ])
      .executeTakeFirst();
    return claimed && { ...claimed, has_result: Number(claimed.has_result) === 1 };
  }

  /** Stores the outcome of a fetch; new data moves the revision forward. */
  async saveSourceAttempt(
    id: string,
    outcome:
      | { kind: 'failed'; error: { message: string; status?: number } }
      | { kind: 'unchanged'; etag?: string; lastModified?: string }
      | { kind: 'changed'; result: string; stats: string; bodyHash: string; etag?: string; lastModified?: string },
  ): Promise<void> {
    const now = this.iso();
    await this.db.transaction().execute(async (trx) => {
      if (outcome.kind === 'failed') {
        await trx
          .updateTable('sources')
          .set({ last_attempt: now, last_error: JSON.stringify({ ...outcome.error, at: now }) })
          .where('id', '=', id)
          .execute();
        return;
      }
      const validators = { etag: outcome.etag ?? null, last_modified: outcome.lastModified ?? null };
      if (outcome.kind === 'unchanged') {
        await trx
          .updateTable('sources')
          .set({ last_attempt: now, last_success: now, last_error: null, ...validators })
          .where('id', '=', id)
          .execute();
        return;
      }
      await trx
        .updateTable('sources')
        .set({
          last_attempt: now,
          last_success: now,
          last_error: null,
          result: outcome.result,
          stats: outcome.stats,
          body_hash: outcome.bodyHash,
          ...validators,
        })
        .where('id', '=', id)
        .execute();
      await this.bump(trx);
    });
  }

  /** The sources' state for the health views (without their data). */
  async sourceStates(ids: readonly string[]): Promise<Omit<SourcesTable, 'result'>[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('sources')
      .select([
        'id',
        'url',
        'stats',
        'body_hash',
        'etag',
        'last_modified',
        'last_success',
        'last_attempt',
        'last_error',
        'next_fetch_at',
        'lease_owner',
      ])
      .where('id', 'in', [...ids])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }
}

/** "Änderung melden" (kind change, for an association) or "Verein eintragen" (kind new). */
export interface AssociationRequest {
  id: string;
  kind: 'change' | 'new';
  associationId?: string;
  status: 'pending' | 'done' | 'rejected';
  data: { name?: string; town?: string; message?: string; website?: string };
  contact: PrivateContact;
  createdAt: string;
  updatedAt: string;
}

function toAssociationRequest(row: AssociationRequestsTable): AssociationRequest {
  const out: AssociationRequest = {
    id: row.id,
    kind: row.kind,
    status: row.status,
    data: JSON.parse(row.data) as AssociationRequest['data'],
    contact: JSON.parse(row.contact) as PrivateContact,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.association_id) out.associationId = row.association_id;
  return out;
}

/** What the work of an Idempotency-Key request may write, inside its transaction. */
export interface SubmissionWriter {
  insertSubmission(id: string, event: FeedEventJson, contact: PrivateContact, meta: Record<string, unknown>): Promise<void>;
  /** Who stands behind it: an account, or the anonymous submitter's private link. */
  setOwner(id: string, owner: { accountId?: string; manageToken?: string }): Promise<void>;
}
