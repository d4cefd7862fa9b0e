import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toRRuleOptions } from './support/rrule-options.js';
import * as engine from './support/rrule-oracle.js';
import { parseRecurrenceRule, WEEKDAYS, type RecurrenceRule } from '../../src/core/rrule-value.js';
import { isSimpleRule, iterateSimpleRule } from '../../src/core/simple-rule.js';
import { iterateRule } from '../../src/core/rrule-iterate.js';

const DAY = 86_400_000;

function viaRRule(rule: RecurrenceRule, dtstart: number, until: number, limit: number): number[] {
  const out: number[] = [];
  new engine.RRule(toRRuleOptions(engine, rule, dtstart, until)).all((d) => {
    out.push(d.getTime());
    return out.length < limit;
  });
  return out;
}

function viaSimple(rule: RecurrenceRule, dtstart: number, until: number, limit: number): number[] {
  const out: number[] = [];
  iterateSimpleRule(rule, dtstart, until, (f) => {
    out.push(f);
    return out.length < limit;
  });
  return out;
}

describe('the weekly/daily fast path', () => {
  it('gives exactly the dates rrule.js gives, for 2,000 random simple rules', () => {
    const rule = fc.record({
      freq: fc.constantFrom('DAILY' as const, 'WEEKLY' as const),
      interval: fc.integer({ min: 1, max: 5 }),
      wkst: fc.integer({ min: 0, max: 6 }),
      byday: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        rule,
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 86_399 }),
        fc.integer({ min: 1, max: 400 }),
        (r, day, second, span) => {
          const parsed: RecurrenceRule = { freq: r.freq, interval: r.interval, wkst: r.wkst };
          if (r.byday) parsed.byday = r.byday.map((weekday) => ({ weekday }));
          assert.ok(isSimpleRule(parsed));
          const dtstart = Date.UTC(1990, 0, 1) + day * DAY + second * 1000;
          const until = dtstart + span * DAY;
          assert.deepEqual(
            viaSimple(parsed, dtstart, until, 500),
            viaRRule(parsed, dtstart, until, 500),
            JSON.stringify({ ...r, dtstart: new Date(dtstart) }),
          );
        },
      ),
      { numRuns: 2000, seed: 20261121 },
    );
  });

  it('gives exactly the dates rrule.js gives, for 2,000 random monthly and yearly rules', () => {
    const rule = fc.record({
      freq: fc.constantFrom('MONTHLY' as const, 'YEARLY' as const),
      interval: fc.integer({ min: 1, max: 4 }),
      kind: fc.constantFrom('nth', 'monthday', 'none'),
      byday: fc.uniqueArray(fc.record({ weekday: fc.integer({ min: 0, max: 6 }), n: fc.constantFrom(1, 2, 3, 4, 5, -1, -2) }), {
        minLength: 1,
        maxLength: 3,
        selector: (d) => `${d.weekday}/${d.n}`,
      }),
      bymonthday: fc.uniqueArray(fc.constantFrom(1, 2, 15, 28, 29, 30, 31, -1, -2, -15), { minLength: 1, maxLength: 3 }),
      bymonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        rule,
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 86_399 }),
        fc.integer({ min: 1, max: 3000 }),
        (r, day, second, span) => {
          const parsed: RecurrenceRule = { freq: r.freq, interval: r.interval, wkst: 0 };
          if (r.freq === 'MONTHLY') {
            if (r.kind === 'nth') parsed.byday = r.byday;
            if (r.kind === 'monthday') parsed.bymonthday = r.bymonthday;
            if (r.bymonth) parsed.bymonth = r.bymonth;
          }
          assert.ok(isSimpleRule(parsed));
          const dtstart = Date.UTC(1990, 0, 1) + day * DAY + second * 1000;
          const until = dtstart + span * DAY;
          // DTSTART itself is the caller's business (RFC 5545 always includes it); compare the rule's own dates.
          const withoutStart = (list: number[]) => list.filter((f) => f !== dtstart);
          assert.deepEqual(
            withoutStart(viaSimple(parsed, dtstart, until, 300)),
            withoutStart(viaRRule(parsed, dtstart, until, 300)),
            JSON.stringify({ ...parsed, dtstart: new Date(dtstart) }),
          );
        },
      ),
      { numRuns: 2000, seed: 20261122 },
    );
  });

  it('is not used for rules with other parts', () => {
    for (const extra of [
      { bymonth: [1] },
      { bysetpos: [1] },
      { byhour: [9] },
      { byday: [{ weekday: 0, n: 1 }] },
      { bymonthday: [1] },
    ]) {
      assert.equal(isSimpleRule({ freq: 'WEEKLY', interval: 1, wkst: 0, ...extra }), false, JSON.stringify(extra));
    }
    assert.equal(isSimpleRule({ freq: 'MONTHLY', interval: 1, wkst: 0, byday: [{ weekday: 0 }] }), false);
    assert.equal(isSimpleRule({ freq: 'YEARLY', interval: 1, wkst: 0, bymonth: [3] }), false);
    assert.equal(isSimpleRule({ freq: 'HOURLY', interval: 1, wkst: 0 }), false);
    assert.equal(WEEKDAYS[0], 'MO');
  });
});

