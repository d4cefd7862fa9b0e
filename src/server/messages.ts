/**
 * German messages of the server's answers. The submission form shows the 422 messages next to
 * its fields, so they speak to the person filling it in, not to a developer.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';

export const MSG = {
  required: 'Bitte füllen Sie dieses Feld aus.',
  titleRequired: 'Bitte geben Sie einen Titel ein.',
  titleShort: 'Der Titel ist zu kurz (mindestens 3 Zeichen).',
  startRequired: 'Bitte geben Sie den Beginn an.',
  date: 'Bitte geben Sie ein gültiges Datum an (JJJJ-MM-TT, mit Uhrzeit JJJJ-MM-TTTHH:MM).',
  dateNotExisting: 'Dieses Datum gibt es nicht.',
  endAllDay: 'Bei ganztägigen Terminen ist auch das Ende ein Datum ohne Uhrzeit.',
  endTimed: 'Bei Terminen mit Uhrzeit braucht auch das Ende eine Uhrzeit.',
  endBeforeStart: 'Das Ende muss nach dem Beginn liegen.',
  endOrDuration: 'Bitte geben Sie entweder ein Ende oder eine Dauer an, nicht beides.',
  past: 'Der Termin liegt in der Vergangenheit.',
  tooFarAhead: 'Der Termin liegt zu weit in der Zukunft.',
  url: 'Bitte geben Sie eine vollständige Webadresse an, die mit http:// oder https:// beginnt.',
  email: 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
  zone: 'Diese Zeitzone ist unbekannt.',
  rrule: 'Diese Wiederholung wird nicht unterstützt.',
  rruleFrequency: 'Bitte wählen Sie eine tägliche, wöchentliche, monatliche oder jährliche Wiederholung.',
  duration: 'Bitte geben Sie die Dauer im Format PT2H (2 Stunden) oder P1D (1 Tag) an.',
  status: 'Bitte wählen Sie einen gültigen Status.',
  price: 'Bitte geben Sie den Preis als Text oder als Betrag in Euro an.',
  priceNegative: 'Der Preis darf nicht negativ sein.',
  position: 'Diese Koordinate ist ungültig.',
  recurrenceId: 'Einzelne Termine einer Serie können nicht eingereicht werden.',
  contactName: 'Bitte geben Sie Ihren Namen an.',
  contactEmail: 'Bitte geben Sie Ihre E-Mail-Adresse an, damit wir bei Rückfragen Kontakt aufnehmen können.',
  consent: 'Bitte stimmen Sie der Datenschutzerklärung zu.',
  text: 'Bitte geben Sie einen Text ein.',
  number: 'Bitte geben Sie eine Zahl ein.',
  boolean: 'Bitte wählen Sie Ja oder Nein.',
  list: 'Bitte geben Sie eine Liste an.',
  invalid: 'Diese Angabe ist ungültig.',
  // Answers that are not about a single field:
  notJson: 'Der Inhalt ist kein gültiges JSON.',
  notObject: 'Der Inhalt muss ein JSON-Objekt sein.',
  emptyBody: 'Der Inhalt fehlt.',
  tooLarge: 'Die Einsendung ist zu groß.',
  tooDeep: 'Der Inhalt ist zu tief verschachtelt.',
  contentType: 'Bitte senden Sie die Daten als application/json.',
  rateLimited: 'Sie haben zu viele Termine in kurzer Zeit eingesandt. Bitte warten Sie etwas und versuchen Sie es dann erneut.',
  adminRateLimited:
    'Zu viele Anfragen an die Moderation in kurzer Zeit (auch falsche Schlüssel zählen). Bitte warten Sie etwas und versuchen Sie es dann erneut.',
  idempotencyKey: 'Der Idempotency-Key ist ungültig (1–200 sichtbare ASCII-Zeichen).',
  idempotencyConflict:
    'Dieser Idempotency-Key wurde schon für eine andere Einsendung verwendet. Bitte senden Sie neue Daten mit einem neuen Schlüssel.',
  databaseUnavailable:
    'Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Sekunden erneut; Ihre Eingaben bleiben erhalten.',
  unauthorized: 'Anmeldung erforderlich: Bitte geben Sie den Moderations-Schlüssel an.',
  moderationOff: 'Die Moderation ist ausgeschaltet (W4G_ADMIN_TOKEN ist nicht gesetzt).',
  notFound: 'Nicht gefunden.',
  badRequest: 'Die Anfrage ist ungültig.',
  periodOrder: 'Das Datum „bis“ liegt vor dem Datum „von“.',
  badUrl: 'Die Adresse ist ungültig.',
  urlTooLong: 'Die Adresse ist zu lang.',
  forbidden: 'Der Zugriff auf diese Adresse ist nicht erlaubt.',
  headersTooLarge: 'Die Kopfzeilen der Anfrage sind zu groß.',
  requestTimeout: 'Die Anfrage kam nicht rechtzeitig vollständig an.',
  serverError: 'Interner Fehler. Bitte versuchen Sie es später erneut.',
  // The workspace (accounts, sign-in, permissions):
  signInRequired: 'Bitte melden Sie sich an.',
  csrf: 'Das Sicherheitsmerkmal der Anfrage fehlt oder ist ungültig (X-CSRF-Token). Bitte laden Sie die Seite neu.',
  foreignOrigin: 'Diese Anfrage kommt von einer anderen Website und wird nicht ausgeführt.',
  linkRateLimited: 'Zu viele Anmeldelinks in kurzer Zeit angefordert. Bitte warten Sie etwas und versuchen Sie es dann erneut.',
  linkSent:
    'Wenn zu dieser Adresse ein Zugang besteht, ist ein Anmeldelink unterwegs. Bitte sehen Sie in Ihr Postfach; der Link gilt 15 Minuten.',
  noRole: 'Ihr Zugang hat noch keine Rolle. Bitte wenden Sie sich an die Redaktion Ihres Ortes.',
  forbiddenAssociation: 'Sie dürfen nur für Ihren eigenen Verein handeln.',
  forbiddenTown: 'Dafür ist die Redaktion eines anderen Ortes zuständig.',
  forbiddenAdmin: 'Das dürfen nur die Verantwortlichen der Region.',
  forbiddenInvite: 'Sie dürfen nur Mitglieder Ihres eigenen Vereins einladen.',
  notPending: 'Dieser Termin wird nicht mehr geprüft und kann hier nicht mehr korrigiert werden.',
  versionConflict:
    'Jemand anderes hat diesen Termin inzwischen geändert. Bitte vergleichen Sie beide Fassungen und speichern Sie erneut.',
  unknownAssociation: 'Diesen Verein gibt es im Verzeichnis nicht.',
  unknownTown: 'Bitte geben Sie den Ort des Termins an.',
  badLink: 'Dieser Link ist ungültig.',
  lastAdmin:
    'Sie sind die letzte verantwortliche Person der Region. Bitte laden Sie zuerst eine weitere ein, bevor Sie Ihren Zugang löschen.',
  noticesNotEditor:
    'Nachrichten zu neuen Einsendungen gibt es nur für die Redaktion eines Ortes und die Verantwortlichen der Region.',
  reasonTooLong: 'Bitte fassen Sie die Begründung kürzer (höchstens 1000 Zeichen).',
} as const;

const DATE_FIELDS = new Set(['start', 'end', 'recurrenceId', 'exdates', 'rdates', 'updated']);
const URL_FIELDS = new Set(['url', 'image', 'contact.url', 'website', 'logo']);

/** The form field an Ajv error is about: `location.name`; array items count as their array. */
export function fieldOf(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1);
  if (error.keyword === 'required') segments.push(String((error.params as { missingProperty: string }).missingProperty));
  if (error.keyword === 'not' && segments.length === 0) return 'end'; // "end and duration together"
  const names = segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).filter((s) => !/^\d+$/.test(s));
  return names.join('.');
}

