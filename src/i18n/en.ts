import type { Messages, PartMessages } from './messages.js';

export const en: Messages = {
  loading: 'Loading events …',
  loadingAnnouncement: 'Loading events.',
  empty: 'No events found.',
  errorTitle: 'The calendar could not be loaded.',
  errorReason: (kind, status) => {
    switch (kind) {
      case 'http':
        return status === 404
          ? 'The events address was not found (404).'
          : `The server answered with an error (${status ?? '?'}).`;
      case 'timeout':
        return 'The server did not answer in time.';
      case 'format':
        return 'The event data could not be read.';
      default:
        return 'The server cannot be reached. Please check your internet connection.';
    }
  },
  retry: 'Try again',
  staleNotice: 'The events could not be updated; showing the last known state.',
  partialNotice: (failed) =>
    failed === 1 ? 'One event source cannot be reached.' : `${failed} event sources cannot be reached.`,
  loaded: (count) => (count === 0 ? 'No events found.' : count === 1 ? '1 event loaded.' : `${count} events loaded.`),
  allDay: 'all day',
  cancelled: 'Cancelled',
  postponed: 'Postponed',
  rescheduled: 'Rescheduled',
  movedOnline: 'Moved online',
  soldOut: 'Sold out',
  movedFrom: (when) => `moved from ${when}`,
  showMore: 'Show more',
  shownOf: (shown, total) => `Showing ${shown} of ${total} events.`,
  eventCount: (count) => (count === 0 ? 'no events' : count === 1 ? '1 event' : `${count} events`),
  moreEvents: (count) => `+${count} more`,
  previousMonth: 'Previous month',
  nextMonth: 'Next month',
  today: 'Today',
  calendarLabel: 'Month calendar',
  weekNumber: 'Wk',
  weekNumberLong: 'Calendar week',
  dayLabel: (date, count) => `${date}, ${count === 0 ? 'no events' : count === 1 ? '1 event' : `${count} events`}`,
  dayPanelEmpty: 'There are no events on this day.',
  openDetails: (title) => `Details of “${title}”`,
  filters: {
    label: 'Filter events',
    town: 'Town',
    category: 'Category',
    search: 'Search',
    audience: 'Audience',
    accessible: 'Accessible only',
    free: 'Free only',
    all: 'All',
    reset: 'Reset filters',
  },
  subscribe: 'Subscribe',
  untitled: '(untitled)',
};

/** English of the lazily loaded parts (their German comes with them). */
export const enParts: PartMessages = {
  details: {
    close: 'Close',
    when: 'When',
    place: 'Place',
    organizer: 'Organizer',
    audience: 'Audience',
    accessibility: 'Accessibility',
    price: 'Admission',
    free: 'Free admission',
    contact: 'Contact',
    website: 'Event website',
    addToCalendar: 'Add to my calendar',
    addToCalendarHint: 'Downloads a calendar file (.ics) for Outlook, Apple or Google Calendar.',
    link: 'Link to this event',
    categories: 'Categories',
    town: 'Town',
    imageAlt: (title) => `Image for “${title}”`,
    imageCredit: (credit) => `Photo: ${credit}`,
    imageLicense: 'Licence',
    imageCalendarOnly: 'only for this calendar',
  },
  subscribe: {
    title: 'Subscribe to the calendar',
    intro: 'With a subscription these events appear in the calendar on your phone or computer and stay up to date by themselves.',
    openApp: 'Subscribe in your calendar app',
    urlLabel: 'Calendar address',
    copy: 'Copy address',
    copied: 'The address has been copied.',
    copyFailed: 'Copying did not work: the address is selected, please copy it with Ctrl+C (Mac: ⌘+C).',
    apps: [
      {
        name: 'Google Calendar',
        steps:
          'On a computer at calendar.google.com, click “+” next to “Other calendars”, choose “From URL”, paste the address and choose “Add calendar”. Your phone shows it too.',
      },
      {
        name: 'Outlook',
        steps:
          'In the calendar choose “Add calendar” and “Subscribe from web” (classic Outlook: “Open calendar”, “From Internet”), paste the address and confirm.',
      },
      {
        name: 'Apple Calendar (iPhone, iPad, Mac)',
        steps:
          'On an iPhone or iPad tap the link “Subscribe in your calendar app” and confirm “Subscribe”. On a Mac, in Calendar choose “File”, “New Calendar Subscription…” and paste the address.',
      },
      {
        name: 'Thunderbird',
        steps:
          'In the calendar choose “New Calendar…”, “On the Network”, paste the address, click “Find Calendars” and “Subscribe”.',
      },
    ],
  },
  associations: {
    notFound: 'Association not found.',
    empty: 'No associations found.',
    loaded: (count) =>
      count === 0 ? 'No associations found.' : count === 1 ? '1 association found.' : `${count} associations found.`,
    logoAlt: (name) => `Logo of ${name}`,
    meetingPlace: 'Meeting place',
    address: 'Address',
    website: 'Website',
    email: 'E-mail',
    phone: 'Phone',
    nextEvents: 'Upcoming events',
    noEvents: 'No events are listed at the moment.',
    eventsLoading: 'Loading events …',
    eventsError: 'The events could not be loaded.',
    allEvents: 'All events',
    subscribe: 'Subscribe to events',
    filterLabel: 'Filter associations',
    search: 'Search by name',
    close: 'Close',
    meetings: 'Meetings',
    nextMeetings: 'Next meetings',
    membersWanted: 'New members welcome',
    helpersWanted: 'Helpers wanted',
    wantedFilter: 'Looking for support',
    reportChange: 'Report a change',
    register: 'Register an association',
    requestIntro: "Your message goes to your town's editors and is checked before anything is published.",
    requestMessage: 'What has changed?',
    requestName: 'Name of the association',
    requestTown: 'Town',
    requestWebsite: 'Website (optional)',
    yourName: 'Your name',
    yourEmail: 'Your e-mail address',
    contactPrivate: 'Only for questions from the editors; never published.',
    send: 'Send',
    cancel: 'Cancel',
    sent: 'Thank you! Your message has reached the editors.',
    sendFailed: 'The message could not be sent. Please try again later.',
    fieldRequired: 'Please fill in this field.',
  },
};
