/** FullCalendar for JSON feeds only (no iCalendar plugin, no ical.js): what a JSON-only site ships. */
import dayGridPlugin from '@fullcalendar/daygrid';
import listPlugin from '@fullcalendar/list';
import { mountCalendar } from './mount.js';

mountCalendar([dayGridPlugin, listPlugin]);
