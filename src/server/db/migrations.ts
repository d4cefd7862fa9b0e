/**
 * The schema's history, applied in order by Kysely's Migrator at every start (its lock keeps
 * two starting instances from migrating at once). Never edit a migration that has shipped:
 * add the next one.
 *
 * 0001 is the schema that the first server wrote with `PRAGMA user_version = 1`; it creates
 * only what is missing, so such a database is adopted as it is.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { autoIncrement, binary, insertionOrder, type DialectName } from './dialect.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run against the schema of their own time */
type Db = Kysely<any>;

function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '0001_baseline': {
      async up(db: Db) {
        await db.schema
          .createTable('meta')
          .ifNotExists()
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('events')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('recurrence_id', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('origin', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('events_pkey', ['id', 'recurrence_id'])
          .execute();
        await db.schema
          .createTable('associations')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('submissions')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'approved', 'rejected')`))
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('contact', 'text', (c) => c.notNull())
          .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('moderated_at', 'text')
          .execute();
        await db.schema
          .createIndex('submissions_by_status')
          .ifNotExists()
          .on('submissions')
          .columns(['status', 'created_at'])
          .execute();
        await db.schema
          .createTable('idempotency')
          .ifNotExists()
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('status', 'integer', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },

    // Submissions get an explicit arrival order (v1 relied on SQLite's rowid, which PostgreSQL
    // has not); stored Idempotency-Key answers get the hash of the request they answer.
    '0002_submission_order_and_idempotency_hash': {
      async up(db: Db) {
        const seq = autoIncrement(dialect);
        await db.schema
          .createTable('submissions_v2')
          .addColumn('seq', seq.type, seq.column)
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'approved', 'rejected')`))
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('contact', 'text', (c) => c.notNull())
          .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('moderated_at', 'text')
          .execute();
        const columns = ['id', 'status', 'event', 'contact', 'meta', 'created_at', 'updated_at', 'moderated_at'] as const;
        await db
          .insertInto('submissions_v2')
          .columns([...columns])
          .expression(
            db
              .selectFrom('submissions')
              .select([...columns])
              .orderBy(insertionOrder(dialect)),
          )
          .execute();
        await db.schema.dropIndex('submissions_by_status').ifExists().execute();
        await db.schema.dropTable('submissions').execute();
        await db.schema.alterTable('submissions_v2').renameTo('submissions').execute();
        await db.schema.createIndex('submissions_by_status').on('submissions').columns(['status', 'seq']).execute();
        await db.schema.alterTable('idempotency').addColumn('body_hash', 'text').execute();
      },
    },

    // The hub's sources, shared by all instances (lease, validators, last good data, health),
    // and the revision counter every change of published data moves forward.
    '0003_hub_sources_and_revision': {
      async up(db: Db) {
        await db.schema
          .createTable('sources')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('url', 'text', (c) => c.notNull())
          .addColumn('result', 'text')
          .addColumn('stats', 'text')
          .addColumn('body_hash', 'text')
          .addColumn('etag', 'text')
          .addColumn('last_modified', 'text')
          .addColumn('last_success', 'text')
          .addColumn('last_attempt', 'text')
          .addColumn('last_error', 'text')
          .addColumn('next_fetch_at', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('lease_owner', 'text')
          .execute();
        await db
          .insertInto('meta')
          .values([
            { key: 'revision', value: '0' },
            { key: 'feed_hash', value: '' },
            { key: 'feed_modified', value: '' },
          ])
          .onConflict((oc: any) => oc.column('key').doNothing())
          .execute();
      },
    },

    // Uploaded pictures, re-encoded: one row per picture, one per rendition (width and format).
    // The bytes live in the database (bytea / blob), so every instance serves every picture.
    '0004_images': {
      async up(db: Db) {
        await db.schema
          .createTable('images')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('width', 'integer', (c) => c.notNull())
          .addColumn('height', 'integer', (c) => c.notNull())
          .addColumn('renditions', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('image_files')
          .addColumn('image_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('data', binary(dialect), (c) => c.notNull())
          .addPrimaryKeyConstraint('image_files_pkey', ['image_id', 'name'])
          .execute();
      },
    },

    // Accounts, roles, sessions, sign-in and invitation tokens (only hashes of the secrets),
    // trusted associations, and who stands behind a submission (an account, or an anonymous
    // submitter with a private link), with the editor's reason for a rejection.
    '0005_accounts': {
      async up(db: Db) {
        await db.schema
          .createTable('accounts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('locale', 'text', (c) => c.notNull().defaultTo('de'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('disabled_at', 'text')
          .execute();
        await db.schema
          .createTable('roles')
          .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'editor', 'member')`))
          .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('roles_pkey', ['account_id', 'role', 'scope'])
          .execute();
        await db.schema.createIndex('roles_by_scope').on('roles').columns(['role', 'scope']).execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('seen_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_by_account').on('sessions').column('account_id').execute();
        await db.schema
          .createTable('login_tokens')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('used_at', 'bigint')
          .execute();
        await db.schema
          .createTable('invitations')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'editor', 'member')`))
          .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('invited_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('accepted_at', 'bigint')
          .execute();
        await db.schema
          .createTable('association_settings')
          .addColumn('association_id', 'text', (c) => c.primaryKey())
          .addColumn('trusted', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('submission_owners')
          .addColumn('submission_id', 'text', (c) => c.primaryKey())
          .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('set null'))
          .addColumn('manage_hash', 'text', (c) => c.unique())
          .addColumn('reason', 'text')
          .execute();
      },
    },

    // "Änderung melden" and "Verein eintragen": requests to the town's editors, with the
    // sender's private contact, moderated like submissions.
    '0006_association_requests': {
      async up(db: Db) {
        await db.schema
          .createTable('association_requests')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('change', 'new')`))
          .addColumn('association_id', 'text')
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('pending', 'done', 'rejected')`))
          .addColumn('data', 'text', (c) => c.notNull())
          .addColumn('contact', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('association_requests_by_status')
          .on('association_requests')
          .columns(['status', 'created_at'])
          .execute();
      },
    },

    // Per-person choices (how a town editor hears of new submissions; the language of the
    // emails stays in accounts.locale), the daily digest's runs (one row per day: the instance
    // that inserts it sends), and when a submission's private contact was deleted.
    '0007_preferences': {
      async up(db: Db) {
        await db.schema
          .createTable('account_preferences')
          .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
          .addColumn('submission_notices', 'text', (c) =>
            c
              .notNull()
              .defaultTo('instant')
              .check(sql`submission_notices IN ('instant', 'digest', 'off')`),
          )
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('digest_runs')
          .addColumn('day', 'text', (c) => c.primaryKey())
          .addColumn('since', 'text', (c) => c.notNull())
          .addColumn('until', 'text', (c) => c.notNull())
          .addColumn('claimed_by', 'text', (c) => c.notNull())
          .addColumn('sent', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('submissions').addColumn('contact_deleted_at', 'text').execute();
      },
    },

    // The audit log: who changed what, when, with the data before and after (JSON). The town
    // and association columns decide who may read an entry (editors their towns', members
    // their associations'); 0007 is another change's number.
    '0008_audit': {
      async up(db: Db) {
        const seq = autoIncrement(dialect);
        await db.schema
          .createTable('audit_log')
          .addColumn('seq', seq.type, seq.column)
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text')
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('subject_type', 'text', (c) => c.notNull())
          .addColumn('subject_id', 'text', (c) => c.notNull())
          .addColumn('subject_label', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('town', 'text')
          .addColumn('association_id', 'text')
          .addColumn('before', 'text')
          .addColumn('after', 'text')
          .addColumn('note', 'text')
          .execute();
        await db.schema.createIndex('audit_by_town').on('audit_log').columns(['town', 'seq']).execute();
        await db.schema.createIndex('audit_by_association').on('audit_log').columns(['association_id', 'seq']).execute();
        await db.schema.createIndex('audit_by_subject').on('audit_log').columns(['subject_type', 'subject_id']).execute();
      },
    },

    // When the cleanup last saw a picture referenced (by an event, an association, a
    // submission or the served feed): a picture nothing has named for `images.keepUnusedDays`
    // since then (or since its upload) is deleted. Null: not seen referenced yet.
    '0009_image_referenced_at': {
      async up(db: Db) {
        await db.schema.alterTable('images').addColumn('referenced_at', 'text').execute();
      },
    },
  };
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return { getMigrations: () => Promise.resolve(migrations(dialect)) };
}
