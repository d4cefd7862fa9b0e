/**
 * The texts of the server's emails, in one table: German (DIN 5008 dates, "Sie") by default,
 * English where the person chose it. Each kind returns a subject and a plain text; the HTML
 * part is made from the text (mail.ts). Titles and reasons come from people: they are text in
 * both parts.
 */
import type { RoleName } from './db/schema.js';

export type Locale = 'de' | 'en';

export interface MailText {
  subject: string;
  text: string;
  /** The language of the text (the HTML part's lang). */
  lang: Locale;
}

export type EditorAction = 'edited' | 'cancelled' | 'deleted';

/** One entry of a digest: already formatted (title, town, when). */
export interface DigestItem {
  title: string;
  town: string;
  when: string;
}

interface Texts {
  greeting: string;
  signature: string;
  signIn(link: string, minutes: number): [string, string];
  invitation(link: string, what: string, inviter: string, days: number): [string, string];
  role(role: RoleName, scope: string, associationName?: string): string;
  receipt(title: string, link: string): [string, string];
  queue(title: string, town: string, link: string): [string, string];
  published(title: string, link: string): [string, string];
  rejected(title: string, reason: string): [string, string];
  changedByEditor(title: string, action: EditorAction, link: string): [string, string];
  digest(day: string, items: readonly DigestItem[], link: string, unsubscribe: string): [string, string];
  region: string;
}

const TEXTS: Record<Locale, Texts> = {
  de: {
    greeting: 'Guten Tag,',
    signature: '-- \nRegionalkalender Wir4Gemeinsam\nDiese Nachricht wurde automatisch erstellt.',
    region: 'die Region',
    signIn: (link, minutes) => [
      'Ihr Anmeldelink für den Regionalkalender',
      `mit diesem Link melden Sie sich in der Redaktion des Regionalkalenders an:\n\n${link}\n\nDer Link gilt einmal und ${minutes} Minuten lang. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht; ohne den Link kann sich niemand anmelden.`,
    ],
    invitation: (link, what, inviter, days) => [
      `Einladung in die Redaktion des Regionalkalenders: ${what}`,
      `${inviter} lädt Sie in die Redaktion des Regionalkalenders Wir4Gemeinsam ein: ${what}.\n\nMit diesem Link nehmen Sie die Einladung an und melden sich an:\n\n${link}\n\nDer Link gilt ${days} Tage lang und einmal. Wenn Sie die Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.`,
    ],
    role: (role, scope, name) =>
      role === 'admin'
        ? 'Verantwortliche der Region'
        : role === 'editor'
          ? `Redaktion ${scope}`
          : `Mitglied von ${name ?? scope}`,
    receipt: (title, link) => [
      `Ihr Termin ist eingegangen: ${title}`,
      `vielen Dank für Ihren Termin „${title}“. Die Redaktion prüft ihn und veröffentlicht ihn dann im Regionalkalender; Sie erhalten dazu eine Nachricht.\n\nÜber diesen persönlichen Link können Sie Ihren Termin ansehen, korrigieren, solange er geprüft wird, und zurückziehen, auch nach der Veröffentlichung:\n\n${link}\n\nBitte geben Sie den Link nicht weiter: Wer ihn kennt, kann Ihren Termin ändern.`,
    ],
    queue: (title, town, link) => [
      `Neuer Termin wartet für ${town}: ${title}`,
      `für ${town} wartet ein neuer Termin auf die Freigabe: „${title}“.\n\nZur Warteschlange:\n\n${link}`,
    ],
    published: (title, link) => [
      `Veröffentlicht: ${title}`,
      `Ihr Termin „${title}“ ist jetzt im Regionalkalender veröffentlicht.\n\n${link}`,
    ],
    rejected: (title, reason) => [
      `Nicht veröffentlicht: ${title}`,
      `die Redaktion hat Ihren Termin „${title}“ nicht veröffentlicht.\n\n${reason ? `Begründung: ${reason}\n\n` : ''}Bei Fragen wenden Sie sich bitte an die Redaktion Ihres Ortes.`,
    ],
    changedByEditor: (title, action, link) => {
      const what = { edited: 'geändert', cancelled: 'als abgesagt markiert', deleted: 'gelöscht' }[action];
      return [
        `Die Redaktion hat Ihren Termin ${what}: ${title}`,
        `die Redaktion hat Ihren Termin „${title}“ ${what}.\n\n${link || 'Die aktuelle Fassung sehen Sie über den persönlichen Link aus Ihrer Eingangsbestätigung.'}`,
      ];
    },
    digest: (day, items, link, unsubscribe) => [
      `Neue Termine vom ${day}: ${items.length} warten auf Freigabe`,
      `seit der letzten Zusammenfassung sind ${items.length === 1 ? 'ein neuer Termin' : `${items.length} neue Termine`} für Ihre Orte eingegangen:\n\n${items
        .map((i) => `- ${i.title}\n  ${i.when} · ${i.town}`)
        .join(
          '\n',
        )}\n\nZur Warteschlange:\n\n${link}\n\nSie erhalten diese Zusammenfassung einmal am Tag, weil Sie sie in der Redaktion unter „Einstellungen“ gewählt haben. Abbestellen mit einem Klick:\n\n${unsubscribe}`,
    ],
  },
  en: {
    greeting: 'Hello,',
    signature: '-- \nWir4Gemeinsam regional calendar\nThis message was sent automatically.',
    region: 'the region',
    signIn: (link, minutes) => [
      'Your sign-in link for the regional calendar',
      `open this link to sign in to the workspace of the regional calendar:\n\n${link}\n\nThe link works once and for ${minutes} minutes. If you did not ask for it, ignore this message; nobody can sign in without the link.`,
    ],
    invitation: (link, what, inviter, days) => [
      `Invitation to the regional calendar's workspace: ${what}`,
      `${inviter} invites you to the workspace of the Wir4Gemeinsam regional calendar: ${what}.\n\nOpen this link to accept the invitation and sign in:\n\n${link}\n\nThe link works once, for ${days} days. If you did not expect the invitation, ignore this message.`,
    ],
    role: (role, scope, name) =>
      role === 'admin' ? 'region admin' : role === 'editor' ? `editor for ${scope}` : `member of ${name ?? scope}`,
    receipt: (title, link) => [
      `Your event has been received: ${title}`,
      `thank you for your event "${title}". The editors will check it and then publish it in the regional calendar; you will receive a message.\n\nWith this private link you can view your event, correct it while it is being checked, and withdraw it, also after publication:\n\n${link}\n\nPlease do not share the link: whoever has it can change your event.`,
    ],
    queue: (title, town, link) => [
      `New event waiting for ${town}: ${title}`,
      `a new event for ${town} is waiting for moderation: "${title}".\n\nOpen the queue:\n\n${link}`,
    ],
    published: (title, link) => [
      `Published: ${title}`,
      `your event "${title}" has been published in the regional calendar.\n\n${link}`,
    ],
    rejected: (title, reason) => [
      `Not published: ${title}`,
      `the editors did not publish your event "${title}".\n\n${reason ? `Reason: ${reason}\n\n` : ''}You may reply to the editors of your town with questions.`,
    ],
    changedByEditor: (title, action, link) => {
      const what = { edited: 'changed', cancelled: 'marked as cancelled', deleted: 'deleted' }[action];
      return [
        `The editors ${what} your event: ${title}`,
        `the editors ${what} your event "${title}".\n\n${link || 'The private link in your receipt shows the current version.'}`,
      ];
    },
    digest: (day, items, link, unsubscribe) => [
      `New events of ${day}: ${items.length} waiting for moderation`,
      `since the last summary, ${items.length === 1 ? 'one new event has' : `${items.length} new events have`} arrived for your towns:\n\n${items
        .map((i) => `- ${i.title}\n  ${i.when} · ${i.town}`)
        .join(
          '\n',
        )}\n\nOpen the queue:\n\n${link}\n\nYou receive this summary once a day because you chose it under "Settings" in the workspace. Unsubscribe with one click:\n\n${unsubscribe}`,
    ],
  },
};

