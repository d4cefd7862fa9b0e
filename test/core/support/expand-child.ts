/**
 * Runs expandOccurrencesReport in its own process on `{ events, options }` read from stdin and
 * prints `{ count, errors }`. A test that suspects an endless loop runs the input here, so it
 * can stop the process instead of hanging the whole test run.
 */
import { readFileSync } from 'node:fs';
import { expandOccurrencesReport } from '../../../src/core/index.js';
import type { CalendarEvent, ExpandOptions } from '../../../src/core/index.js';

const input = JSON.parse(readFileSync(0, 'utf8')) as { events: CalendarEvent[]; options: ExpandOptions };
const report = expandOccurrencesReport(input.events, input.options);
process.stdout.write(JSON.stringify({ count: report.occurrences.length, errors: report.errors }));
