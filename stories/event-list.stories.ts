import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { CalendarEvent, FeedResult } from '../src/core/index.js';
import {
  commonArgTypes,
  darkPage,
  FEEDS,
  loadThenFail,
  NEVER_ANSWERS,
  localUrl,
  NOT_FOUND,
  regionFeed,
  staleSrc,
  themedPage,
  TO,
  TODAY,
} from './support.js';

interface EventListArgs {
  src?: string;
  from?: string;
  to?: string;
  limit?: number;
  filters?: boolean;
  images?: boolean;
  town?: string;
  category?: string;
  organizer?: string;
  audience?: string;
  q?: string;
  'time-zone'?: string;
  today?: string;
  'heading-level'?: number;
  'no-jsonld'?: boolean;
  'image-origins'?: string;
  locale?: string;
  theme?: string;
  /** Text for the `empty` slot. */
  empty?: string;
  /** Element id; with `filters` it prefixes the filter parameters in the page URL. */
  id?: string;
  onW4gLoad?: (e: Event) => void;
  onW4gError?: (e: Event) => void;
  onW4gEventSelect?: (e: Event) => void;
  onW4gRangeChange?: (e: Event) => void;
}

const STALE = staleSrc('event-list');

function list(args: EventListArgs, events?: CalendarEvent[] | FeedResult) {
  return html`<w4g-event-list
    id=${ifDefined(args.id)}
    src=${ifDefined(args.src)}
    .events=${events}
    from=${ifDefined(args.from)}
    to=${ifDefined(args.to)}
    limit=${ifDefined(args.limit)}
    ?filters=${args.filters}
    ?images=${args.images}
    town=${ifDefined(args.town)}
    category=${ifDefined(args.category)}
    organizer=${ifDefined(args.organizer)}
    audience=${ifDefined(args.audience)}
    q=${ifDefined(args.q)}
    time-zone=${ifDefined(args['time-zone'])}
    today=${ifDefined(args.today)}
    heading-level=${ifDefined(args['heading-level'])}
    ?no-jsonld=${args['no-jsonld']}
    image-origins=${ifDefined(args['image-origins'])}
    locale=${ifDefined(args.locale)}
    theme=${ifDefined(args.theme)}
    @w4g-load=${args.onW4gLoad}
    @w4g-error=${args.onW4gError}
    @w4g-event-select=${args.onW4gEventSelect}
    @w4g-range-change=${args.onW4gRangeChange}
    >${args.empty ? html`<p slot="empty">${args.empty}</p>` : nothing}</w4g-event-list
  >`;
}

const meta = {
  title: 'w4g-event-list',
  component: 'w4g-event-list',
  render: (args) => list(args),
  args: { src: FEEDS.region, today: TODAY, from: TODAY, to: TO },
  argTypes: { ...commonArgTypes },
  parameters: {
    docs: {
      description: {
        component:
          'Alle Beispiele zeigen den 3. bis 31. Dezember 2026 (`today="2026-12-03"`). Die Beispiel-Feeds liegen in `stories/feeds/`.',
      },
    },
  },
} satisfies Meta<EventListArgs>;

export default meta;
type Story = StoryObj<EventListArgs>;

/** The region's December: single dates, a weekly series, all-day and multi-day dates, cancelled and postponed ones. */
export const Populated: Story = {};

/** First load: the skeleton with `aria-busy="true"`. The feed never answers, so this story never settles. */
export const Loading: Story = {
  tags: ['state-loading'],
  args: { src: NEVER_ANSWERS },
};

/** A feed without dates: the default text of the `empty` slot. */
export const Empty: Story = {
  args: { src: FEEDS.empty },
};

/** The page's own text in the `empty` slot, here because a search matches nothing. */
export const EmptyWithOwnText: Story = {
  args: { q: 'Weihnachtsoratorium', empty: 'Kein Termin passt zu Ihrer Suche. Schauen Sie im Januar wieder vorbei!' },
};

/** The feed answers 404: a German alert (`role="alert"`) with a retry button. */
export const Error: Story = {
  args: { src: NOT_FOUND },
};

/** A refresh failed after a good load: the old dates stay, with a notice and a retry button. */
export const StaleData: Story = {
  args: { src: STALE },
  loaders: [loadThenFail(STALE)],
};

/** Two feeds, one of which fails: the dates of the other with a notice. */
export const OneOfTwoFeedsFails: Story = {
  args: { src: `${FEEDS.region} ${NOT_FOUND}` },
};

/**
 * Series from a JSON feed and an iCalendar feed: weekly, fortnightly and monthly; a left-out
 * date (19.12.), a moved one (Nikolauslauf) and a cancelled one (26.12.).
 */
export const Recurring: Story = {
  args: { src: `${FEEDS.recurring} ${FEEDS.church}` },
};

/** All-day dates: one day, several days, and an exhibition that began before the first day shown. */
export const AllDay: Story = {
  args: { src: FEEDS.allDay, to: '2027-01-15' },
};

/** Dates over several days, with times, and a party past midnight. */
export const MultiDay: Story = {
  args: { src: FEEDS.multiDay },
};

/** Cancelled and postponed dates keep their place, struck through and marked. */
export const CancelledAndPostponed: Story = {
  args: { src: FEEDS.status },
};

/** Shown in New York time (`time-zone="America/New_York"`); the feed has Berlin, New York and UTC times. */
export const OtherTimeZone: Story = {
  args: { src: FEEDS.zones, 'time-zone': 'America/New_York' },
};

/** `locale="en"`: English texts, dates and 12-hour times. */
export const English: Story = {
  args: { locale: 'en' },
};

/** The visitor's filter bar (town, category, search); the choice is kept in the page URL. */
export const WithFilters: Story = {
  args: { filters: true, id: 'termine' },
};

/** The page shows only one town's dates (`town="Aschersleben"`). */
export const OneTown: Story = {
  args: { town: 'Aschersleben' },
};

/** Five at a time (`limit="5"`) with "Mehr anzeigen". */
export const ShowMore: Story = {
  args: { limit: 5 },
};

/** Data the page fetched itself, passed as the `events` property instead of `src`. */
export const EventsProperty: Story = {
  args: { src: undefined },
  loaders: [async () => ({ feed: await regionFeed() })],
  render: (args, { loaded }) => list(args, loaded['feed'] as FeedResult),
};

/**
 * `images`: each date's picture beside it, small and loaded lazily, its box reserved by the
 * feed's width and height. Here the Adventskonzert has one (from Storybook's own origin).
 */
export const WithPictures: Story = {
  args: { src: undefined, images: true },
  loaders: [
    async () => {
      const feed = await regionFeed();
      const events = feed.events.map((e) =>
        e.id === 'adventskonzert-2026'
          ? {
              ...e,
              image: localUrl('feeds/images/adventskonzert.svg'),
              imageAlt: 'Zeichnung: die Kirche St. Stephani unter einem Sternenhimmel',
              imageWidth: 640,
              imageHeight: 360,
            }
          : e,
      );
      return { feed: { ...feed, events } };
    },
  ],
  render: (args, { loaded }) => list(args, loaded['feed'] as FeedResult),
};

/** Tokens (`--w4g-*`) and `::part()` rules from the page's stylesheet. */
export const Themed: Story = {
  decorators: [themedPage],
};

/** `theme="dark"` on a dark page. */
export const Dark: Story = {
  args: { theme: 'dark' },
  decorators: [darkPage],
};
