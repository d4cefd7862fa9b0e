/**
 * EventCalendar (@event-calendar/core, Svelte 5 inside) with its month grid and list, fed
 * from a URL like FullCalendar. It has no recurrence and no iCalendar reader, so the bench
 * gives it the JSON feeds without series only. `dayMaxEvents` accepts only `true` (as many
 * as fit the cell, then "+n"), the nearest to the cap of 3 the others use; it caps only with
 * a fixed height (otherwise the cells grow), so the calendar gets the viewport's height.
 */
import { createCalendar, DayGrid, List } from '@event-calendar/core';
import '@event-calendar/core/index.css';
import type { FcBenchConfig } from './mount.js';

const config = (window as unknown as { __fcBench: FcBenchConfig }).__fcBench;
const el = document.getElementById('calendar');
if (!el) throw new Error('no #calendar element');
createCalendar(el, [DayGrid, List], {
  view: config.view,
  date: config.date,
  locale: 'de-DE',
  firstDay: 1,
  dayMaxEvents: true,
  height: '880px',
  eventSources: [{ url: config.url }],
});
