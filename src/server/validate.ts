/**
 * Validation of submissions and moderator edits against schema/feed.schema.json (the same
 * schema that describes the feed and that the form's client-side checks follow), plus the
 * rules a schema cannot say: end after start, no dates in the past, a supported recurrence.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { addDaysInZone, canonicalZone, isoInstant, parseRecurrenceRule, todayIn } from '../core/index.js';
import type { AssociationJson, FeedEventJson, PrivateContact } from './db/store.js';
import { fieldErrors, MSG } from './messages.js';

const SCHEMA_URL = new URL('../../schema/feed.schema.json', import.meta.url);

/** The honeypot: a field people never see (the form hides it); bots fill it in. */
export const HONEYPOT_FIELD = 'website2';

/** Fields of a submission that are not part of the published event. */
const SUBMISSION_ONLY = new Set(['id', 'contact', HONEYPOT_FIELD, 'formTime', 'consent', 'license', 'lang']);

export type FieldErrors = Record<string, string>;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export interface Submission {
  event: FeedEventJson;
  contact: PrivateContact;
  meta: Record<string, unknown>;
}

export interface RuleOptions {
  /** The feed's zone, for local times of events without their own timeZone. */
  zone: string;
  now: Date;
  /** Refuse dates before now (submissions yes, moderator edits no). */
  rejectPast: boolean;
  maxDaysAhead: number;
}

/**
 * A plain address, checked more strictly than JSON Schema's "email" format: letters and digits
 * of any script and the usual punctuation, one @, a domain with a dot; no spaces, line breaks,
 * `?`, `&`, `%`, `#` or `/`, which could carry mailto parameters (`info?cc=…&subject=…@x.org`).
 */
export function isStrictEmail(value: string): boolean {
  if (value.length > 254) return false;
  const match = /^([\p{L}\p{N}._+'’!$*=^`{|}~-]{1,64})@((?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,63})$/u.exec(
    value,
  );
  if (!match) return false;
  const local = match[1]!;
  return !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The part of a JSON schema node that says which keys an object may keep. */
interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
}

function deref(node: SchemaNode | undefined, defs: Record<string, SchemaNode>): SchemaNode | undefined {
  let schema = node;
  while (schema?.$ref?.startsWith('#/$defs/')) schema = defs[schema.$ref.slice('#/$defs/'.length)];
  return schema;
}

/**
 * `value` with every object reduced to the properties its schema names, at every depth
 * (the feed schema leaves objects open for readers; what this server stores is closed).
 */
function prune(value: unknown, node: SchemaNode | undefined, defs: Record<string, SchemaNode>): unknown {
  let schema = deref(node, defs);
  // A value of several forms (the picture: a URL or an object): an object keeps the object's properties.
  if (schema?.anyOf && isObject(value)) schema = schema.anyOf.map((branch) => deref(branch, defs)).find((b) => b?.properties);
  if (!schema) return value;
  if (Array.isArray(value)) return schema.items ? value.map((item) => prune(item, schema.items, defs)) : value;
  if (!isObject(value) || !schema.properties) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (Object.hasOwn(schema.properties, key)) out[key] = prune(child, schema.properties[key], defs);
  }
  return out;
}

export class Validator {
  private readonly eventSchema: ValidateFunction;
  private readonly contactSchema: ValidateFunction;
  private readonly associationSchema: ValidateFunction;
  private readonly associationNode: SchemaNode;
  /** The event's schema node and the definitions it refers to: anything else is dropped. */
  private readonly eventNode: SchemaNode;
  private readonly defs: Record<string, SchemaNode>;

  constructor(schemaText = readFileSync(SCHEMA_URL, 'utf8')) {
    const schema = JSON.parse(schemaText) as { $id: string; $defs: Record<string, SchemaNode> & { event: SchemaNode } };
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    addFormats(ajv);
    ajv.addSchema(schema);
    this.eventSchema = ajv.getSchema(`${schema.$id}#/$defs/event`)!;
    // The private contact is checked with the schema's contact definition, plus name and e-mail.
    this.contactSchema = ajv.compile({
      type: 'object',
      allOf: [{ $ref: `${schema.$id}#/$defs/contact` }],
      required: ['name', 'email'],
      properties: { name: { type: 'string', minLength: 1 }, email: { type: 'string', minLength: 1 } },
    });
    this.associationSchema = ajv.getSchema(`${schema.$id}#/$defs/association`)!;
    this.associationNode = schema.$defs['association']!;
    this.eventNode = schema.$defs.event;
    this.defs = schema.$defs;
  }

