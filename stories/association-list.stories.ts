import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { W4gAssociationList } from '../src/components/association-list/association-list.js';
import {
  commonArgTypes,
  darkPage,
  FEEDS,
  loadThenFail,
  NEVER_ANSWERS,
  NOT_FOUND,
  staleSrc,
  themedPage,
  TODAY,
} from './support.js';

interface AssociationListArgs {
  src?: string;
  filters?: boolean;
  town?: string;
  category?: string;
  'time-zone'?: string;
  today?: string;
  'heading-level'?: number;
  'image-origins'?: string;
  locale?: string;
  theme?: string;
  /** Text for the `empty` slot. */
  empty?: string;
  /** Element id; with `filters` it prefixes the filter parameters in the page URL. */
  id?: string;
  onW4gLoad?: (e: Event) => void;
  onW4gError?: (e: Event) => void;
  onW4gAssociationSelect?: (e: Event) => void;
  onW4gEventSelect?: (e: Event) => void;
}

const STALE = staleSrc('association-list');

function directory(args: AssociationListArgs, onLoad?: (e: Event) => void) {
  return html`<w4g-association-list
    id=${ifDefined(args.id)}
    src=${ifDefined(args.src)}
    ?filters=${args.filters}
    town=${ifDefined(args.town)}
    category=${ifDefined(args.category)}
    time-zone=${ifDefined(args['time-zone'])}
    today=${ifDefined(args.today)}
    heading-level=${ifDefined(args['heading-level'])}
    image-origins=${ifDefined(args['image-origins'])}
    locale=${ifDefined(args.locale)}
    theme=${ifDefined(args.theme)}
    @w4g-load=${(e: Event) => {
      args.onW4gLoad?.(e);
      onLoad?.(e);
    }}
    @w4g-error=${args.onW4gError}
    @w4g-association-select=${args.onW4gAssociationSelect}
    @w4g-event-select=${args.onW4gEventSelect}
    >${args.empty ? html`<p slot="empty">${args.empty}</p>` : nothing}</w4g-association-list
  >`;
}

const meta = {
  title: 'w4g-association-list',
  component: 'w4g-association-list',
  render: (args) => directory(args),
  args: { src: FEEDS.region, today: TODAY },
  argTypes: { ...commonArgTypes },
  parameters: {
    docs: {
      description: {
        component:
          'Die Vereine der Region von A bis Z (Umlaute unter ihrem Grundbuchstaben, Ziffern unter „#“). Ein Klick öffnet die Vereinskarte in einem Dialog.',
      },
    },
  },
} satisfies Meta<AssociationListArgs>;

export default meta;
type Story = StoryObj<AssociationListArgs>;

/** Ten associations in four towns, with letter headings. */
export const Populated: Story = {};

/** First load; the feed never answers, so this story never settles. */
export const Loading: Story = {
  tags: ['state-loading'],
  args: { src: NEVER_ANSWERS },
};

/** A feed without associations: the `empty` slot's default text. */
export const Empty: Story = {
  args: { src: FEEDS.empty },
};

/** The feed answers 404: the alert with a retry button. */
export const Error: Story = {
  args: { src: NOT_FOUND },
};

/** A refresh failed after a good load: the old directory stays, with a notice. */
export const StaleData: Story = {
  args: { src: STALE },
  loaders: [loadThenFail(STALE)],
};

/** The visitor's filter bar: search by name, town and category. */
export const WithFilters: Story = {
  args: { filters: true, id: 'vereine' },
};

/** The page shows one town's associations (`town="Seeland"`); the bar then offers category and search only. */
export const OneTown: Story = {
  args: { town: 'Seeland', filters: true, id: 'vereine-seeland' },
};

/** The card of one association, opened in the dialog (as after a click on its name). */
export const CardOpen: Story = {
  tags: ['!autodocs'],
  render: (args) =>
    directory(args, (e) => {
      const element = e.currentTarget as W4gAssociationList;
      // w4g-load of the card inside the dialog bubbles up here too; only the list's own counts.
      if (e.target !== element) return;
      const association = element.associations.find((a) => a.id === 'st-stephani-aschersleben');
      // w4g-load is dispatched at the end of an update: open the card after it, not inside it.
      if (association) void element.updateComplete.then(() => element.show(association));
    }),
};

/** `locale="en"`. */
export const English: Story = {
  args: { locale: 'en', filters: true, id: 'associations' },
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
