/** Every w4g element, defined (duplicate-safe), with its class and the event types. */
export { W4gEventList } from './components/event-list/define.js';
export { W4gMonthGrid } from './components/month-grid/define.js';
export type { W4gEventDetails } from './components/event-details/event-details.js';
export * from './shared/events.js';
export type { Occurrence, CalendarEvent, Association, FeedError, FeedResult } from './core/index.js';