  /** Checks the event part: the schema first, then the server's rules for the fields that passed. */
  checkEvent(event: Record<string, unknown>, rules: RuleOptions, prefix = ''): FieldErrors {
    const errors = this.eventSchema(event) ? {} : fieldErrors(this.eventSchema.errors ?? [], prefix);
    const ruleErrors = eventRules(event, rules);
    for (const [field, message] of Object.entries(ruleErrors)) {
      const key = prefix + field;
      if (errors[key] === undefined) errors[key] = message;
    }
    return errors;
  }

  /** The submitter's private contact; errors are keyed `contact.name` / `contact.email`. */
  checkContact(contact: unknown): FieldErrors {
    if (!isObject(contact)) return { 'contact.name': MSG.contactName, 'contact.email': MSG.contactEmail };
    const errors = this.contactSchema(contact) ? {} : fieldErrors(this.contactSchema.errors ?? [], 'contact.');
    if (typeof contact['name'] === 'string' && !contact['name'].trim()) errors['contact.name'] = MSG.contactName;
    const email = contact['email'];
    if (typeof email === 'string' && email.trim() && !errors['contact.email'] && !isStrictEmail(email.trim())) {
      errors['contact.email'] = MSG.email;
    }
    // Missing values get messages addressed to the submitter ("your name").
    if (errors['contact.name'] === MSG.required) errors['contact.name'] = MSG.contactName;
    if (errors['contact.email'] === MSG.required) errors['contact.email'] = MSG.contactEmail;
    return errors;
  }

  /**
   * Keeps only what the schema defines, at every depth (`location` and `contact` are closed
   * too), with the given id and a trimmed title. (A moderator's edit may set the event's public
   * `contact`; a submission's `contact` is the private one and never reaches this point.)
   */
  cleanEvent(raw: Record<string, unknown>, id: string): FeedEventJson {
    const event = prune(raw, this.eventNode, this.defs) as Record<string, unknown>;
    event['id'] = id;
    if (typeof event['title'] === 'string') event['title'] = event['title'].trim();
    return event as FeedEventJson;
  }

  /**
   * A submission body: the event in the feed's field names, plus `contact` (private), the
   * honeypot, `formTime`, and optionally `consent`, `license` and `lang` (the form's language,
   * "de" or "en": the language of the submitter's emails). The id is the server's.
   */
  checkSubmission(body: Record<string, unknown>, rules: RuleOptions): Checked<Submission> {
    const id = randomUUID();
    const eventPart: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) if (!SUBMISSION_ONLY.has(key)) eventPart[key] = value;
    eventPart['id'] = id;
    const errors: FieldErrors = { ...this.checkEvent(eventPart, rules), ...this.checkContact(body['contact']) };
    if ('recurrenceId' in body) errors['recurrenceId'] = MSG.recurrenceId;
    if (body['consent'] !== undefined && body['consent'] !== true) errors['consent'] = MSG.consent;
    if (body['license'] !== undefined && (typeof body['license'] !== 'string' || body['license'].length > 100)) {
      errors['license'] = MSG.invalid;
    }
    if (Object.keys(errors).length) return { ok: false, errors };
    const contact = body['contact'] as Record<string, string>;
    const meta: Record<string, unknown> = {};
    if (body['consent'] === true) meta['consent'] = true;
    if (typeof body['license'] === 'string') meta['license'] = body['license'];
    // Any other language (or none) means German, the default of the emails.
    if (body['lang'] === 'en') meta['lang'] = 'en';
    return {
      ok: true,
      value: {
        event: this.cleanEvent(eventPart, id),
        contact: { name: contact['name']!.trim(), email: contact['email']!.trim() },
        meta,
      },
    };
  }

  /**
   * An association's profile from the workspace, checked against the feed schema and reduced
   * to its fields; `id` and `town` are the stored ones (a profile cannot move).
   */
  checkAssociation(body: unknown, id: string, town: unknown): Checked<AssociationJson> {
    if (!isObject(body)) return { ok: false, errors: { '': MSG.notObject } };
    const raw: Record<string, unknown> = { ...body, id };
    if (typeof town === 'string') raw['town'] = town;
    else delete raw['town'];
    const errors = this.associationSchema(raw) ? {} : fieldErrors(this.associationSchema.errors ?? []);
    if (typeof raw['email'] === 'string' && !errors['email'] && !isStrictEmail(raw['email'])) errors['email'] = MSG.email;
    if (typeof raw['name'] === 'string' && !raw['name'].trim()) errors['name'] = MSG.required;
    if (Object.keys(errors).length) return { ok: false, errors };
    return { ok: true, value: prune(raw, this.associationNode, this.defs) as AssociationJson };
  }

  /** A moderator's edit: `{ event?, contact? }`; errors are keyed `event.<field>` / `contact.<field>`. */
  checkEdit(body: unknown, id: string, rules: RuleOptions): Checked<{ event?: FeedEventJson; contact?: PrivateContact }> {
    if (!isObject(body)) return { ok: false, errors: { '': MSG.notObject } };
    const errors: FieldErrors = {};
    const out: { event?: FeedEventJson; contact?: PrivateContact } = {};
    if (body['event'] !== undefined) {
      if (!isObject(body['event'])) errors['event'] = MSG.notObject;
      else {
        const event = { ...body['event'], id };
        Object.assign(errors, this.checkEvent(event, rules, 'event.'));
        if ('recurrenceId' in event) errors['event.recurrenceId'] = MSG.recurrenceId;
        out.event = this.cleanEvent(event, id);
      }
    }
    if (body['contact'] !== undefined) {
      Object.assign(errors, this.checkContact(body['contact']));
      if (isObject(body['contact'])) {
        out.contact = { name: String(body['contact']['name']).trim(), email: String(body['contact']['email']).trim() };
      }
    }
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: out };
  }
}

