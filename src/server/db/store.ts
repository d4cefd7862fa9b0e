/**
 * Storage: every query of the server, written once in Kysely for SQLite and PostgreSQL. The
 * `Store` opens the database and brings its schema up to date; the queries of each kind of data
 * live in their own module, which the store composes and whose methods it offers under the same
 * names:
 * - `meta.ts`: the revision counter that tells every instance when the published data changed,
 *   and the feed's Last-Modified;
 * - `published.ts`: published events and associations, in the JSON feed's own field names;
 * - `submissions.ts`: submissions with their private contact, and their moderation;
 * - `idempotency.ts`: stored answers for Idempotency-Key replays;
 * - `association-requests.ts`: "Änderung melden" and "Verein eintragen";
 * - `sources.ts`: the hub's sources;
 * - `accounts.ts` (`store.accounts`): accounts, roles, sessions, links, trusted associations.
 * Each write that changes published data moves the revision forward in the same transaction.
 */
import { Migrator, sql, type Kysely } from 'kysely';
import { migrationSchema, openDatabase, type Connection, type DatabaseTarget, type DialectName } from './dialect.js';
import { migrationProvider } from './migrations.js';
import { AccountStore } from './accounts.js';
import { AssociationRequestStore } from './association-requests.js';
import type { StoreContext } from './context.js';
import { IdempotencyStore, type KeyedOutcome, type StoredAnswer } from './idempotency.js';
import { MetaStore } from './meta.js';
import { PublishedStore } from './published.js';
import type { Database } from './schema.js';
import { SourceStore } from './sources.js';
import { SubmissionStore, type SubmissionWriter } from './submissions.js';

export type { SubmissionStatus } from './schema.js';
export type { AssociationRequest } from './association-requests.js';
export { IDEMPOTENCY_TTL_MS, type KeyedOutcome, type StoredAnswer } from './idempotency.js';
export { entriesVersion, versionOf, type AssociationJson, type FeedEventJson, type FeedInputs } from './published.js';
export type { SourceRow } from './sources.js';
export type { PrivateContact, SubmissionRecord, SubmissionWriter } from './submissions.js';

export class Store {
  /** Accounts, roles, sessions, links, trusted associations, submission owners. */
  readonly accounts: AccountStore;
  private readonly meta: MetaStore;
  private readonly published: PublishedStore;
  private readonly submissions: SubmissionStore;
  private readonly idempotency: IdempotencyStore;
  private readonly associationRequests: AssociationRequestStore;
  private readonly sources: SourceStore;

