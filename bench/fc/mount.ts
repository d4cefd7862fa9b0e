/**
 * The FullCalendar side of bench/ui.bench.ts: one Calendar configured from `window.__fcBench`
 * (set by the bench page), the way a site would set it up for the same job as ours:
 * German locale, the frozen today, the browser's zone (the bench context runs in
 * Europe/Berlin), at most 3 events per day cell like our `max-per-day` default.
 */
import { Calendar } from '@fullcalendar/core';
import type { PluginDef } from '@fullcalendar/core';
import deLocale from '@fullcalendar/core/locales/de';

export interface FcBenchConfig {
  view: 'dayGridMonth' | 'listMonth';
  /** Feed URL: FullCalendar event JSON, or iCalendar with format 'ics'. */
  url: string;
  format: 'json' | 'ics';
  /** Initial date and frozen today, `YYYY-MM-DD`. */
  date: string;
  /** The URL answers our own feed format (`{ events: [...] }`, e.g. a windowed view of our server), not an array. */
  ownFormat?: boolean;
}

export function mountCalendar(plugins: PluginDef[]): void {
  const config = (window as unknown as { __fcBench: FcBenchConfig }).__fcBench;
  const el = document.getElementById('calendar');
  if (!el) throw new Error('no #calendar element');
  const calendar = new Calendar(el, {
    plugins,
    locale: deLocale,
    initialView: config.view,
    initialDate: config.date,
    now: config.date,
    timeZone: 'local',
    dayMaxEvents: 3,
    events: config.format === 'ics' ? { url: config.url, format: 'ics' } : config.url,
  });
  calendar.render();
}