/** A date or a date-time of the event, read with the core (its instant undefined when it does not exist). */
type Parsed = { kind: 'date' | 'time'; date: string; at: number | undefined };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function parseWhen(value: unknown, zone: string): Parsed | undefined {
  if (typeof value !== 'string') return undefined;
  return { kind: DATE_RE.test(value) ? 'date' : 'time', date: value, at: isoInstant(value, zone) };
}

function isValid(p: Parsed): p is Parsed & { at: number } {
  return p.at !== undefined;
}

/** The rules the schema cannot express; each only for a field whose form is already right. */
export function eventRules(event: Record<string, unknown>, options: RuleOptions): FieldErrors {
  const errors: FieldErrors = {};
  const title = event['title'];
  if (typeof title === 'string') {
    if (!title.trim()) errors['title'] = MSG.titleRequired;
    else if (title.trim().length < 3) errors['title'] = MSG.titleShort;
  }
  const contact = event['contact'];
  if (isObject(contact) && typeof contact['email'] === 'string' && !isStrictEmail(contact['email'])) {
    errors['contact.email'] = MSG.email;
  }
  let zone = options.zone;
  if (typeof event['timeZone'] === 'string') {
    const canonical = canonicalZone(event['timeZone']);
    if (canonical) zone = canonical;
    else errors['timeZone'] = MSG.zone;
  }
  const start = parseWhen(event['start'], zone);
  const end = parseWhen(event['end'], zone);
  if (start && !isValid(start)) errors['start'] = MSG.dateNotExisting;
  if (end && !isValid(end)) errors['end'] = MSG.dateNotExisting;
  if (start && isValid(start)) {
    const now = options.now.getTime();
    const first = start.at;
    const last = end && isValid(end) ? end.at : undefined;
    if (options.rejectPast) {
      const past = start.kind === 'date' ? start.date < todayIn(zone, now) : first < now;
      if (past) errors['start'] = MSG.past;
    }
    if (first > addDaysInZone(now, options.maxDaysAhead, zone)) errors['start'] = MSG.tooFarAhead;
    if (last !== undefined && end!.kind === start.kind && last <= first) errors['end'] = MSG.endBeforeStart;
  }
  if (typeof event['rrule'] === 'string') {
    const parsed = parseRecurrenceRule(event['rrule']);
    // A submitted rule must be clean: what a feed reader forgives (src/core/lenient.ts) is refused.
    if (parsed.error !== undefined || parsed.warnings.length > 0) errors['rrule'] = MSG.rrule;
    else if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(parsed.rule.freq)) errors['rrule'] = MSG.rruleFrequency;
  }
  return errors;
}
