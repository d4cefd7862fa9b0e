import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { FeedResult } from '../src/core/index.js';
import {
  commonArgTypes,
  darkPage,
  FEEDS,
  loadThenFail,
  localUrl,
  NEVER_ANSWERS,
  NOT_FOUND,
  regionFeed,
  staleSrc,
  themedPage,
  TODAY,
} from './support.js';

interface AssociationCardArgs {
  association?: string;
  src?: string;
  'events-src'?: string;
  limit?: number;
  'all-events-href'?: string;
  'no-heading'?: boolean;
  'time-zone'?: string;
  today?: string;
  'heading-level'?: number;
  'image-origins'?: string;
  locale?: string;
  theme?: string;
  /** Text for the `empty` slot. */
  empty?: string;
  onW4gLoad?: (e: Event) => void;
  onW4gError?: (e: Event) => void;
  onW4gEventSelect?: (e: Event) => void;
}

const STALE = staleSrc('association-card');

function card(args: AssociationCardArgs, events?: FeedResult) {
  return html`<w4g-association-card
    association=${ifDefined(args.association)}
    src=${ifDefined(args.src)}
    .events=${events}
    events-src=${ifDefined(args['events-src'])}
    limit=${ifDefined(args.limit)}
    all-events-href=${ifDefined(args['all-events-href'])}
    ?no-heading=${args['no-heading']}
    time-zone=${ifDefined(args['time-zone'])}
    today=${ifDefined(args.today)}
    heading-level=${ifDefined(args['heading-level'])}
    image-origins=${ifDefined(args['image-origins'])}
    locale=${ifDefined(args.locale)}
    theme=${ifDefined(args.theme)}
    @w4g-load=${args.onW4gLoad}
    @w4g-error=${args.onW4gError}
    @w4g-event-select=${args.onW4gEventSelect}
    >${args.empty ? html`<p slot="empty">${args.empty}</p>` : nothing}</w4g-association-card
  >`;
}

const meta = {
  title: 'w4g-association-card',
  component: 'w4g-association-card',
  render: (args) => card(args),
  args: { src: FEEDS.region, association: 'kulturkreis-eine', today: TODAY },
  argTypes: { ...commonArgTypes },
  parameters: {
    docs: {
      description: {
        component:
          'Ein Verein aus dem Feed (`association` ist seine `id`) mit seinen nächsten Terminen ab dem 3. Dezember 2026 (`today="2026-12-03"`).',
      },
    },
  },
} satisfies Meta<AssociationCardArgs>;

export default meta;
type Story = StoryObj<AssociationCardArgs>;

/** An association with description, categories, meeting place, contacts and its next three dates. */
export const Populated: Story = {};

/** First load; the feed never answers, so this story never settles. */
export const Loading: Story = {
  tags: ['state-loading'],
  args: { src: NEVER_ANSWERS },
};

/** The feed has no association with this id: the `empty` slot ("Verein nicht gefunden."). */
export const NotFound: Story = {
  args: { association: 'gibt-es-nicht' },
};

/** The page's own text in the `empty` slot, for a feed without associations. */
export const EmptyFeed: Story = {
  args: { src: FEEDS.empty, empty: 'Dieser Verein hat sich noch nicht eingetragen.' },
};

/** The feed answers 404: the alert with a retry button. */
export const Error: Story = {
  args: { src: NOT_FOUND },
};

/** A refresh failed after a good load: the old card stays, with a notice. */
export const StaleData: Story = {
  args: { src: STALE },
  loaders: [loadThenFail(STALE)],
};

/** The parish's dates come from its own iCalendar feed (`events-src`), matched by the organizer's name. */
export const EventsFromOtherFeed: Story = {
  args: { association: 'ev-kirchengemeinde-ermsleben', 'events-src': FEEDS.church },
};

/** No upcoming dates ("Keine anstehenden Termine"), and a name starting with a digit. */
export const NoUpcomingEvents: Story = {
  args: { association: 'angelverein-hoym' },
};

/** A weekly series with a cancelled date, five at most, and the "Alle Termine" link. */
export const RecurringWithLink: Story = {
  args: { association: 'sv-falkenstein', limit: 5, 'all-events-href': '#alle-termine-sv-falkenstein' },
};

/** A logo from the page's own origin; the data is passed as the `events` property. */
export const WithLogo: Story = {
  loaders: [
    async () => {
      const feed = await regionFeed();
      const associations = feed.associations.map((a) =>
        a.id === 'kulturkreis-eine' ? { ...a, logo: localUrl('feeds/images/kulturkreis-logo.svg') } : a,
      );
      return { feed: { ...feed, associations } };
    },
  ],
  render: (args, { loaded }) => card(args, loaded['feed'] as FeedResult),
};

/** `locale="en"`. */
export const English: Story = {
  args: { locale: 'en' },
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
