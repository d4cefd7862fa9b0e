import type { FeedLoadErrorKind } from '../core/index.js';

/** Every text the elements show or announce. German is the reference; English follows it. */
export interface Messages {
  loading: string;
  loadingAnnouncement: string;
  empty: string;
  errorTitle: string;
  errorReason: (kind: FeedLoadErrorKind, status?: number) => string;
  retry: string;
  staleNotice: string;
  partialNotice: (failed: number) => string;
  loaded: (count: number) => string;
  allDay: string;
  cancelled: string;
  postponed: string;
  showMore: string;
  shownOf: (shown: number, total: number) => string;
  eventCount: (count: number) => string;
  moreEvents: (count: number) => string;
  previousMonth: string;
  nextMonth: string;
  today: string;
  calendarLabel: string;
  weekNumber: string;
  weekNumberLong: string;
  dayLabel: (date: string, count: number) => string;
  dayPanelEmpty: string;
  openDetails: (title: string) => string;
  details: {
    close: string;
    when: string;
    place: string;
    organizer: string;
    audience: string;
    accessibility: string;
    price: string;
    free: string;
    contact: string;
    website: string;
    addToCalendar: string;
    addToCalendarHint: string;
    link: string;
    categories: string;
    town: string;
    imageAlt: (title: string) => string;
    /** The credit line under a picture: who made it. */
    imageCredit: (credit: string) => string;
    /** Before the licence name when there is no credit ("Lizenz: CC BY 4.0"). */
    imageLicense: string;
    /** The licence "nur für diesen Kalender". */
    imageCalendarOnly: string;
  };
  filters: {
    label: string;
    town: string;
    category: string;
    search: string;
    audience: string;
    accessible: string;
    free: string;
    all: string;
    reset: string;
  };
  /** "Abonnieren" of the list and the grid. */
  subscribe: {
    button: string;
    title: string;
    intro: string;
    openApp: string;
    urlLabel: string;
    copy: string;
    copied: string;
    copyFailed: string;
    apps: { name: string; steps: string }[];
  };
  untitled: string;
  /** `<w4g-association-card>` and `<w4g-association-list>`. */
  associations: {
    notFound: string;
    empty: string;
    loaded: (count: number) => string;
    logoAlt: (name: string) => string;
    meetingPlace: string;
    address: string;
    website: string;
    email: string;
    phone: string;
    nextEvents: string;
    noEvents: string;
    eventsLoading: string;
    eventsError: string;
    allEvents: string;
    /** The card's subscribe button: the association's calendar on the server. */
    subscribe: string;
    filterLabel: string;
    search: string;
    close: string;
  };
}
