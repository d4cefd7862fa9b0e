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
  rescheduled: string;
  movedOnline: string;
  soldOut: string;
  /** For a rescheduled date: where it was before ("verlegt vom Sa., 14.06.2027, 15:00 Uhr"). */
  movedFrom: (when: string) => string;
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
  /** The "Abonnieren" button of the list and the grid (its panel's texts: subscribe.ts). */
  subscribe: string;
  untitled: string;
}

/** Texts of `<w4g-event-details>`, loaded with it (German and English). */
export interface DetailsMessages {
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
}

/** Texts of the "Abonnieren" panel of the list, the grid and the card, loaded with the panel (German and English). */
export interface SubscribeMessages {
  title: string;
  intro: string;
  openApp: string;
  urlLabel: string;
  copy: string;
  copied: string;
  copyFailed: string;
  apps: { name: string; steps: string }[];
}

/** Texts of `<w4g-association-card>` and `<w4g-association-list>`, loaded with them (German and English). */
export interface AssociationMessages {
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
  meetings: string;
  nextMeetings: string;
  membersWanted: string;
  helpersWanted: string;
  wantedFilter: string;
  reportChange: string;
  register: string;
  requestIntro: string;
  requestMessage: string;
  requestName: string;
  requestTown: string;
  requestWebsite: string;
  yourName: string;
  yourEmail: string;
  contactPrivate: string;
  send: string;
  cancel: string;
  sent: string;
  sendFailed: string;
  fieldRequired: string;
}

/** The texts of the lazily loaded parts; German comes with each part, English with en.ts. */
export interface PartMessages {
  details: DetailsMessages;
  subscribe: SubscribeMessages;
  associations: AssociationMessages;
}
