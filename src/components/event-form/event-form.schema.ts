/**
 * The form checks what it sends against the feed's JSON Schema, the same file the server
 * validates submissions with (schema/feed.schema.json): lengths and the http(s) rule come
 * from there, so client and server cannot drift apart. Only the parts of the schema the
 * form's fields map to are read; the rules a schema cannot state (end after start, not in
 * the past) stay in event-form.fields.ts, as on the server.
 */
import schema from '../../../schema/feed.schema.json' with { type: 'json' };
import type { FieldName, FormValues } from './event-form.fields.js';

interface StringRule {
  maxLength?: number;
  pattern?: string;
}

const defs = schema.$defs as unknown as Record<string, { properties: Record<string, StringRule & { anyOf?: StringRule[] }> }>;
const event = defs['event']!.properties;
const location = defs['location']!.properties;
const contact = defs['contact']!.properties;
const image = defs['image']!.properties;

/** Each text field of the form and the schema rule of the feed field it becomes. */
export const FIELD_RULES: Partial<Record<FieldName, StringRule>> = {
  title: event['title']!,
  description: event['description']!,
  otherTown: event['town']!,
  placeName: location['name']!,
  placeAddress: location['address']!,
  organizer: event['organizer']!,
  price: event['price']!.anyOf?.find((rule) => rule.maxLength !== undefined) ?? {},
  url: event['url']!,
  imageAlt: image['alt']!,
  imageCredit: image['credit']!,
  contactName: contact['name']!,
  contactEmail: contact['email']!,
};

export interface SchemaProblem {
  field: FieldName;
  kind: 'tooLong' | 'pattern';
  max?: number;
}

/** Fields whose (trimmed) value breaks the schema rule of the feed field it is sent as. */
export function schemaProblems(values: FormValues): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const [field, rule] of Object.entries(FIELD_RULES) as [FieldName, StringRule][]) {
    const raw = values[field as keyof FormValues];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) continue;
    if (rule.maxLength !== undefined && value.length > rule.maxLength)
      problems.push({ field, kind: 'tooLong', max: rule.maxLength });
    else if (rule.pattern && !new RegExp(rule.pattern).test(value)) problems.push({ field, kind: 'pattern' });
  }
  return problems;
}
