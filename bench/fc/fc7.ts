/**
 * FullCalendar 7 (the `fullcalendar` package, Temporal inside through temporal-polyfill's
 * function API) with the month grid and the list, classic theme: the current release beside
 * FullCalendar 6. JSON feeds only: there is no iCalendar plugin for 7 installed. Its CSS
 * (skeleton + classic theme + palette) is extracted to fc7.css, which the page links.
 */
import { Calendar, type EventInput } from 'fullcalendar';
import dayGridPlugin from 'fullcalendar/daygrid';
import listPlugin from 'fullcalendar/list';
import classicThemePlugin from 'fullcalendar/themes/classic';
import deLocale from 'fullcalendar/locales/de';
import 'fullcalendar/skeleton.css';
import 'fullcalendar/themes/classic/theme.css';
import 'fullcalendar/themes/classic/palette.css';
import type { FcBenchConfig } from './mount.js';

const config = (window as unknown as { __fcBench: FcBenchConfig }).__fcBench;
const el = document.getElementById('calendar');
if (!el) throw new Error('no #calendar element');
const calendar = new Calendar(el, {
  plugins: [dayGridPlugin, listPlugin, classicThemePlugin],
  locale: deLocale,
  initialView: config.view,
  initialDate: config.date,
  now: config.date,
  timeZone: 'local',
  dayMaxEvents: 3,
  // Our server's windowed view answers `{ events, window, ... }`: FullCalendar asks it with
  // start/end like any JSON source and takes the events out of the object.
  events: config.ownFormat
    ? { url: config.url, success: (raw: unknown) => (raw as { events: EventInput[] }).events }
    : config.url,
});
calendar.render();
