import type { SubscribeMessages } from './messages.js';

/** German texts of the "Abonnieren" panel, loaded with it (English: `enParts` in en.ts). */
export const subscribe: SubscribeMessages = {
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
};
