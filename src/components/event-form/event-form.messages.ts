/**
 * The form's texts live with the form, so that pages without a form do not download them
 * (the form is a chunk of its own in the script-tag bundle).
 */
import type { Locale } from '../../core/index.js';

export interface FormMessages {
  label: string;
  requiredNote: string;
  required: string;
  sectionEvent: string;
  sectionWhen: string;
  sectionPlace: string;
  sectionDetails: string;
  sectionContact: string;
  sectionConsent: string;
  title: string;
  description: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  timeHint: string;
  allDay: string;
  repeat: string;
  repeatNone: string;
  repeatWeekly: (weekday: string) => string;
  repeatBiweekly: (weekday: string) => string;
  /** `nth` is 1–4, or -1 for the last such weekday of the month; without a start date both are absent. */
  repeatMonthly: (nth?: number, weekday?: string) => string;
  until: string;
  untilHint: string;
  town: string;
  choose: string;
  townOther: string;
  otherTown: string;
  placeName: string;
  placeAddress: string;
  addressHint: string;
  category: string;
  organizer: string;
  organizerHint: string;
  audience: string;
  /** Labels of the audience values (sent in German): Kinder, Jugendliche, Familien, Erwachsene, Senioren. */
  audienceLabels: string[];
  accessibility: string;
  /** Labels of rollstuhlgerecht, barrierefreie Toilette, Induktionsschleife, Gebärdensprache. */
  accessibilityLabels: string[];
  price: string;
  priceHint: string;
  free: string;
  url: string;
  image: string;
  urlHint: string;
  contactName: string;
  contactEmail: string;
  contactHint: string;
  privacyBefore: string;
  privacyLink: string;
  privacyAfter: string;
  license: (license: string) => string;
  honeypot: string;
  submit: string;
  sending: string;
  draftRestored: string;
  summaryTitle: (count: number) => string;
  success: string;
  another: string;
  problemTitle: string;
  rateLimited: (seconds?: number) => string;
  serverError: (status?: number) => string;
  network: string;
  offline: string;
  retry: string;
  errors: {
    titleRequired: string;
    titleShort: string;
    /** A value longer than the feed's JSON Schema allows for that field. */
    tooLong: (max: number) => string;
    startRequired: string;
    date: string;
    time: string;
    past: string;
    endBeforeStart: string;
    endTimeMissing: string;
    startTimeMissing: string;
    untilBeforeStart: string;
    otherTown: string;
    url: string;
    email: string;
    contactName: string;
    contactEmail: string;
    privacy: string;
    license: string;
  };
}