  private constructor(
    private readonly connection: Connection,
    now: () => Date,
  ) {
    const ctx: StoreContext = { db: connection.db, dialect: connection.dialect, now };
    this.accounts = new AccountStore(connection.db, now);
    this.meta = new MetaStore(ctx);
    this.published = new PublishedStore(ctx);
    this.submissions = new SubmissionStore(ctx);
    this.idempotency = new IdempotencyStore(ctx);
    this.associationRequests = new AssociationRequestStore(ctx);
    this.sources = new SourceStore(ctx);
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

  /** Throws when the database cannot be reached (health checks). */
  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  // --- the meta table: meta.ts ---------------------------------------------------------

  getMeta(...args: Parameters<MetaStore['getMeta']>): ReturnType<MetaStore['getMeta']> {
    return this.meta.getMeta(...args);
  }

  initMeta(...args: Parameters<MetaStore['initMeta']>): ReturnType<MetaStore['initMeta']> {
    return this.meta.initMeta(...args);
  }

  revision(): ReturnType<MetaStore['revision']> {
    return this.meta.revision();
  }

  feedModified(...args: Parameters<MetaStore['feedModified']>): ReturnType<MetaStore['feedModified']> {
    return this.meta.feedModified(...args);
  }

  // --- published events and associations: published.ts ---------------------------------

  publishedEvents(): ReturnType<PublishedStore['publishedEvents']> {
    return this.published.publishedEvents();
  }

  associations(): ReturnType<PublishedStore['associations']> {
    return this.published.associations();
  }

  feedInputs(...args: Parameters<PublishedStore['feedInputs']>): ReturnType<PublishedStore['feedInputs']> {
    return this.published.feedInputs(...args);
  }

  importData(...args: Parameters<PublishedStore['importData']>): ReturnType<PublishedStore['importData']> {
    return this.published.importData(...args);
  }

  publishedEvent(...args: Parameters<PublishedStore['publishedEvent']>): ReturnType<PublishedStore['publishedEvent']> {
    return this.published.publishedEvent(...args);
  }

  saveEvent(...args: Parameters<PublishedStore['saveEvent']>): ReturnType<PublishedStore['saveEvent']> {
    return this.published.saveEvent(...args);
  }

  deleteEvent(...args: Parameters<PublishedStore['deleteEvent']>): ReturnType<PublishedStore['deleteEvent']> {
    return this.published.deleteEvent(...args);
  }

  saveAssociation(...args: Parameters<PublishedStore['saveAssociation']>): ReturnType<PublishedStore['saveAssociation']> {
    return this.published.saveAssociation(...args);
  }

  association(...args: Parameters<PublishedStore['association']>): ReturnType<PublishedStore['association']> {
    return this.published.association(...args);
  }

  eventEntries(...args: Parameters<PublishedStore['eventEntries']>): ReturnType<PublishedStore['eventEntries']> {
    return this.published.eventEntries(...args);
  }

  replaceEventEntries(
    ...args: Parameters<PublishedStore['replaceEventEntries']>
  ): ReturnType<PublishedStore['replaceEventEntries']> {
    return this.published.replaceEventEntries(...args);
  }

  // --- submissions: submissions.ts ------------------------------------------------------

  submission(...args: Parameters<SubmissionStore['submission']>): ReturnType<SubmissionStore['submission']> {
    return this.submissions.submission(...args);
  }

  listSubmissions(...args: Parameters<SubmissionStore['listSubmissions']>): ReturnType<SubmissionStore['listSubmissions']> {
    return this.submissions.listSubmissions(...args);
  }

  countSubmissions(): ReturnType<SubmissionStore['countSubmissions']> {
    return this.submissions.countSubmissions();
  }

  moderate(...args: Parameters<SubmissionStore['moderate']>): ReturnType<SubmissionStore['moderate']> {
    return this.submissions.moderate(...args);
  }

  editSubmission(...args: Parameters<SubmissionStore['editSubmission']>): ReturnType<SubmissionStore['editSubmission']> {
    return this.submissions.editSubmission(...args);
  }

  withdrawSubmission(
    ...args: Parameters<SubmissionStore['withdrawSubmission']>
  ): ReturnType<SubmissionStore['withdrawSubmission']> {
    return this.submissions.withdrawSubmission(...args);
  }

  // --- Idempotency-Key requests: idempotency.ts -----------------------------------------

  storedAnswer(...args: Parameters<IdempotencyStore['storedAnswer']>): ReturnType<IdempotencyStore['storedAnswer']> {
    return this.idempotency.storedAnswer(...args);
  }

  /** `IdempotencyStore.once`, its work given what a submission writes in its transaction. */
  once(
    key: string | undefined,
    bodyHash: string,
    work: (store: SubmissionWriter) => Promise<StoredAnswer>,
  ): Promise<KeyedOutcome> {
    return this.idempotency.once(key, bodyHash, (trx) => work(this.submissions.writer(trx)));
  }

  // --- association requests: association-requests.ts ------------------------------------

  insertAssociationRequest(
    ...args: Parameters<AssociationRequestStore['insertAssociationRequest']>
  ): ReturnType<AssociationRequestStore['insertAssociationRequest']> {
    return this.associationRequests.insertAssociationRequest(...args);
  }

  listAssociationRequests(
    ...args: Parameters<AssociationRequestStore['listAssociationRequests']>
  ): ReturnType<AssociationRequestStore['listAssociationRequests']> {
    return this.associationRequests.listAssociationRequests(...args);
  }

  setAssociationRequestStatus(
    ...args: Parameters<AssociationRequestStore['setAssociationRequestStatus']>
  ): ReturnType<AssociationRequestStore['setAssociationRequestStatus']> {
    return this.associationRequests.setAssociationRequestStatus(...args);
  }

  // --- the hub's sources: sources.ts ----------------------------------------------------

  registerSources(...args: Parameters<SourceStore['registerSources']>): ReturnType<SourceStore['registerSources']> {
    return this.sources.registerSources(...args);
  }

  dueSources(...args: Parameters<SourceStore['dueSources']>): ReturnType<SourceStore['dueSources']> {
    return this.sources.dueSources(...args);
  }

  claimSource(...args: Parameters<SourceStore['claimSource']>): ReturnType<SourceStore['claimSource']> {
    return this.sources.claimSource(...args);
  }

  saveSourceAttempt(...args: Parameters<SourceStore['saveSourceAttempt']>): ReturnType<SourceStore['saveSourceAttempt']> {
    return this.sources.saveSourceAttempt(...args);
  }

  sourceStates(...args: Parameters<SourceStore['sourceStates']>): ReturnType<SourceStore['sourceStates']> {
    return this.sources.sourceStates(...args);
  }
}
