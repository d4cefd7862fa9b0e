import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { toRRuleOptions } from '../../src/core/recurrence-options.js';
import { RRule } from '../../src/core/rrule-lib.js';
import { WEEKDAYS, type RecurrenceRule } from '../../src/core/rrule-value.js';
import { isSimpleRule, iterateSimpleRule } from '../../src/core/simple-rule.js';

const DAY = 86_400_000;

function viaRRule(rule: RecurrenceRule, dtstart: number, until: number, limit: number): number[] {
  const out: number[] = [];
  new RRule(toRRuleOptions(rule, dtstart, until)).all((d) => {
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

  it('is not used for rules with other parts', () => {
    for (const extra of [{ bymonth: [1] }, { bysetpos: [1] }, { byhour: [9] }, { byday: [{ weekday: 0, n: 1 }] }]) {
      assert.equal(isSimpleRule({ freq: 'WEEKLY', interval: 1, wkst: 0, ...extra }), false, JSON.stringify(extra));
    }
    assert.equal(isSimpleRule({ freq: 'MONTHLY', interval: 1, wkst: 0 }), false);
    assert.equal(WEEKDAYS[0], 'MO');
  });
});
