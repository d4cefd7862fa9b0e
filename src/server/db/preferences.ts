/**
 * A person's choices (how new submissions are announced, the language of the emails), the
 * daily digest's runs, and what data protection asks of the database: deleting a submitter's
 * contact after the retention time, an account's export, and deleting one's own account. In
 * Kysely for SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';
import { lockRows, type DialectName } from './dialect.js';
import type { Database, SubmissionNotices } from './schema.js';

export type { SubmissionNotices } from './schema.js';

export interface Preferences {
  /** New submissions for the person's towns: at once, in a daily digest, or not at all. */
  submissionNotices: SubmissionNotices;
  /** The language of the person's emails. */
  locale: 'de' | 'en';
}

export const DEFAULT_NOTICES: SubmissionNotices = 'instant';

/** What a private contact is after deletion (the shape stays, so readers need no special case). */
export const DELETED_CONTACT = JSON.stringify({ name: '', email: '' });

/** A claimed digest run: this instance sends the submissions created in [since, until). */
export interface DigestClaim {
  day: string;
  since: string;
  until: string;
}

/** A submission whose contact may be due for deletion. */
export interface ContactCandidate {
  id: string;
  event: string;
}

export class PreferenceStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
    private readonly now: () => Date,
  ) {}

  async get(accountId: string): Promise<Preferences> {
    const row = await this.db
      .selectFrom('accounts')
      .leftJoin('account_preferences', 'account_preferences.account_id', 'accounts.id')
      .select(['accounts.locale', 'account_preferences.submission_notices'])
      .where('accounts.id', '=', accountId)
      .executeTakeFirst();
    return { submissionNotices: row?.submission_notices ?? DEFAULT_NOTICES, locale: row?.locale === 'en' ? 'en' : 'de' };
  }

  async set(accountId: string, change: Partial<Preferences>): Promise<Preferences> {
    const now = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (change.locale) await trx.updateTable('accounts').set({ locale: change.locale }).where('id', '=', accountId).execute();
      if (change.submissionNotices) {
        const notices = change.submissionNotices;
        await trx
          .insertInto('account_preferences')
          .values({ account_id: accountId, submission_notices: notices, updated_at: now })
          .onConflict((oc) => oc.column('account_id').doUpdateSet({ submission_notices: notices, updated_at: now }))
          .execute();
      }
    });
    return this.get(accountId);
  }

  /** The notice choice of each of the accounts (default for those without a row). */
  async noticesOf(accountIds: readonly string[]): Promise<Map<string, SubmissionNotices>> {
    const out = new Map(accountIds.map((id) => [id, DEFAULT_NOTICES]));
    if (!accountIds.length) return out;
    const rows = await this.db
      .selectFrom('account_preferences')
      .select(['account_id', 'submission_notices'])
      .where('account_id', 'in', [...accountIds])
      .execute();
    for (const row of rows) out.set(row.account_id, row.submission_notices);
    return out;
  }

  /** Everyone who chose the daily digest (enabled accounts), with their language. */
  async digestSubscribers(): Promise<{ id: string; email: string; locale: string }[]> {
    const rows = await this.db
      .selectFrom('account_preferences')
      .innerJoin('accounts', 'accounts.id', 'account_preferences.account_id')
      .select(['accounts.id', 'accounts.email', 'accounts.locale'])
      .where('account_preferences.submission_notices', '=', 'digest')
      .where('accounts.disabled_at', 'is', null)
      .execute();
    return rows.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  }

  // --- the daily digest -------------------------------------------------------------------

  /**
   * Claims the digest of `day`: one insert, so of several instances exactly one gets the row
   * (the primary key refuses the others). It covers the time since the previous run (or the
   * last 24 hours for the first one) up to now. Undefined: another instance has it.
   */
  async claimDigest(day: string, owner: string): Promise<DigestClaim | undefined> {
    const until = this.now().toISOString();
    const previous = await this.db
      .selectFrom('digest_runs')
      .select('until')
      .where('day', '<', day)
      .orderBy('day', 'desc')
      .limit(1)
      .executeTakeFirst();
    const since = previous?.until ?? new Date(this.now().getTime() - 86_400_000).toISOString();
    const claimed = await this.db
      .insertInto('digest_runs')
      .values({ day, since, until, claimed_by: owner, sent: 0 })
      .onConflict((oc) => oc.column('day').doNothing())
      .returning('day')
      .executeTakeFirst();
    return claimed ? { day, since, until } : undefined;
  }

  async digestSent(day: string, sent: number): Promise<void> {
    await this.db.updateTable('digest_runs').set({ sent }).where('day', '=', day).execute();
  }

  async digestRun(day: string): Promise<{ claimedBy: string; sent: number } | undefined> {
    const row = await this.db.selectFrom('digest_runs').select(['claimed_by', 'sent']).where('day', '=', day).executeTakeFirst();
    return row && { claimedBy: row.claimed_by, sent: Number(row.sent) };
  }

  /** Submissions created in [since, until) that still wait for moderation, in arrival order. */
  async pendingBetween(since: string, until: string): Promise<{ id: string; event: string }[]> {
    return this.db
      .selectFrom('submissions')
      .select(['id', 'event'])
      .where('status', '=', 'pending')
      .where('created_at', '>=', since)
      .where('created_at', '<', until)
      .orderBy('seq')
      .execute();
  }

  // --- retention of submitters' contacts ---------------------------------------------------

  /** Submissions whose contact is still kept (a page of them, in arrival order after `afterSeq`). */
  async contactCandidates(afterSeq: number, limit: number): Promise<(ContactCandidate & { seq: number })[]> {
    const rows = await this.db
      .selectFrom('submissions')
      .select(['seq', 'id', 'event'])
      .where('contact_deleted_at', 'is', null)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  /**
   * Deletes the private contact of these submissions (name, e-mail) and their private links
   * (the submitter can no longer be told apart from anyone else). Returns how many.
   */
  async deleteContacts(ids: readonly string[]): Promise<number> {
    if (!ids.length) return 0;
    const now = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('submissions')
        .set({ contact: DELETED_CONTACT, contact_deleted_at: now })
        .where('id', 'in', [...ids])
        .where('contact_deleted_at', 'is', null)
        .executeTakeFirst();
      await trx
        .updateTable('submission_owners')
        .set({ manage_hash: null })
        .where('submission_id', 'in', [...ids])
        .execute();
      return Number(done.numUpdatedRows);
    });
  }

  /** Deletes the sender's contact of finished association requests older than `before` (ISO). */
  async deleteRequestContacts(before: string): Promise<number> {
    const done = await this.db
      .updateTable('association_requests')
      .set({ contact: DELETED_CONTACT })
      .where('status', '!=', 'pending')
      .where('updated_at', '<', before)
      .where('contact', '!=', DELETED_CONTACT)
      .executeTakeFirst();
    return Number(done.numUpdatedRows);
  }

  // --- export and deletion of one's own account --------------------------------------------

  /** Everything the database holds about the account (GET /api/me/export). */
  async exportAccount(accountId: string): Promise<Record<string, unknown> | undefined> {
    const account = await this.db
      .selectFrom('accounts')
      .select(['id', 'email', 'name', 'locale', 'created_at'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!account) return undefined;
    const roles = await this.db
      .selectFrom('roles')
      .select(['role', 'scope', 'created_at'])
      .where('account_id', '=', accountId)
      .orderBy('role')
      .orderBy('scope')
      .execute();
    const sessions = await this.db
      .selectFrom('sessions')
      .select(['created_at', 'seen_at'])
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .execute();
    const invitations = await this.db
      .selectFrom('invitations')
      .select(['email', 'role', 'scope', 'created_at', 'expires_at', 'accepted_at'])
      .where('invited_by', '=', accountId)
      .orderBy('created_at')
      .execute();
    const submissions = await this.db
      .selectFrom('submission_owners')
      .innerJoin('submissions', 'submissions.id', 'submission_owners.submission_id')
      .select([
        'submissions.id',
        'submissions.status',
        'submissions.event',
        'submissions.contact',
        'submissions.created_at',
        'submissions.moderated_at',
        'submission_owners.reason',
      ])
      .where('submission_owners.account_id', '=', accountId)
      .orderBy('submissions.seq')
      .execute();
    const preferences = await this.get(accountId);
    const iso = (ms: number | null): string | null => (ms === null ? null : new Date(Number(ms)).toISOString());
    return {
      account: { id: account.id, email: account.email, name: account.name, createdAt: account.created_at },
      preferences,
      roles: roles.map((r) => ({ role: r.role, scope: r.scope, since: r.created_at })),
      memberships: roles.filter((r) => r.role === 'member').map((r) => r.scope),
      towns: roles.filter((r) => r.role === 'editor').map((r) => r.scope),
      sessions: sessions.map((s) => ({ signedInAt: iso(s.created_at), lastSeenAt: iso(s.seen_at) })),
      invitationsSent: invitations.map((i) => ({
        email: i.email,
        role: i.role,
        scope: i.scope,
        createdAt: iso(i.created_at),
        expiresAt: iso(i.expires_at),
        acceptedAt: iso(i.accepted_at),
      })),
      submissions: submissions.map((s) => ({
        id: s.id,
        status: s.status,
        event: JSON.parse(s.event) as unknown,
        contact: JSON.parse(s.contact) as unknown,
        createdAt: s.created_at,
        moderatedAt: s.moderated_at,
        ...(s.reason ? { rejectionReason: s.reason } : {}),
      })),
    };
  }

  /**
   * Deletes an account (one's own, or by an admin): roles, sessions, links, preferences; the
   * copies of name and address in its submissions are deleted too. Events stay (they belong to
   * their association or town). The last region admin cannot go: 'last-admin'. One
   * transaction, so two admins deleting themselves at once cannot both succeed on SQLite; on
   * PostgreSQL the admin rows are locked first for the same reason.
   */
  async deleteAccount(accountId: string): Promise<'deleted' | 'last-admin' | 'unknown'> {
    const now = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const admins = lockRows(this.dialect, trx.selectFrom('roles').select('account_id').where('role', '=', 'admin'));
      const adminIds = (await admins.execute()).map((r) => r.account_id);
      if (adminIds.includes(accountId)) {
        const enabled = await trx
          .selectFrom('accounts')
          .select('id')
          .where('id', 'in', adminIds)
          .where('disabled_at', 'is', null)
          .execute();
        if (enabled.filter((a) => a.id !== accountId).length === 0) return 'last-admin';
      }
      const owned = await trx
        .selectFrom('submission_owners')
        .select('submission_id')
        .where('account_id', '=', accountId)
        .execute();
      const ids = owned.map((o) => o.submission_id);
      if (ids.length) {
        await trx
          .updateTable('submissions')
          .set({ contact: DELETED_CONTACT, contact_deleted_at: now })
          .where('id', 'in', ids)
          .execute();
      }
      // Explicitly, not only by the foreign keys' cascade: SQLite enforces those per connection.
      await trx.deleteFrom('account_preferences').where('account_id', '=', accountId).execute();
      await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
      await trx.deleteFrom('login_tokens').where('account_id', '=', accountId).execute();
      await trx.deleteFrom('roles').where('account_id', '=', accountId).execute();
      await trx.updateTable('submission_owners').set({ account_id: null }).where('account_id', '=', accountId).execute();
      await trx.updateTable('invitations').set({ invited_by: null }).where('invited_by', '=', accountId).execute();
      const deleted = await trx.deleteFrom('accounts').where('id', '=', accountId).executeTakeFirst();
      return Number(deleted.numDeletedRows) > 0 ? 'deleted' : 'unknown';
    });
  }
}
