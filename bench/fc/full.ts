/** FullCalendar with the features of our bundle: month grid, list, JSON and iCalendar feeds. */
import dayGridPlugin from '@fullcalendar/daygrid';
import listPlugin from '@fullcalendar/list';
import iCalendarPlugin from '@fullcalendar/icalendar';
import { mountCalendar } from './mount.js';

mountCalendar([dayGridPlugin, listPlugin, iCalendarPlugin]);
