// The workspace's texts, German (default) and English, in one table every workspace module
// uses: `t('key', { name: 'x' })`. The chosen language is kept in localStorage (the workspace
// is the server's own origin; no cookie). Static texts in the page carry `data-i18n="key"`
// (text), `data-i18n-label="key"` (aria-label); `applyI18n()` fills them and sets <html lang>.
// A change of language dispatches `w4g-workspace-lang` on document, so modules re-render.

const TEXTS = {
  de: {
    'page.title': 'Redaktion – Regionalkalender Wir4Gemeinsam',
    'page.heading': 'Redaktion des Regionalkalenders',
    'lang.switch': 'English',
    'lang.switchLabel': 'Switch to English',
    'signin.heading': 'Anmelden',
    'signin.intro': 'Sie erhalten einen Anmeldelink per E-Mail. Ein Passwort gibt es nicht.',
    'signin.email': 'E-Mail-Adresse',
    'signin.hint': 'Der Link gilt 15 Minuten und nur einmal.',
    'signin.send': 'Anmeldelink senden',
    'account.as': 'Angemeldet als',
    'account.logout': 'Abmelden',
    'account.logoutAll': 'Überall abmelden',
    'roles.label': 'Rollen: {list}',
    'roles.none': 'Ihr Zugang hat noch keine Rolle.',
    'roles.admin': 'Verantwortliche der Region',
    'roles.editor': 'Redaktion {town}',
    'roles.member': 'Mitglied {name}',
    'common.all': 'Alle',
    'queue.from': 'Termine ab',
    'queue.to': 'Termine bis einschließlich',
    'queue.search': 'Suchtext in Titel, Beschreibung, Ort',
    'audit.from': 'Geändert ab',
    'audit.to': 'Geändert bis einschließlich',
    'audit.search': 'Suchtext in Protokoll',
    'common.filter': 'Filtern',
    'common.reset': 'Zurücksetzen',
    'common.noServer': 'Der Server ist nicht erreichbar. Bitte prüfen Sie die Verbindung.',
    'common.checkFields': 'Bitte prüfen Sie die markierten Angaben.',
    'common.periodOrder': 'Das Datum „bis“ liegt vor dem Datum „von“.',
    'common.yes': 'ja',
    'common.no': 'nein',
    'common.clock': '{time} Uhr',
    'signin.outbox': 'Ohne Mailserver (lokaler Betrieb) liegen die E-Mails im',
    'signin.outboxLink': 'Postausgang',
    'signin.emailRequired': 'Bitte geben Sie Ihre E-Mail-Adresse an.',
    'signin.sent':
      'Wenn zu dieser Adresse ein Zugang besteht, ist ein Anmeldelink unterwegs. Bitte sehen Sie in Ihr Postfach; der Link gilt 15 Minuten.',
    'signin.again': 'Bitte melden Sie sich an.',
    'account.loggedOut': 'Sie sind abgemeldet.',
    'account.loggedOutAll': 'Sie sind auf allen Geräten abgemeldet.',
    'common.error': 'Fehler {status}',
    'common.checkInput': 'Bitte prüfen Sie die Angaben.',
    'common.cancel': 'Abbrechen',
    // Meine Termine, Neuer Termin, Termin bearbeiten, the dates of a series
    'events.heading': 'Meine Termine',
    'events.empty': 'Noch keine Termine.',
    'events.pendingHeading': 'Warten auf Freigabe',
    'events.statusPublished': 'Veröffentlicht',
    'events.statusCancelled': 'Abgesagt',
    'events.statusPending': 'Wartet auf Freigabe',
    'events.edit': 'Bearbeiten',
    'events.editLabel': '„{title}“ bearbeiten',
    'events.cancel': 'Absagen',
    'events.cancelLabel': '„{title}“ absagen',
    'events.cancelled': 'Der Termin ist abgesagt.',
    'events.delete': 'Löschen',
    'events.deleteLabel': '„{title}“ löschen',
    'events.deleted': 'Der Termin ist gelöscht.',
    'events.newHeading': 'Neuer Termin',
    'events.published': 'Der Termin ist veröffentlicht.',
    'events.sentForReview': 'Der Termin ist zur Prüfung an die Redaktion gesendet.',
    'events.formFailed': 'Das Terminformular konnte nicht geladen werden. Bitte laden Sie die Seite neu.',
    'edit.heading': 'Termin bearbeiten',
    'edit.headingOf': 'Termin bearbeiten: {title}',
    'edit.scopeThis': 'Nur dieser Termin: {when}',
    'edit.scopeFollowing': 'Dieser und alle folgenden, ab {when}',
    'edit.scopeAll': 'Alle Termine der Serie (gewählt: {when})',
    'edit.stop': 'Bearbeitung abbrechen',
    'edit.stopped': 'Die Bearbeitung ist abgebrochen; Ihr Entwurf bleibt gespeichert.',
    'edit.saved': 'Die Änderungen sind gespeichert.',
    'scope.heading': 'Welche Termine möchten Sie ändern?',
    'scope.date': '„{title}“ am {when}',
    'scope.this': 'Nur dieser Termin',
    'scope.following': 'Dieser und alle folgenden',
    'scope.all': 'Alle Termine',
    'series.heading': 'Die nächsten Termine der Serie:',
    'series.none': 'Keine kommenden Termine.',
    'series.dateCancelled': '{when} – abgesagt',
    'series.editLabel': 'Termin am {when} bearbeiten',
    'series.cancelLabel': 'Termin am {when} absagen',
    'series.cancelled': 'Der Termin am {when} ist abgesagt.',
    'series.changed': 'Der Termin wurde inzwischen geändert.',
    // Mitteilungsblatt (the form itself is the moderation page's and German)
    'gazette.heading': 'Mitteilungsblatt',
    'gazette.intro':
      'Der Veranstaltungskalender für das gedruckte Mitteilungsblatt: als Word-Dokument (DOCX) zum Weiterbearbeiten, als druckfertiges PDF oder als Text für Redaktionssysteme. Es werden die veröffentlichten Termine Ihrer Orte verwendet.',
    // Einstellungen
    'settings.heading': 'Einstellungen',
    'settings.notices': 'Neue Einsendungen für Ihre Orte',
    'settings.instant': 'Sofort, eine E-Mail je Einsendung',
    'settings.digest': 'Tägliche Zusammenfassung',
    'settings.off': 'Keine E-Mails',
    'settings.locale': 'Sprache Ihrer E-Mails',
    'settings.save': 'Einstellungen speichern',
    'settings.saved': 'Ihre Einstellungen sind gespeichert.',
    'settings.data': 'Ihre Daten',
    'settings.dataIntro':
      'Was der Kalender über Sie speichert und wie lange, steht in den Datenschutzhinweisen des Betreibers. Sie können Ihre Daten herunterladen und Ihren Zugang löschen; Ihre Termine bleiben beim Verein oder Ort.',
    'settings.export': 'Meine Daten herunterladen (JSON)',
    'settings.delete': 'Zugang löschen …',
    'settings.deleteQuestion':
      'Zugang endgültig löschen? Ihre Rollen und Anmeldungen enden sofort; das lässt sich nicht rückgängig machen.',
    'settings.deleteConfirmed': 'Ja, Zugang löschen',
    'settings.deleted': 'Ihr Zugang ist gelöscht. Sie sind abgemeldet.',
    // Queue
    'queue.heading': 'Warteschlange',
    'queue.filters': 'Warteschlange filtern',
    'queue.town': 'Ort des Termins',
    'queue.category': 'Kategorie des Termins',
    'queue.empty': 'Keine Termine warten auf Freigabe.',
    'queue.emptyFiltered': 'Kein wartender Termin passt zu diesen Filtern.',
    'queue.count': '{shown} von {total} wartenden Terminen',
    'queue.selectAll': 'Alle angezeigten auswählen',
    'queue.select': '„{title}“ auswählen',
    'queue.bulkReason': 'Begründung für die Ablehnung',
    'queue.bulkReasonHint': 'Sie geht per E-Mail an die Einsenderinnen und Einsender.',
    'queue.bulkApprove': 'Ausgewählte freigeben',
    'queue.bulkReject': 'Ausgewählte ablehnen',
    'queue.noneSelected': 'Bitte wählen Sie mindestens einen Termin aus.',
    'queue.reasonRequired': 'Bitte geben Sie eine Begründung an; sie geht an die Einsender.',
    'queue.status': 'Zu prüfen',
    'queue.approve': 'Freigeben',
    'queue.approveLabel': '„{title}“ freigeben',
    'queue.reject': 'Ablehnen',
    'queue.rejectLabel': '„{title}“ ablehnen',
    'queue.reason': 'Begründung bei Ablehnung',
    'queue.approved': 'Freigegeben.',
    'queue.rejected': 'Abgelehnt.',
    'queue.bulkApproved': '{count} Termine freigegeben.',
    'queue.bulkRejected': '{count} Termine abgelehnt.',
    'queue.submitter': 'Eingesandt von {name} <{email}>',
    'queue.clashes': 'Gleichzeitig in der Nähe:',
    'queue.noClashes': 'Keine Überschneidung mit veröffentlichten Terminen.',
    'queue.clash': '{title}, {when}, {town}',
    'requests.heading': 'Meldungen zu Vereinen',
    'requests.empty': 'Keine Meldungen warten.',
    'requests.change': 'Änderung gemeldet: {name}',
    'requests.new': 'Verein eintragen: {name}',
    'requests.from': 'Von {name} <{email}>',
    'requests.website': 'Website: {url}',
    'requests.accept': 'Annehmen',
    'requests.acceptLabel': 'Meldung „{name}“ annehmen',
    'requests.reject': 'Ablehnen',
    'requests.rejectLabel': 'Meldung „{name}“ ablehnen',
    'requests.accepted': 'Die Meldung ist angenommen.',
    'requests.acceptedNew': 'Der Verein „{name}“ steht jetzt im Verzeichnis.',
    'requests.rejected': 'Die Meldung ist abgelehnt.',
    // Profile
    'profile.heading': 'Vereinsprofil',
    'profile.intro': 'So erscheint Ihr Verein im Vereinsverzeichnis. Änderungen sind sofort öffentlich.',
    'profile.choose': 'Profil von',
    'profile.name': 'Name des Vereins',
    'profile.description': 'Beschreibung des Vereins',
    'profile.categories': 'Kategorien des Vereins',
    'profile.categoriesHint': 'Durch Kommas getrennt, z. B. Musik, Kultur.',
    'profile.email': 'Öffentliche E-Mail-Adresse',
    'profile.phone': 'Telefon des Vereins',
    'profile.address': 'Anschrift des Vereins',
    'profile.website': 'Website des Vereins',
    'profile.websiteHint': 'Vollständige Adresse mit https://',
    'profile.membersWanted': 'Mitglieder gesucht',
    'profile.membersWantedText': 'Wen suchen Sie? (kurz)',
    'profile.helpersWanted': 'Helfer gesucht',
    'profile.helpersWantedText': 'Wofür? (kurz)',
    'profile.meetings': 'Regelmäßige Treffen',
    'profile.meeting': 'Treffen {n}',
    'profile.meetingTitle': 'Was (z. B. Chorprobe)',
    'profile.meetingStart': 'Erstes Treffen',
    'profile.meetingEnd': 'Ende (Uhrzeit)',
    'profile.meetingRule': 'Wiederholung des Treffens',
    'profile.meetingPlace': 'Ort des Treffens',
    'profile.rule.none': 'einmalig',
    'profile.rule.weekly': 'jede Woche am selben Wochentag',
    'profile.rule.biweekly': 'alle zwei Wochen am selben Wochentag',
    'profile.rule.monthlyNth': 'jeden Monat am n-ten Wochentag (nach dem ersten Treffen)',
    'profile.rule.monthlyLast': 'jeden Monat am letzten Wochentag (nach dem ersten Treffen)',
    'profile.rule.kept': 'wie gespeichert ({rule})',
    'profile.addMeeting': 'Treffen hinzufügen',
    'profile.removeMeeting': 'Treffen {n} entfernen',
    'profile.save': 'Profil speichern',
    'profile.saved': 'Das Profil ist gespeichert und im Verzeichnis veröffentlicht.',
    'profile.trusted': 'Vertrauenswürdig: Termine der Mitglieder erscheinen ohne Prüfung',
    'profile.trustSaved': 'Gespeichert.',
    'profile.meetingStartRequired': 'Bitte geben Sie Datum und Uhrzeit des ersten Treffens an.',
    // Members
    'members.heading': 'Mitglieder und Einladungen',
    'members.of': 'Mitglieder: {name}',
    'members.editors': 'Redaktion {town}',
    'members.admins': 'Verantwortliche der Region',
    'members.none': 'Noch niemand.',
    'members.remove': 'Entfernen',
    'members.removeLabel': '{email} aus „{scope}“ entfernen',
    'members.removed': '{email} ist entfernt und überall abgemeldet.',
    'members.invite': 'Einladen',
    'members.inviteHeading': 'Jemanden einladen',
    'members.inviteEmail': 'E-Mail-Adresse',
    'members.inviteAs': 'Einladen als',
    'members.inviteMember': 'Mitglied von {name}',
    'members.inviteEditor': 'Redaktion {town}',
    'members.inviteAdmin': 'Verantwortliche der Region',
    'members.invited': 'Die Einladung an {email} ist unterwegs.',
    // Audit
    'audit.heading': 'Protokoll',
    'audit.intro': 'Wer hat wann was geändert: Termine, Vereinsprofile, Zugänge und Entscheidungen der Redaktion.',
    'audit.filters': 'Protokoll filtern',
    'audit.action': 'Art der Änderung',
    'audit.empty': 'Keine Einträge.',
    'audit.range': 'Einträge {first}–{last} von {total}',
    'audit.newer': 'Neuere Einträge',
    'audit.older': 'Ältere Einträge',
    'audit.field': 'Feld',
    'audit.before': 'Vorher',
    'audit.after': 'Nachher',
    'audit.changes': 'Änderungen an „{label}“',
    'audit.note': 'Bemerkung: {note}',
    'audit.absent': '(leer)',
    'audit.type.event': 'Termin',
    'audit.type.submission': 'Einsendung',
    'audit.type.association': 'Verein',
    'audit.type.account': 'Zugang',
    'audit.type.association-request': 'Meldung',
    'audit.a.event.create': 'Termin angelegt',
    'audit.a.event.edit': 'Termin geändert',
    'audit.a.event.cancel': 'Termin abgesagt',
    'audit.a.event.delete': 'Termin gelöscht',
    'audit.a.submission.approve': 'Einsendung freigegeben',
    'audit.a.submission.reject': 'Einsendung abgelehnt',
    'audit.a.submission.edit': 'Einsendung bearbeitet',
    'audit.a.submission.withdraw': 'Einsendung zurückgezogen',
    'audit.a.association.create': 'Verein eingetragen',
    'audit.a.association.edit': 'Vereinsprofil geändert',
    'audit.a.association.trust': 'Vertrauensstatus geändert',
    'audit.a.association-request.accept': 'Meldung angenommen',
    'audit.a.association-request.reject': 'Meldung abgelehnt',
    'audit.a.invitation.create': 'Einladung versandt',
    'audit.a.role.grant': 'Rolle erteilt',
    'audit.a.role.revoke': 'Rolle entzogen',
    'audit.a.account.preferences': 'Einstellungen geändert',
    'audit.a.account.delete': 'Zugang gelöscht',
  },
  en: {
    'page.title': 'Workspace – Wir4Gemeinsam regional calendar',
    'page.heading': 'Regional calendar workspace',
    'lang.switch': 'Deutsch',
    'lang.switchLabel': 'Auf Deutsch umschalten',
    'signin.heading': 'Sign in',
    'signin.intro': 'You receive a sign-in link by email. There is no password.',
    'signin.email': 'Email address',
    'signin.hint': 'The link works for 15 minutes and only once.',
    'signin.send': 'Send sign-in link',
    'account.as': 'Signed in as',
    'account.logout': 'Sign out',
    'account.logoutAll': 'Sign out everywhere',
    'roles.label': 'Roles: {list}',
    'roles.none': 'Your account has no role yet.',
    'roles.admin': 'Region admin',
    'roles.editor': 'Editor for {town}',
    'roles.member': 'Member of {name}',
    'common.all': 'All',
    'queue.from': 'Events from',
    'queue.to': 'Events until (inclusive)',
    'queue.search': 'Text in title, description, place',
    'audit.from': 'Changed from',
    'audit.to': 'Changed until (inclusive)',
    'audit.search': 'Text in the audit log',
    'common.filter': 'Filter',
    'common.reset': 'Reset',
    'common.noServer': 'The server cannot be reached. Please check your connection.',
    'common.checkFields': 'Please check the marked fields.',
    'common.periodOrder': 'The "to" date is before the "from" date.',
    'common.yes': 'yes',
    'common.no': 'no',
    'common.clock': '{time}',
    'signin.outbox': 'Without a mail server (local use) the emails are in the',
    'signin.outboxLink': 'outbox',
    'signin.emailRequired': 'Please enter your email address.',
    'signin.sent':
      'If there is an account for this address, a sign-in link is on its way. Please look in your inbox; the link works for 15 minutes.',
    'signin.again': 'Please sign in.',
    'account.loggedOut': 'You are signed out.',
    'account.loggedOutAll': 'You are signed out on all devices.',
    'common.error': 'Error {status}',
    'common.checkInput': 'Please check the details.',
    'common.cancel': 'Cancel',
    'events.heading': 'My events',
    'events.empty': 'No events yet.',
    'events.pendingHeading': 'Waiting for approval',
    'events.statusPublished': 'Published',
    'events.statusCancelled': 'Cancelled',
    'events.statusPending': 'Waiting for approval',
    'events.edit': 'Edit',
    'events.editLabel': 'Edit “{title}”',
    'events.cancel': 'Cancel',
    'events.cancelLabel': 'Cancel “{title}”',
    'events.cancelled': 'The event is cancelled.',
    'events.delete': 'Delete',
    'events.deleteLabel': 'Delete “{title}”',
    'events.deleted': 'The event is deleted.',
    'events.newHeading': 'New event',
    'events.published': 'The event is published.',
    'events.sentForReview': 'The event is sent to the editors for review.',
    'events.formFailed': 'The event form could not be loaded. Please reload the page.',
    'edit.heading': 'Edit event',
    'edit.headingOf': 'Edit event: {title}',
    'edit.scopeThis': 'Only this date: {when}',
    'edit.scopeFollowing': 'This and all following dates, from {when}',
    'edit.scopeAll': 'All dates of the series (chosen: {when})',
    'edit.stop': 'Stop editing',
    'edit.stopped': 'Editing stopped; your draft is kept.',
    'edit.saved': 'The changes are saved.',
    'scope.heading': 'Which dates do you want to change?',
    'scope.date': '“{title}” on {when}',
    'scope.this': 'Only this date',
    'scope.following': 'This and all following',
    'scope.all': 'All dates',
    'series.heading': 'The next dates of the series:',
    'series.none': 'No upcoming dates.',
    'series.dateCancelled': '{when} – cancelled',
    'series.editLabel': 'Edit the date {when}',
    'series.cancelLabel': 'Cancel the date {when}',
    'series.cancelled': 'The date {when} is cancelled.',
    'series.changed': 'The event was changed in the meantime.',
    'gazette.heading': 'Gazette',
    'gazette.intro':
      'The events calendar for the printed gazette (Mitteilungsblatt): as a Word document (DOCX) to edit further, as a print-ready PDF or as text for editorial systems. It uses the published events of your towns. The form is in German.',
    'settings.heading': 'Settings',
    'settings.notices': 'New submissions for your towns',
    'settings.instant': 'At once, one email per submission',
    'settings.digest': 'Daily digest',
    'settings.off': 'No emails',
    'settings.locale': 'Language of your emails',
    'settings.save': 'Save settings',
    'settings.saved': 'Your settings are saved.',
    'settings.data': 'Your data',
    'settings.dataIntro':
      "What the calendar stores about you, and for how long, is in the operator's privacy notice. You can download your data and delete your account; your events stay with the association or town.",
    'settings.export': 'Download my data (JSON)',
    'settings.delete': 'Delete account …',
    'settings.deleteQuestion': 'Delete the account for good? Your roles and sign-ins end at once; this cannot be undone.',
    'settings.deleteConfirmed': 'Yes, delete the account',
    'settings.deleted': 'Your account is deleted. You are signed out.',
    'queue.heading': 'Moderation queue',
    'queue.filters': 'Filter the queue',
    'queue.town': 'Town of the event',
    'queue.category': 'Category of the event',
    'queue.empty': 'No events are waiting for approval.',
    'queue.emptyFiltered': 'No waiting event matches these filters.',
    'queue.count': '{shown} of {total} waiting events',
    'queue.selectAll': 'Select all shown',
    'queue.select': 'Select “{title}”',
    'queue.bulkReason': 'Reason for the rejection',
    'queue.bulkReasonHint': 'It is emailed to the submitters.',
    'queue.bulkApprove': 'Approve selected',
    'queue.bulkReject': 'Reject selected',
    'queue.noneSelected': 'Please select at least one event.',
    'queue.reasonRequired': 'Please give a reason; it is sent to the submitters.',
    'queue.status': 'To review',
    'queue.approve': 'Approve',
    'queue.approveLabel': 'Approve “{title}”',
    'queue.reject': 'Reject',
    'queue.rejectLabel': 'Reject “{title}”',
    'queue.reason': 'Reason if rejected',
    'queue.approved': 'Approved.',
    'queue.rejected': 'Rejected.',
    'queue.bulkApproved': '{count} events approved.',
    'queue.bulkRejected': '{count} events rejected.',
    'queue.submitter': 'Submitted by {name} <{email}>',
    'queue.clashes': 'At the same time nearby:',
    'queue.noClashes': 'No overlap with published events.',
    'queue.clash': '{title}, {when}, {town}',
    'requests.heading': 'Association requests',
    'requests.empty': 'No requests are waiting.',
    'requests.change': 'Change reported: {name}',
    'requests.new': 'New association: {name}',
    'requests.from': 'From {name} <{email}>',
    'requests.website': 'Website: {url}',
    'requests.accept': 'Accept',
    'requests.acceptLabel': 'Accept request “{name}”',
    'requests.reject': 'Reject',
    'requests.rejectLabel': 'Reject request “{name}”',
    'requests.accepted': 'The request is accepted.',
    'requests.acceptedNew': 'The association “{name}” is now in the directory.',
    'requests.rejected': 'The request is rejected.',
    'profile.heading': 'Association profile',
    'profile.intro': 'This is how your association appears in the directory. Changes are public at once.',
    'profile.choose': 'Profile of',
    'profile.name': 'Name of the association',
    'profile.description': 'Description of the association',
    'profile.categories': 'Categories',
    'profile.categoriesHint': 'Separated by commas, e.g. Music, Culture.',
    'profile.email': 'Public email address',
    'profile.phone': 'Phone',
    'profile.address': 'Address',
    'profile.website': 'Website of the association',
    'profile.websiteHint': 'Full address starting with https://',
    'profile.membersWanted': 'Looking for members',
    'profile.membersWantedText': 'Whom are you looking for? (short)',
    'profile.helpersWanted': 'Looking for helpers',
    'profile.helpersWantedText': 'For what? (short)',
    'profile.meetings': 'Regular meetings',
    'profile.meeting': 'Meeting {n}',
    'profile.meetingTitle': 'What (e.g. choir rehearsal)',
    'profile.meetingStart': 'First meeting',
    'profile.meetingEnd': 'End (time)',
    'profile.meetingRule': 'Meeting repeats',
    'profile.meetingPlace': 'Meeting place',
    'profile.rule.none': 'once',
    'profile.rule.weekly': 'every week on the same weekday',
    'profile.rule.biweekly': 'every two weeks on the same weekday',
    'profile.rule.monthlyNth': 'monthly on the nth weekday (of the first meeting)',
    'profile.rule.monthlyLast': 'monthly on the last weekday (of the first meeting)',
    'profile.rule.kept': 'as stored ({rule})',
    'profile.addMeeting': 'Add a meeting',
    'profile.removeMeeting': 'Remove meeting {n}',
    'profile.save': 'Save profile',
    'profile.saved': 'The profile is saved and published in the directory.',
    'profile.trusted': 'Trusted: events of its members are published without review',
    'profile.trustSaved': 'Saved.',
    'profile.meetingStartRequired': 'Please give the date and time of the first meeting.',
    'members.heading': 'Members and invitations',
    'members.of': 'Members: {name}',
    'members.editors': 'Editors for {town}',
    'members.admins': 'Region admins',
    'members.none': 'Nobody yet.',
    'members.remove': 'Remove',
    'members.removeLabel': 'Remove {email} from “{scope}”',
    'members.removed': '{email} is removed and signed out everywhere.',
    'members.invite': 'Invite',
    'members.inviteHeading': 'Invite someone',
    'members.inviteEmail': 'Email address',
    'members.inviteAs': 'Invite as',
    'members.inviteMember': 'Member of {name}',
    'members.inviteEditor': 'Editor for {town}',
    'members.inviteAdmin': 'Region admin',
    'members.invited': 'The invitation to {email} is on its way.',
    'audit.heading': 'Audit log',
    'audit.intro': 'Who changed what and when: events, association profiles, accounts and editorial decisions.',
    'audit.filters': 'Filter the audit log',
    'audit.action': 'Kind of change',
    'audit.empty': 'No entries.',
    'audit.range': 'Entries {first}–{last} of {total}',
    'audit.newer': 'Newer entries',
    'audit.older': 'Older entries',
    'audit.field': 'Field',
    'audit.before': 'Before',
    'audit.after': 'After',
    'audit.changes': 'Changes to “{label}”',
    'audit.note': 'Note: {note}',
    'audit.absent': '(empty)',
    'audit.type.event': 'Event',
    'audit.type.submission': 'Submission',
    'audit.type.association': 'Association',
    'audit.type.account': 'Account',
    'audit.type.association-request': 'Request',
    'audit.a.event.create': 'Event created',
    'audit.a.event.edit': 'Event edited',
    'audit.a.event.cancel': 'Event cancelled',
    'audit.a.event.delete': 'Event deleted',
    'audit.a.submission.approve': 'Submission approved',
    'audit.a.submission.reject': 'Submission rejected',
    'audit.a.submission.edit': 'Submission edited',
    'audit.a.submission.withdraw': 'Submission withdrawn',
    'audit.a.association.create': 'Association added',
    'audit.a.association.edit': 'Association profile edited',
    'audit.a.association.trust': 'Trust changed',
    'audit.a.association-request.accept': 'Request accepted',
    'audit.a.association-request.reject': 'Request rejected',
    'audit.a.invitation.create': 'Invitation sent',
    'audit.a.role.grant': 'Role granted',
    'audit.a.role.revoke': 'Role removed',
    'audit.a.account.preferences': 'Settings changed',
    'audit.a.account.delete': 'Account deleted',
  },
};

