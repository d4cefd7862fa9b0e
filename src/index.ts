/** Every w4g element, defined (duplicate-safe), with its class and the event types. */
export { W4gEventList } from './components/event-list/define.js';
export { W4gMonthGrid } from './components/month-grid/define.js';
export { W4gAssociationCard } from './components/association-card/define.js';
export { W4gAssociationList } from './components/association-list/define.js';
export { W4gEventForm } from './components/event-form/define.js';
export { W4gEventDetails } from './components/event-details/define.js';
export * from './shared/events.js';
export type { Occurrence, CalendarEvent, Association, FeedError, FeedResult } from './core/index.js';
