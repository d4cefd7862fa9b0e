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
  rescheduled: 'Verlegt',
  movedOnline: 'Online verlegt',
  soldOut: 'Ausgebucht',
  movedFrom: (when) => `verlegt vom ${when}`,
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
  subscribe: 'Abonnieren',
  untitled: '(ohne Titel)',
};
