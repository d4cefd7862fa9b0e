/**
 * The server's scheduled jobs of mail and data protection, in every instance's process:
 *
 * - The daily digest: once a day, from `mail.digestHour` (in the calendar's zone), each person
 *   who chose "tägliche Zusammenfassung" gets one mail with the submissions for their towns that
 *   arrived since the previous digest and still wait. The run is claimed by inserting the
 *   day's row (db/preferences.ts): with several instances on one database exactly one sends.
 *   Nobody gets a mail when nothing is new for them. Every digest carries List-Unsubscribe
 *   and List-Unsubscribe-Post (RFC 8058) with a signed link to this server.
 * - Retention: the contact of submitters is deleted N days after their event (retention.ts).
 *
 * Both are methods too (runDigest, runRetention), so tests run them under their own clock.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { formatMoment, formatShortDate, todayIn } from '../core/index.js';
import type { AppContext } from './context.js';
import { PreferenceStore } from './db/preferences.js';
import { digestMail, mailLocale, type DigestItem } from './mail-texts.js';
import { deleteExpiredContacts } from './retention.js';

/** How often the schedule looks whether a job is due. */
const TICK_MS = 5 * 60_000;
/** Retention runs at most this often per instance. */
const RETENTION_EVERY_MS = 60 * 60_000;

const SECRET_KEY = 'unsubscribe_secret';

/** The hour (0–23) of `now` in `zone`. */
export function hourIn(zone: string, now: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(now));
}

export class MailJobs {
  readonly preferences: PreferenceStore;
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastRetention = 0;
  private secret: Buffer | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.preferences = new PreferenceStore(ctx.store.db, ctx.store.dialect, ctx.now);
  }

  /** Starts the schedule (a first look soon after the start, then every few minutes). */
  start(): void {
    if (this.timer) return;
    const first = setTimeout(() => this.tick(), 10_000);
    first.unref();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
    this.first = first;
  }

  stop(): void {
    clearTimeout(this.first);
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Resolves when a run in progress has finished (shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = (async () => {
      try {
        if (hourIn(this.ctx.config.feed.timeZone, this.ctx.now()) >= this.ctx.config.mail.digestHour) await this.runDigest();
        if (this.ctx.now().getTime() - this.lastRetention >= RETENTION_EVERY_MS) await this.runRetention();
      } catch (error) {
        this.log().error({ error: (error as Error).message }, 'scheduled mail/privacy job failed; the next tick retries');
      } finally {
        this.running = undefined;
      }
    })();
  }

  private log(): FastifyBaseLogger {
    return this.logger;
  }

  // --- one-click unsubscribe --------------------------------------------------------------

  /** The key of the unsubscribe links: random, made once, shared by every instance (meta table). */
  private async key(): Promise<Buffer> {
    if (!this.secret) {
      await this.ctx.store.initMeta(SECRET_KEY, randomBytes(32).toString('base64url'));
      this.secret = Buffer.from((await this.ctx.store.getMeta(SECRET_KEY))!, 'base64url');
    }
    return this.secret;
  }

  private async mac(accountId: string): Promise<Buffer> {
    return createHmac('sha256', await this.key())
      .update(`w4g-unsubscribe-digest\u0000${accountId}`)
      .digest();
  }

  /** `<account id>.<HMAC-SHA256 of it>`: works without a session, only for this account and this list. */
  async unsubscribeToken(accountId: string): Promise<string> {
    return `${accountId}.${(await this.mac(accountId)).toString('base64url')}`;
  }

  /** The account a token belongs to, when its signature is right. */
  async verifyUnsubscribe(token: string): Promise<string | undefined> {
    const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return undefined;
    const given = Buffer.from(m[2]!, 'base64url');
    const expected = await this.mac(m[1]!);
    return given.length === expected.length && timingSafeEqual(given, expected) ? m[1] : undefined;
  }

  unsubscribeUrl(token: string): string {
    return `${this.ctx.origin()}/redaktion/abbestellen?token=${token}`;
  }

  // --- the daily digest -------------------------------------------------------------------

  /**
   * Sends today's digest if no instance has (claims the day first). Returns the day and how
   * many mails went out, or undefined when another run had the day already.
   */
  async runDigest(): Promise<{ day: string; sent: number } | undefined> {
    const zone = this.ctx.config.feed.timeZone;
    const day = todayIn(zone, this.ctx.now().getTime());
    const claim = await this.preferences.claimDigest(day, this.owner);
    if (!claim) return undefined;
    const submissions = (await this.preferences.pendingBetween(claim.since, claim.until)).map((s) => ({
      id: s.id,
      event: JSON.parse(s.event) as Record<string, unknown>,
    }));
    let sent = 0;
    if (submissions.length) {
      const accounts = this.ctx.store.accounts;
      const editorTowns = new Set<string>();
      for (const a of await accounts.listAccounts()) {
        if (a.disabled) continue;
        for (const r of a.roles) if (r.role === 'editor') editorTowns.add(r.scope);
      }
      const queue = `${this.ctx.origin()}/redaktion/#warteschlange`;
      for (const subscriber of await this.preferences.digestSubscribers()) {
        const p = await accounts.principal(subscriber.id);
        if (!p) continue;
        // Editors: their towns; region admins: the towns nobody edits (they get those at once otherwise).
        const mine = submissions.filter((s) => {
          const town = typeof s.event['town'] === 'string' ? s.event['town'] : '';
          return (town && p.towns.includes(town)) || (p.admin && !editorTowns.has(town));
        });
        if (!mine.length) continue;
        const lang = mailLocale(p.locale);
        const items: DigestItem[] = mine.map((s) => ({
          title: String(s.event['title']).replace(/\s+/g, ' ').slice(0, 200),
          town:
            typeof s.event['town'] === 'string' && s.event['town'] ? s.event['town'] : lang === 'en' ? 'the region' : 'Region',
          when: when(s.event['start'], zone, lang),
        }));
        const unsubscribe = this.unsubscribeUrl(await this.unsubscribeToken(p.id));
        // One recipient's failed delivery does not keep the others from theirs (the day is claimed).
        try {
          await this.ctx.mailer.sendNow({
            to: p.email,
            ...digestMail(formatShortDate(day, lang), items, queue, unsubscribe, lang),
            headers: {
              'List-Unsubscribe': `<${unsubscribe}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              Precedence: 'bulk',
            },
          });
          sent++;
        } catch (error) {
          this.log().error({ error: (error as Error).message }, 'a daily digest could not be sent');
        }
      }
    }
    await this.preferences.digestSent(day, sent);
    this.log().info({ day, sent, submissions: submissions.length }, 'daily digest done');
    return { day, sent };
  }

  // --- retention --------------------------------------------------------------------------

  async runRetention(): Promise<{ submissions: number; requests: number }> {
    const now = this.ctx.now();
    this.lastRetention = now.getTime();
    const done = await deleteExpiredContacts(this.preferences, {
      days: this.ctx.config.privacy.contactRetentionDays,
      zone: this.ctx.config.feed.timeZone,
      now,
    });
    if (done.submissions || done.requests) this.log().info(done, 'contact data past its retention time deleted');
    return done;
  }
}

function when(start: unknown, zone: string, lang: 'de' | 'en'): string {
  if (typeof start !== 'string') return '';
  try {
    return formatMoment(start, zone, lang);
  } catch {
    return start;
  }
}
