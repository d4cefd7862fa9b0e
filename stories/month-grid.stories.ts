import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import {
  commonArgTypes,
  darkPage,
  FEEDS,
  loadThenFail,
  MONTH,
  NEVER_ANSWERS,
  NOT_FOUND,
  staleSrc,
  themedPage,
  TODAY,
} from './support.js';

interface MonthGridArgs {
  src?: string;
  month?: string;
  'week-numbers'?: boolean;
  'max-per-day'?: number;
  selected?: string;
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
  onW4gLoad?: (e: Event) => void;
  onW4gError?: (e: Event) => void;
  onW4gEventSelect?: (e: Event) => void;
  onW4gDaySelect?: (e: Event) => void;
  onW4gRangeChange?: (e: Event) => void;
}

const STALE = staleSrc('month-grid');

const meta = {
  title: 'w4g-month-grid',
  component: 'w4g-month-grid',
  render: (args) =>
    html`<w4g-month-grid
      src=${ifDefined(args.src)}
      month=${ifDefined(args.month)}
      ?week-numbers=${args['week-numbers']}
      max-per-day=${ifDefined(args['max-per-day'])}
      selected=${ifDefined(args.selected)}
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
      @w4g-day-select=${args.onW4gDaySelect}
      @w4g-range-change=${args.onW4gRangeChange}
      >${args.empty ? html`<p slot="empty">${args.empty}</p>` : nothing}</w4g-month-grid
    >`,
  args: { src: FEEDS.region, today: TODAY, month: MONTH },
  argTypes: { ...commonArgTypes },
  parameters: {
    docs: {
      description: {
        component:
          'Alle Beispiele zeigen Dezember 2026 mit dem 3. Dezember als heute (`month="2026-12"`, `today="2026-12-03"`). Pfeiltasten, Bild auf/ab und Pos1/Ende bewegen den Fokus wie im APG-Datumsraster.',
      },
    },
  },
} satisfies Meta<MonthGridArgs>;

export default meta;
type Story = StoryObj<MonthGridArgs>;

/** December 2026 in the region, today marked. */
export const Populated: Story = {};

/** First load; the feed never answers, so this story never settles. */
export const Loading: Story = {
  tags: ['state-loading'],
  args: { src: NEVER_ANSWERS },
};

/** A month without dates: the grid and the `empty` slot's default text. */
export const Empty: Story = {
  args: { src: FEEDS.empty },
};

/** The feed answers 404: the alert with a retry button above the empty grid. */
export const Error: Story = {
  args: { src: NOT_FOUND },
};

/** A refresh failed after a good load: the old dates stay, with a notice. */
export const StaleData: Story = {
  args: { src: STALE },
  loaders: [loadThenFail(STALE)],
};

/** Weekly, fortnightly and monthly series from JSON and iCalendar, with a left-out, a moved and a cancelled date. */
export const Recurring: Story = {
  args: { src: `${FEEDS.recurring} ${FEEDS.church}` },
};

/** All-day dates, one of them running through the whole month. */
export const AllDay: Story = {
  args: { src: FEEDS.allDay },
};

/** Dates over several days appear on each of their days. */
export const MultiDay: Story = {
  args: { src: FEEDS.multiDay },
};

/** Cancelled dates are struck through; screen readers hear "abgesagt" or "verschoben". */
export const CancelledAndPostponed: Story = {
  args: { src: FEEDS.status },
};

/** In New York time: the livestream is at 14:00 there, the Berlin concert at 11:00. */
export const OtherTimeZone: Story = {
  args: { src: FEEDS.zones, 'time-zone': 'America/New_York' },
};

/** A chosen day (`selected`) lists its dates under the grid; at most two per cell, then "+n weitere". */
export const SelectedDay: Story = {
  args: { selected: '2026-12-12', 'max-per-day': 2 },
};

/** ISO week numbers ("KW") in the first column. */
export const WeekNumbers: Story = {
  args: { 'week-numbers': true },
};

/** `locale="en"`: English month and weekday names, still Monday first. */
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