export const AUDIT_ACTIONS = Object.keys(TEXTS.de)
  .filter((k) => k.startsWith('audit.a.'))
  .map((k) => k.slice('audit.a.'.length));

const STORAGE_KEY = 'w4g-workspace-lang';

function stored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let current = stored() === 'en' ? 'en' : 'de';

/** The workspace's language: 'de' (default) or 'en'. */
export function lang() {
  return current;
}

/** The text of `key` in the current language, with `{name}` placeholders filled. */
export function t(key, vars = {}) {
  const text = TEXTS[current][key] ?? TEXTS.de[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (vars[name] === undefined ? `{${name}}` : String(vars[name])));
}

/** Fills the page's static texts (`data-i18n`, `data-i18n-label`) and sets <html lang>. */
export function applyI18n(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  if (root === document) document.title = t('page.title');
}

/** Switches the language, stores it, refills the page and tells the modules. */
export function setLang(next) {
  current = next === 'en' ? 'en' : 'de';
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
  applyI18n();
  document.dispatchEvent(new CustomEvent('w4g-workspace-lang', { detail: { lang: current } }));
}

/** The language switch: a button (`#lang-switch`) in the page header. */
export function initLanguageSwitch(button) {
  const paint = () => {
    button.textContent = t('lang.switch');
    button.lang = current === 'de' ? 'en' : 'de';
    button.setAttribute('aria-label', t('lang.switchLabel'));
  };
  paint();
  button.addEventListener('click', () => {
    setLang(current === 'de' ? 'en' : 'de');
    paint();
  });
}

