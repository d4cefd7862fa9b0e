import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IANAZone } from 'luxon';
import {
  formatInstant,
  parseDuration,
  parseIso,
  wallToInstant,
  zoneOffset,
  canonicalZone,
  floatToWall,
  wallToFloat,
} from '../../src/core/time.js';
import { prng } from './support/random.js';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Africa/Casablanca',
  'America/Santiago',
  'Europe/London',
  'UTC',
];

describe('zone offsets', () => {
  it('agree with Intl (through luxon) at 20,000 instants in zones with odd rules', () => {
    const random = prng(42);
    const from = Date.UTC(1995, 0, 1);
    const to = Date.UTC(2040, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      const zone = ZONES[i % ZONES.length]!;
      const ms = Math.floor(from + random() * (to - from));
      assert.equal(zoneOffset(zone, ms), IANAZone.create(zone).offset(ms), `${zone} at ${new Date(ms).toISOString()}`);
    }
  });

  it('agree exactly around every Berlin transition of 2026', () => {
    const spring = Date.UTC(2026, 2, 29, 1);
    const autumn = Date.UTC(2026, 9, 25, 1);
    assert.deepEqual([zoneOffset('Europe/Berlin', spring - 1), zoneOffset('Europe/Berlin', spring)], [60, 120]);
    assert.deepEqual([zoneOffset('Europe/Berlin', autumn - 1), zoneOffset('Europe/Berlin', autumn)], [120, 60]);
  });
});

describe('wall time to instant (RFC 5545 section 3.3.5)', () => {
  it('round-trips every existing wall time', () => {
    const random = prng(7);
    for (let i = 0; i < 5000; i++) {
      const zone = ZONES[i % ZONES.length]!;
      const f = Math.floor((Date.UTC(2000, 0, 1) + random() * 40 * 365 * 86_400_000) / 1000) * 1000;
      const wall = floatToWall(f);
      const ms = wallToInstant(wall, zone);
      const back = formatInstant(ms, zone).slice(0, 19);
      const expected = new Date(wallToFloat(wall)).toISOString().slice(0, 19);
      // Only a time in a gap may come back different (moved forward by the gap).
      if (back !== expected)
        assert.ok(zoneOffset(zone, ms) > zoneOffset(zone, ms - 86_400_000), `${zone} ${expected} -> ${back}`);
    }
  });

  it('reads a time in the spring gap with the offset before the gap', () => {
    assert.equal(
      formatInstant(wallToInstant({ y: 2026, mo: 3, d: 29, h: 2, mi: 30, s: 0 }, 'Europe/Berlin'), 'Europe/Berlin'),
      '2026-03-29T03:30:00+02:00',
    );
    assert.equal(
      formatInstant(wallToInstant({ y: 2026, mo: 3, d: 8, h: 2, mi: 15, s: 0 }, 'America/New_York'), 'America/New_York'),
      '2026-03-08T03:15:00-04:00',
    );
  });

  it('reads a doubled autumn time as its first occurrence', () => {
    assert.equal(
      formatInstant(wallToInstant({ y: 2026, mo: 10, d: 25, h: 2, mi: 30, s: 0 }, 'Europe/Berlin'), 'Europe/Berlin'),
      '2026-10-25T02:30:00+02:00',
    );
    assert.equal(
      formatInstant(wallToInstant({ y: 2026, mo: 11, d: 1, h: 1, mi: 30, s: 0 }, 'America/New_York'), 'America/New_York'),
      '2026-11-01T01:30:00-04:00',
    );
  });
});

describe('ISO-8601 and durations', () => {
  it('parses the feed forms and refuses impossible dates', () => {
    assert.deepEqual(parseIso('2026-12-24'), { kind: 'date', wall: { y: 2026, mo: 12, d: 24, h: 0, mi: 0, s: 0 } });
    assert.deepEqual(parseIso('2026-12-24T22:00'), { kind: 'local', wall: { y: 2026, mo: 12, d: 24, h: 22, mi: 0, s: 0 } });
    assert.deepEqual(parseIso('2026-12-24T22:00:00+01:00'), { kind: 'instant', ms: Date.UTC(2026, 11, 24, 21) });
    assert.deepEqual(parseIso('2026-12-24T21:00:00.000Z'), { kind: 'instant', ms: Date.UTC(2026, 11, 24, 21) });
    for (const bad of ['2026-02-29', '2026-13-01', '2026-12-24T24:00', '24.12.2026', '2026-12-24T22:00+25:00', '']) {
      assert.equal(parseIso(bad), undefined, bad);
    }
  });

  it('parses RFC 5545 durations into nominal days and exact time', () => {
    assert.deepEqual(parseDuration('P1W'), { days: 7, ms: 0 });
    assert.deepEqual(parseDuration('P1DT2H30M'), { days: 1, ms: 9_000_000 });
    assert.deepEqual(parseDuration('PT90S'), { days: 0, ms: 90_000 });
    assert.deepEqual(parseDuration('-PT15M'), { days: 0, ms: -900_000 });
    for (const bad of ['P', 'PT', '1H', 'P1H', 'P1Y']) assert.equal(parseDuration(bad), undefined, bad);
  });

  it('canonicalizes zone names', () => {
    assert.equal(canonicalZone('europe/berlin'), 'Europe/Berlin');
    assert.equal(canonicalZone('Etc/UTC'), 'UTC');
    assert.equal(canonicalZone('Europe/Atlantis'), undefined);
  });
});

describe('formatFloat', () => {
  it('agrees with Date for 10,000 instants from year 1 to 9999', async () => {
    const { formatFloat } = await import('../../src/core/time.js');
    const random = prng(99);
    for (let i = 0; i < 10_000; i++) {
      const ms = Math.floor((Date.UTC(1, 0, 1) + random() * (Date.UTC(9999, 11, 31) - Date.UTC(1, 0, 1))) / 1000) * 1000;
      assert.equal(formatFloat(ms), new Date(ms).toISOString().slice(0, 19));
      assert.equal(formatFloat(ms, true), new Date(ms).toISOString().slice(0, 10));
    }
  });
});
