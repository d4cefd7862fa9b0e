/**
 * The people of the workspace: invitations (`/api/workspace/invitations`, by e-mail, in the
 * invited person's language), the accounts a person may see (`/api/workspace/accounts`),
 * ending a role (`/api/workspace/roles/revoke`, which signs the account out) and deleting an
 * account (one's own, or any for admins; the region's last admin stays). Every change is
 * written to the audit log, an editor role's for its town, a membership's for its association.
 */
import type { FastifyInstance } from 'fastify';
import { forgetPerson, FORGOTTEN, recordAudit } from '../audit.js';
import { clearSessionCookie } from '../auth.js';
import { HttpError, type AppContext } from '../context.js';
import { normalEmail, type RoleName } from '../db/accounts.js';
import { PreferenceStore } from '../db/preferences.js';
import { invitationMail } from '../mail-texts.js';
import { MSG } from '../messages.js';
import { canInvite, canRemoveRole } from '../permissions.js';
import { isStrictEmail } from '../validate.js';
import { requireJson } from './submissions.js';
import { ID_PARAMS } from './schemas.js';
import type { WorkspaceParts } from './workspace.js';

/** A role and its scope (a town, an association, '' for admin), as an invitation and a revocation name them. */
const ROLE_PROPERTIES = {
  role: { type: 'string', enum: ['admin', 'editor', 'member'] },
  scope: { type: 'string', maxLength: 200, default: '' },
} as const;

const ROLE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'role'],
  properties: { email: { type: 'string', minLength: 3, maxLength: 254 }, ...ROLE_PROPERTIES },
} as const;

const REVOKE_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['accountId', 'role'],
  properties: { accountId: { type: 'string', minLength: 1, maxLength: 100 }, ...ROLE_PROPERTIES },
} as const;

/** Who sees a role's audit entries: an editor role its town's editors, a membership its association and town. */
function roleScope(role: RoleName, scope: string, town?: string): { town: string | null; association: string | null } {
  if (role === 'editor') return { town: scope, association: null };
  if (role === 'member') return { town: town ?? null, association: scope };
  return { town: null, association: null };
}

