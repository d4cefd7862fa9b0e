/**
 * rrule.js is loaded only when a feed has a rule the built-in stepping (simple-rule.ts) does
 * not cover, so pages whose events are weekly, monthly or single never download it. In Node
 * the `./core` entry loads it at import time, so the synchronous API covers every rule there.
 */
import type { RecurrenceRule } from './rrule-value.js';
import { parseRecurrenceRule } from './rrule-value.js';
import { isSimpleRule } from './simple-rule.js';

import type * as RRuleLib from './rrule-lib.js';

export type RecurrenceEngine = typeof RRuleLib;

let engine: RecurrenceEngine | undefined;
let loading: Promise<RecurrenceEngine> | undefined;

/** The loaded engine, if any. */
export function recurrenceEngine(): RecurrenceEngine | undefined {
  return engine;
}

/** Loads rrule.js once (a separate chunk in the browser bundle). */
export function loadRecurrenceEngine(): Promise<RecurrenceEngine> {
  loading ??= import('./rrule-lib.js').then((m) => {
    engine ??= m;
    return engine;
  });
  return loading;
}

/** True when some event needs rrule.js, which is not loaded yet. */
export function needsRecurrenceEngine(events: readonly { rrule?: string | undefined }[]): boolean {
  if (engine) return false;
  return events.some((e) => {
    if (!e.rrule) return false;
    const parsed = parseRecurrenceRule(e.rrule);
    return parsed.rule !== undefined && !isSimpleRule(parsed.rule as RecurrenceRule);
  });
}
