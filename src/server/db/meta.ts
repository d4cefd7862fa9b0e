/**
 * The meta table: the revision counter (every write that changes published data moves it
 * forward, context.ts; every instance rebuilds its feeds when it changed), the feed's
 * Last-Modified, and the few other values the server keeps once for all its instances.
 */
import type { Db, StoreContext } from './context.js';
import { lockRows } from './dialect.js';

function wholeSeconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

export class MetaStore {
  constructor(private readonly ctx: StoreContext) {}

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.ctx.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
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
    const rows = await this.ctx.db
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

  /**
   * The time the feed with this content hash was first served, kept in the database so a
   * restart, and every other instance, answers the same Last-Modified (and iCalendar DTSTAMP).
   * A new content gets a time strictly later than the previous one, so If-Modified-Since never
   * hides a change.
   */
  async feedModified(hash: string): Promise<Date> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const rows = await lockRows(
        this.ctx.dialect,
        trx.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['feed_hash', 'feed_modified']),
      ).execute();
      const stored = new Map(rows.map((r) => [r.key, r.value]));
      const storedAt = stored.get('feed_modified');
      if (stored.get('feed_hash') === hash && storedAt) return new Date(storedAt);
      const previous = storedAt ? new Date(storedAt).getTime() : 0;
      const at = new Date(Math.max(wholeSeconds(this.ctx.now()).getTime(), previous + 1000));
      await this.setMeta('feed_hash', hash, trx);
      await this.setMeta('feed_modified', at.toISOString(), trx);
      return at;
    });
  }
}
