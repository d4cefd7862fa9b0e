/**
 * The town's moderation queue in the workspace: pending submissions filtered by town, category,
 * date range and free text, each with its clashes (the public dates at the same time nearby,
 * clashes.ts); approve, reject (with a reason for the submitter) and edit one, or approve or
 * reject several at once. And the association requests ("Änderung melden", "Verein eintragen")
 * for the town's editors: accept (a new association enters the directory) or reject. Every
 * decision is written to the audit log.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ADMIN_TOKEN_ACTOR, associationScope, eventSubject, recordAudit } from '../audit.js';
import { HttpError, type AppContext } from '../context.js';
import type { Principal } from '../db/accounts.js';
import type { AssociationJson, AssociationRequest, SubmissionRecord } from '../db/store.js';
import { MSG } from '../messages.js';
import { notifyModerated, notifySubmitterOfChange } from '../notify.js';
import { canModerate } from '../permissions.js';
import { requireJson } from './submissions.js';
import { clashesOf } from './clashes.js';
import { checkPeriod, DAY_PARAM, ID_PARAMS } from './schemas.js';
import type { EventChecks } from './workspace-events.js';

export const QUEUE_MSG = {
  reasonRequired: 'Bitte geben Sie eine Begründung an; sie geht an die Einsenderin oder den Einsender.',
  ids: 'Bitte wählen Sie mindestens einen Termin (höchstens 100).',
  from: 'Bitte geben Sie „von“ als Datum an (JJJJ-MM-TT).',
  requestDone: 'Diese Meldung ist schon bearbeitet.',
  associationExists: 'Einen Verein mit diesem Namen gibt es in diesem Ort schon.',
};

const QUEUE_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    town: { type: 'string', maxLength: 100 },
    category: { type: 'string', maxLength: 100 },
    from: DAY_PARAM,
    to: DAY_PARAM,
    q: { type: 'string', maxLength: 200 },
  },
} as const;

const BULK_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['ids', 'action'],
  properties: {
    ids: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 200 },
    },
    action: { type: 'string', enum: ['approve', 'reject'] },
    reason: { type: 'string', maxLength: 1000 },
  },
} as const;

const EVENT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['event'],
  properties: { event: { type: 'object' } },
} as const;

interface QueueQuery {
  town?: string;
  category?: string;
  from?: string;
  to?: string;
  q?: string;
}

type Hook = (request: FastifyRequest) => Promise<void>;

function day(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 10) : '';
}

/** Whether a pending submission matches the queue's filters. */
export function matchesQueueFilter(event: Readonly<Record<string, unknown>>, q: QueueQuery): boolean {
  if (q.town && event['town'] !== q.town) return false;
  if (q.category) {
    const categories = Array.isArray(event['categories']) ? event['categories'] : [];
    if (!categories.includes(q.category)) return false;
  }
  const first = day(event['start']);
  // A series has dates after its first: only its start is compared with "bis".
  const last = event['rrule'] ? '9999-12-31' : day(event['end']) || first;
  if (q.from && last < q.from) return false;
  if (q.to && first > q.to) return false;
  if (q.q?.trim()) {
    const needle = q.q.trim().toLocaleLowerCase('de');
    const location = event['location'] as { name?: unknown } | undefined;
    const haystack = [event['title'], event['description'], location?.name, event['organizer'], event['organizerId']]
      .filter((v): v is string => typeof v === 'string')
      .join('\n')
      .toLocaleLowerCase('de');
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

/** A moderation decision, as the single and the bulk routes make it: stored, audited, told. */
export async function decide(
  ctx: AppContext,
  actor: Principal | undefined,
  record: SubmissionRecord,
  decision: 'approved' | 'rejected',
  reason = '',
): Promise<SubmissionRecord> {
  const updated = await ctx.store.moderate(record.id, decision, (before) => ({
    actor: actor ?? ADMIN_TOKEN_ACTOR,
    action: decision === 'approved' ? 'submission.approve' : 'submission.reject',
    ...eventSubject('submission', before.id, before.event),
    before: { status: before.status },
    after: { status: decision },
    ...(reason ? { note: reason } : {}),
  }));
  if (!updated) throw new HttpError(404, MSG.notFound);
  await ctx.store.accounts.setRejectionReason(record.id, decision === 'rejected' ? reason || null : null);
  await notifyModerated(ctx, updated, reason);
  return updated;
}

/** The town a request goes to: its association's, or the one named in "Verein eintragen". */
async function requestTown(ctx: AppContext, request: AssociationRequest): Promise<string | undefined> {
  if (request.kind === 'change' && request.associationId) {
    const association = await ctx.store.association(request.associationId);
    const town = association?.['town'];
    return typeof town === 'string' ? town : undefined;
  }
  return request.data.town;
}

/** A directory id for a new association: its name (and town) in lower-case ASCII with dashes. */
export function associationIdFor(name: string, town: string | undefined): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  return [slug(name), town ? slug(town) : ''].filter(Boolean).join('-').slice(0, 120) || 'verein';
}

export function workspaceQueueRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  guard: Hook,
  publish: Hook,
  checkEvent: EventChecks['checkEvent'],
): void {
  const moderatable = async (p: Principal, id: string): Promise<SubmissionRecord> => {
    const record = await ctx.store.submission(id);
    if (!record) throw new HttpError(404, MSG.notFound);
    if (!canModerate(p, record.event['town'])) throw new HttpError(403, p.towns.length ? MSG.forbiddenTown : MSG.forbiddenAdmin);
    return record;
  };

  app.get<{ Querystring: QueueQuery }>(
    '/api/workspace/queue',
    { preHandler: guard, schema: { querystring: QUEUE_QUERY } },
    async (request) => {
      const p = request.principal!;
      const q = request.query;
      checkPeriod(q);
      if (q.town && !canModerate(p, q.town)) throw new HttpError(403, p.towns.length ? MSG.forbiddenTown : MSG.forbiddenAdmin);
      const { items } = await ctx.store.listSubmissions('pending', 500, 0);
      const mine = items.filter((s) => canModerate(p, s.event['town']));
      // The choices for the filter menus come from the whole queue, not the filtered part.
      const towns = [...new Set(mine.map((s) => s.event['town']).filter((t): t is string => typeof t === 'string'))].sort();
      const categories = [
        ...new Set(mine.flatMap((s) => (Array.isArray(s.event['categories']) ? (s.event['categories'] as string[]) : []))),
      ].sort((a, b) => a.localeCompare(b, 'de'));
      const submissions = mine
        .filter((s) => matchesQueueFilter(s.event, q))
        .map((s) => ({ ...s, clashes: clashesOf(ctx, s.event) }));
      return { submissions, total: mine.length, towns, categories };
    },
  );

  const reasonOf = (body: unknown): string => {
    const given = typeof body === 'object' && body !== null ? (body as { reason?: unknown }).reason : undefined;
    if (given !== undefined && typeof given !== 'string') throw new HttpError(400, MSG.text);
    const reason = (given ?? '').trim();
    if (reason.length > 1000) throw new HttpError(422, MSG.reasonTooLong);
    return reason;
  };

  app.post<{ Params: { id: string } }>(
    '/api/workspace/queue/:id/approve',
    { preHandler: guard, schema: { params: ID_PARAMS } },
    async (request) => {
      const record = await moderatable(request.principal!, request.params.id);
      const submission = await decide(ctx, request.principal, record, 'approved');
      await publish(request);
      return { submission };
    },
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } | undefined }>(
    '/api/workspace/queue/:id/reject',
    // The reason is optional here, and so is the body (a plain POST rejects without one).
    { preHandler: guard, schema: { params: ID_PARAMS } },
    async (request) => {
      const reason = reasonOf(request.body);
      const record = await moderatable(request.principal!, request.params.id);
      const submission = await decide(ctx, request.principal, record, 'rejected', reason);
      await publish(request);
      return { submission };
    },
  );

  // Several at once: every one is checked before any is changed (a 403 or 404 changes nothing);
  // a rejection needs a reason, which goes to every submitter.
  app.post<{ Body: { ids: string[]; action: 'approve' | 'reject'; reason?: string } }>(
    '/api/workspace/queue/bulk',
    { preParsing: requireJson, preHandler: guard, schema: { body: BULK_BODY } },
    async (request, reply) => {
      const p = request.principal!;
      const reason = (request.body.reason ?? '').trim();
      if (request.body.action === 'reject' && !reason)
        return reply.code(422).send({ errors: { reason: QUEUE_MSG.reasonRequired } });
      const records: SubmissionRecord[] = [];
      for (const id of request.body.ids) records.push(await moderatable(p, id));
      const results = [];
      for (const record of records) {
        const done = await decide(ctx, p, record, request.body.action === 'approve' ? 'approved' : 'rejected', reason);
        results.push({ id: done.id, status: done.status });
      }
      await publish(request);
      return { results };
    },
  );

  app.put<{ Params: { id: string }; Body: { event: Record<string, unknown> } }>(
    '/api/workspace/queue/:id',
    { preParsing: requireJson, preHandler: guard, schema: { params: ID_PARAMS, body: EVENT_BODY } },
    async (request, reply) => {
      const p = request.principal!;
      const before = await moderatable(p, request.params.id);
      const event = await checkEvent(request, reply, request.body.event, request.params.id, false);
      if (!event) return reply;
      if (!canModerate(p, event['town'])) throw new HttpError(403, MSG.forbiddenTown);
      const record = await ctx.store.editSubmission(request.params.id, { event }, (previous) => ({
        actor: p,
        action: 'submission.edit',
        ...eventSubject('submission', previous.id, event),
        before: previous.event,
        after: event,
      }));
      await publish(request);
      // The submitter hears that the editors changed their entry.
      await notifySubmitterOfChange(ctx, before, { event }, 'edited', new Set([p.email]));
      return { submission: record };
    },
  );

  // --- association requests ----------------------------------------------------------------

  const requestFor = async (p: Principal, id: string): Promise<{ request: AssociationRequest; town: string | undefined }> => {
    const { items } = await ctx.store.listAssociationRequests('all', 500, 0);
    const found = items.find((r) => r.id === id);
    if (!found) throw new HttpError(404, MSG.notFound);
    const town = await requestTown(ctx, found);
    if (!canModerate(p, town)) throw new HttpError(403, p.towns.length ? MSG.forbiddenTown : MSG.forbiddenAdmin);
    if (found.status !== 'pending') throw new HttpError(409, QUEUE_MSG.requestDone);
    return { request: found, town };
  };

  /** Records a decision on a request: its status before and after; the sender's message or the reason as note. */
  const recordDecision = (
    p: Principal,
    found: AssociationRequest,
    town: string | undefined,
    status: 'done' | 'rejected',
    association: string | null | undefined,
    note: string | undefined,
  ): Promise<void> =>
    recordAudit(ctx, {
      actor: p,
      action: status === 'done' ? 'association-request.accept' : 'association-request.reject',
      subject: { type: 'association-request', id: found.id, label: found.data.name ?? found.associationId ?? '' },
      town: town ?? null,
      association: association ?? null,
      before: { status: found.status },
      after: { status },
      ...(note ? { note } : {}),
    });

  app.get('/api/workspace/association-requests', { preHandler: guard }, async (request) => {
    const p = request.principal!;
    const { items } = await ctx.store.listAssociationRequests('pending', 500, 0);
    const requests = [];
    for (const item of items) {
      const town = await requestTown(ctx, item);
      if (!canModerate(p, town)) continue;
      const association = item.associationId ? await ctx.store.association(item.associationId) : undefined;
      requests.push({ ...item, town: town ?? null, associationName: association?.name ?? null });
    }
    return { requests };
  });

  app.post<{ Params: { id: string } }>(
    '/api/workspace/association-requests/:id/accept',
    { preHandler: guard, schema: { params: ID_PARAMS } },
    async (request, reply) => {
      const p = request.principal!;
      const { request: found, town } = await requestFor(p, request.params.id);
      let created: AssociationJson | undefined;
      if (found.kind === 'new') {
        // "Verein eintragen": the association enters the directory with what the sender gave.
        const id = associationIdFor(found.data.name ?? '', town);
        if (await ctx.store.association(id)) throw new HttpError(409, QUEUE_MSG.associationExists);
        const checked = ctx.validator.checkAssociation(
          { name: found.data.name, categories: [], ...(found.data.website ? { website: found.data.website } : {}) },
          id,
          town,
        );
        if (!checked.ok) return reply.code(422).send({ errors: checked.errors });
        created = checked.value;
        await ctx.store.saveAssociation(created, {
          actor: p,
          action: 'association.create',
          subject: { type: 'association', id, label: created.name },
          ...associationScope(created),
          after: created,
        });
      }
      const done = await ctx.store.setAssociationRequestStatus(found.id, 'done');
      await recordDecision(p, found, town, 'done', created?.id ?? found.associationId, found.data.message);
      if (created) await publish(request);
      return { request: done, ...(created ? { association: created } : {}) };
    },
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } | undefined }>(
    '/api/workspace/association-requests/:id/reject',
    // Like a submission's rejection: the body (with its reason) is optional.
    { preHandler: guard, schema: { params: ID_PARAMS } },
    async (request) => {
      const p = request.principal!;
      const reason = reasonOf(request.body);
      const { request: found, town } = await requestFor(p, request.params.id);
      const done = await ctx.store.setAssociationRequestStatus(found.id, 'rejected');
      await recordDecision(p, found, town, 'rejected', found.associationId, reason);
      return { request: done };
    },
  );
}