const de: FormMessages = {
  label: 'Termin eintragen',
  requiredNote: 'Pflichtfelder sind mit * markiert.',
  required: 'Pflichtfeld',
  sectionEvent: 'Veranstaltung',
  sectionWhen: 'Wann',
  sectionPlace: 'Wo',
  sectionDetails: 'Weitere Angaben',
  sectionContact: 'Ihre Kontaktdaten',
  sectionConsent: 'Einverständnis',
  title: 'Titel',
  description: 'Beschreibung',
  startDate: 'Datum des Beginns',
  startTime: 'Uhrzeit des Beginns',
  endDate: 'Datum des Endes',
  endTime: 'Uhrzeit des Endes',
  timeHint: 'Uhrzeiten gelten für Deutschland (MEZ/MESZ).',
  allDay: 'ganztägig',
  repeat: 'Wiederholung',
  repeatNone: 'keine',
  repeatWeekly: (weekday) => `jede Woche am ${weekday}`,
  repeatBiweekly: (weekday) => `alle zwei Wochen am ${weekday}`,
  repeatMonthly: (nth, weekday) =>
    weekday === undefined
      ? 'monatlich am gleichen Wochentag'
      : nth === -1
        ? `am letzten ${weekday} im Monat`
        : `am ${nth ?? 1}. ${weekday} im Monat`,
  until: 'Wiederholen bis',
  untilHint: 'Der letzte Tag, an dem der Termin stattfindet.',
  town: 'Gemeinde',
  choose: 'Bitte wählen',
  townOther: 'anderer Ort',
  otherTown: 'Name des Ortes',
  placeName: 'Veranstaltungsort',
  placeAddress: 'Adresse',
  addressHint: 'Straße, Hausnummer, Postleitzahl und Ort, z. B. Hinter dem Zoll 2, 06449 Aschersleben.',
  category: 'Kategorie',
  organizer: 'Veranstalter',
  organizerHint: 'Wählen Sie Ihren Verein aus der Liste oder geben Sie einen Namen ein.',
  audience: 'Für wen?',
  audienceLabels: ['Kinder', 'Jugendliche', 'Familien', 'Erwachsene', 'Senioren'],
  accessibility: 'Barrierefreiheit',
  accessibilityLabels: ['rollstuhlgerecht', 'barrierefreie Toilette', 'Induktionsschleife', 'Gebärdensprache'],
  price: 'Eintritt',
  priceHint: 'Zum Beispiel: 5 €, ermäßigt 3 €',
  free: 'Eintritt frei',
  url: 'Webseite zur Veranstaltung',
  image: 'Adresse eines Bildes',
  urlHint: 'Beginnt mit https:// oder http://',
  contactName: 'Ihr Name',
  contactEmail: 'Ihre E-Mail-Adresse',
  contactHint: 'Nur für Rückfragen der Redaktion; wird nie veröffentlicht.',
  privacyBefore: 'Ich habe die ',
  privacyLink: 'Datenschutzhinweise',
  privacyAfter: ' gelesen und bin mit der Verarbeitung meiner Angaben einverstanden.',
  license: (license) => `Ich bin einverstanden, dass der Termin unter der offenen Lizenz ${license} veröffentlicht wird.`,
  honeypot: 'Bitte dieses Feld leer lassen',
  submit: 'Termin einreichen',
  sending: 'Der Termin wird gesendet …',
  draftRestored: 'Ihr gespeicherter Entwurf wurde wiederhergestellt.',
  summaryTitle: (count) => (count === 1 ? 'Bitte korrigieren Sie 1 Angabe:' : `Bitte korrigieren Sie ${count} Angaben:`),
  success: 'Danke! Ihr Termin wird nach Prüfung veröffentlicht.',
  another: 'Weiteren Termin eintragen',
  problemTitle: 'Der Termin wurde nicht gesendet.',
  rateLimited: (seconds) =>
    seconds === undefined
      ? 'Sie haben zu viele Termine in kurzer Zeit eingesandt. Bitte warten Sie etwas und versuchen Sie es dann erneut.'
      : seconds < 120
        ? `Sie haben zu viele Termine in kurzer Zeit eingesandt. Bitte warten Sie ${seconds} Sekunden und versuchen Sie es dann erneut.`
        : `Sie haben zu viele Termine in kurzer Zeit eingesandt. Bitte warten Sie etwa ${Math.ceil(seconds / 60)} Minuten und versuchen Sie es dann erneut.`,
  serverError: (status) =>
    `Der Server hat mit einem Fehler geantwortet${status ? ` (${status})` : ''}. Ihre Angaben bleiben erhalten; bitte versuchen Sie es erneut.`,
  network: 'Der Server ist nicht erreichbar. Ihre Angaben bleiben erhalten; bitte versuchen Sie es erneut.',
  offline: 'Sie sind offline. Ihre Angaben bleiben erhalten; bitte versuchen Sie es erneut, sobald Sie wieder verbunden sind.',
  retry: 'Erneut senden',
  errors: {
    titleRequired: 'Bitte geben Sie einen Titel ein.',
    titleShort: 'Der Titel ist zu kurz (mindestens 3 Zeichen).',
    tooLong: (max) => `Bitte höchstens ${max} Zeichen eingeben.`,
    startRequired: 'Bitte geben Sie das Datum des Beginns an.',
    date: 'Bitte geben Sie ein gültiges Datum an.',
    time: 'Bitte geben Sie eine gültige Uhrzeit an.',
    past: 'Der Termin liegt in der Vergangenheit.',
    endBeforeStart: 'Das Ende muss nach dem Beginn liegen.',
    endTimeMissing: 'Bitte geben Sie auch die Uhrzeit des Endes an.',
    startTimeMissing: 'Bitte geben Sie auch die Uhrzeit des Beginns an.',
    untilBeforeStart: 'Das Ende der Wiederholung muss nach dem Beginn liegen.',
    otherTown: 'Bitte geben Sie den Namen des Ortes an.',
    url: 'Bitte geben Sie eine vollständige Webadresse an, die mit http:// oder https:// beginnt.',
    email: 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
    contactName: 'Bitte geben Sie Ihren Namen an.',
    contactEmail: 'Bitte geben Sie Ihre E-Mail-Adresse an, damit wir bei Rückfragen Kontakt aufnehmen können.',
    privacy: 'Bitte stimmen Sie den Datenschutzhinweisen zu.',
    license: 'Bitte stimmen Sie der Veröffentlichung unter der offenen Lizenz zu.',
  },
};

