/**
 * POST /api/submissions over real HTTP with a real SQLite file: every class of bad input,
 * spam handling, Idempotency-Key replays and concurrency.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dayFromNow, request, start, submission, type Running } from './helpers.js';

describe('POST /api/submissions', () => {
  let s: Running;
  let endpoint: string;
  before(async () => {
    s = await start({ config: { bodyLimit: 4096, rateLimit: { submissions: { max: 1000, windowSeconds: 60 } } } });
    endpoint = `${s.url}/api/submissions`;
  });
  after(() => s.stop());

  test('a valid submission is stored as pending and answered 202 { id, status }', async () => {
    const count0 = await s.server.store.countSubmissions();
    const res = await request(endpoint, { method: 'POST', body: submission({ id: 'chosen-by-client', extra: 'dropped' }) });
    assert.equal(res.status, 202);
    assert.match(res.headers['content-type'] ?? '', /^application\/json/);
    assert.deepEqual(Object.keys(res.json).sort(), ['id', 'status']);
    assert.equal(res.json.status, 'pending');
    assert.notEqual(res.json.id, 'chosen-by-client', 'the id is the server’s');
    assert.equal(await s.server.store.countSubmissions(), count0 + 1);
    const stored = (await s.server.store.submission(res.json.id))!;
    assert.equal(stored.status, 'pending');
    assert.equal(stored.event.id, res.json.id);
    assert.equal(stored.event.title, 'Herbstkonzert des Posaunenchors');
    assert.deepEqual(stored.contact, { name: 'Erika Muster', email: 'erika@example.org' });
    for (const key of ['contact', 'website2', 'formTime', 'extra'])
      assert.ok(!(key in stored.event), `${key} is not part of the event`);
    // Pending submissions are not published.
    const feed = await request(`${s.url}/api/events.json`);
    assert.ok(!feed.text.includes(res.json.id));
  });

  test('415 for anything but application/json', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
    ]) {
      const res = await request(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: JSON.stringify(submission()),
      });
      assert.equal(res.status, 415, type);
      assert.equal(res.json.error, 'Bitte senden Sie die Daten als application/json.');
    }
    const charset = await request(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: submission(),
    });
    assert.equal(charset.status, 202, 'a charset parameter is fine');
    const none = await request(endpoint, { method: 'POST' });
    assert.equal(none.status, 415, 'no content type at all');
  });

  test('400 for malformed JSON, an empty body, a non-object and a bad Idempotency-Key', async () => {
    const malformed = await request(endpoint, { method: 'POST', body: '{"title": "Konzert",' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error, 'Der Inhalt ist kein gültiges JSON.');
    const empty = await request(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '' });
    assert.equal(empty.status, 400);
    const array = await request(endpoint, { method: 'POST', body: '[1, 2]' });
    assert.equal(array.status, 400);
    assert.equal(array.json.error, 'Der Inhalt muss ein JSON-Objekt sein.');
    const poisoned = await request(endpoint, { method: 'POST', body: '{"__proto__": {"admin": true}, "title": "x"}' });
    assert.equal(poisoned.status, 400, 'prototype poisoning is refused');
    const badKey = await request(endpoint, { method: 'POST', headers: { 'Idempotency-Key': 'ä'.repeat(3) }, body: submission() });
    assert.equal(badKey.status, 400);
    const longKey = await request(endpoint, {
      method: 'POST',
      headers: { 'Idempotency-Key': 'k'.repeat(201) },
      body: submission(),
    });
    assert.equal(longKey.status, 400);
  });

  test('413 for a body over the limit', async () => {
    const res = await request(endpoint, { method: 'POST', body: submission({ description: 'x'.repeat(5000) }) });
    assert.equal(res.status, 413);
    assert.equal(res.json.error, 'Die Einsendung ist zu groß.');
  });

  test('422 with a German message per field', async () => {
    const res = await request(endpoint, {
      method: 'POST',
      body: submission({
        title: '',
        start: '12.12.2026',
        url: 'javascript:alert(1)',
        image: 'ftp://example.org/a.png',
        price: -3,
        status: 'vielleicht',
        location: { name: 'Ort', lat: 123 },
        timeZone: 'Mars/Olympus',
        rrule: 'FREQ=SECONDLY',
        contact: { name: '', email: 'keine-adresse' },
        consent: false,
      }),
    });
    assert.equal(res.status, 422);
    assert.deepEqual(res.json.errors, {
      title: 'Bitte geben Sie einen Titel ein.',
      start: 'Bitte geben Sie ein gültiges Datum an (JJJJ-MM-TT, mit Uhrzeit JJJJ-MM-TTTHH:MM).',
      url: 'Bitte geben Sie eine vollständige Webadresse an, die mit http:// oder https:// beginnt.',
      image: 'Bitte laden Sie das Bild hier hoch; Bilder von anderen Adressen werden nicht übernommen.',
      'image.alt': 'Bitte beschreiben Sie kurz, was auf dem Bild zu sehen ist (Alternativtext).',
      'image.license': 'Bitte wählen Sie eine Lizenz für das Bild.',
      price: 'Bitte geben Sie den Preis als Text oder als Betrag in Euro an.',
      status: 'Bitte wählen Sie einen gültigen Status.',
      'location.lat': 'Diese Koordinate ist ungültig.',
      timeZone: 'Diese Zeitzone ist unbekannt.',
      rrule: 'Bitte wählen Sie eine tägliche, wöchentliche, monatliche oder jährliche Wiederholung.',
      'contact.name': 'Bitte geben Sie Ihren Namen an.',
      'contact.email': 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
      consent: 'Bitte stimmen Sie der Datenschutzerklärung zu.',
    });
  });

  test('422 for the server rules: missing fields, end before start, past dates, mixed forms, no contact', async () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [
        { title: undefined, start: undefined, contact: undefined },
        {
          title: 'Bitte geben Sie einen Titel ein.',
          start: 'Bitte geben Sie den Beginn an.',
          'contact.name': 'Bitte geben Sie Ihren Namen an.',
          'contact.email': 'Bitte geben Sie Ihre E-Mail-Adresse an, damit wir bei Rückfragen Kontakt aufnehmen können.',
        },
      ],
      [{ title: '  A ' }, { title: 'Der Titel ist zu kurz (mindestens 3 Zeichen).' }],
      [{ title: 'x'.repeat(301) }, { title: 'Bitte kürzen Sie auf höchstens 300 Zeichen.' }],
      [{ start: `${dayFromNow(5)}T18:00`, end: `${dayFromNow(5)}T17:00` }, { end: 'Das Ende muss nach dem Beginn liegen.' }],
      [{ start: `${dayFromNow(5)}T18:00`, end: `${dayFromNow(5)}T18:00` }, { end: 'Das Ende muss nach dem Beginn liegen.' }],
      [{ start: dayFromNow(5), end: dayFromNow(5) }, { end: 'Das Ende muss nach dem Beginn liegen.' }],
      [{ start: `${dayFromNow(-2)}T10:00`, end: undefined }, { start: 'Der Termin liegt in der Vergangenheit.' }],
      [{ start: dayFromNow(-1), end: undefined }, { start: 'Der Termin liegt in der Vergangenheit.' }],
      [{ start: dayFromNow(2000), end: undefined }, { start: 'Der Termin liegt zu weit in der Zukunft.' }],
      [{ start: '2031-02-30', end: undefined }, { start: 'Dieses Datum gibt es nicht.' }],
      [
        { start: dayFromNow(5), end: `${dayFromNow(6)}T10:00` },
        { end: 'Bei ganztägigen Terminen ist auch das Ende ein Datum ohne Uhrzeit.' },
      ],
      [{ end: dayFromNow(12) }, { end: 'Bei Terminen mit Uhrzeit braucht auch das Ende eine Uhrzeit.' }],
      [{ duration: 'PT1H' }, { end: 'Bitte geben Sie entweder ein Ende oder eine Dauer an, nicht beides.' }],
      [
        { recurrenceId: `${dayFromNow(10)}T18:00` },
        { recurrenceId: 'Einzelne Termine einer Serie können nicht eingereicht werden.' },
      ],
      [{ rrule: 'FREQ=WEEKLY;BYDAY=XY' }, { rrule: 'Diese Wiederholung wird nicht unterstützt.' }],
      [{ categories: 'Musik' }, { categories: 'Bitte geben Sie eine Liste an.' }],
      [{ free: 'ja' }, { free: 'Bitte wählen Sie Ja oder Nein.' }],
    ];
    for (const [overrides, expected] of cases) {
      const body = submission(overrides);
      for (const [key, value] of Object.entries(overrides)) if (value === undefined) delete body[key];
      const res = await request(endpoint, { method: 'POST', body });
      assert.equal(res.status, 422, JSON.stringify(overrides));
      assert.deepEqual(res.json, { errors: expected }, JSON.stringify(overrides));
    }
  });

  test('a filled honeypot, a too fast or a missing formTime is answered like a success and dropped', async () => {
    const count0 = await s.server.store.countSubmissions();
    for (const overrides of [
      { website2: 'http://spam.example' },
      { formTime: 1200 },
      { formTime: undefined },
      { formTime: '9000' },
    ]) {
      const body = submission(overrides);
      if ('formTime' in overrides && overrides.formTime === undefined) delete body['formTime'];
      const res = await request(endpoint, { method: 'POST', body });
      assert.equal(res.status, 202, JSON.stringify(overrides));
      assert.equal(res.json.status, 'pending');
      assert.match(res.json.id, /^[0-9a-f-]{36}$/);
    }
    // Even an invalid spam submission gets the same answer: a bot learns nothing.
    const invalidSpam = await request(endpoint, { method: 'POST', body: submission({ website2: 'x', title: '' }) });
    assert.equal(invalidSpam.status, 202);
    assert.equal(await s.server.store.countSubmissions(), count0, 'nothing stored');
  });

  test('a repeated Idempotency-Key replays the first answer and stores one submission', async () => {
    const count0 = await s.server.store.countSubmissions();
    const headers = { 'Idempotency-Key': 'form-draft-7f3c1b2a' };
    const first = await request(endpoint, { method: 'POST', headers, body: submission() });
    // A retry of the form measures formTime again, and may order the keys differently.
    const { title, ...rest } = submission({ formTime: 58_000 });
    const second = await request(endpoint, { method: 'POST', headers, body: { title, ...rest } });
    assert.equal(first.status, 202);
    assert.equal(second.status, first.status);
    assert.equal(second.text, first.text);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(await s.server.store.countSubmissions(), count0 + 1);

    // A refusal is not stored: the corrected form may reuse its key.
    const key = { 'Idempotency-Key': 'form-draft-corrected' };
    const refused = await request(endpoint, { method: 'POST', headers: key, body: submission({ title: '' }) });
    assert.equal(refused.status, 422);
    const corrected = await request(endpoint, { method: 'POST', headers: key, body: submission() });
    assert.equal(corrected.status, 202);
    const again = await request(endpoint, { method: 'POST', headers: key, body: submission() });
    assert.equal(again.text, corrected.text);

    // A dropped spam submission replays too (same fake id).
    const spamKey = { 'Idempotency-Key': 'spam-key' };
    const spam1 = await request(endpoint, { method: 'POST', headers: spamKey, body: submission({ formTime: 10 }) });
    const spam2 = await request(endpoint, { method: 'POST', headers: spamKey, body: submission({ formTime: 10 }) });
    assert.equal(spam2.text, spam1.text);
    assert.equal(await s.server.store.countSubmissions(), count0 + 2);
  });

  test('6: the same Idempotency-Key with a different body is a 409, and nothing is lost silently', async () => {
    const count0 = await s.server.store.countSubmissions();
    const headers = { 'Idempotency-Key': 'form-draft-reused-by-mistake' };
    const first = await request(endpoint, { method: 'POST', headers, body: submission({ title: 'Erstes Konzert' }) });
    assert.equal(first.status, 202);
    for (const other of [
      submission({ title: 'Ganz anderer Titel' }),
      submission({ title: 'Erstes Konzert', contact: { name: 'Erika Muster', email: 'andere@example.org' } }),
      submission({ title: 'Erstes Konzert', website2: 'spam' }),
    ]) {
      const second = await request(endpoint, { method: 'POST', headers, body: other });
      assert.equal(second.status, 409, second.text);
      assert.equal(
        second.json.error,
        'Dieser Idempotency-Key wurde schon für eine andere Einsendung verwendet. Bitte senden Sie neue Daten mit einem neuen Schlüssel.',
      );
      assert.equal(second.headers['idempotent-replayed'], undefined);
    }
    assert.equal(await s.server.store.countSubmissions(), count0 + 1);
    const again = await request(endpoint, { method: 'POST', headers, body: submission({ title: 'Erstes Konzert' }) });
    assert.equal(again.status, 202, 'the first body still replays');
    assert.equal(again.text, first.text);
  });

  test('200 concurrent submissions give 200 rows; concurrent retries of one key give one', async () => {
    const count0 = await s.server.store.countSubmissions();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        request(endpoint, { method: 'POST', body: submission({ title: `Termin Nummer ${i}` }) }),
      ),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([202]));
    assert.equal(new Set(answers.map((a) => a.json.id)).size, 200);
    assert.equal(await s.server.store.countSubmissions(), count0 + 200);

    const retries = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(endpoint, { method: 'POST', headers: { 'Idempotency-Key': 'burst' }, body: submission() }),
      ),
    );
    assert.equal(new Set(retries.map((a) => a.text)).size, 1);
    assert.equal(await s.server.store.countSubmissions(), count0 + 201);
  });
});

describe('rate limit per IP', () => {
  let s: Running;
  before(async () => {
    s = await start({ config: { rateLimit: { submissions: { max: 3, windowSeconds: 600 } } } });
  });
  after(() => s.stop());

  test('429 with Retry-After after max submissions in the window', async () => {
    const endpoint = `${s.url}/api/submissions`;
    for (let i = 0; i < 3; i++) assert.equal((await request(endpoint, { method: 'POST', body: submission() })).status, 202);
    const limited = await request(endpoint, { method: 'POST', body: submission() });
    assert.equal(limited.status, 429);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 600, `Retry-After ${limited.headers['retry-after']}`);
    assert.match(limited.json.error, /zu viele Termine/);
    assert.equal(limited.json.retryAfter, retryAfter);
    assert.equal(await s.server.store.countSubmissions(), 3);
    // Reading the feed is not limited by the submission limit.
    assert.equal((await request(`${s.url}/api/events.json`)).status, 200);
  });
});

describe('behind a reverse proxy', () => {
  let s: Running;
  before(async () => {
    s = await start({ config: { trustProxy: '127.0.0.1', rateLimit: { submissions: { max: 1, windowSeconds: 600 } } } });
  });
  after(() => s.stop());

  test('the limit counts per client address from X-Forwarded-For when the proxy is trusted', async () => {
    const endpoint = `${s.url}/api/submissions`;
    const post = (ip: string): Promise<number> =>
      request(endpoint, { method: 'POST', headers: { 'X-Forwarded-For': ip }, body: submission() }).then((r) => r.status);
    assert.equal(await post('203.0.113.7'), 202);
    assert.equal(await post('198.51.100.23'), 202, 'another visitor behind the same proxy');
    assert.equal(await post('203.0.113.7'), 429);
  });
});
