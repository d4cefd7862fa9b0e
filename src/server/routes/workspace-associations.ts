/**
 * The associations' profiles in the workspace (`/api/workspace/associations…`): the profiles a
 * person may maintain (members: theirs; editors: their towns'; admins: all), editing one (its
 * standing meeting times must be rules the calendar can expand), and marking one trusted (its
 * members' events are then published without moderation).
 */
import type { FastifyInstance } from 'fastify';
import { parseRecurrenceRule } from '../../core/index.js';
import { associationScope, recordAudit } from '../audit.js';
import { HttpError, type AppContext } from '../context.js';
import { MSG } from '../messages.js';
import { canEditProfile, canInvite, canTrust } from '../permissions.js';
import { requireJson } from './submissions.js';
import { ID_PARAMS } from './schemas.js';
import type { WorkspaceParts } from './workspace.js';

const TRUST_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['trusted'],
  properties: { trusted: { type: 'boolean' } },
} as const;

/** Standing meeting times must be rules the calendar can expand (the schema only says "text"). */
function checkMeetings(meetings: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!Array.isArray(meetings)) return errors;
  meetings.forEach((meeting: unknown, i) => {
    const rule = (meeting as { rrule?: unknown } | null)?.rrule;
    if (typeof rule === 'string' && 'error' in parseRecurrenceRule(rule)) errors[`meetings.${i}.rrule`] = MSG.rrule;
  });
  return errors;
}

export function workspaceAssociationRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  { guard, publish, forbidden }: WorkspaceParts,
): void {
  // The profiles the person may maintain (members: theirs; editors: their towns'; admins: all),
  // with whether the person may mark them trusted and invite members.
  app.get('/api/workspace/associations', { preHandler: guard }, async (request) => {
    const p = request.principal!;
    const trusted = new Set(await ctx.store.accounts.trustedAssociations());
    const associations = (await ctx.store.associations())
      .filter((a) => canEditProfile(p, a))
      .map((a) => ({
        association: a,
        trusted: trusted.has(a.id),
        mayTrust: canTrust(p, a),
        mayInvite: canInvite(p, 'member', a.id, typeof a['town'] === 'string' ? a['town'] : undefined),
      }));
    return { associations };
  });

  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>(
    '/api/workspace/associations/:id',
    { preParsing: requireJson, preHandler: guard, schema: { params: ID_PARAMS, body: { type: 'object' } } },
    async (request, reply) => {
      const p = request.principal!;
      const stored = await ctx.store.association(request.params.id);
      if (!stored) throw new HttpError(404, MSG.notFound);
      if (!canEditProfile(p, stored)) throw forbidden(p);
      const checked = ctx.validator.checkAssociation(request.body, stored.id, stored['town']);
      if (!checked.ok) return reply.code(422).send({ errors: checked.errors });
      const meetingErrors = checkMeetings(checked.value['meetings']);
      if (Object.keys(meetingErrors).length) return reply.code(422).send({ errors: meetingErrors });
      await ctx.store.saveAssociation(checked.value, {
        actor: p,
        action: 'association.edit',
        subject: { type: 'association', id: stored.id, label: checked.value.name },
        ...associationScope(stored),
        before: stored,
        after: checked.value,
      });
      await publish(request);
      return { association: checked.value };
    },
  );

  app.post<{ Params: { id: string }; Body: { trusted: boolean } }>(
    '/api/workspace/associations/:id/trust',
    { preParsing: requireJson, preHandler: guard, schema: { params: ID_PARAMS, body: TRUST_BODY } },
    async (request) => {
      const p = request.principal!;
      const stored = await ctx.store.association(request.params.id);
      if (!stored) throw new HttpError(404, MSG.notFound);
      if (!canTrust(p, stored)) throw new HttpError(403, p.towns.length ? MSG.forbiddenTown : MSG.forbiddenAdmin);
      const before = await ctx.store.accounts.isTrusted(stored.id);
      await ctx.store.accounts.setTrusted(stored.id, request.body.trusted);
      await recordAudit(ctx, {
        actor: p,
        action: 'association.trust',
        subject: { type: 'association', id: stored.id, label: stored.name },
        ...associationScope(stored),
        before: { trusted: before },
        after: { trusted: request.body.trusted },
      });
      request.log.info({ association: stored.id, trusted: request.body.trusted }, 'association trust changed');
      return { id: stored.id, trusted: request.body.trusted };
    },
  );
}
