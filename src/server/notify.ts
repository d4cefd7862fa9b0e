/**
 * Who is told what, by email: editors of a town when a submission waits in its queue (admins
 * when the town has no editor; those who chose the daily digest get it there, jobs.ts), the
 * submitter when their entry is received, published or rejected, an association's members and
 * the submitter when an editor changed, cancelled or deleted their event (or changed their
 * entry while it waits).
 * Everything is sent in the background (mail.ts); nothing here fails a request.
 */
import type { AppContext } from './context.js';
import type { Principal } from './db/accounts.js';
import type { FeedEventJson, SubmissionRecord } from './db/store.js';
import { PreferenceStore } from './db/preferences.js';
import { changedByEditorMail, publishedMail, queueMail, receiptMail, rejectedMail } from './mail-texts.js';

function title(event: FeedEventJson): string {
  return String(event.title).replace(/\s+/g, ' ').slice(0, 200);
}

export function eventLink(ctx: AppContext, id: string): string {
  return `${ctx.origin()}/demo/#termin=${encodeURIComponent(id)}`;
}

/** A new entry waits for moderation: the town's editors (or the admins) are told; the submitter gets a receipt. */
export async function notifySubmitted(ctx: AppContext, record: SubmissionRecord, manageToken?: string): Promise<void> {
  const town = typeof record.event['town'] === 'string' ? record.event['town'] : '';
  let editors = town ? await ctx.store.accounts.holders('editor', town) : [];
  if (!editors.length) editors = await ctx.store.accounts.holders('admin', '');
  const link = `${ctx.origin()}/redaktion/#warteschlange`;
  // Those who chose the daily digest (or no notices) are not told now (jobs.ts).
  const notices = await new PreferenceStore(ctx.store.db, ctx.store.dialect, ctx.now).noticesOf(editors.map((e) => e.id));
  for (const editor of editors) {
    if (notices.get(editor.id) !== 'instant') continue;
    ctx.mailer.send({ to: editor.email, ...queueMail(title(record.event), town, link, editor.locale) });
  }
  if (manageToken) {
    // In the language the form was sent in (meta.lang), else German.
    ctx.mailer.send({
      to: record.contact.email,
      ...receiptMail(title(record.event), `${ctx.origin()}/redaktion/eintrag.html#${manageToken}`, langOf(record)),
    });
  }
}

/** The address (and language) to tell about a moderation decision: the member who submitted, else the submitter. */
async function submitterOf(ctx: AppContext, record: SubmissionRecord): Promise<{ email: string; locale?: string } | undefined> {
  const owner = await ctx.store.accounts.submissionOwner(record.id);
  if (owner?.accountId) {
    const account = await ctx.store.accounts.principal(owner.accountId);
    if (account) return { email: account.email, locale: account.locale };
  }
  return record.contact.email ? { email: record.contact.email, locale: langOf(record) } : undefined;
}

/** The language of an anonymous submitter: the form's, when the submission said it. */
function langOf(record: SubmissionRecord): string | undefined {
  return typeof record.meta['lang'] === 'string' ? record.meta['lang'] : undefined;
}

export async function notifyModerated(ctx: AppContext, record: SubmissionRecord, reason = ''): Promise<void> {
  const to = await submitterOf(ctx, record);
  if (!to) return;
  const mail =
    record.status === 'approved'
      ? publishedMail(title(record.event), eventLink(ctx, record.id), to.locale)
      : rejectedMail(title(record.event), reason, to.locale);
  ctx.mailer.send({ to: to.email, ...mail });
}

/**
 * An editor (or admin) acted on an event: the members of its association hear of it, and the
 * person who submitted it (their account, or the anonymous submitter's address), each once;
 * never the one who acted, and nobody when a member acted for their own association.
 */
export async function notifyChangedByEditor(
  ctx: AppContext,
  actor: Principal,
  event: FeedEventJson,
  action: 'edited' | 'cancelled' | 'deleted',
): Promise<void> {
  const association = event['organizerId'];
  // A member acting for their own association is not "the editors".
  if (typeof association === 'string' && actor.associations.includes(association)) return;
  const told = new Set([actor.email]);
  const mine = `${ctx.origin()}/redaktion/#meine-termine`;
  if (typeof association === 'string') {
    for (const member of await ctx.store.accounts.holders('member', association)) {
      if (told.has(member.email)) continue;
      told.add(member.email);
      ctx.mailer.send({ to: member.email, ...changedByEditorMail(title(event), action, mine, member.locale) });
    }
  }
  const record = await ctx.store.submission(event.id);
  if (record) await notifySubmitterOfChange(ctx, record, { event }, action, told);
}

/** An editor changed an entry (waiting or published): its submitter hears of it, unless already told. */
export async function notifySubmitterOfChange(
  ctx: AppContext,
  record: SubmissionRecord,
  changed: { event: FeedEventJson },
  action: 'edited' | 'cancelled' | 'deleted',
  told: Set<string>,
): Promise<void> {
  const to = await submitterOf(ctx, record);
  if (!to || told.has(to.email)) return;
  told.add(to.email);
  const owner = await ctx.store.accounts.submissionOwner(record.id);
  const link = owner?.accountId ? `${ctx.origin()}/redaktion/#meine-termine` : '';
  ctx.mailer.send({ to: to.email, ...changedByEditorMail(title(changed.event), action, link, to.locale) });
}
