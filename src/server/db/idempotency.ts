/**
 * Stored answers for Idempotency-Key replays: a request sent twice (a retry after a lost
 * answer, a double click) is answered once and then replayed, on every instance.
 */
import type { Transaction } from 'kysely';
import type { StoreContext } from './context.js';
import type { Database } from './schema.js';

export interface StoredAnswer {
  status: number;
  body: string;
}

/** What an Idempotency-Key request turned out to be. */
export type KeyedOutcome =
  { kind: 'fresh'; answer: StoredAnswer } | { kind: 'replay'; answer: StoredAnswer } | { kind: 'conflict' };

/** Stored answers older than this are forgotten (a retry comes within minutes, not days). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export class IdempotencyStore {
  constructor(private readonly ctx: StoreContext) {}

  /** The answer stored under `key` (within the TTL), with the hash of its request. */
  async storedAnswer(key: string): Promise<(StoredAnswer & { bodyHash: string | null }) | undefined> {
    const row = await this.ctx.db
      .selectFrom('idempotency')
      .select(['status', 'body', 'body_hash', 'created_at'])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row || row.status === 0 || this.ctx.now().getTime() - row.created_at > IDEMPOTENCY_TTL_MS) return undefined;
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
    work: (trx: Transaction<Database>) => Promise<StoredAnswer>,
  ): Promise<KeyedOutcome> {
    if (!key) {
      return { kind: 'fresh', answer: await this.ctx.db.transaction().execute((trx) => work(trx)) };
    }
    return this.ctx.db.transaction().execute(async (trx): Promise<KeyedOutcome> => {
      const now = this.ctx.now().getTime();
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
      const answer = await work(trx);
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
}
