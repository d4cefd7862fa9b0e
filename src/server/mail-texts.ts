/**
 * The texts of the server's emails: German (DIN 5008 dates, "Sie"), English where the person
 * chose it. Each returns a subject and a plain text; the HTML part is made from the text
 * (mail.ts). Titles and reasons come from people: they are text in both parts.
 */
export type Locale = 'de' | 'en';

export interface MailText {
  subject: string;
  text: string;
}

const SIGNATURE = {
  de: '-- \nRegionalkalender Wir4Gemeinsam\nDiese Nachricht wurde automatisch erstellt.',
  en: '-- \nWir4Gemeinsam regional calendar\nThis message was sent automatically.',
};

function locale(value: string | undefined): Locale {
  return value === 'en' ? 'en' : 'de';
}

export function signInMail(link: string, minutes: number, lang?: string): MailText {
  if (locale(lang) === 'en') {
    return {
      subject: 'Your sign-in link for the regional calendar',
      text: `Hello,\n\nopen this link to sign in to the workspace of the regional calendar:\n\n${link}\n\nThe link works once and for ${minutes} minutes. If you did not ask for it, ignore this message; nobody can sign in without the link.\n\n${SIGNATURE.en}`,
    };
  }
  return {
    subject: 'Ihr Anmeldelink für den Regionalkalender',
    text: `Guten Tag,\n\nmit diesem Link melden Sie sich in der Redaktion des Regionalkalenders an:\n\n${link}\n\nDer Link gilt einmal und ${minutes} Minuten lang. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese Nachricht; ohne den Link kann sich niemand anmelden.\n\n${SIGNATURE.de}`,
  };
}

export function invitationMail(link: string, what: string, inviter: string, days: number): MailText {
  return {
    subject: `Einladung in die Redaktion des Regionalkalenders: ${what}`,
    text: `Guten Tag,\n\n${inviter} lädt Sie in die Redaktion des Regionalkalenders Wir4Gemeinsam ein: ${what}.\n\nMit diesem Link nehmen Sie die Einladung an und melden sich an:\n\n${link}\n\nDer Link gilt ${days} Tage lang und einmal. Wenn Sie die Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.\n\n${SIGNATURE.de}`,
  };
}

export function receiptMail(title: string, link: string): MailText {
  return {
    subject: `Ihr Termin ist eingegangen: ${title}`,
    text: `Guten Tag,\n\nvielen Dank für Ihren Termin „${title}“. Die Redaktion prüft ihn und veröffentlicht ihn dann im Regionalkalender; Sie erhalten dazu eine Nachricht.\n\nÜber diesen persönlichen Link können Sie Ihren Termin ansehen, korrigieren, solange er geprüft wird, und zurückziehen, auch nach der Veröffentlichung:\n\n${link}\n\nBitte geben Sie den Link nicht weiter: Wer ihn kennt, kann Ihren Termin ändern.\n\n${SIGNATURE.de}`,
  };
}

export function queueMail(title: string, town: string, link: string, lang?: string): MailText {
  if (locale(lang) === 'en') {
    return {
      subject: `New event waiting for ${town}: ${title}`,
      text: `Hello,\n\na new event for ${town} is waiting for moderation: "${title}".\n\nOpen the queue:\n\n${link}\n\n${SIGNATURE.en}`,
    };
  }
  return {
    subject: `Neuer Termin wartet für ${town}: ${title}`,
    text: `Guten Tag,\n\nfür ${town} wartet ein neuer Termin auf die Freigabe: „${title}“.\n\nZur Warteschlange:\n\n${link}\n\n${SIGNATURE.de}`,
  };
}

export function publishedMail(title: string, link: string, lang?: string): MailText {
  if (locale(lang) === 'en') {
    return {
      subject: `Published: ${title}`,
      text: `Hello,\n\nyour event "${title}" has been published in the regional calendar.\n\n${link}\n\n${SIGNATURE.en}`,
    };
  }
  return {
    subject: `Veröffentlicht: ${title}`,
    text: `Guten Tag,\n\nIhr Termin „${title}“ ist jetzt im Regionalkalender veröffentlicht.\n\n${link}\n\n${SIGNATURE.de}`,
  };
}

export function rejectedMail(title: string, reason: string, lang?: string): MailText {
  if (locale(lang) === 'en') {
    return {
      subject: `Not published: ${title}`,
      text: `Hello,\n\nthe editors did not publish your event "${title}".\n\n${reason ? `Reason: ${reason}\n\n` : ''}You may reply to the editors of your town with questions.\n\n${SIGNATURE.en}`,
    };
  }
  return {
    subject: `Nicht veröffentlicht: ${title}`,
    text: `Guten Tag,\n\ndie Redaktion hat Ihren Termin „${title}“ nicht veröffentlicht.\n\n${reason ? `Begründung: ${reason}\n\n` : ''}Bei Fragen wenden Sie sich bitte an die Redaktion Ihres Ortes.\n\n${SIGNATURE.de}`,
  };
}

/** To an association's members (and a submitter): an editor changed, cancelled or deleted their event. */
export function changedByEditorMail(
  title: string,
  action: 'edited' | 'cancelled' | 'deleted',
  link: string,
  lang?: string,
): MailText {
  if (locale(lang) === 'en') {
    const what = { edited: 'changed', cancelled: 'marked as cancelled', deleted: 'deleted' }[action];
    return {
      subject: `The editors ${what} your event: ${title}`,
      text: `Hello,\n\nthe editors ${what} your event "${title}".\n\n${link}\n\n${SIGNATURE.en}`,
    };
  }
  const what = { edited: 'geändert', cancelled: 'als abgesagt markiert', deleted: 'gelöscht' }[action];
  return {
    subject: `Die Redaktion hat Ihren Termin ${what}: ${title}`,
    text: `Guten Tag,\n\ndie Redaktion hat Ihren Termin „${title}“ ${what}.\n\n${link}\n\n${SIGNATURE.de}`,
  };
}
