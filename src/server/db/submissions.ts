/**
 * Submissions: events sent in through the form (or by members whose association is not trusted)
 * with the submitter's private contact, waiting for moderation. Approving one publishes its
 * event, rejecting or withdrawing it unpublishes it, in the same transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import { insertAudit, type AuditInput } from '../audit.js';
import { insertSubmissionOwner } from './accounts.js';
import { bumpRevision, type Db, type StoreContext } from './context.js';
import { lockRows } from './dialect.js';
import { upsertEvent, type FeedEventJson } from './published.js';
import type { Database, SubmissionStatus, SubmissionsTable } from './schema.js';

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

/** What the work of an Idempotency-Key request may write, inside its transaction. */
export interface SubmissionWriter {
  insertSubmission(id: string, event: FeedEventJson, contact: PrivateContact, meta: Record<string, unknown>): Promise<void>;
  /** Who stands behind it: an account, or the anonymous submitter's private link. */
  setOwner(id: string, owner: { accountId?: string; manageToken?: string }): Promise<void>;
}

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

export class SubmissionStore {
  constructor(private readonly ctx: StoreContext) {}

  private get db(): Kysely<Database> {
    return this.ctx.db;
  }

  private iso(): string {
    return this.ctx.now().toISOString();
  }

  /** The writes a submission makes, in transaction `trx` (an Idempotency-Key request's). */
  writer(trx: Db): SubmissionWriter {
    return {
      insertSubmission: (id, event, contact, meta) => this.insertSubmissionIn(trx, id, event, contact, meta),
      setOwner: (id, owner) => insertSubmissionOwner(trx, id, owner),
    };
  }

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
          await upsertEvent(trx, id, '', row.event, 'submission', now);
          await bumpRevision(trx);
        }
      } else {
        const deleted = await trx.deleteFrom('events').where('id', '=', id).where('origin', '=', 'submission').executeTakeFirst();
        if (Number(deleted.numDeletedRows) > 0) await bumpRevision(trx);
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
        await upsertEvent(trx, id, '', event, 'submission', now);
        await bumpRevision(trx);
      }
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
      if (Number(unpublished.numDeletedRows) > 0) await bumpRevision(trx);
      return true;
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
        this.ctx.dialect,
        trx.selectFrom('submissions').select(SUBMISSION_COLUMNS).where('id', '=', id),
      ).executeTakeFirst();
      if (!row) return undefined;
      const now = this.iso();
      if (audit) await insertAudit(trx, audit(toRecord(row)), now);
      await change(trx, row, now);
      return this.submission(id, trx);
    });
  }
}
