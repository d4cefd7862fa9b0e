/**
 * Email: through SMTP (W4G_SMTP_URL) with nodemailer, or, without it (the `npm start`
 * default), into a local outbox folder where every message is an .eml file that any mail
 * program opens. Messages are sent in the background: a request never waits for a mail
 * server, and a failed delivery is logged, not answered.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text; the HTML part is made from it (links become links, nothing else is markup). */
  text: string;
  /** The language of the text (the HTML part's lang; Content-Language); default German. */
  lang?: 'de' | 'en';
  /** Further headers (List-Unsubscribe of a digest). */
  headers?: Record<string, string>;
}

export interface OutboxEntry {
  file: string;
  to: string;
  subject: string;
  date: string;
}

export interface MailerOptions {
  from: string;
  /** smtp(s)://user:password@host:port; without it, the outbox. */
  smtpUrl?: string;
  outbox: string;
  log: FastifyBaseLogger;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The HTML part: paragraphs of the text, escaped, with its https?:// links clickable. */
export function htmlOf(subject: string, text: string, lang: 'de' | 'en' = 'de'): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((block) => {
      const escaped = escapeHtml(block).replace(/\n/g, '<br>\n');
      const linked = escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
      return `<p>${linked}</p>`;
    })
    .join('\n');
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body>\n${paragraphs}\n</body></html>\n`;
}

export class Mailer {
  private readonly transport: Transporter;
  private readonly pending = new Set<Promise<void>>();
  readonly mode: 'smtp' | 'outbox';
  readonly outbox: string;

  constructor(private readonly options: MailerOptions) {
    this.outbox = resolve(options.outbox);
    if (options.smtpUrl) {
      this.mode = 'smtp';
      this.transport = nodemailer.createTransport(options.smtpUrl);
    } else {
      this.mode = 'outbox';
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    }
  }

  /** Sends now; resolves when the message is delivered to the server or written. */
  async sendNow(message: MailMessage): Promise<void> {
    const info = (await this.transport.sendMail({
      from: this.options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: htmlOf(message.subject, message.text, message.lang),
      headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': message.lang ?? 'de', ...message.headers },
    })) as { message?: Buffer };
    if (this.mode === 'outbox') {
      mkdirSync(this.outbox, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      writeFileSync(join(this.outbox, `${stamp}-${randomBytes(4).toString('hex')}.eml`), info.message ?? '', { mode: 0o600 });
    }
  }

  /** Sends in the background; failures are logged (never the message's text: it may hold a link). */
  send(message: MailMessage): void {
    const job = this.sendNow(message)
      .catch((error: unknown) =>
        this.options.log.error({ error: (error as Error).message, subject: message.subject }, 'email could not be sent'),
      )
      .finally(() => this.pending.delete(job));
    this.pending.add(job);
  }

  /** Resolves when every message sent so far is out (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  close(): void {
    this.transport.close();
  }

  /** The outbox's messages, newest first (development: the workspace shows them). */
  outboxEntries(limit = 50): OutboxEntry[] {
    let files: string[];
    try {
      files = readdirSync(this.outbox).filter((f) => f.endsWith('.eml'));
    } catch {
      return [];
    }
    return files
      .sort()
      .reverse()
      .slice(0, limit)
      .map((file) => {
        const head = readFileSync(join(this.outbox, file), 'utf8').split(/\r?\n\r?\n/)[0] ?? '';
        const header = (name: string): string =>
          decodeHeader(new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? '');
        return { file, to: header('To'), subject: header('Subject'), date: header('Date') };
      });
  }

  /** One outbox message as text, or undefined (the name must be one of the folder's files). */
  outboxMessage(file: string): string | undefined {
    if (!/^[\w-]+\.eml$/.test(file)) return undefined;
    try {
      return readFileSync(join(this.outbox, file), 'utf8');
    } catch {
      return undefined;
    }
  }
}

/** Decodes RFC 2047 encoded words (=?UTF-8?Q?…?= and =?UTF-8?B?…?=) as nodemailer writes them. */
export function decodeHeader(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, kind: string, data: string) => {
    if (kind.toLowerCase() === 'b') return Buffer.from(data, 'base64').toString('utf8');
    const bytes = data
      .replace(/_/g, ' ')
      .replace(/=([0-9a-f]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}
