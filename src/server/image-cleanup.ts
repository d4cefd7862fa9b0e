/**
 * Cleanup of unused pictures. An upload that no event ever named (a form given up, a picture
 * replaced by another) would stay in the database for ever. A sweep (on a schedule, and on an
 * admin's request) finds every picture of ours that something still names: a published event,
 * an association, a submission in any state, an association request, or the served feed (which
 * holds the sources' events too). Those are marked as seen now; a picture nothing has named for
 * `keepUnusedDays` (counted from its upload, or from the last time a sweep saw it named) is
 * deleted with its renditions.
 *
 * The grace period is what protects a draft in a browser: a picture uploaded into a form that is
 * sent days later is still there. Before each deletion the rows are checked once more inside
 * the deleting transaction, so a picture named by something written since the sweep began stays.
 * Several instances may sweep at once: both delete the same rows, nothing else happens.
 */
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.js';

/** A picture's id in a URL of ours: `/api/images/<32 hex>/<width>.<ext>`. */
const REFERENCE = /\/api\/images\/([0-9a-f]{32})\//g;
const LIKE_ANY = '%/api/images/%';
const DAY_MS = 86_400_000;
/** Rows updated in one statement. */
const CHUNK = 200;

export interface CleanupResult {
  /** Ids of the pictures deleted. */
  deleted: string[];
  /** Pictures still referenced somewhere. */
  referenced: number;
  /** Pictures not referenced but within their grace period. */
  waiting: number;
}

interface Log {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
}

/** The text columns that may name a picture of ours. */
type Column =
  | { table: 'events'; column: 'data' }
  | { table: 'associations'; column: 'data' }
  | { table: 'submissions'; column: 'event' }
  | { table: 'association_requests'; column: 'data' };

const COLUMNS: readonly Column[] = [
  { table: 'events', column: 'data' },
  { table: 'associations', column: 'data' },
  { table: 'submissions', column: 'event' },
  { table: 'association_requests', column: 'data' },
];

function idsIn(text: string, into: Set<string>): void {
  for (const match of text.matchAll(REFERENCE)) into.add(match[1]!);
}

export class ImageCleanup {
  private running: Promise<CleanupResult> | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private first: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
    private readonly settings: { keepUnusedDays: number; cleanupHours: number },
    /** Texts outside the database that name pictures: the served feed's current bodies. */
    private readonly served: () => string[],
    private readonly log: Log,
  ) {}

  /** Runs a sweep a minute after the start (or after one interval, if shorter), then every interval. */
  start(): void {
    if (this.timer) return;
    const every = this.settings.cleanupHours * 3_600_000;
    const sweep = (): void => {
      this.run().catch((error: unknown) => this.log.warn({ error: (error as Error).message }, 'image cleanup failed'));
    };
    this.first = setTimeout(sweep, Math.min(60_000, every));
    this.first.unref();
    this.timer = setInterval(sweep, every);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.first);
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Settles when no sweep is running. */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** One sweep; a call during a sweep shares it. */
  run(): Promise<CleanupResult> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Every picture id something names now. */
  async referencedIds(): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const text of this.served()) idsIn(text, ids);
    for (const { table, column } of COLUMNS) {
      const rows = await this.db.selectFrom(table).select(column).where(column, 'like', LIKE_ANY).execute();
      for (const row of rows as Record<string, string>[]) idsIn(row[column]!, ids);
    }
    return ids;
  }

  private async sweep(): Promise<CleanupResult> {
    const now = this.now();
    const stamp = now.toISOString();
    const cutoff = new Date(now.getTime() - this.settings.keepUnusedDays * DAY_MS).toISOString();
    const referenced = await this.referencedIds();
    const images = await this.db.selectFrom('images').select(['id', 'created_at', 'referenced_at']).execute();
    const named = images.filter((image) => referenced.has(image.id)).map((image) => image.id);
    for (let i = 0; i < named.length; i += CHUNK) {
      await this.db
        .updateTable('images')
        .set({ referenced_at: stamp })
        .where('id', 'in', named.slice(i, i + CHUNK))
        .execute();
    }
    const unnamed = images.filter((image) => !referenced.has(image.id));
    const expired = unnamed.filter((image) => (image.referenced_at ?? image.created_at) < cutoff);
    const deleted: string[] = [];
    for (const image of expired) {
      if (await this.deleteIfUnused(image.id, cutoff)) deleted.push(image.id);
    }
    if (deleted.length) this.log.info({ deleted: deleted.length }, 'unused pictures deleted');
    return { deleted, referenced: named.length, waiting: unnamed.length - deleted.length };
  }

  /** Deletes the picture unless a row names it now or a sweep saw it named after `cutoff`. */
  private deleteIfUnused(id: string, cutoff: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      for (const { table, column } of COLUMNS) {
        const named = await trx
          .selectFrom(table)
          .select(column)
          .where(column, 'like', `%/api/images/${id}/%`)
          .limit(1)
          .executeTakeFirst();
        if (named) return false;
      }
      const row = await trx.selectFrom('images').select(['created_at', 'referenced_at']).where('id', '=', id).executeTakeFirst();
      if (!row || (row.referenced_at ?? row.created_at) >= cutoff) return false;
      await trx.deleteFrom('image_files').where('image_id', '=', id).execute();
      await trx.deleteFrom('images').where('id', '=', id).execute();
      return true;
    });
  }
}
