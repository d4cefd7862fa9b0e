/**
 * Fields one date of a series has none of although the series has them ("cleared"): in the
 * JSON feed a `null` on the override, in iCalendar an override without the property plus
 * `X-W4G-CLEARED` naming it (other readers follow RFC 5545 and see nothing; ours, which lets an
 * override that leaves out a field keep the series' value, reads the list).
 */
import { IMAGE_FIELDS } from './image.js';
import type { CalendarEvent, ClearableField } from './model.js';

/** Every field that may be cleared, in the JSON feed's names. */
export const CLEARABLE_FIELDS: readonly ClearableField[] = [
  'description',
  'url',
  'image',
  'location',
  'price',
  'contact',
  'categories',
  'audience',
  'accessibility',
];

const LISTS = new Set<string>(['categories', 'audience', 'accessibility']);

export function isClearable(key: string): key is ClearableField {
  return (CLEARABLE_FIELDS as readonly string[]).includes(key);
}

/** Whether the event has a value for the field (a list: a non-empty one). */
export function hasField(event: CalendarEvent, field: ClearableField): boolean {
  const value = event[field];
  return Array.isArray(value) ? value.length > 0 : value !== undefined;
}

/** Removes the field from the event (a list becomes empty; `image` takes its details along: `IMAGE_FIELDS`). */
export function removeField(event: CalendarEvent, field: ClearableField): void {
  if (LISTS.has(field)) (event as unknown as Record<string, unknown>)[field] = [];
  else if (field === 'image') for (const key of IMAGE_FIELDS) delete event[key];
  else delete event[field];
}

/** The cleared list without `field`; undefined when nothing is left. */
export function unclear(cleared: readonly ClearableField[] | undefined, field: string): ClearableField[] | undefined {
  const rest = cleared?.filter((f) => f !== field);
  return rest?.length ? rest : undefined;
}

/** The cleared fields as the JSON feed writes them: `{ "description": null, … }`. */
export function clearedAsNull(cleared: readonly ClearableField[] | undefined): Record<string, null> {
  const out: Record<string, null> = {};
  for (const field of cleared ?? []) out[field] = null;
  return out;
}
