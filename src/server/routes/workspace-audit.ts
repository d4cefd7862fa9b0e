/**
 * GET /api/workspace/audit: the audit log as the person may read it (audit.ts): admins every
 * entry, editors their towns', members their associations'. Filters: town, association,
 * action, subject (type and id), a period of days (`from`..`to`, inclusive) and free text;
 * paged by `limit` and `offset`, newest first. Asking for another town's or association's
 * entries is a 403 (not an empty list), so a mistaken filter is told as such.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUDIT_ACTIONS, listAudit, type AuditFilter } from '../audit.js';
import { HttpError, type AppContext } from '../context.js';
import { MSG } from '../messages.js';
import { isEditorOf, isMemberOf } from '../permissions.js';
import { checkPeriod, DAY_PARAM } from './schemas.js';

const AUDIT_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    town: { type: 'string', minLength: 1, maxLength: 100 },
    association: { type: 'string', minLength: 1, maxLength: 200 },
    action: { type: 'string', enum: [...AUDIT_ACTIONS] },
    subjectType: { type: 'string', enum: ['event', 'submission', 'association', 'account', 'association-request'] },
    subjectId: { type: 'string', minLength: 1, maxLength: 200 },
    from: DAY_PARAM,
    to: DAY_PARAM,
    q: { type: 'string', maxLength: 200 },
    limit: { type: 'string', pattern: '^([1-9][0-9]?|100)$', default: '25' },
    offset: { type: 'string', pattern: '^(0|[1-9][0-9]{0,6})$', default: '0' },
  },
} as const;

/** The filters of `listAudit` but whose view (the person's), and the page. */
type AuditQuery = Omit<AuditFilter, 'visible'> & { limit: string; offset: string };

export function workspaceAuditRoutes(app: FastifyInstance, ctx: AppContext, guard: (r: FastifyRequest) => Promise<void>): void {
  app.get<{ Querystring: AuditQuery }>(
    '/api/workspace/audit',
    { preHandler: guard, schema: { querystring: AUDIT_QUERY } },
    async (request) => {
      const p = request.principal!;
      const q = request.query;
      checkPeriod(q);
      if (!p.admin) {
        if (q.town && !isEditorOf(p, q.town)) throw new HttpError(403, MSG.forbiddenTown);
        if (q.association && !isMemberOf(p, q.association)) {
          const association = await ctx.store.association(q.association);
          if (!association || !isEditorOf(p, association['town'])) {
            throw new HttpError(403, p.towns.length ? MSG.forbiddenTown : MSG.forbiddenAssociation);
          }
        }
      }
      // The schema lets only its own fields through, each non-empty but the text.
      const { limit: pageSize, offset: skip, q: text, ...fields } = q;
      const limit = Number(pageSize);
      const offset = Number(skip);
      const { entries, total } = await listAudit(
        ctx.store.db,
        {
          ...fields,
          ...(p.admin ? {} : { visible: { towns: p.towns, associations: p.associations } }),
          ...(text?.trim() ? { q: text.trim() } : {}),
        },
        limit,
        offset,
      );
      return { entries, total, limit, offset };
    },
  );
}
