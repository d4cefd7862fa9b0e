import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toRRuleOptions } from '../../src/core/recurrence-options.js';
import * as engine from '../../src/core/rrule-lib.js';
import { WEEKDAYS, type RecurrenceRule } from '../../src/core/rrule-value.js';
import { isSimpleRule, iterateSimpleRule } from '../../src/core/simple-rule.js';

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
      byday: fc.uniqueArray(
        fc.record({ weekday: fc.integer({ min: 0, max: 6 }), n: fc.constantFrom(1, 2, 3, 4, 5, -1, -2) }),
        { minLength: 1, maxLength: 3, selector: (d) => `${d.weekday}/${d.n}` },
      ),
      bymonthday: fc.uniqueArray(fc.constantFrom(1, 2, 15, 28, 29, 30, 31, -1, -2, -15), { minLength: 1, maxLength: 3 }),
      bymonth: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(rule, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 86_399 }), fc.integer({ min: 1, max: 3000 }), (r, day, second, span) => {
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
      }),
      { numRuns: 2000, seed: 20261122 },
    );
  });

  it('is not used for rules with other parts', () => {
    for (const extra of [{ bymonth: [1] }, { bysetpos: [1] }, { byhour: [9] }, { byday: [{ weekday: 0, n: 1 }] }, { bymonthday: [1] }]) {
      assert.equal(isSimpleRule({ freq: 'WEEKLY', interval: 1, wkst: 0, ...extra }), false, JSON.stringify(extra));
    }
    assert.equal(isSimpleRule({ freq: 'MONTHLY', interval: 1, wkst: 0, byday: [{ weekday: 0 }] }), false);
    assert.equal(isSimpleRule({ freq: 'YEARLY', interval: 1, wkst: 0, bymonth: [3] }), false);
    assert.equal(isSimpleRule({ freq: 'HOURLY', interval: 1, wkst: 0 }), false);
    assert.equal(WEEKDAYS[0], 'MO');
  });
});
