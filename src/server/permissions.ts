/**
 * Who may do what, in one place. Every workspace route asks here, on the server, for every
 * request; the workspace page only hides what these rules would refuse anyway.
 *
 * - Region admins: everything.
 * - Town editors (Redaktion): moderate their towns' queues; edit, cancel or delete any event of
 *   their towns; mark their towns' associations as trusted; maintain their profiles; invite
 *   members of them.
 * - Association members: create events for their associations (published at once when the
 *   association is trusted, else into the town's queue); edit, cancel or delete their
 *   associations' events; maintain their associations' profiles; invite members of the same
 *   association.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError, type AppContext } from './context.js';
import type { Principal, RoleName } from './db/accounts.js';

/** The parts of an event (or association) that decide who may act on it. */
export type Owned = Readonly<Record<string, unknown>>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

export function isEditorOf(p: Principal, town: unknown): boolean {
  const t = text(town);
  return t !== undefined && p.towns.includes(t);
}

export function isMemberOf(p: Principal, associationId: unknown): boolean {
  const a = text(associationId);
  return a !== undefined && p.associations.includes(a);
}

/** Any role at all: the workspace's minimum. */
export function hasAnyRole(p: Principal): boolean {
  return p.admin || p.towns.length > 0 || p.associations.length > 0;
}

/** Moderating a town's queue (approve, reject, edit a pending submission). */
export function canModerate(p: Principal, town: unknown): boolean {
  return p.admin || isEditorOf(p, town);
}

/** Editing, cancelling or deleting a published event. */
export function canEditEvent(p: Principal, event: Owned): boolean {
  return p.admin || isEditorOf(p, event['town']) || isMemberOf(p, event['organizerId']);
}

/**
 * Creating an event for an association: its members, its town's editors, admins. An event
 * without an association may be created by editors for their towns and by admins.
 */
export function canCreateEvent(p: Principal, event: Owned): boolean {
  if (p.admin) return true;
  if (text(event['organizerId'])) return isMemberOf(p, event['organizerId']) || isEditorOf(p, event['town']);
  return isEditorOf(p, event['town']);
}

/** Whether a new event of this person goes out at once (else into the town's queue). */
export function publishesDirectly(p: Principal, event: Owned, trusted: boolean): boolean {
  return p.admin || isEditorOf(p, event['town']) || (isMemberOf(p, event['organizerId']) && trusted);
}

/** Marking an association as trusted: its town's editors and admins. */
export function canTrust(p: Principal, association: Owned): boolean {
  return p.admin || isEditorOf(p, association['town']);
}

/** Maintaining an association's directory profile. */
export function canEditProfile(p: Principal, association: Owned & { id: string }): boolean {
  return p.admin || isMemberOf(p, association.id) || isEditorOf(p, association['town']);
}

/**
 * Inviting someone to a role. Admins: any role. Editors: members of their towns' associations.
 * Members: members of their own associations.
 */
export function canInvite(p: Principal, role: RoleName, scope: string, associationTown?: string): boolean {
  if (p.admin) return true;
  if (role !== 'member') return false;
  return isMemberOf(p, scope) || isEditorOf(p, associationTown);
}

/** Ending someone's membership follows the same rule as inviting to it. */
export const canRemoveRole = canInvite;

/*
 * The admin area's editing routes (series edits, GET /api/admin/events/:id) ask one hook:
 * today the admin token's holder may edit every event (the area checks the token before any
 * body is read); a deployment can plug in another rule through `AppContext.eventPermission`.
 */
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