const BERLIN = 'Europe/Berlin';

/** An ISO instant as a date and time in Berlin: "02.12.2026, 15:03 Uhr" / "02/12/2026, 15:03". */
export function formatInstant(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('de-DE', {
      timeZone: BERLIN,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const day = current === 'en' ? `${parts.year}-${parts.month}-${parts.day}` : `${parts.day}.${parts.month}.${parts.year}`;
  return `${day}, ${t('common.clock', { time: `${parts.hour}:${parts.minute}` })}`;
}

/** A wall time or date ("2026-12-12T19:30", "2026-12-12") as written in the feed. */
export function formatWall(value) {
  if (typeof value !== 'string') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value);
  if (!m) return value;
  const day = current === 'en' ? `${m[1]}-${m[2]}-${m[3]}` : `${m[3]}.${m[2]}.${m[1]}`;
  return m[4] ? `${day}, ${t('common.clock', { time: `${m[4]}:${m[5]}` })}` : day;
}

/**
 * An instant or a date of a series as the calendar shows it, in Berlin with its weekday:
 * "Mi., 24.03.2027, 19:00 Uhr" / "Wed, 2027-03-24, 19:00"; a whole day without the time.
 */
export function formatDay(value, allDay = false) {
  const date = new Date(allDay ? `${String(value).slice(0, 10)}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat(current === 'en' ? 'en-GB' : 'de-DE', {
      timeZone: BERLIN,
      weekday: 'short',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const day =
    current === 'en'
      ? `${parts.weekday}, ${parts.year}-${parts.month}-${parts.day}`
      : `${parts.weekday.replace(/\.$/, '')}., ${parts.day}.${parts.month}.${parts.year}`;
  return allDay ? day : `${day}, ${t('common.clock', { time: `${parts.hour}:${parts.minute}` })}`;
}
