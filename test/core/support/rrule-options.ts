import type * as Oracle from './rrule-oracle.js';
import type { RRuleOptions } from './rrule-oracle.js';
import type { RecurrenceRule } from '../../../src/core/rrule-value.js';

type RecurrenceEngine = typeof Oracle;

const FREQ_INDEX = { YEARLY: 0, MONTHLY: 1, WEEKLY: 2, DAILY: 3, HOURLY: 4, MINUTELY: 5, SECONDLY: 6 } as const;

/**
 * rrule.js options for a rule expanded in floating time: dates are wall-clock times
 * written as UTC, so no zone logic of rrule.js is involved (its tzid support shifts dates).
 */
export function toRRuleOptions(
  engine: RecurrenceEngine,
  rule: RecurrenceRule,
  dtstartFloat: number,
  untilFloat: number | undefined,
): RRuleOptions {
  const options: RRuleOptions = {
    freq: FREQ_INDEX[rule.freq] as RRuleOptions['freq'],
    dtstart: new Date(dtstartFloat),
    interval: rule.interval,
    wkst: rule.wkst,
  };
  if (rule.count !== undefined) options.count = rule.count;
  if (untilFloat !== undefined) options.until = new Date(untilFloat);
  if (rule.bysecond) options.bysecond = rule.bysecond;
  if (rule.byminute) options.byminute = rule.byminute;
  if (rule.byhour) options.byhour = rule.byhour;
  if (rule.bymonthday) options.bymonthday = rule.bymonthday;
  if (rule.byyearday) options.byyearday = rule.byyearday;
  if (rule.byweekno) options.byweekno = rule.byweekno;
  if (rule.bymonth) options.bymonth = rule.bymonth;
  if (rule.bysetpos) options.bysetpos = rule.bysetpos;
  if (rule.byday) options.byweekday = rule.byday.map((d) => new engine.Weekday(d.weekday, d.n));
  return options;
}