export function workspacePeopleRoutes(app: FastifyInstance, ctx: AppContext, { guard }: WorkspaceParts): void {
  /** Checks a role's scope: a known town (admins, editors) or association (members). */
  const scopeOf = async (role: RoleName, scope: string): Promise<{ scope: string; town?: string; name?: string }> => {
    if (role === 'admin') return { scope: '' };
    if (!scope.trim()) throw new HttpError(422, role === 'editor' ? MSG.unknownTown : MSG.unknownAssociation);
    if (role === 'member') {
      const association = await ctx.store.association(scope);
      if (!association) throw new HttpError(422, MSG.unknownAssociation);
      return {
        scope,
        name: association.name,
        ...(typeof association['town'] === 'string' ? { town: association['town'] } : {}),
      };
    }
    return { scope: scope.trim() };
  };

  app.post<{ Body: { email: string; role: RoleName; scope: string } }>(
    '/api/workspace/invitations',
    { preParsing: requireJson, preHandler: guard, schema: { body: ROLE_BODY } },
    async (request, reply) => {
      const p = request.principal!;
      const email = normalEmail(request.body.email);
      if (!isStrictEmail(email)) return reply.code(422).send({ errors: { email: MSG.email } });
      const target = await scopeOf(request.body.role, request.body.scope);
      if (!canInvite(p, request.body.role, target.scope, target.town)) {
        throw new HttpError(403, request.body.role === 'member' ? MSG.forbiddenInvite : MSG.forbiddenAdmin);
      }
      const days = ctx.config.accounts.invitationDays;
      const token = await ctx.store.accounts.createInvitation(email, request.body.role, target.scope, p.id, days * 86_400_000);
      const link = `${ctx.origin()}/redaktion/einladung?token=${token}`;
      // In the invited person's language when they already have an account (else German).
      const known = await ctx.store.accounts.accountByEmail(email);
      const lang = known ? (await ctx.store.accounts.principal(known.id))?.locale : undefined;
      const role = { role: request.body.role, scope: target.scope, ...(target.name ? { associationName: target.name } : {}) };
      ctx.mailer.send({ to: email, ...invitationMail(link, role, p.name || p.email, days, lang) });
      await recordAudit(ctx, {
        actor: p,
        action: 'invitation.create',
        subject: { type: 'account', id: email, label: email },
        ...roleScope(request.body.role, target.scope, target.town),
        after: { email, role: request.body.role, scope: target.scope },
      });
      request.log.info({ role: request.body.role, scope: target.scope }, 'invitation sent');
      return reply.code(202).send({ email, role: request.body.role, scope: target.scope });
    },
  );

  // The accounts the person may see: admins all; editors those of their towns and their
  // towns' associations; members those of their associations.
  app.get('/api/workspace/accounts', { preHandler: guard }, async (request) => {
    const p = request.principal!;
    const associations = await ctx.store.associations();
    const townOf = new Map(associations.map((a) => [a.id, typeof a['town'] === 'string' ? a['town'] : undefined]));
    const visible = (role: RoleName, scope: string): boolean =>
      p.admin ||
      (role === 'member' && canRemoveRole(p, 'member', scope, townOf.get(scope))) ||
      (role === 'editor' && p.towns.includes(scope));
    const accounts = (await ctx.store.accounts.listAccounts())
      .map((a) => ({ ...a, roles: a.roles.filter((r) => visible(r.role, r.scope)) }))
      .filter((a) => p.admin || a.roles.length > 0);
    return { accounts };
  });

  // Ending a role ends the account's sessions (they carried it).
  app.post<{ Body: { accountId: string; role: RoleName; scope: string } }>(
    '/api/workspace/roles/revoke',
    { preParsing: requireJson, preHandler: guard, schema: { body: REVOKE_BODY } },
    async (request) => {
      const p = request.principal!;
      const { accountId, role, scope } = request.body;
      const association = role === 'member' ? await ctx.store.association(scope) : undefined;
      const town = typeof association?.['town'] === 'string' ? association['town'] : undefined;
      if (!canRemoveRole(p, role, scope, town)) {
        throw new HttpError(403, role === 'member' ? MSG.forbiddenInvite : MSG.forbiddenAdmin);
      }
      const account = await ctx.store.accounts.accountById(accountId);
      const removed = await ctx.store.accounts.revoke(accountId, role, scope);
      if (!removed) throw new HttpError(404, MSG.notFound);
      await recordAudit(ctx, {
        actor: p,
        action: 'role.revoke',
        subject: { type: 'account', id: accountId, label: account?.email ?? accountId },
        ...roleScope(role, scope, town),
        before: { role, scope },
      });
      request.log.info({ role, scope }, 'role removed; the account was signed out');
      return { removed: true };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/workspace/accounts/:id',
    { preHandler: guard, schema: { params: ID_PARAMS } },
    async (request, reply) => {
      const p = request.principal!;
      // Everyone may delete their own account; admins any. The region's last admin stays (409).
      if (!p.admin && request.params.id !== p.id) throw new HttpError(403, MSG.forbiddenAdmin);
      const account = await ctx.store.accounts.accountById(request.params.id);
      const roles = await ctx.store.accounts.roles(request.params.id);
      const outcome = await new PreferenceStore(ctx.store.db, ctx.store.dialect, ctx.now).deleteAccount(request.params.id);
      if (outcome === 'last-admin') throw new HttpError(409, MSG.lastAdmin);
      if (outcome === 'unknown') throw new HttpError(404, MSG.notFound);
      // The log keeps what happened, not who the deleted person was.
      if (account) await forgetPerson(ctx.store.db, { accountId: account.id, email: account.email });
      await recordAudit(ctx, {
        actor: p.id === request.params.id ? { id: null, label: FORGOTTEN } : p,
        action: 'account.delete',
        subject: { type: 'account', id: request.params.id, label: FORGOTTEN },
        before: { roles: roles.map((r) => `${r.role}:${r.scope}`) },
      });
      request.log.info('account removed with its sessions');
      if (request.params.id === p.id) clearSessionCookie(ctx, request, reply);
      return reply.code(204).send();
    },
  );
}
