import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mastersOf } from '../../src/core/recurrence.js';
import type { CalendarEvent, FeedError } from '../../src/core/model.js';

/** What expansion did before ids were looked up alone: one map keyed by id and start joined. */
function reference(events: CalendarEvent[]): {
  masters: CalendarEvent[];
  errors: FeedError[];
  overrides: Map<string, CalendarEvent[]>;
} {
  const errors: FeedError[] = [];
  const byIdAndStart = new Map<string, CalendarEvent>();
  const overrides = new Map<string, CalendarEvent[]>();
  for (const event of events) {
    if (event.recurrenceId) {
      const list = overrides.get(event.id);
      if (list) list.push(event);
      else overrides.set(event.id, [event]);
      continue;
    }
    const key = `${event.id}\u0000${event.start}`;
    const earlier = byIdAndStart.get(key);
    if (earlier) {
      errors.push({
        severity: 'warning',
        eventId: event.id,
        message: `two events share the id "${event.id}" and start ${event.start}; one is shown`,
      });
      if ((earlier.sequence ?? 0) > (event.sequence ?? 0)) continue;
      byIdAndStart.delete(key);
    }
    byIdAndStart.set(key, event);
  }
  return { masters: [...byIdAndStart.values()], errors, overrides };
}

const event = fc
  .record({
    id: fc.constantFrom('a', 'b', 'c', 'a\u0000', ''),
    start: fc.constantFrom('2026-01-01', '2026-01-01T10:00:00', '2026-01-02'),
    sequence: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    override: fc.boolean(),
    n: fc.nat(),
  })
  .map(({ id, start, sequence, override, n }): CalendarEvent => {
    const e: CalendarEvent = {
      id,
      start,
      title: `#${n}`,
      allDay: false,
      status: 'scheduled',
      categories: [],
      audience: [],
      accessibility: [],
    };
    if (sequence !== undefined) e.sequence = sequence;
    if (override) e.recurrenceId = start;
    return e;
  });

describe('the series and single events expansion starts from', () => {
  it('are those of one map keyed by id and start, in the same order and with the same warnings', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const errors: FeedError[] = [];
        const got = mastersOf(events, errors);
        const want = reference(events);
        assert.equal(got.masters.length, want.masters.length);
        got.masters.forEach((m, i) => assert.ok(m === want.masters[i], `master ${i}`));
        assert.deepEqual(errors, want.errors);
        assert.deepEqual([...got.overrides], [...want.overrides]);
        assert.deepEqual(new Set(got.ids.keys()), new Set(want.masters.map((m) => m.id)));
      }),
      { numRuns: 3000 },
    );
  });
});
