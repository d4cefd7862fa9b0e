import type { DetailsMessages } from './messages.js';

/** German texts of `<w4g-event-details>`, loaded with it (English: `enParts` in en.ts). */
export const details: DetailsMessages = {
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
};