/** 'en' for English, German for everything else (the default). */
export function mailLocale(value: unknown): Locale {
  return value === 'en' ? 'en' : 'de';
}

function mail(lang: string | undefined, make: (t: Texts) => [string, string]): MailText {
  const locale = mailLocale(lang);
  const t = TEXTS[locale];
  const [subject, body] = make(t);
  return { subject, text: `${t.greeting}\n\n${body}\n\n${t.signature}`, lang: locale };
}

export function signInMail(link: string, minutes: number, lang?: string): MailText {
  return mail(lang, (t) => t.signIn(link, minutes));
}

/** An invitation to a role; `inviter` is a name or an address. */
export function invitationMail(
  link: string,
  role: { role: RoleName; scope: string; associationName?: string },
  inviter: string,
  days: number,
  lang?: string,
): MailText {
  return mail(lang, (t) => t.invitation(link, t.role(role.role, role.scope, role.associationName), inviter, days));
}

export function receiptMail(title: string, link: string, lang?: string): MailText {
  return mail(lang, (t) => t.receipt(title, link));
}

/** `town` empty: the region (a submission without a town). */
export function queueMail(title: string, town: string, link: string, lang?: string): MailText {
  return mail(lang, (t) => t.queue(title, town || t.region, link));
}

export function publishedMail(title: string, link: string, lang?: string): MailText {
  return mail(lang, (t) => t.published(title, link));
}

export function rejectedMail(title: string, reason: string, lang?: string): MailText {
  return mail(lang, (t) => t.rejected(title, reason));
}

/**
 * To an association's members and a submitter: an editor changed, cancelled or deleted their
 * event. Without a link (an anonymous submitter) the text points to the receipt's private link.
 */
export function changedByEditorMail(title: string, action: EditorAction, link: string, lang?: string): MailText {
  return mail(lang, (t) => t.changedByEditor(title, action, link));
}

/** The daily digest of new submissions; `day` is already formatted for the locale. */
export function digestMail(
  day: string,
  items: readonly DigestItem[],
  link: string,
  unsubscribe: string,
  lang?: string,
): MailText {
  return mail(lang, (t) => t.digest(day, items, link, unsubscribe));
}

/** The name of a role in the person's language (invitations, the workspace). */
export function roleLabel(role: RoleName, scope: string, associationName?: string, lang?: string): string {
  return TEXTS[mailLocale(lang)].role(role, scope, associationName);
}
