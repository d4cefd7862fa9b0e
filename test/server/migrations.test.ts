/**
 * Migrations: a database written by the first server (schema v1, test/fixtures/server) is
 * upgraded at start without losing a row, and serves what it served before.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Store } from '../../src/server/db/store.js';
import { admin, request, start, tempDir } from './helpers.js';

const FIXTURE = new URL('../fixtures/server/v1.sqlite', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('../fixtures/server/v1.expected.json', import.meta.url), 'utf8')) as {
  meta: Record<string, string>;
  submissions: { id: string; status: string }[];
  idempotency: { key: string; status: number; body: string; created_at: number }[];
  feed: { events: { id: string; recurrenceId?: string }[]; associations: { id: string }[] };
};

const byKey = (e: { id: string; recurrenceId?: string }): string => `${e.id}\u0000${e.recurrenceId ?? ''}`;
const sorted = <T extends { id: string; recurrenceId?: string }>(list: T[]): T[] =>
  [...list].sort((a, b) => (byKey(a) < byKey(b) ? -1 : byKey(a) > byKey(b) ? 1 : 0));

describe('migrations', () => {
  const dir = tempDir();
  const file = join(dir, 'w4g.sqlite');
  copyFileSync(FIXTURE, file);
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a v1 database is upgraded in place and every row is still there', async () => {
    const store = await Store.open({ file });
    try {
      const applied = await store.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      assert.deepEqual(
        applied.map((r) => (r as { name: string }).name),
        [
          '0001_baseline',
          '0002_submission_order_and_idempotency_hash',
          '0003_hub_sources_and_revision',
          '0004_images',
          '0005_accounts',
          '0006_association_requests',
          '0007_preferences',
          '0008_audit',
          '0009_image_referenced_at',
        ],
      );
      for (const [key, value] of Object.entries(expected.meta)) assert.equal(await store.getMeta(key), value, key);

      const { items, total } = await store.listSubmissions('all', 500, 0);
      assert.equal(total, expected.submissions.length);
      assert.deepEqual(items, expected.submissions, 'every submission, field for field, in arrival order');

      const keys = await store.db.selectFrom('idempotency').selectAll().execute();
      assert.deepEqual(
        keys,
        expected.idempotency.map((row) => ({ ...row, body_hash: null })),
      );
      // Stored in the form they were submitted in; the served feed (next test) is compared field by field.
      assert.deepEqual(
        sorted(await store.publishedEvents()).map((e) => e.id),
        sorted(expected.feed.events).map((e) => e.id),
      );
      assert.deepEqual(
        (await store.associations()).map((a) => a.id),
        expected.feed.associations.map((a) => a.id).sort(),
      );
      assert.deepEqual(await store.migrate(), [], 'nothing left to apply');
    } finally {
      await store.close();
    }
  });

  test('the upgraded database serves the same feed, moderation list and stored answers', async () => {
    // The stored Idempotency-Key answer is from the fixture's day; it replays within 24 hours.
    const fixtureTime = new Date(expected.idempotency[0]!.created_at + 60 * 60 * 1000);
    const s = await start({ dir, sqlite: true, now: () => fixtureTime });
    try {
      const feed = (await request(`${s.url}/api/events.json`)).json;
      assert.deepEqual(sorted(feed.events), sorted(expected.feed.events));
      assert.deepEqual(
        [...feed.associations].sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1)),
        [...expected.feed.associations].sort((a, b) => (a.id < b.id ? -1 : 1)),
      );
      const list = await request(`${s.url}/api/admin/submissions?status=all`, { headers: admin() });
      assert.deepEqual(list.json.submissions, expected.submissions);

      const [stored] = expected.idempotency;
      const replay = await request(`${s.url}/api/submissions`, {
        method: 'POST',
        headers: { 'Idempotency-Key': stored!.key },
        body: { title: 'Was auch immer', start: '2026-12-24' },
      });
      assert.equal(replay.status, stored!.status, 'an answer stored before the request hash existed still replays');
      assert.equal(replay.text, stored!.body);
      assert.equal(replay.headers['idempotent-replayed'], 'true');
    } finally {
      await s.stop();
    }
  });
});
