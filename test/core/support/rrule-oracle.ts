/**
 * rrule.js, the oracle of the recurrence property tests (src/core has its own iterator).
 * rrule ships an ES build with extension-less imports (bundlers only) and a UMD main that
 * plain Node loads as CommonJS. A namespace import works in both: bundlers see the named
 * exports, Node puts module.exports under `default`.
 */
import * as rruleModule from 'rrule';
import type { Options } from 'rrule';

type RRuleModule = typeof rruleModule;

const mod: RRuleModule =
  'RRule' in rruleModule && rruleModule.RRule ? rruleModule : (rruleModule as unknown as { default: RRuleModule }).default;

export const RRule = mod.RRule;
export type RRule = InstanceType<RRuleModule['RRule']>;
export type RRuleOptions = Partial<Options>;
export const Weekday = mod.Weekday;