/**
 * rrule.js never stops on a rule that cannot match, so it is asked only when our iterator
 * finds a date after the compared range: then rrule.js reaches it and stops there too.
 */
function oracleStops(rule: RecurrenceRule, dtstart: number, until: number): boolean {
  // rrule.js steps second by second (even through days its filters reject), so for sub-daily
  // rules the next date must come within a few thousand periods for it to finish in time.
  const unit = { HOURLY: 3_600_000, MINUTELY: 60_000, SECONDLY: 1000 }[rule.freq as string];
  const horizon = unit ? until + 3000 * unit * rule.interval : until + 9 * 366 * DAY;
  let beyond = false;
  iterateRule(rule, dtstart, dtstart, horizon, (f) => !(beyond = f > until), 20_000);
  return beyond;
}

describe('the general RFC 5545 iterator (every FREQ and BY part)', () => {
  it('gives exactly the dates rrule.js gives, for 1,000 random rules', () => {
    const freq = fc.constantFrom('YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY', 'MINUTELY', 'SECONDLY') as fc.Arbitrary<
      RecurrenceRule['freq']
    >;
    const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
    const rule = fc.record({
      freq,
      interval: fc.integer({ min: 1, max: 4 }),
      wkst: fc.integer({ min: 0, max: 6 }),
      bymonth: opt(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 })),
      // Weeks at the year's edges are asserted below: rrule.js counts 53 weeks in years with 52.
      byweekno: opt(fc.uniqueArray(fc.constantFrom(2, 10, 20, 30), { minLength: 1, maxLength: 2 })),
      byyearday: opt(fc.uniqueArray(fc.constantFrom(1, 32, 100, 200, 365, 366, -1, -100), { minLength: 1, maxLength: 3 })),
      bymonthday: opt(fc.uniqueArray(fc.constantFrom(1, 2, 13, 15, 28, 29, 30, 31, -1, -2), { minLength: 1, maxLength: 3 })),
      byday: opt(
        fc.uniqueArray(
          fc.record({
            weekday: fc.integer({ min: 0, max: 6 }),
            n: fc.option(fc.constantFrom(1, 2, 3, -1, -2, 5, 20), { nil: undefined }),
          }),
          {
            minLength: 1,
            maxLength: 3,
            selector: (d) => d.weekday,
          },
        ),
      ),
      byhour: opt(fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 })),
      byminute: opt(fc.uniqueArray(fc.constantFrom(0, 15, 30, 59), { minLength: 1, maxLength: 2 })),
      bysecond: opt(fc.uniqueArray(fc.constantFrom(0, 30, 59), { minLength: 1, maxLength: 2 })),
      bysetpos: opt(fc.uniqueArray(fc.constantFrom(1, 2, -1, 3), { minLength: 1, maxLength: 2 })),
    });
    let compared = 0;
    fc.assert(
      fc.property(rule, fc.integer({ min: 0, max: 12_000 }), fc.integer({ min: 0, max: 86_399 }), (r, day, second) => {
        // rrule.js yields nothing when BYDAY mixes "every Monday" and "the 1st Tuesday" (see below).
        const days = r.byday ?? [];
        fc.pre(days.every((d) => d.n === undefined) || days.every((d) => d.n !== undefined));
        const parsed = parseRecurrenceRule(toRuleText(r));
        fc.pre(parsed.rule !== undefined); // combinations RFC 5545 forbids are refused by the reader
        const rule = parsed.rule!;
        const span = { YEARLY: 3000, MONTHLY: 900, WEEKLY: 300, DAILY: 120, HOURLY: 4, MINUTELY: 0.2, SECONDLY: 0.01 }[rule.freq];
        const dtstart = Date.UTC(1995, 0, 1) + day * DAY + second * 1000;
        const until = dtstart + span * DAY;
        // rrule.js builds BYSETPOS lists second by second for sub-daily rules: far too slow to ask.
        fc.pre(!(rule.bysetpos && ['HOURLY', 'MINUTELY', 'SECONDLY'].includes(rule.freq)));
        fc.pre(oracleStops(rule, dtstart, until));
        compared++;
        const got: number[] = [];
        iterateRule(rule, dtstart, dtstart, until, (f) => got.push(f) < 400, 1_000_000);
        // Compared as sets: rrule.js emits a date twice when BYSETPOS=1,-1 pick the same one
        // (a recurrence set has no duplicates, RFC 5545 section 3.8.5.3).
        const expected = [...new Set(viaRRule(rule, dtstart, until, 5000))].sort((a, b) => a - b).slice(0, 400);
        assert.deepEqual(got, expected, JSON.stringify({ rule: toRuleText(r), dtstart: new Date(dtstart) }));
      }),
      { numRuns: Number(process.env['W4G_RUNS'] ?? 1000), seed: 20261124 },
    );
    assert.ok(compared > Number(process.env['W4G_RUNS'] ?? 1000) / 3, `only ${compared} rules were compared`);
  });

  it('mixes plain and ordinal BYDAY as RFC 5545 says (rrule.js yields no date at all)', () => {
    const rule = parseRecurrenceRule('FREQ=YEARLY;BYDAY=MO,1TU').rule!;
    const dtstart = Date.UTC(1995, 0, 1);
    const got: string[] = [];
    iterateRule(rule, dtstart, dtstart, Date.UTC(1995, 0, 20), (f) => got.push(new Date(f).toISOString().slice(0, 10)) > 0, 1000);
    assert.deepEqual(got, ['1995-01-02', '1995-01-03', '1995-01-09', '1995-01-16']);
    assert.deepEqual(viaRRule(rule, dtstart, Date.UTC(1995, 0, 20), 10), []);
  });

  it('orders the times of a day before BYSETPOS picks, whatever order BYHOUR is written in (rrule.js does not)', () => {
    const rule = parseRecurrenceRule('FREQ=DAILY;BYHOUR=18,9;BYMINUTE=0;BYSECOND=0;BYSETPOS=1').rule!;
    const dtstart = Date.UTC(2026, 0, 1);
    const got: string[] = [];
    iterateRule(rule, dtstart, dtstart, Date.UTC(2026, 0, 3), (f) => got.push(new Date(f).toISOString().slice(0, 16)) > 0, 1000);
    assert.deepEqual(got, ['2026-01-01T09:00', '2026-01-02T09:00']);
    assert.deepEqual(
      viaRRule(rule, dtstart, Date.UTC(2026, 0, 3), 10).map((f) => new Date(f).toISOString().slice(0, 16)),
      ['2026-01-01T18:00', '2026-01-02T18:00'],
    );
  });

  it('numbers weeks at the year edges by RFC 5545 (week 1 has at least four days of the year)', () => {
    const days = (text: string, from: number, to: number): string[] => {
      const out: string[] = [];
      iterateRule(
        parseRecurrenceRule(text).rule!,
        from,
        from,
        to,
        (f) => out.push(new Date(f).toISOString().slice(0, 10)) > 0,
        10_000,
      );
      return out;
    };
    // 2026 starts on a Thursday, so it has 53 ISO weeks; week 53 runs into January 2027.
    assert.deepEqual(days('FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO,SU', Date.UTC(2026, 0, 1), Date.UTC(2027, 11, 31)), [
      '2026-12-28',
      '2027-01-03',
    ]);
    // With weeks starting on Thursday, 2001 has 52 weeks: 1–2 January 2002 are in week 52 of 2001,
    // so BYWEEKNO=53 matches nothing there (rrule.js, after python-dateutil, counts 53 and matches them).
    const rule = parseRecurrenceRule('FREQ=YEARLY;WKST=TH;BYWEEKNO=53').rule!;
    assert.deepEqual(days('FREQ=YEARLY;WKST=TH;BYWEEKNO=53', Date.UTC(2001, 5, 1), Date.UTC(2002, 11, 31)), []);
    assert.deepEqual(
      viaRRule(rule, Date.UTC(2001, 5, 1), Date.UTC(2002, 11, 31), 10).map((f) => new Date(f).toISOString().slice(0, 10)),
      ['2002-01-01', '2002-01-02'],
    );
    // 2000 does have 53 such weeks: 1–3 January 2001 are its week 53.
    assert.deepEqual(days('FREQ=YEARLY;WKST=TH;BYWEEKNO=53', Date.UTC(2001, 0, 1), Date.UTC(2001, 5, 1)), [
      '2001-01-01',
      '2001-01-02',
      '2001-01-03',
    ]);
  });

  it('stops a rule that never matches instead of looping forever, as rrule.js would', () => {
    for (const text of [
      'FREQ=HOURLY;INTERVAL=2;BYHOUR=3',
      'FREQ=MINUTELY;INTERVAL=60;BYMINUTE=5',
      'FREQ=DAILY;BYHOUR=9;BYSETPOS=2',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    ]) {
      const rule = parseRecurrenceRule(text).rule!;
      const dtstart = Date.UTC(2026, 0, 1, 10);
      const seen: number[] = [];
      const result = iterateRule(rule, dtstart, dtstart, dtstart + 400 * 365 * DAY, (f) => seen.push(f) > 0, 5000);
      assert.deepEqual(seen, [], text);
      assert.ok(result === 'capped' || result === 'done', text);
    }
  });
});

function toRuleText(r: Record<string, unknown>): string {
  const parts = [
    `FREQ=${String(r['freq'])}`,
    `INTERVAL=${String(r['interval'])}`,
    `WKST=${['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][r['wkst'] as number]}`,
  ];
  for (const key of ['bymonth', 'byweekno', 'byyearday', 'bymonthday', 'byhour', 'byminute', 'bysecond', 'bysetpos']) {
    // Sorted: rrule.js takes BYHOUR=1,0 in the order written, which breaks BYSETPOS (see above).
    if (r[key]) parts.push(`${key.toUpperCase()}=${[...(r[key] as number[])].sort((a, b) => a - b).join(',')}`);
  }
  if (r['byday']) {
    const days = r['byday'] as { weekday: number; n?: number }[];
    parts.push(`BYDAY=${days.map((d) => `${d.n ?? ''}${['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][d.weekday]}`).join(',')}`);
  }
  return parts.join(';');
}
