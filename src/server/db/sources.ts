/**
 * The hub's sources: the upstream calendars it fetches, their HTTP validators, their last good
 * result, and the lease that lets one instance fetch a due source. New data of a source moves
 * the revision forward.
 */
import { sql } from 'kysely';
import { bumpRevision, type StoreContext } from './context.js';
import type { SourcesTable } from './schema.js';

/** What a fetch needs of its source's row (not the stored result itself). */
export type SourceRow = Pick<SourcesTable, 'id' | 'url' | 'etag' | 'last_modified' | 'body_hash'> & { has_result: boolean };

export class SourceStore {
  constructor(private readonly ctx: StoreContext) {}

  /** Adds configured sources; a source whose URL changed starts afresh. */
  async registerSources(sources: readonly { id: string; url: string }[]): Promise<void> {
    for (const { id, url } of sources) {
      await this.ctx.db
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
    const rows = await this.ctx.db
      .selectFrom('sources')
      .select('id')
      .where('id', 'in', [...ids])
      .where('next_fetch_at', '<=', this.ctx.now().getTime())
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Claims the next fetch of a due source for this instance (the lease): only the instance
   * whose update moves `next_fetch_at` forward fetches it. `force` claims it even if not due.
   */
  async claimSource(id: string, owner: string, intervalMs: number, force = false): Promise<SourceRow | undefined> {
    const now = this.ctx.now().getTime();
    let query = this.ctx.db
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
    const now = this.ctx.now().toISOString();
    await this.ctx.db.transaction().execute(async (trx) => {
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
      await bumpRevision(trx);
    });
  }

  /** The sources' state for the health views (without their data). */
  async sourceStates(ids: readonly string[]): Promise<Omit<SourcesTable, 'result'>[]> {
    if (!ids.length) return [];
    const rows = await this.ctx.db
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
