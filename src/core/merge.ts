import type { Association, CalendarEvent, FeedResult } from './model.js';

/**
 * Merges feeds: events from all sources; an event that two sources both carry (same id and
 * start, and same override date) is kept once (the first source wins), as is an association
 * with the same id. A later feed's zone and title are used only if the earlier ones had none.
 */
export function mergeFeeds(results: readonly FeedResult[]): FeedResult {
  const events: CalendarEvent[] = [];
  const associations: Association[] = [];
  const seenEvents = new Set<string>();
  const seenAssociations = new Set<string>();
  const merged: FeedResult = { events, associations, errors: [] };
  for (const result of results) {
    for (const event of result.events) {
      const key = `${event.id}\u0000${event.start}\u0000${event.recurrenceId ?? ''}`;
      if (seenEvents.has(key)) continue;
      seenEvents.add(key);
      events.push(event);
    }
    for (const association of result.associations) {
      if (seenAssociations.has(association.id)) continue;
      seenAssociations.add(association.id);
      associations.push(association);
    }
    merged.errors.push(...result.errors);
    if (!merged.timeZone && result.timeZone) merged.timeZone = result.timeZone;
    if (!merged.title && result.title) merged.title = result.title;
  }
  return merged;
}

/** Marks where each event, association and error came from. */
export function tagSource(result: FeedResult, source: string): FeedResult {
  return {
    ...result,
    events: result.events.map((e) => ({ ...e, source })),
    associations: result.associations.map((a) => ({ ...a, source })),
    errors: result.errors.map((e) => ({ ...e, source })),
  };
}
