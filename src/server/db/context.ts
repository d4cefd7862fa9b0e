/**
 * What the store's query modules share: the database (or the transaction a write runs in), its
 * dialect, the clock, the revision bump every write to published data makes, and one sort order.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DialectName } from './dialect.js';
import type { Database } from './schema.js';

/** The database, or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>;

/** The open database, its dialect, and the clock the queries stamp their rows with. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly now: () => Date;
}

/** Moves the revision forward: every instance rebuilds its feeds. */
export async function bumpRevision(trx: Db): Promise<void> {
  await trx
    .updateTable('meta')
    .set({ value: sql<string>`CAST(CAST(value AS BIGINT) + 1 AS TEXT)` })
    .where('key', '=', 'revision')
    .execute();
}

/** Plain code-unit order: the same in both databases, whatever their collation. */
export function byKey<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
}
