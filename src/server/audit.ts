/**
 * The audit log: every change to an event, an association's profile, an account, a role or a
 * membership, and every moderation decision, with who, when, what, and the data before and
 * after (JSON). Everything is written through `recordAudit` (pass the transaction of the change
 * when there is one, so both are written or neither) or, inside the Store's own transactions,
 * `insertAudit` (the Store's writes take the entry as their last argument); read through
 * `listAudit`.
 *
 * Who reads what (GET /api/workspace/audit): region admins every entry; town editors the
 * entries of their towns; association members the entries of their associations (their
 * events, their profile, their memberships): what they could see in the workspace anyway.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AppContext } from './context.js';
import type { Principal } from './db/accounts.js';
import type { AuditLogTable, Database } from './db/schema.js';

export type AuditAction =
  | 'event.create'
  | 'event.edit'
  | 'event.cancel'
  | 'event.delete'
  | 'submission.approve'
  | 'submission.reject'
  | 'submission.edit'
  | 'submission.withdraw'
  | 'association.create'
  | 'association.edit'
  | 'association.trust'
  | 'association-request.accept'
  | 'association-request.reject'
  | 'invitation.create'
  | 'role.grant'
  | 'role.revoke'
  | 'account.preferences'
  | 'account.delete';

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'event.create',
  'event.edit',
  'event.cancel',
  'event.delete',
  'submission.approve',
  'submission.reject',
  'submission.edit',
  'submission.withdraw',
  'association.create',
  'association.edit',
  'association.trust',
  'association-request.accept',
  'association-request.reject',
  'invitation.create',
  'role.grant',
  'role.revoke',
  'account.preferences',
  'account.delete',
];

/** Who acted: an account, or a label for the admin token, a submitter's link, the system. */
export interface AuditActor {
  id: string | null;
  label: string;
}

export const ADMIN_TOKEN_ACTOR: AuditActor = { id: null, label: 'Admin-Token' };
export const SUBMITTER_ACTOR: AuditActor = { id: null, label: 'Einsender (privater Link)' };

export interface AuditInput {
  /** The signed-in person (a Principal) or another actor. */
  actor: AuditActor | Principal;
  action: AuditAction;
  /** What was changed: `event`, `submission`, `association`, `account`, `association-request`. */
  subject: { type: string; id: string; label?: string };
  /** The town the subject belongs to: its editors see the entry. */
  town?: string | null | undefined;
  /** The association the subject belongs to: its members see the entry. */
  association?: string | null | undefined;
  /** The data before and after (any JSON; undefined: there was none). */
  before?: unknown;
  after?: unknown;
  /** A reason or remark, e.g. a rejection's reason. */
  note?: string | undefined;
}

type Db = Kysely<Database> | Transaction<Database>;

function actorOf(actor: AuditActor | Principal): AuditActor {
  if ('email' in actor) return { id: actor.id, label: actor.email };
  return actor;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

/** The town and association an event (JSON feed form) or an association belongs to. */
export function eventScope(event: Readonly<Record<string, unknown>>): { town: string | null; association: string | null } {
  return { town: text(event['town']), association: text(event['organizerId']) };
}

/**
 * The subject of an entry about an event or a submission, labelled with the event's title, and
 * the town and association the event belongs to (whose editors and members read the entry).
 */
export function eventSubject(
  type: 'event' | 'submission',
  id: string,
  event: Readonly<Record<string, unknown>>,
): Pick<AuditInput, 'subject'> & ReturnType<typeof eventScope> {
  return { subject: { type, id, label: typeof event['title'] === 'string' ? event['title'] : '' }, ...eventScope(event) };
}

export function associationScope(association: Readonly<Record<string, unknown>> & { id: string }): {
  town: string | null;
  association: string;
} {
  return { town: text(association['town']), association: association.id };
}

/**
 * Writes one entry. `trx`: the transaction of the change itself (the entry is then written
 * with it or not at all); without it, the entry is written on its own, after the change.
 */
export async function recordAudit(ctx: Pick<AppContext, 'store' | 'now'>, entry: AuditInput, trx?: Db): Promise<void> {
  await insertAudit(trx ?? ctx.store.db, entry, ctx.now().toISOString());
}

/**
 * The one insert behind `recordAudit`, for the store's own transactions: the Store's writes
 * take an optional `audit` entry and write it here, with the change, at the store's clock.
 */
export async function insertAudit(db: Db, entry: AuditInput, at: string): Promise<void> {
  const actor = actorOf(entry.actor);
  await db
    .insertInto('audit_log')
    .values({
      at,
      actor_id: actor.id,
      actor: actor.label,
      action: entry.action,
      subject_type: entry.subject.type,
      subject_id: entry.subject.id,
      subject_label: entry.subject.label ?? '',
      town: entry.town ?? null,
      association_id: entry.association ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      note: entry.note ?? null,
    })
    .execute();
}

export const FORGOTTEN = 'Gelöschter Zugang';

/**
 * A deleted account's address leaves the log: its entries keep what happened and when, but the
 * person is named "Gelöschter Zugang" (as actor, as subject, and inside before/after). Call it
 * in the deletion's transaction where there is one.
 */
export async function forgetPerson(db: Db, person: { accountId: string; email: string }): Promise<void> {
  const email = person.email.toLowerCase();
  await db.updateTable('audit_log').set({ actor: FORGOTTEN }).where('actor_id', '=', person.accountId).execute();
  await db.updateTable('audit_log').set({ actor: FORGOTTEN }).where('actor', '=', email).execute();
  await db
    .updateTable('audit_log')
    .set({ subject_label: FORGOTTEN })
    .where('subject_type', '=', 'account')
    .where((eb) => eb.or([eb('subject_id', '=', person.accountId), eb('subject_id', '=', email)]))
    .execute();
  await db.updateTable('audit_log').set({ subject_id: FORGOTTEN }).where('subject_id', '=', email).execute();
  for (const column of ['before', 'after'] as const) {
    await db
      .updateTable('audit_log')
      .set({ [column]: sql<string>`replace(${sql.ref(column)}, ${JSON.stringify(email)}, ${JSON.stringify(FORGOTTEN)})` })
      // LIKE only narrows the rows ("_" in an address may match more); replace() is exact.
      .where(column, 'like', `%${JSON.stringify(email)}%`)
      .execute();
  }
}

/** One changed field: its dotted path, and its value before and after (absent: undefined). */
export interface FieldChange {
  field: string;
  before?: string | number | boolean | null;
  after?: string | number | boolean | null;
}

type Leaf = string | number | boolean | null;

function flatten(value: unknown, prefix: string, out: Map<string, Leaf>): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object') {
    out.set(prefix || '(Wert)', value as Leaf);
    return;
  }
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
    out.set(prefix || '(Wert)', value.join(', '));
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i + 1), v] as const) : Object.entries(value);
  for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
}

