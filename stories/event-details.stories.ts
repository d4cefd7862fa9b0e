import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
// The list and the grid load this element on first use; on its own it is defined here.
import '../src/components/event-details/define.js';
import type { W4gEventDetails } from '../src/components/event-details/event-details.js';
import { commonArgTypes, darkPage, localUrl, regionOccurrence, themedPage, type LoadedOccurrence } from './support.js';

interface EventDetailsArgs {
  locale?: string;
  theme?: string;
  'image-origins'?: string;
  onClose?: (e: Event) => void;
}

/**
 * The dialog opens with `show(occurrence, association)`, as the list and the grid call it.
 * The button behind it opens it again after Escape or "Schließen".
 */
function details(args: EventDetailsArgs, loaded: LoadedOccurrence) {
  const element = document.createElement('w4g-event-details') as W4gEventDetails;
  if (args.locale) element.setAttribute('locale', args.locale);
  if (args.theme) element.setAttribute('theme', args.theme);
  if (args['image-origins']) element.setAttribute('image-origins', args['image-origins']);
  if (args.onClose) element.addEventListener('close', args.onClose);
  const open = () => void element.show(loaded.occurrence, loaded.association);
  // show() waits for the element's first render, which happens once Storybook has attached it.
  open();
  return html`<button type="button" @click=${open}>
      ${args.locale === 'en' ? 'Show details again' : 'Details wieder öffnen'}
    </button>
    ${element}`;
}

/** The concert with an image. */
async function richConcert(): Promise<LoadedOccurrence> {
  const loaded = await regionOccurrence('adventskonzert-2026');
  // Feeds carry absolute image URLs (see the schema); this image comes from Storybook's own
  // origin, so that no request leaves the machine.
  return {
    ...loaded,
    occurrence: {
      ...loaded.occurrence,
      image: localUrl('feeds/images/adventskonzert.svg'),
      imageAlt: 'Zeichnung: die Kirche St. Stephani unter einem Sternenhimmel',
    },
  };
}

const meta = {
  title: 'w4g-event-details',
  component: 'w4g-event-details',
  render: (args, { loaded }) => details(args, loaded as LoadedOccurrence),
  argTypes: { ...commonArgTypes },
  parameters: {
    docs: {
      description: {
        component:
          'Ein modaler Dialog (`<dialog>`): Fokus auf dem Titel, Escape und „Schließen“ geben den Fokus zurück. Liste, Monatsansicht und Vereinskarte öffnen ihn; hier wird `show()` direkt aufgerufen.',
      },
      // Each story opens a modal dialog: on the docs page every story gets a frame of its own.
      story: { inline: false, iframeHeight: 760 },
    },
  },
} satisfies Meta<EventDetailsArgs>;

export default meta;
type Story = StoryObj<EventDetailsArgs>;

/**
 * A date with everything: image, place, organizer, audience, accessibility, price, contact,
 * description, website, "In meinen Kalender" and the link to the date.
 */
export const Populated: Story = {
  loaders: [richConcert],
};

/** One date of a weekly series (the Saturday running group). */
export const Recurring: Story = {
  loaders: [() => regionOccurrence('lauftreff', '2026-12-12')],
};

/** A cancelled date of the series, with the organizer's explanation. */
export const Cancelled: Story = {
  loaders: [() => regionOccurrence('lauftreff', '2026-12-26')],
};

/** A postponed date: the new one is not known yet. */
export const Postponed: Story = {
  loaders: [() => regionOccurrence('lesung-winterabende')],
};

/** An all-day date over three days (the Christmas market). */
export const AllDayMultiDay: Story = {
  loaders: [() => regionOccurrence('weihnachtsmarkt-2026')],
};

/** A weekend with times: Friday 17:00 to Sunday 13:00. */
export const MultiDay: Story = {
  loaders: [() => regionOccurrence('theaterfreizeit-2026')],
};

/** The New York livestream shown in New York time (the list passes its display zone on). */
export const OtherTimeZone: Story = {
  loaders: [() => regionOccurrence('livestream-partnergemeinde-2026', undefined, 'America/New_York')],
};

/** `locale="en"`. */
export const English: Story = {
  args: { locale: 'en' },
  loaders: [richConcert],
};

/** Tokens (`--w4g-*`) and `::part()` rules from the page's stylesheet. */
export const Themed: Story = {
  loaders: [richConcert],
  decorators: [themedPage],
};

/** `theme="dark"`. */
export const Dark: Story = {
  args: { theme: 'dark' },
  loaders: [richConcert],
  decorators: [darkPage],
};
