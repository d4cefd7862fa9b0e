/**
 * Accounts, roles, sessions, sign-in links and invitations, trusted associations and the owners
 * of submissions: every query of the workspace's people, in Kysely for SQLite and PostgreSQL.
 * Secrets (session ids, link tokens) are random 256-bit values that only the person holds; the
 * database keeps their SHA-256, so a copy of it signs nobody in.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database, RoleName } from './schema.js';

export type { RoleName } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A signed-in person with what they may act for. */
export interface Principal {
  id: string;
  email: string;
  name: string;
  locale: string;
  admin: boolean;
  /** Towns the person edits (Redaktion). */
  towns: string[];
  /** Association ids the person is a member of. */
  associations: string[];
}

export interface Role {
  role: RoleName;
  scope: string;
}

/** Why a link did not work. */
export type LinkProblem = 'unknown' | 'used' | 'expired';

/** Why a sign-in or invitation link (its row: when it expires, when it was used) would not work now; none: it works. */
function linkProblem(row: { expires_at: number; used: number | null } | undefined, now: number): LinkProblem | undefined {
  if (!row) return 'unknown';
  if (row.used !== null) return 'used';
  if (row.expires_at <= now) return 'expired';
  return undefined;
}

/** A new secret: 32 random bytes (256 bits), URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** E-mail addresses are compared in lower case, without surrounding space. */
export function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class AccountStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  private ms(): number {
    return this.now().getTime();
  }

  // --- accounts and roles ----------------------------------------------------------------

  async accountByEmail(email: string): Promise<{ id: string; disabled: boolean } | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .select(['id', 'disabled_at'])
      .where('email', '=', normalEmail(email))
      .executeTakeFirst();
    return row && { id: row.id, disabled: row.disabled_at !== null };
  }

  async accountById(id: string): Promise<{ id: string; email: string } | undefined> {
    return this.db.selectFrom('accounts').select(['id', 'email']).where('id', '=', id).executeTakeFirst();
  }

  /** The account of `email`, created when missing (a concurrent creation is reused). */
  async ensureAccount(email: string, name = '', trx: Db = this.db): Promise<string> {
    const address = normalEmail(email);
    await trx
      .insertInto('accounts')
      .values({ id: randomUUID(), email: address, name, locale: 'de', created_at: this.now().toISOString() })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const row = await trx.selectFrom('accounts').select('id').where('email', '=', address).executeTakeFirstOrThrow();
    return row.id;
  }

  async grant(accountId: string, role: RoleName, scope: string, trx: Db = this.db): Promise<void> {
    await trx
      .insertInto('roles')
      .values({ account_id: accountId, role, scope: role === 'admin' ? '' : scope, created_at: this.now().toISOString() })
      .onConflict((oc) => oc.columns(['account_id', 'role', 'scope']).doNothing())
      .execute();
  }

  /** Takes a role away and ends the account's sessions (they carried the role). True if it had it. */
  async revoke(accountId: string, role: RoleName, scope: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const deleted = await trx
        .deleteFrom('roles')
        .where('account_id', '=', accountId)
        .where('role', '=', role)
        .where('scope', '=', role === 'admin' ? '' : scope)
        .executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
      return true;
    });
  }

  async roles(accountId: string): Promise<Role[]> {
    const rows = await this.db.selectFrom('roles').select(['role', 'scope']).where('account_id', '=', accountId).execute();
    return rows.sort((a, b) => (`${a.role}\u0000${a.scope}` < `${b.role}\u0000${b.scope}` ? -1 : 1));
  }

  /** The account with its roles; undefined when unknown or disabled. */
  async principal(accountId: string): Promise<Principal | undefined> {
    const row = await this.db
      .selectFrom('accounts')
      .select(['id', 'email', 'name', 'locale', 'disabled_at'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (!row || row.disabled_at !== null) return undefined;
    const roles = await this.roles(accountId);
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      locale: row.locale,
      admin: roles.some((r) => r.role === 'admin'),
      towns: roles.filter((r) => r.role === 'editor').map((r) => r.scope),
      associations: roles.filter((r) => r.role === 'member').map((r) => r.scope),
    };
  }

  /** The addresses (and languages) of everyone with `role` for `scope` (notifications). */
  async holders(role: RoleName, scope: string): Promise<{ id: string; email: string; locale: string }[]> {
    const rows = await this.db
      .selectFrom('roles')
      .innerJoin('accounts', 'accounts.id', 'roles.account_id')
      .select(['accounts.id', 'accounts.email', 'accounts.locale'])
      .where('roles.role', '=', role)
      .where('roles.scope', '=', role === 'admin' ? '' : scope)
      .where('accounts.disabled_at', 'is', null)
      .execute();
    return rows.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  }

  /** Every account with its roles (the admin's list). */
  async listAccounts(): Promise<
    { id: string; email: string; name: string; createdAt: string; disabled: boolean; roles: Role[] }[]
  > {
    const accounts = await this.db.selectFrom('accounts').select(['id', 'email', 'name', 'created_at', 'disabled_at']).execute();
    const roles = await this.db.selectFrom('roles').select(['account_id', 'role', 'scope']).execute();
    return accounts
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0))
      .map((a) => ({
        id: a.id,
        email: a.email,
        name: a.name,
        createdAt: a.created_at,
        disabled: a.disabled_at !== null,
        roles: roles.filter((r) => r.account_id === a.id).map((r) => ({ role: r.role, scope: r.scope })),
      }));
  }

  // --- sign-in links ----------------------------------------------------------------------

  /** A new single-use sign-in token for the account (the raw token goes into the email only). */
  async createLoginToken(accountId: string, ttlMs: number): Promise<string> {
    const token = newSecret();
    const now = this.ms();
    await this.db
      .insertInto('login_tokens')
      .values({ token_hash: hashSecret(token), account_id: accountId, created_at: now, expires_at: now + ttlMs })
      .execute();
    // Forget links that ended more than a day ago.
    await this.db
      .deleteFrom('login_tokens')
      .where('expires_at', '<', now - 86_400_000)
      .execute();
    return token;
  }

  /** Whether a link still works, without using it (the page with the button). */
  async checkLoginToken(token: string): Promise<LinkProblem | undefined> {
    const row = await this.db
      .selectFrom('login_tokens')
      .select(['expires_at', 'used_at as used'])
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    return linkProblem(row, this.ms());
  }

  /**
   * Uses a sign-in link: one conditional update, so of two concurrent uses exactly one wins.
   * Returns the account id, or why the link does not work.
   */
  async useLoginToken(token: string): Promise<{ accountId: string } | { problem: LinkProblem }> {
    const hash = hashSecret(token);
    const now = this.ms();
    const used = await this.db
      .updateTable('login_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('account_id')
      .executeTakeFirst();
    if (used) return { accountId: used.account_id };
    return { problem: (await this.checkLoginToken(token)) ?? 'used' };
  }

  // --- sessions ---------------------------------------------------------------------------

  /** A new session; the raw id goes into the cookie only. */
  async createSession(accountId: string): Promise<string> {
    const id = newSecret();
    const now = this.ms();
    await this.db
      .insertInto('sessions')
      .values({ id_hash: hashSecret(id), account_id: accountId, created_at: now, seen_at: now })
      .execute();
    return id;
  }

  /**
   * The session's account, when the session exists and has neither been idle for `idleMs` nor
   * lasted `maxMs`; its last-seen time moves forward (at most once a minute, to spare writes).
   */
  async session(id: string, idleMs: number, maxMs: number): Promise<Principal | undefined> {
    const hash = hashSecret(id);
    const row = await this.db
      .selectFrom('sessions')
      .select(['account_id', 'created_at', 'seen_at'])
      .where('id_hash', '=', hash)
      .executeTakeFirst();
    if (!row) return undefined;
    const now = this.ms();
    if (now - row.seen_at >= idleMs || now - row.created_at >= maxMs) {
      await this.db.deleteFrom('sessions').where('id_hash', '=', hash).execute();
      return undefined;
    }
    const principal = await this.principal(row.account_id);
    if (!principal) return undefined;
    if (now - row.seen_at > 60_000) {
      await this.db.updateTable('sessions').set({ seen_at: now }).where('id_hash', '=', hash).execute();
    }
    return principal;
  }

  async endSession(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', hashSecret(id)).execute();
  }

  /** "Überall abmelden": ends every session of the account. Returns how many. */
  async endAllSessions(accountId: string): Promise<number> {
    const deleted = await this.db.deleteFrom('sessions').where('account_id', '=', accountId).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }

  async sessionCount(accountId: string): Promise<number> {
    const { n } = await this.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  // --- invitations ------------------------------------------------------------------------

  async createInvitation(email: string, role: RoleName, scope: string, invitedBy: string, ttlMs: number): Promise<string> {
    const token = newSecret();
    const now = this.ms();
    await this.db
      .insertInto('invitations')
      .values({
        token_hash: hashSecret(token),
        email: normalEmail(email),
        role,
        scope: role === 'admin' ? '' : scope,
        invited_by: invitedBy,
        created_at: now,
        expires_at: now + ttlMs,
      })
      .execute();
    return token;
  }

  async checkInvitation(token: string): Promise<LinkProblem | undefined> {
    const row = await this.db
      .selectFrom('invitations')
      .select(['expires_at', 'accepted_at as used'])
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    return linkProblem(row, this.ms());
  }

  /** Accepts an invitation: the account (created if new) gets the role, in one transaction. */
  async acceptInvitation(
    token: string,
  ): Promise<{ accountId: string; email: string; role: RoleName; scope: string } | { problem: LinkProblem }> {
    const hash = hashSecret(token);
    const now = this.ms();
    const outcome = await this.db.transaction().execute(async (trx) => {
      const invitation = await trx
        .updateTable('invitations')
        .set({ accepted_at: now })
        .where('token_hash', '=', hash)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', now)
        .returning(['email', 'role', 'scope'])
        .executeTakeFirst();
      if (!invitation) return undefined;
      const accountId = await this.ensureAccount(invitation.email, '', trx);
      await this.grant(accountId, invitation.role, invitation.scope, trx);
      return { accountId, email: invitation.email, role: invitation.role, scope: invitation.scope };
    });
    return outcome ?? { problem: (await this.checkInvitation(token)) ?? 'used' };
  }

  // --- associations -----------------------------------------------------------------------

  async isTrusted(associationId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('association_settings')
      .select('trusted')
      .where('association_id', '=', associationId)
      .executeTakeFirst();
    return Number(row?.trusted ?? 0) === 1;
  }

  async trustedAssociations(): Promise<string[]> {
    const rows = await this.db.selectFrom('association_settings').select('association_id').where('trusted', '=', 1).execute();
    return rows.map((r) => r.association_id).sort();
  }

  async setTrusted(associationId: string, trusted: boolean): Promise<void> {
    const value = trusted ? 1 : 0;
    const now = this.now().toISOString();
    await this.db
      .insertInto('association_settings')
      .values({ association_id: associationId, trusted: value, updated_at: now })
      .onConflict((oc) => oc.column('association_id').doUpdateSet({ trusted: value, updated_at: now }))
      .execute();
  }

  // --- who stands behind a submission ------------------------------------------------------

  async submissionOwner(
    submissionId: string,
  ): Promise<{ accountId: string | null; hasManageLink: boolean; reason: string | null } | undefined> {
    const row = await this.db
      .selectFrom('submission_owners')
      .select(['account_id', 'manage_hash', 'reason'])
      .where('submission_id', '=', submissionId)
      .executeTakeFirst();
    return row && { accountId: row.account_id, hasManageLink: row.manage_hash !== null, reason: row.reason };
  }

  /** The submission a private link belongs to. */
  async submissionByManageToken(token: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('submission_owners')
      .select('submission_id')
      .where('manage_hash', '=', hashSecret(token))
      .executeTakeFirst();
    return row?.submission_id;
  }

  /** Submission ids created by the account. */
  async submissionsOf(accountId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('submission_owners')
      .select('submission_id')
      .where('account_id', '=', accountId)
      .execute();
    return rows.map((r) => r.submission_id);
  }

  async setRejectionReason(submissionId: string, reason: string | null): Promise<void> {
    await this.db
      .insertInto('submission_owners')
      .values({ submission_id: submissionId, reason })
      .onConflict((oc) => oc.column('submission_id').doUpdateSet({ reason }))
      .execute();
  }
}

/** Writes the owner of a new submission, inside the submission's transaction. */
export async function insertSubmissionOwner(
  trx: Db,
  submissionId: string,
  owner: { accountId?: string; manageToken?: string },
): Promise<void> {
  await trx
    .insertInto('submission_owners')
    .values({
      submission_id: submissionId,
      account_id: owner.accountId ?? null,
      manage_hash: owner.manageToken ? hashSecret(owner.manageToken) : null,
    })
    .execute();
}

/** The demo's accounts, one per role (`npm start` on a new database with the sample data). */
export const DEMO_ACCOUNTS: readonly { email: string; role: RoleName; scope: string; label: string }[] = [
  { email: 'region@wir4gemeinsam.example', role: 'admin', scope: '', label: 'region admin' },
  { email: 'redaktion-arnstein@wir4gemeinsam.example', role: 'editor', scope: 'Arnstein', label: 'editor for Arnstein' },
  {
    email: 'heimatverein@wir4gemeinsam.example',
    role: 'member',
    scope: 'heimatverein-arnstein',
    label: 'member of the Heimatverein Arnstein',
  },
];

export async function seedDemoAccounts(accounts: AccountStore): Promise<void> {
  for (const demo of DEMO_ACCOUNTS) await accounts.grant(await accounts.ensureAccount(demo.email), demo.role, demo.scope);
}