/** A German message for one Ajv error, or undefined when another error says it better. */
export function messageOf(field: string, error: ErrorObject): string | undefined {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined; // its then/else branch reports the detail
    case 'required':
      if (field === 'title') return MSG.titleRequired;
      if (field === 'start') return MSG.startRequired;
      return MSG.required;
    case 'not':
      return field === 'end' && error.instancePath === '' ? MSG.endOrDuration : field === 'end' ? MSG.endTimed : MSG.invalid;
    case 'anyOf':
      return field === 'price' ? MSG.price : MSG.invalid;
    case 'minLength':
      if (params['limit'] === 1) return field === 'title' ? MSG.titleRequired : MSG.required;
      return `Bitte geben Sie mindestens ${String(params['limit'])} Zeichen ein.`;
    case 'maxLength':
      return `Bitte kürzen Sie auf höchstens ${String(params['limit'])} Zeichen.`;
    case 'pattern':
    case 'format':
      if (field === 'end' && error.schemaPath.includes('/then/')) return MSG.endAllDay;
      if (DATE_FIELDS.has(field)) return MSG.date;
      if (URL_FIELDS.has(field)) return MSG.url;
      if (field.endsWith('email')) return MSG.email;
      if (field === 'timeZone') return MSG.zone;
      if (field === 'rrule') return MSG.rrule;
      if (field === 'duration') return MSG.duration;
      return MSG.invalid;
    case 'enum':
      return field === 'status' ? MSG.status : MSG.invalid;
    case 'minimum':
    case 'maximum':
      if (field === 'price') return MSG.priceNegative;
      if (field === 'location.lat' || field === 'location.lon') return MSG.position;
      return MSG.invalid;
    case 'type': {
      // A field that may also be null (a cleared field of a series edit) names both types.
      const types = [params['type']]
        .flat()
        .map(String)
        .filter((t) => t !== 'null');
      const type = types.length === 1 ? types[0] : '';
      if (type === 'string') return MSG.text;
      if (type === 'number' || type === 'integer') return MSG.number;
      if (type === 'boolean') return MSG.boolean;
      if (type === 'array') return MSG.list;
      return MSG.invalid;
    }
    default:
      return MSG.invalid;
  }
}

/** Ranks so that a summary error (anyOf, not, required) wins over the details behind it. */
function rank(error: ErrorObject): number {
  if (error.keyword === 'anyOf' || error.keyword === 'not') return 0;
  if (error.keyword === 'required') return 1;
  return 2;
}

/** Ajv's errors as `{ field: message }`, one message per field. */
export function fieldErrors(errors: readonly ErrorObject[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of [...errors].sort((a, b) => rank(a) - rank(b))) {
    const field = fieldOf(error);
    const message = messageOf(field, error);
    const key = prefix + field;
    if (message && out[key] === undefined) out[key] = message;
  }
  return out;
}
