/**
 * The form's texts live with the form, so that pages without a form do not download them
 * (the form is a chunk of its own in the script-tag bundle).
 */
import type { Locale } from '../../core/index.js';
import type { SeriesErrorTexts } from './event-form.series.js';

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
  repeatWeekly: string;
  /** Without a first date the weekday is absent. */
  repeatMonthlyWeekday: (weekday?: string) => string;
  repeatMonthlyDate: (day?: number) => string;
  repeatYearly: (date?: string) => string;
  /** The interval's label for weekly, monthly and yearly series. */
  interval: { weekly: string; monthly: string; yearly: string };
  intervalHint: string;
  weekdays: string;
  weekdaysHint: string;
  /** `nth` 1–4 or -1 (the last) with the weekday: "am ersten Mittwoch". */
  monthWeek: (weekday: string) => string;
  monthWeekOption: (nth: number, weekday: string) => string;
  seriesEnd: string;
  endNever: string;
  endUntil: string;
  endCount: string;
  until: string;
  untilHint: string;
  count: string;
  exdates: string;
  exdatesHint: string;
  rdates: string;
  rdatesHint: string;
  addDate: string;
  newDate: string;
  removeDate: (date: string) => string;
  preview: (count: number) => string;
  previewNone: string;
  town: string;
  choose: string;
  townOther: string;
  otherTown: string;
  placeName: string;
  placeAddress: string;
  addressHint: string;
  /** The clash hint: "Am Sa., 12.06.2027 gibt es in Hoym schon: Kirchenkonzert, 15:00–17:00 Uhr". */
  clash: (day: string, town: string | undefined, title: string, time: string) => string;
  clashTitle: string;
  clashNote: string;
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
  /** The field errors; those of a series (and `date`) are what the series check says. */
  errors: SeriesErrorTexts & {
    titleRequired: string;
    titleShort: string;
    /** A value longer than the feed's JSON Schema allows for that field. */
    tooLong: (max: number) => string;
    startRequired: string;
    time: string;
    past: string;
    endBeforeStart: string;
    endTimeMissing: string;
    startTimeMissing: string;
    otherTown: string;
    url: string;
    email: string;
    contactName: string;
    contactEmail: string;
    privacy: string;
    license: string;
    imageAlt: string;
    imageLicense: string;
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
  repeatWeekly: 'jede Woche oder alle paar Wochen',
  repeatMonthlyWeekday: (weekday) => (weekday ? `jeden Monat an einem ${weekday}` : 'jeden Monat an einem Wochentag'),
  repeatMonthlyDate: (day) => (day ? `jeden Monat am ${day}.` : 'jeden Monat am gleichen Tag'),
  repeatYearly: (date) => (date ? `jedes Jahr am ${date}` : 'jedes Jahr am gleichen Tag'),
  interval: { weekly: 'Alle wie viele Wochen?', monthly: 'Alle wie viele Monate?', yearly: 'Alle wie viele Jahre?' },
  intervalHint: '1 für jede Woche (jeden Monat, jedes Jahr), 2 für jede zweite und so weiter.',
  weekdays: 'An diesen Wochentagen',
  weekdaysHint: 'Ohne Auswahl gilt der Wochentag des ersten Termins.',
  monthWeek: (weekday) => `Welcher ${weekday} im Monat?`,
  monthWeekOption: (nth, weekday) =>
    nth === -1 ? `am letzten ${weekday}` : `am ${['ersten', 'zweiten', 'dritten', 'vierten'][nth - 1] ?? `${nth}.`} ${weekday}`,
  seriesEnd: 'Ende der Serie',
  endNever: 'ohne Enddatum',
  endUntil: 'an einem Tag',
  endCount: 'nach einer Anzahl von Terminen',
  until: 'Letzter Tag der Serie',
  untilHint: 'Der letzte Tag, an dem der Termin stattfinden kann.',
  count: 'Anzahl der Termine',
  exdates: 'Termine, die ausfallen',
  exdatesHint: 'Tage der Serie, an denen nichts stattfindet, zum Beispiel in den Ferien.',
  rdates: 'Zusätzliche Termine',
  rdatesHint: 'Weitere Tage zur gleichen Uhrzeit, die die Regel nicht ergibt.',
  addDate: 'Hinzufügen',
  newDate: 'Datum',
  removeDate: (date) => `${date} entfernen`,
  preview: (count) => (count === 1 ? 'Der Termin der Serie' : `Die nächsten ${count} Termine der Serie`),
  previewNone: 'Diese Angaben ergeben keinen Termin.',
  town: 'Gemeinde',
  choose: 'Bitte wählen',
  townOther: 'anderer Ort',
  otherTown: 'Name des Ortes',
  placeName: 'Veranstaltungsort',
  placeAddress: 'Adresse',
  addressHint: 'Straße, Hausnummer, Postleitzahl und Ort, z. B. Hinter dem Zoll 2, 06449 Aschersleben.',
  clash: (day, town, title, time) => `Am ${day} gibt es${town ? ` in ${town}` : ''} schon: ${title}, ${time}`,
  clashTitle: 'Hinweis zur Terminabstimmung',
  clashNote: 'Das ist nur ein Hinweis: Sie können Ihren Termin trotzdem einreichen.',
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
    weekdaysRequired: 'Bitte wählen Sie mindestens einen Wochentag.',
    interval: (max) => `Bitte geben Sie eine ganze Zahl von 1 bis ${max} an.`,
    untilRequired: 'Bitte geben Sie den letzten Tag der Serie an.',
    count: (max) => `Bitte geben Sie eine Anzahl von 1 bis ${max} an.`,
    tooFar: (last) => `Die Serie reicht zu weit: Termine können bis zum ${last} eingetragen werden.`,
    noDates: 'Diese Angaben ergeben keinen Termin. Bitte prüfen Sie die Regel und die ausfallenden Termine.',
    startNotInRule: (start) =>
      `Der erste Termin (${start}) passt nicht zu dieser Regel. Bitte wählen Sie ihn mit aus oder ändern Sie das Datum.`,
    exdateOutside: (date) => `Am ${date} findet ohnehin kein Termin der Serie statt.`,
    pastDate: (date) => `Der ${date} liegt in der Vergangenheit.`,
    otherTown: 'Bitte geben Sie den Namen des Ortes an.',
    url: 'Bitte geben Sie eine vollständige Webadresse an, die mit http:// oder https:// beginnt.',
    email: 'Bitte geben Sie eine gültige E-Mail-Adresse an.',
    contactName: 'Bitte geben Sie Ihren Namen an.',
    contactEmail: 'Bitte geben Sie Ihre E-Mail-Adresse an, damit wir bei Rückfragen Kontakt aufnehmen können.',
    privacy: 'Bitte stimmen Sie den Datenschutzhinweisen zu.',
    license: 'Bitte stimmen Sie der Veröffentlichung unter der offenen Lizenz zu.',
    imageAlt: 'Bitte beschreiben Sie kurz, was auf dem Bild zu sehen ist.',
    imageLicense: 'Bitte wählen Sie eine Lizenz für das Bild.',
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
  repeatWeekly: 'every week or every few weeks',
  repeatMonthlyWeekday: (weekday) => (weekday ? `every month on a ${weekday}` : 'every month on a weekday'),
  repeatMonthlyDate: (day) => (day ? `every month on day ${day}` : 'every month on the same day'),
  repeatYearly: (date) => (date ? `every year on ${date}` : 'every year on the same day'),
  interval: { weekly: 'Every how many weeks?', monthly: 'Every how many months?', yearly: 'Every how many years?' },
  intervalHint: '1 for every week (month, year), 2 for every other one, and so on.',
  weekdays: 'On these weekdays',
  weekdaysHint: 'Without a choice, the weekday of the first date applies.',
  monthWeek: (weekday) => `Which ${weekday} of the month?`,
  monthWeekOption: (nth, weekday) =>
    nth === -1 ? `on the last ${weekday}` : `on the ${['first', 'second', 'third', 'fourth'][nth - 1] ?? `${nth}th`} ${weekday}`,
  seriesEnd: 'End of the series',
  endNever: 'no end date',
  endUntil: 'on a day',
  endCount: 'after a number of dates',
  until: 'Last day of the series',
  untilHint: 'The last day on which the event can take place.',
  count: 'Number of dates',
  exdates: 'Dates that do not take place',
  exdatesHint: 'Days of the series on which nothing happens, for example in the holidays.',
  rdates: 'Extra dates',
  rdatesHint: 'More days at the same time that the rule does not give.',
  addDate: 'Add',
  newDate: 'Date',
  removeDate: (date) => `Remove ${date}`,
  preview: (count) => (count === 1 ? 'The date of the series' : `The next ${count} dates of the series`),
  previewNone: 'These settings give no date.',
  town: 'Town',
  choose: 'Please choose',
  townOther: 'another place',
  otherTown: 'Name of the place',
  placeName: 'Venue',
  placeAddress: 'Address',
  addressHint: 'Street, number, postcode and town, e.g. Hinter dem Zoll 2, 06449 Aschersleben.',
  clash: (day, town, title, time) => `On ${day} there is already${town ? ` in ${town}` : ''}: ${title}, ${time}`,
  clashTitle: 'Note on coordinating dates',
  clashNote: 'This is only a note: you can still submit your event.',
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
    weekdaysRequired: 'Please choose at least one weekday.',
    interval: (max) => `Please enter a whole number from 1 to ${max}.`,
    untilRequired: 'Please enter the last day of the series.',
    count: (max) => `Please enter a number from 1 to ${max}.`,
    tooFar: (last) => `The series reaches too far: dates can be entered up to ${last}.`,
    noDates: 'These settings give no date. Please check the rule and the dates that do not take place.',
    startNotInRule: (start) => `The first date (${start}) does not fit this rule. Please choose it too or change the date.`,
    exdateOutside: (date) => `There is no date of the series on ${date} anyway.`,
    pastDate: (date) => `${date} is in the past.`,
    untilBeforeStart: 'The end of the repetition must be after the start.',
    otherTown: 'Please enter the name of the place.',
    url: 'Please enter a full web address starting with http:// or https://.',
    email: 'Please enter a valid e-mail address.',
    contactName: 'Please enter your name.',
    contactEmail: 'Please enter your e-mail address so that we can contact you with questions.',
    privacy: 'Please agree to the privacy notice.',
    license: 'Please agree to publication under the open licence.',
    imageAlt: 'Please describe briefly what the picture shows.',
    imageLicense: 'Please choose a licence for the picture.',
  },
};

export const formMessages: Record<Locale, FormMessages> = { de, en };
