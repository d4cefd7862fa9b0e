/**
 * Zone offsets in the browser: Chromium has Temporal, so src/core/time.ts answers from it
 * there, and from Intl.DateTimeFormat where Temporal is missing (Node 20, Safari). Both paths
 * must give the same offsets and names; luxon's IANAZone is the third opinion.
 */
import { expect } from '@open-wc/testing';
import { IANAZone } from 'luxon';
import { canonicalZone, setTemporal, wallToInstant, zoneOffset } from '../../src/core/time.js';
import { prng } from '../core/support/random.js';

const TEMPORAL = (globalThis as { Temporal?: unknown }).Temporal;

/** Offsets of `zone` at `instants`, on the Temporal path and on the Intl path. */
function bothPaths<T>(run: () => T): { temporal: T; intl: T } {
  try {
    setTemporal(TEMPORAL);
    const temporal = run();
    setTemporal(undefined);
    const intl = run();
    return { temporal, intl };
  } finally {
    setTemporal(TEMPORAL);
  }
}

describe('zone offsets on both paths (Temporal and Intl)', () => {
  it('runs where Temporal exists, so that its path is the one tested', () => {
    expect(TEMPORAL, 'Chromium without Temporal: this test would not test it').to.not.equal(undefined);
  });

  it('agree with each other and with luxon in every zone the browser knows', () => {
    const random = prng(2026);
    const from = Date.UTC(1850, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).to.be.greaterThan(300);
    const samples = zones.flatMap((zone) => [0, 1].map(() => [zone, Math.floor(from + random() * (to - from))] as const));
    const { temporal, intl } = bothPaths(() => samples.map(([zone, ms]) => zoneOffset(zone, ms)));
    samples.forEach(([zone, ms], i) => {
      const where = `${zone} at ${new Date(ms).toISOString()}`;
      expect(temporal[i], where).to.equal(intl[i]);
      expect(temporal[i], where).to.equal(IANAZone.create(zone).offset(ms));
    });
  });

  it('agree at every transition of zones with odd rules, to the millisecond', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham'];
    zones.push('Africa/Casablanca', 'America/Santiago', 'Pacific/Apia', 'Europe/Dublin', 'Antarctica/Troll');
    const instants: [string, number][] = [];
    for (const zone of zones) {
      for (let year = 1990; year <= 2040; year++) {
        // Every hour boundary of the year is too many; days around the usual switch months.
        for (let month = 0; month < 12; month++) {
          for (const day of [1, 8, 15, 22, 29]) instants.push([zone, Date.UTC(year, month, day, 1)]);
        }
      }
    }
    const { temporal, intl } = bothPaths(() => instants.map(([zone, ms]) => zoneOffset(zone, ms)));
    instants.forEach(([zone, ms], i) => expect(temporal[i], `${zone} ${new Date(ms).toISOString()}`).to.equal(intl[i]));
    // The transitions themselves: the millisecond before and the one at the switch.
    const berlin = bothPaths(() => [
      zoneOffset('Europe/Berlin', Date.UTC(2026, 2, 29, 1) - 1),
      zoneOffset('Europe/Berlin', Date.UTC(2026, 2, 29, 1)),
      zoneOffset('Europe/Berlin', Date.UTC(2026, 9, 25, 1) - 1),
      zoneOffset('Europe/Berlin', Date.UTC(2026, 9, 25, 1)),
    ]);
    expect(berlin.temporal).to.deep.equal([60, 120, 120, 60]);
    expect(berlin.intl).to.deep.equal([60, 120, 120, 60]);
  });

  it('keep the seconds of a local mean time (Berlin before 1893: +00:53:28)', () => {
    const { temporal, intl } = bothPaths(() => zoneOffset('Europe/Berlin', Date.UTC(1880, 5, 1)));
    expect(temporal).to.equal(53 + 28 / 60);
    expect(intl).to.equal(temporal);
  });

  it('read wall times in gaps and doubled hours the same way (RFC 5545 3.3.5)', () => {
    const walls = [
      { y: 2026, mo: 3, d: 29, h: 2, mi: 30, s: 0 },
      { y: 2026, mo: 10, d: 25, h: 2, mi: 30, s: 0 },
      { y: 2026, mo: 3, d: 8, h: 2, mi: 15, s: 0 },
      { y: 2026, mo: 11, d: 1, h: 1, mi: 30, s: 0 },
    ];
    const { temporal, intl } = bothPaths(() =>
      walls.flatMap((w) => [wallToInstant(w, 'Europe/Berlin'), wallToInstant(w, 'America/New_York')]),
    );
    expect(temporal).to.deep.equal(intl);
    expect(new Date(temporal[0]!).toISOString()).to.equal('2026-03-29T01:30:00.000Z');
    expect(new Date(temporal[2]!).toISOString()).to.equal('2026-10-25T00:30:00.000Z');
  });

  it('name zones alike: spelling fixed, UTC under its aliases, unknown zones refused', () => {
    const names = ['europe/berlin', ' Europe/Berlin ', 'Etc/UTC', 'GMT', 'Etc/GMT', 'UTC', 'Europe/Atlantis', '', 'Berlin'];
    const { temporal, intl } = bothPaths(() => names.map((n) => canonicalZone(n)));
    const expected = ['Europe/Berlin', 'Europe/Berlin', 'UTC', 'UTC', 'UTC', 'UTC', undefined, undefined, undefined];
    expect(temporal).to.deep.equal(expected);
    expect(intl).to.deep.equal(expected);
  });

  it('give a zone link the offsets of the zone it links to, whatever name each path keeps', () => {
    const links = ['US/Eastern', 'Asia/Calcutta', 'Europe/Kiev', 'CET', 'EST'];
    const ms = Date.UTC(2026, 6, 1);
    const { temporal, intl } = bothPaths(() =>
      links.map((link) => {
        const name = canonicalZone(link);
        return name === undefined ? undefined : zoneOffset(name, ms);
      }),
    );
    expect(temporal).to.deep.equal(intl);
    expect(temporal).to.deep.equal([-240, 330, 180, 120, -300]);
  });
});
