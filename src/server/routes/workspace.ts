/**
 * The workspace API (`/api/workspace/…`): signed-in people maintain their events, moderate their
 * towns' queues, keep their associations' profiles and invite members. Every route needs a
 * session; every state-changing one the X-CSRF-Token (auth.ts). Every permission is decided in
 * permissions.ts, for every request, on the stored data (not on what the request claims).
 * This plugin holds what every area shares (the guard, the feed rebuild, the 403, no caching)
 * and registers the areas, one module each:
 * - workspace-events.ts: the person's events (create, edit, cancel, delete);
 * - workspace-series.ts: one date of a series;
 * - workspace-queue.ts: the moderation queue and the association requests;
 * - workspace-audit.ts: the audit log;
 * - workspace-associations.ts: the associations' profiles and trust;
 * - workspace-people.ts: invitations, accounts and roles.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireSession } from '../auth.js';
import { HttpError, type AppContext } from '../context.js';
import type { Principal } from '../db/accounts.js';
import { MSG } from '../messages.js';
import { hasAnyRole } from '../permissions.js';
import { workspaceAssociationRoutes } from './workspace-associations.js';
import { workspaceAuditRoutes } from './workspace-audit.js';
import { workspaceEventChecks, workspaceEventRoutes } from './workspace-events.js';
import { workspacePeopleRoutes } from './workspace-people.js';
import { workspaceQueueRoutes } from './workspace-queue.js';
import { workspaceSeriesRoutes } from './workspace-series.js';

/** What every area of the workspace is given. */
export interface WorkspaceParts {
  /** Session, CSRF, and at least one role. */
  guard: (request: FastifyRequest) => Promise<void>;
  /** Rebuilds the feed after a change (a failure is logged; the next check retries). */
  publish: (request: FastifyRequest) => Promise<void>;
  forbidden: (p: Principal) => HttpError;
}

/** The German 403 that says why: another association, another town, or only admins. */
export function forbidden(p: Principal): HttpError {
  if (p.associations.length && !p.towns.length) return new HttpError(403, MSG.forbiddenAssociation);
  if (p.towns.length) return new HttpError(403, MSG.forbiddenTown);
  return new HttpError(403, MSG.forbiddenAdmin);
}

export function workspaceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const session = requireSession(ctx);
  /** Session, CSRF, and at least one role. */
  const guard = async (request: FastifyRequest): Promise<void> => {
    await session(request);
    if (!hasAnyRole(request.principal!)) throw new HttpError(403, MSG.noRole);
  };

  const publish = async (request: FastifyRequest): Promise<void> => {
    try {
      await ctx.feed.refresh();
    } catch (error) {
      request.log.warn(
        { error: (error as Error).message },
        'feed rebuild after a workspace change failed; the next check retries',
      );
    }
  };

  const parts: WorkspaceParts = { guard, publish, forbidden };
  const checks = workspaceEventChecks(ctx, forbidden);

  app.addHook('onRequest', (request, reply, done) => {
    if (request.url.startsWith('/api/workspace')) reply.header('Cache-Control', 'no-store');
    done();
  });

  workspaceEventRoutes(app, ctx, parts, checks);
  workspaceSeriesRoutes(app, ctx, { guard, editable: checks.editable, publish, forbidden, pictures: checks.pictures });
  workspaceQueueRoutes(app, ctx, guard, publish, checks.checkEvent);
  workspaceAuditRoutes(app, ctx, guard);
  workspaceAssociationRoutes(app, ctx, parts);
  workspacePeopleRoutes(app, ctx, parts);
}
