import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Collector } from '../../src/core/occurrences.js';
import { compareText } from '../../src/core/filter.js';
import type { Occurrence } from '../../src/core/model.js';
import { prng } from './support/random.js';

interface Entry {
  occurrence: Occurrence;
  sortKey: number;
}

/** The order expansion promises, written as plainly as possible: start, all-day first, title, key. */
function reference(entries: Entry[]): Occurrence[] {
  return [...entries]
    .sort(
      (a, b) =>
        a.sortKey - b.sortKey ||
        Number(b.occurrence.allDay) - Number(a.occurrence.allDay) ||
        compareText(a.occurrence.title, b.occurrence.title) ||
        (a.occurrence.key < b.occurrence.key ? -1 : a.occurrence.key > b.occurrence.key ? 1 : 0),
    )
    .map((e) => e.occurrence);
}

function collected(entries: Entry[]): Occurrence[] {
  const out = new Collector();
  for (const e of entries) out.push(e.occurrence, e.sortKey);
  return out.sorted();
}

const TITLES = ['Chorprobe', 'chorprobe', '„Chorprobe“', 'Ökumenischer Gottesdienst', 'Oekumene', 'Zumba', '', 'Äpfel – Markt'];
const BASE = Date.UTC(2026, 0, 1);

/** Starts that often coincide (ties are what the order has to settle). */
const sortKey = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((h) => BASE + h * 3_600_000),
  fc.integer({ min: -3, max: 3 }).map((s) => BASE + s * 1000),
  fc.integer({ min: 0, max: 5 }).map((ms) => BASE + ms), // not whole seconds
  fc.constantFrom(-62_135_596_800_000, 253_402_300_799_000, 0, -1000), // years 1 and 9999, around 1970
);

const entry = fc
  .record({
    sortKey,
    allDay: fc.boolean(),
    title: fc.constantFrom(...TITLES),
    key: fc.constantFrom('a/1', 'a/2', 'b/1', 'B/1', 'c/1', 'a/10'),
  })
  .map((r): Entry => ({
    sortKey: r.sortKey,
    occurrence: { title: r.title, allDay: r.allDay, key: r.key } as Occurrence,
  }));

describe('the order of expanded occurrences (Collector)', () => {
  it('is start, all-day first, title, key, for 3,000 random lists with many ties', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
        const got = collected(entries);
        const want = reference(entries);
        assert.equal(got.length, want.length);
        // The very same objects in the same places: full ties keep the order they came in.
        for (let i = 0; i < want.length; i++) assert.ok(got[i] === want[i], `at ${i}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps starts exact across a wide range of whole seconds and of milliseconds', () => {
    // Thousands of distinct starts over centuries: the packed keys must not round.
    const next = prng(7);
    const entries: Entry[] = [];
    for (let i = 0; i < 5000; i++) {
      const whole = next() < 0.5;
      const start =
        Math.floor(next() * 200 * 365) * 86_400_000 +
        (whole ? Math.floor(next() * 86_400) * 1000 : Math.floor(next() * 86_400_000));
      entries.push({
        sortKey: start - 100 * 365 * 86_400_000,
        occurrence: { title: 'x', allDay: false, key: `k${i}` } as Occurrence,
      });
    }
    assert.deepEqual(collected(entries), reference(entries));
  });
});
