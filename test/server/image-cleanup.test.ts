/**
 * Cleanup of unused pictures (issue 14): with the real store, real sharp and real submissions.
 * A picture nothing names (no event, association, submission, the served feed) for
 * `images.keepUnusedDays` since its upload or its last reference is deleted with its
 * renditions; one still named never is. The admin's trigger and the schedule both run it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { admin, request, start, submission, type Answer, type Running } from './helpers.js';

const DAY = 86_400_000;

/** A small PNG of its own colour: every call is another picture (another id). */
function png(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: { r: seed * 40, g: 90, b: 200 - seed * 30 } } })
    .png()
    .toBuffer();
}

async function upload(s: Running, data: Buffer): Promise<{ id: string; url: string }> {
  const boundary = `----w4g${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bild.png"\r\nContent-Type: image/png\r\n\r\n`;
  const answer = await request(`${s.url}/api/images`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
    body: Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  assert.equal(answer.status, 201, answer.text);
  return answer.json;
}

async function exists(s: Running, image: { url: string }): Promise<boolean> {
  const status = (await request(image.url.replace(/^https?:\/\/[^/]+/, s.url))).status;
  assert.ok(status === 200 || status === 404, String(status));
  return status === 200;
}

describe('cleanup of unused pictures', () => {
  let s: Running;
  let offset = 0;
  before(async () => {
    s = await start({
      now: () => new Date(Date.now() + offset),
      config: { rateLimit: { submissions: { max: 1000, windowSeconds: 60 } }, images: { keepUnusedDays: 30 } },
    });
  });
  after(() => s.stop());

  const cleanup = (): Promise<Answer> => request(`${s.url}/api/admin/images/cleanup`, { method: 'POST', headers: admin() });
  const submit = async (image: { id: string }): Promise<string> => {
    const answer = await request(`${s.url}/api/submissions`, {
      method: 'POST',
      body: submission({ image: { id: image.id, alt: 'Der Chor auf der Bühne', license: 'CC-BY-4.0' } }),
    });
    assert.equal(answer.status, 202, answer.text);
    return answer.json.id;
  };

  test('deletes only what nothing has named for 30 days, counted from the upload or the last reference', async () => {
    const pending = await upload(s, await png(1)); // named by a pending submission
    const published = await upload(s, await png(2)); // named by a published event
    const orphan = await upload(s, await png(3)); // never named
    const pendingId = await submit(pending);
    const publishedId = await submit(published);
    const approved = await request(`${s.url}/api/admin/submissions/${publishedId}/approve`, { method: 'POST', headers: admin() });
    assert.equal(approved.status, 200, approved.text);
    assert.ok((await request(`${s.url}/api/events.json`)).text.includes(published.id), 'the served feed names it');

    offset = 20 * DAY;
    const draft = await upload(s, await png(4)); // uploaded into a form not sent yet

    // Day 29: nothing is old enough.
    offset = 29 * DAY;
    let run = await cleanup();
    assert.equal(run.status, 200, run.text);
    assert.deepEqual(run.json, { deleted: [], referenced: 2, waiting: 2 });

    // Day 31: the picture nothing ever named is gone, with every rendition.
    offset = 31 * DAY;
    run = await cleanup();
    assert.deepEqual(run.json, { deleted: [orphan.id], referenced: 2, waiting: 1 });
    assert.equal(await exists(s, orphan), false);
    for (const image of [pending, published, draft]) assert.equal(await exists(s, image), true);
    const left = await s.server.store.db.selectFrom('image_files').select('image_id').distinct().execute();
    assert.deepEqual(left.map((r) => r.image_id).sort(), [pending.id, published.id, draft.id].sort());

    // The submission drops its picture (edited): 30 days from the last sweep that saw it named.
    const stored = await s.server.store.submission(pendingId);
    const { image: _image, ...withoutImage } = stored!.event;
    await s.server.store.db
      .updateTable('submissions')
      .set({ event: JSON.stringify(withoutImage) })
      .where('id', '=', pendingId)
      .execute();
    offset = 45 * DAY;
    run = await cleanup();
    assert.deepEqual(run.json, { deleted: [], referenced: 1, waiting: 2 });
    offset = 62 * DAY;
    run = await cleanup();
    assert.deepEqual(run.json.deleted.sort(), [pending.id, draft.id].sort());
    assert.equal(run.json.referenced, 1);
    assert.equal(await exists(s, pending), false);
    assert.equal(await exists(s, draft), false);

    // A published picture is never deleted, however old.
    offset = 400 * DAY;
    run = await cleanup();
    assert.deepEqual(run.json, { deleted: [], referenced: 1, waiting: 0 });
    assert.equal(await exists(s, published), true);
  });

  test('the trigger is behind the admin token', async () => {
    const anonymous = await request(`${s.url}/api/admin/images/cleanup`, { method: 'POST' });
    assert.equal(anonymous.status, 401);
    assert.match(anonymous.json.error, /[äöüß]|Anmeld|Zugang|berechtig/i);
  });
});

describe('the scheduled cleanup', () => {
  let s: Running;
  let offset = 0;
  before(async () => {
    // An interval of about a second, so the schedule runs while the test waits.
    s = await start({
      now: () => new Date(Date.now() + offset),
      config: { images: { keepUnusedDays: 1, cleanupHours: 0.0003 } },
    });
  });
  after(() => s.stop());

  test('runs by itself and deletes an unused picture', async () => {
    const image = await upload(s, await png(5));
    assert.equal(await exists(s, image), true);
    offset = 2 * DAY;
    for (let i = 0; i < 200 && (await exists(s, image)); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await exists(s, image), false);
  });
});
