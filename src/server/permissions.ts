/**
 * Who may change a published event: the one place every editing route asks. Today the admin
 * area's token holder may edit every event (the area checks the token before any body is
 * read). Accounts and roles plug in through `AppContext.eventPermission`, e.g. with "an editor
 * of the event's town, or a member of its organizing association".
 */
import type { FastifyRequest } from 'fastify';
import { HttpError, type AppContext } from './context.js';

export type EventAction = 'read' | 'edit';

/** May the request's sender do `action` on event `eventId`? */
export type EventPermission = (request: FastifyRequest, eventId: string, action: EventAction) => boolean | Promise<boolean>;

/** The default: whoever passed the admin area's token check. */
export const tokenHolder: EventPermission = () => true;

const FORBIDDEN = 'Sie dürfen diesen Termin nicht bearbeiten.';

/** A preHandler for routes with an `:id` parameter: 403 (German) unless the check allows `action`. */
export function requireEventPermission(ctx: AppContext, action: EventAction) {
  return async (request: FastifyRequest): Promise<void> => {
    const { id } = request.params as { id: string };
    const check = ctx.eventPermission ?? tokenHolder;
    if (!(await check(request, id, action))) throw new HttpError(403, FORBIDDEN);
  };
}
