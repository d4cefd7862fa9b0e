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
  };
  filters: {
    label: string;
    town: string;
    category: string;
    search: string;
    all: string;
    reset: string;
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
    filterLabel: string;
    search: string;
    close: string;
  };
  /** `<w4g-event-form>`: labels, hints, client-side messages and answers to a submission. */
  form: FormMessages;
}

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
