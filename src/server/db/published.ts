/**
 * The published data: events (a series or single event and its overrides, one row each) and
 * associations, in the JSON feed's own field names. Each write moves the revision forward in
 * its transaction; the feed is built from `feedInputs`, read in one transaction.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { insertAudit, type AuditInput } from '../audit.js';
import { bumpRevision, byKey, type Db, type StoreContext } from './context.js';
import { lockRows } from './dialect.js';
import type { Database } from './schema.js';

/** An event as the JSON feed writes it (validated against schema/feed.schema.json). */
export type FeedEventJson = Record<string, unknown> & { id: string; title: string; start: string };
export type AssociationJson = Record<string, unknown> & { id: string; name: string };

/** The raw material of the served feed, as stored (JSON text, not parsed here). */
export interface FeedInputs {
  revision: number;
  events: string[];
  associations: string[];
  /** Per configured source (in the given order), its last good result or null. */
  sources: (string | null)[];
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

/** Writes one entry of an event (`rid` '' for the series or single event itself). */
export async function upsertEvent(trx: Db, id: string, rid: string, data: string, origin: string, now: string): Promise<void> {
  await trx
    .insertInto('events')
    .values({ id, recurrence_id: rid, data, origin, updated_at: now })
    .onConflict((oc) => oc.columns(['id', 'recurrence_id']).doUpdateSet({ data, origin, updated_at: now }))
    .execute();
}

export class PublishedStore {
  constructor(private readonly ctx: StoreContext) {}

  private get db(): Kysely<Database> {
    return this.ctx.db;
  }

  private iso(): string {
    return this.ctx.now().toISOString();
  }

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
        await upsertEvent(trx, e.id, rid, JSON.stringify(e), origin, now);
      }
      await bumpRevision(trx);
    });
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
          this.ctx.dialect,
          trx.selectFrom('events').select('data').where('id', '=', event.id).where('recurrence_id', '=', ''),
        ).executeTakeFirst();
        if (!row || versionOf(row.data) !== ifVersion) return false;
      }
      const now = this.iso();
      await upsertEvent(trx, event.id, '', JSON.stringify(event), origin, now);
      // A submission's event edited in the workspace stays the same in the moderators' view.
      await trx
        .updateTable('submissions')
        .set({ event: JSON.stringify(event), updated_at: now })
        .where('id', '=', event.id)
        .where('status', '=', 'approved')
        .execute();
      if (audit) await insertAudit(trx, audit, now);
      await bumpRevision(trx);
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
      await bumpRevision(trx);
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
      await bumpRevision(trx);
    });
  }

  async association(id: string): Promise<AssociationJson | undefined> {
    const row = await this.db.selectFrom('associations').select('data').where('id', '=', id).executeTakeFirst();
    return row && (JSON.parse(row.data) as AssociationJson);
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
        this.ctx.dialect,
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
        await upsertEvent(trx, e.id, rid, JSON.stringify(e), e.id === id ? origin : 'edit', now);
      }
      const master = entries.find((e) => e['recurrenceId'] === undefined);
      if (master) {
        await trx
          .updateTable('submissions')
          .set({ event: JSON.stringify(master), updated_at: now })
          .where('id', '=', id)
          .execute();
      }
      await bumpRevision(trx);
      return true;
    });
  }
}