/** The fields that differ between two JSON values, in a stable order (the differences a person reads). */
export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const a = new Map<string, Leaf>();
  const b = new Map<string, Leaf>();
  flatten(before, '', a);
  flatten(after, '', b);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const x = a.get(field);
    const y = b.get(field);
    if (x === y) continue;
    const change: FieldChange = { field };
    if (a.has(field)) change.before = x!;
    if (b.has(field)) change.after = y!;
    changes.push(change);
  }
  return changes;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  actorId: string | null;
  action: string;
  subject: { type: string; id: string; label: string };
  town: string | null;
  association: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
  /** The differences of `before` and `after`, field by field. */
  changes: FieldChange[];
}

export interface AuditFilter {
  /** Whose view: undefined for everything (admins), else the towns and associations visible. */
  visible?: { towns: readonly string[]; associations: readonly string[] };
  town?: string;
  association?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  /** Inclusive days (YYYY-MM-DD, UTC instants compared by their date part). */
  from?: string;
  to?: string;
  /** Free text in the subject's label, the actor or the note. */
  q?: string;
}

function toEntry(row: AuditLogTable & { seq: number }): AuditEntry {
  const before = row.before === null ? undefined : (JSON.parse(row.before) as unknown);
  const after = row.after === null ? undefined : (JSON.parse(row.after) as unknown);
  return {
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    actorId: row.actor_id,
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id, label: row.subject_label },
    town: row.town,
    association: row.association_id,
    before: before ?? null,
    after: after ?? null,
    note: row.note,
    changes: auditChanges(before, after),
  };
}

/** The entries matching `filter`, newest first, with the total count. */
export async function listAudit(
  db: Db,
  filter: AuditFilter,
  limit: number,
  offset: number,
): Promise<{ entries: AuditEntry[]; total: number }> {
  let query = db.selectFrom('audit_log');
  const { visible } = filter;
  if (visible) {
    const towns = [...visible.towns];
    const associations = [...visible.associations];
    if (!towns.length && !associations.length) return { entries: [], total: 0 };
    query = query.where((eb) =>
      eb.or([
        ...(towns.length ? [eb('town', 'in', towns)] : []),
        ...(associations.length ? [eb('association_id', 'in', associations)] : []),
      ]),
    );
  }
  if (filter.town) query = query.where('town', '=', filter.town);
  if (filter.association) query = query.where('association_id', '=', filter.association);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  // ISO instants compare as text; `to` is the last day included.
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', `${filter.to}T99`);
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(subject_label) like ${pattern} escape '\\'`,
        sql<boolean>`lower(actor) like ${pattern} escape '\\'`,
        sql<boolean>`lower(coalesce(note, '')) like ${pattern} escape '\\'`,
      ]),
    );
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute();
  return { entries: rows.map((r) => toEntry(r as AuditLogTable & { seq: number })), total: Number(total) };
}