const en: FormMessages = {
  label: 'Submit an event',
  requiredNote: 'Required fields are marked with *.',
  required: 'required',
  sectionEvent: 'Event',
  sectionWhen: 'When',
  sectionPlace: 'Where',
  sectionDetails: 'More details',
  sectionContact: 'Your contact details',
  sectionConsent: 'Consent',
  title: 'Title',
  description: 'Description',
  startDate: 'Start date',
  startTime: 'Start time',
  endDate: 'End date',
  endTime: 'End time',
  timeHint: 'Times are German local time (CET/CEST).',
  allDay: 'all day',
  repeat: 'Repeat',
  repeatNone: 'never',
  repeatWeekly: (weekday) => `every week on ${weekday}`,
  repeatBiweekly: (weekday) => `every two weeks on ${weekday}`,
  repeatMonthly: (nth, weekday) =>
    weekday === undefined
      ? 'monthly on the same weekday'
      : nth === -1
        ? `on the last ${weekday} of the month`
        : `on the ${['', '1st', '2nd', '3rd', '4th'][nth ?? 1]} ${weekday} of the month`,
  until: 'Repeat until',
  untilHint: 'The last day on which the event takes place.',
  town: 'Town',
  choose: 'Please choose',
  townOther: 'another place',
  otherTown: 'Name of the place',
  placeName: 'Venue',
  placeAddress: 'Address',
  addressHint: 'Street, number, postcode and town, e.g. Hinter dem Zoll 2, 06449 Aschersleben.',
  category: 'Category',
  organizer: 'Organizer',
  organizerHint: 'Pick your association from the list or type a name.',
  audience: 'For whom?',
  audienceLabels: ['Children', 'Teenagers', 'Families', 'Adults', 'Seniors'],
  accessibility: 'Accessibility',
  accessibilityLabels: ['Wheelchair accessible', 'Accessible toilet', 'Induction loop', 'Sign language'],
  price: 'Admission',
  priceHint: 'For example: 5 €, reduced 3 €',
  free: 'Free admission',
  url: 'Event website',
  image: 'Address of an image',
  urlHint: 'Starts with https:// or http://',
  contactName: 'Your name',
  contactEmail: 'Your e-mail address',
  contactHint: 'Only for questions from the editors; never published.',
  privacyBefore: 'I have read the ',
  privacyLink: 'privacy notice',
  privacyAfter: ' and agree to the processing of my details.',
  license: (license) => `I agree that the event is published under the open licence ${license}.`,
  honeypot: 'Please leave this field empty',
  submit: 'Submit event',
  sending: 'Sending the event …',
  draftRestored: 'Your saved draft has been restored.',
  summaryTitle: (count) => (count === 1 ? 'Please correct 1 entry:' : `Please correct ${count} entries:`),
  success: 'Thank you! Your event will be published after review.',
  another: 'Submit another event',
  problemTitle: 'The event was not sent.',
  rateLimited: (seconds) =>
    seconds === undefined
      ? 'You have submitted too many events in a short time. Please wait a little and try again.'
      : seconds < 120
        ? `You have submitted too many events in a short time. Please wait ${seconds} seconds and try again.`
        : `You have submitted too many events in a short time. Please wait about ${Math.ceil(seconds / 60)} minutes and try again.`,
  serverError: (status) =>
    `The server answered with an error${status ? ` (${status})` : ''}. Your entries are kept; please try again.`,
  network: 'The server cannot be reached. Your entries are kept; please try again.',
  offline: 'You are offline. Your entries are kept; please try again once you are connected.',
  retry: 'Send again',
  errors: {
    titleRequired: 'Please enter a title.',
    titleShort: 'The title is too short (at least 3 characters).',
    tooLong: (max) => `Please enter at most ${max} characters.`,
    startRequired: 'Please enter the start date.',
    date: 'Please enter a valid date.',
    time: 'Please enter a valid time.',
    past: 'The event lies in the past.',
    endBeforeStart: 'The end must be after the start.',
    endTimeMissing: 'Please also enter the end time.',
    startTimeMissing: 'Please also enter the start time.',
    untilBeforeStart: 'The end of the repetition must be after the start.',
    otherTown: 'Please enter the name of the place.',
    url: 'Please enter a full web address starting with http:// or https://.',
    email: 'Please enter a valid e-mail address.',
    contactName: 'Please enter your name.',
    contactEmail: 'Please enter your e-mail address so that we can contact you with questions.',
    privacy: 'Please agree to the privacy notice.',
    license: 'Please agree to publication under the open licence.',
  },
};

export const formMessages: Record<Locale, FormMessages> = { de, en };
