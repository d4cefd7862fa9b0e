/**
 * The components of an iCalendar file as the reader keeps them (name, first line, the
 * properties it reads, subcomponents) and the look-ups on them.
 */
import type { FeedError } from '../model.js';
import { own, ownShared, splitTextList, unescapeText, type ContentLine } from './lines.js';

export interface Component {
  name: string;
  line: number;
  props: ContentLine[];
  children: Component[];
}

/** Adds a problem about the file, at a line and an event where known. */
export type Report = (severity: FeedError['severity'], message: string, where?: { line?: number; eventId?: string }) => void;

const NONE: ContentLine[] = [];

// A VEVENT keeps only the ~20 properties it reads (the rest are skipped unparsed), so a
// plain scan beats building an index per component.
export function first(component: Component, name: string): ContentLine | undefined {
  const props = component.props;
  for (let i = 0; i < props.length; i++) if (props[i]!.name === name) return props[i];
  return undefined;
}

export function all(component: Component, name: string): ContentLine[] {
  let out: ContentLine[] | undefined;
  const props = component.props;
  for (let i = 0; i < props.length; i++) if (props[i]!.name === name) (out ??= []).push(props[i]!);
  return out ?? NONE;
}

export function uidOf(component: Component): string | undefined {
  const uid = first(component, 'UID')?.value.trim();
  return uid ? own(unescapeText(uid)) : undefined;
}

/** A TEXT property, unescaped and trimmed; undefined when absent or blank. */
export function text(component: Component, name: string): string | undefined {
  const prop = first(component, name);
  if (!prop) return undefined;
  const unescaped = unescapeText(prop.value);
  const value = unescaped.trim();
  if (!value) return undefined;
  // Unescaping made a string of its own; else this is still a view into the file. Short
  // values (titles, places) repeat across events and share one copy; long ones rarely do.
  const fresh = unescaped !== prop.value;
  if (value.length <= 120) return ownShared(value, fresh);
  return fresh ? value : own(value);
}

/** Every item of every instance of a TEXT list property (CATEGORIES, X-W4G-AUDIENCE…). */
export function textList(component: Component, name: string): string[] {
  // Usually there is one such property or none: found without making a list of them.
  const props = component.props;
  let found: ContentLine | undefined;
  for (let i = 0; i < props.length; i++) {
    if (props[i]!.name !== name) continue;
    if (found) return all(component, name).flatMap((p) => splitTextList(p.value));
    found = props[i];
  }
  return found ? splitTextList(found.value) : [];
}
