/**
 * w4g-calendar/core: the framework-free engine. No DOM, no Lit; runs in Node 20+ and in
 * browsers. Dates are ISO-8601 strings and zones IANA names at every edge.
 */
export type {
  Association,
  AssociationMeeting,
  CalendarEvent,
  ClearableField,
  EventContact,
  EventLocation,
  EventFormBody,
  EventStatus,
  FeedError,
  FeedResult,
  ImageLicense,
  ImageSource,
  Occurrence,
  SubmissionImage,
  SubmissionPayload,
} from './model.js';
export {
  IMAGE_FIELDS,
  IMAGE_LICENSES,
  IMAGE_LICENSE_NAMES,
  IMAGE_LICENSE_URLS,
  imageFeedFields,
  imageSrcset,
  isImageLicense,
} from './image.js';
export { parseIcs } from './ics/parse.js';
export { CLEARABLE_FIELDS, clearedAsNull } from './cleared.js';
export type { JsonFeedOptions } from './feed/json.js';
export { parseJsonFeed, expandOccurrences, expandOccurrencesReport } from './series.js';
export { loadJsonLdWriter, loadSeries, once } from './lazy.js';
export {
  compareOccurrences,
  DEFAULT_ZONE,
  expandWith,
  needsSeries,
  type ExpandOptions,
  type ExpandReport,
  type SeriesSupport,
} from './recurrence.js';
export {
  filterOccurrences,
  filterEvents,
  filterAssociations,
  byTown,
  byCategory,
  byOrganizer,
  byAudience,
  byText,
  byDateRange,
  byAccessibility,
  byFree,
  distinctValues,
  foldText,
  compareText,
  parseList,
  type OccurrenceFilter,
  type Filterable,
  type AssociationFilter,
} from './filter.js';
export { mergeFeeds, tagSource } from './merge.js';
export {
  FeedStore,
  FeedLoadError,
  sharedFeedStore,
  detectFormat,
  parseFeed,
  type FeedFormat,
  type FeedLoadErrorKind,
  type FeedSnapshot,
  type FeedStoreOptions,
  type ParseFeedOptions,
  type LoadOptions,
  type LoadAllResult,
  type FeedView,
  type ViewFilters,
  windowableUrl,
  viewUrl,
} from './store.js';
export { parseRecurrenceRule, type RecurrenceRule, type ParsedRule } from './rrule-value.js';
export { safeUrl, mailtoUrl, telUrl, type UrlKind } from './url.js';
export { resolveTzid } from './ics/vtimezone.js';
export { canonicalZone, parseIso, type When } from './time.js';
export {
  addDaysInZone,
  dayInMonth,
  daysInMonthIso,
  isIsoDate,
  isoDate,
  isoInstant,
  utcStamp,
  weekdayIndex,
  zonedInstant,
} from './calendar-dates.js';
export {
  resolveLocale,
  localDate,
  occurrenceDays,
  formatShortDate,
  formatLongDate,
  formatTime,
  formatOccurrenceTime,
  formatOccurrenceWhen,
  formatMoment,
  formatMonthYear,
  weekdayNames,
  isoWeek,
  formatWeekNumber,
  todayIn,
  addDaysIso,
  addMonthsIso,
  monthGrid,
  statusWords,
  type Locale,
} from './format.js';
export { occurrenceToIcs, eventsToIcs, type OccurrenceIcsOptions, type EventsIcsOptions } from './ics/write.js';
export {
  occurrenceToJsonLd,
  occurrencesToJsonLd,
  serializeJsonLd,
  type JsonLdOptions,
  type JsonLdListOptions,
} from './feed/jsonld.js';
export {
  editSeries,
  type SeriesChange,
  type SeriesEdit,
  type SeriesEditError,
  type SeriesEditResult,
  type SeriesScope,
} from './series-edit.js';
export { findClashes, distanceKm, type Clash, type ClashOptions, type ClashQuery, type ClashReason } from './clash.js';
export { meetingEvents, nextMeetings, describeRule, describeMeeting } from './meetings.js';
