/**
 * A real SMTP server in the test process (smtp-server), whose messages are parsed with
 * mailparser: the server under test sends through nodemailer to it, as it would to a provider.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Inbox {
  /** smtp://127.0.0.1:<port> for W4G_SMTP_URL. */
  url: string;
  messages: ParsedMail[];
  /** The first message (received so far or later) to `to` that `match` accepts. */
  next(to: string, match?: (mail: ParsedMail) => boolean): Promise<ParsedMail>;
  close(): Promise<void>;
}

export function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
}

export async function startInbox(): Promise<Inbox> {
  const messages: ParsedMail[] = [];
  const waiting: { to: string; match: (mail: ParsedMail) => boolean; resolve: (mail: ParsedMail) => void }[] = [];
  const taken = new Set<ParsedMail>();
  const offer = (mail: ParsedMail): boolean => {
    const i = waiting.findIndex((w) => recipients(mail).includes(w.to) && w.match(mail));
    if (i < 0) return false;
    const [w] = waiting.splice(i, 1);
    taken.add(mail);
    w!.resolve(mail);
    return true;
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          offer(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    next(to, match = () => true) {
      const address = to.toLowerCase();
      const found = messages.find((m) => !taken.has(m) && recipients(m).includes(address) && match(m));
      if (found) {
        taken.add(found);
        return Promise.resolve(found);
      }
      return new Promise((resolve) => waiting.push({ to: address, match, resolve }));
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The first link to the server in a mail's text. */
export function linkIn(mail: ParsedMail, path: string): string {
  const match = new RegExp(`https?://[^\\s]+${path.replace(/[.?]/g, '\\$&')}[^\\s]*`).exec(mail.text ?? '');
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[0];
}
