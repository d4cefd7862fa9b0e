import type { Messages } from './messages.js';

export const de: Messages = {
  loading: 'Termine werden geladen …',
  loadingAnnouncement: 'Termine werden geladen.',
  empty: 'Keine Termine gefunden.',
  errorTitle: 'Der Kalender konnte nicht geladen werden.',
  errorReason: (kind, status) => {
    switch (kind) {
      case 'http':
        return status === 404
          ? 'Die Termin-Adresse wurde nicht gefunden (404).'
          : `Der Server hat mit einem Fehler geantwortet (${status ?? '?'}).`;
      case 'timeout':
        return 'Der Server hat nicht rechtzeitig geantwortet.';
      case 'format':
        return 'Die Termin-Daten sind nicht lesbar.';
      default:
        return 'Der Server ist nicht erreichbar. Bitte prüfen Sie Ihre Internetverbindung.';
    }
  },
  retry: 'Erneut versuchen',
  staleNotice: 'Die Termine konnten nicht aktualisiert werden; angezeigt wird der letzte bekannte Stand.',
  partialNotice: (failed) =>
    failed === 1 ? 'Eine Termin-Quelle ist nicht erreichbar.' : `${failed} Termin-Quellen sind nicht erreichbar.`,
  loaded: (count) => (count === 0 ? 'Keine Termine gefunden.' : count === 1 ? '1 Termin geladen.' : `${count} Termine geladen.`),
  allDay: 'ganztägig',
  cancelled: 'Abgesagt',
  postponed: 'Verschoben',
  showMore: 'Mehr anzeigen',
  shownOf: (shown, total) => `${shown} von ${total} Terminen angezeigt.`,
  eventCount: (count) => (count === 0 ? 'keine Termine' : count === 1 ? '1 Termin' : `${count} Termine`),
  moreEvents: (count) => `+${count} weitere`,
  previousMonth: 'Vorheriger Monat',
  nextMonth: 'Nächster Monat',
  today: 'Heute',
  calendarLabel: 'Monatskalender',
  weekNumber: 'KW',
  weekNumberLong: 'Kalenderwoche',
  dayLabel: (date, count) => `${date}, ${count === 0 ? 'keine Termine' : count === 1 ? '1 Termin' : `${count} Termine`}`,
  dayPanelEmpty: 'An diesem Tag sind keine Termine eingetragen.',
  openDetails: (title) => `Details zu „${title}“`,
  details: {
    close: 'Schließen',
    when: 'Wann',
    place: 'Ort',
    organizer: 'Veranstalter',
    audience: 'Zielgruppe',
    accessibility: 'Barrierefreiheit',
    price: 'Eintritt',
    free: 'Eintritt frei',
    contact: 'Kontakt',
    website: 'Zur Webseite der Veranstaltung',
    addToCalendar: 'In meinen Kalender',
    addToCalendarHint: 'Lädt eine Kalenderdatei (.ics) für Outlook, Apple- oder Google-Kalender herunter.',
    link: 'Link zu diesem Termin',
    categories: 'Kategorien',
    town: 'Gemeinde',
    imageAlt: (title) => `Bild zu „${title}“`,
    imageCredit: (credit) => `Foto: ${credit}`,
    imageLicense: 'Lizenz',
    imageCalendarOnly: 'nur für diesen Kalender',
  },
  filters: {
    label: 'Termine filtern',
    town: 'Ort',
    category: 'Kategorie',
    search: 'Suche',
    audience: 'Zielgruppe',
    accessible: 'Nur barrierefreie',
    free: 'Nur kostenlose',
    all: 'Alle',
    reset: 'Filter zurücksetzen',
  },
  subscribe: {
    button: 'Abonnieren',
    title: 'Kalender abonnieren',
    intro:
      'Mit einem Abonnement erscheinen diese Termine in Ihrem Kalender auf Handy oder Computer und bleiben von selbst aktuell.',
    openApp: 'In der Kalender-App abonnieren',
    urlLabel: 'Adresse des Kalenders',
    copy: 'Adresse kopieren',
    copied: 'Die Adresse ist kopiert.',
    copyFailed: 'Kopieren ging nicht: Die Adresse ist markiert, bitte mit Strg+C (Mac: ⌘+C) kopieren.',
    apps: [
      {
        name: 'Google Kalender',
        steps:
          'Am Computer unter calendar.google.com links bei „Weitere Kalender“ auf „+“ und „Per URL“ klicken, die Adresse einfügen und „Kalender hinzufügen“ wählen. Das Handy zeigt ihn danach mit an.',
      },
      {
        name: 'Outlook',
        steps:
          'Im Kalender „Kalender hinzufügen“ und „Aus dem Internet abonnieren“ wählen (im klassischen Outlook: „Kalender öffnen“, „Aus dem Internet“), die Adresse einfügen und bestätigen.',
      },
      {
        name: 'Apple Kalender (iPhone, iPad, Mac)',
        steps:
          'Auf dem iPhone oder iPad den Link „In der Kalender-App abonnieren“ antippen und „Abonnieren“ bestätigen. Am Mac in Kalender „Ablage“, „Neues Kalenderabonnement …“ wählen und die Adresse einfügen.',
      },
      {
        name: 'Thunderbird',
        steps:
          'Im Kalender „Neuer Kalender …“, „Im Netzwerk“ wählen, die Adresse einfügen, „Kalender suchen“ und „Abonnieren“ klicken.',
      },
    ],
  },
  untitled: '(ohne Titel)',
  associations: {
    notFound: 'Verein nicht gefunden.',
    empty: 'Keine Vereine gefunden.',
    loaded: (count) =>
      count === 0 ? 'Keine Vereine gefunden.' : count === 1 ? '1 Verein gefunden.' : `${count} Vereine gefunden.`,
    logoAlt: (name) => `Logo von ${name}`,
    meetingPlace: 'Treffpunkt',
    address: 'Anschrift',
    website: 'Webseite',
    email: 'E-Mail',
    phone: 'Telefon',
    nextEvents: 'Nächste Termine',
    noEvents: 'Zurzeit sind keine Termine eingetragen.',
    eventsLoading: 'Termine werden geladen …',
    eventsError: 'Die Termine konnten nicht geladen werden.',
    allEvents: 'Alle Termine',
    subscribe: 'Termine abonnieren',
    filterLabel: 'Vereine filtern',
    search: 'Name suchen',
    close: 'Schließen',
  },
};
