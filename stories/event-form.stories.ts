import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { W4gEventForm } from '../src/components/event-form/event-form.js';
import { removeDraft, saveDraft } from '../src/components/event-form/event-form.draft.js';
import { emptyValues, type FormValues } from '../src/components/event-form/event-form.fields.js';
import { commonArgTypes, darkPage, FEEDS, themedPage, TODAY } from './support.js';

interface EventFormArgs {
  action?: string;
  'associations-src'?: string;
  license?: string;
  'privacy-href'?: string;
  towns?: string;
  categories?: string;
  today?: string;
  locale?: string;
  theme?: string;
  onW4gSubmit?: (e: Event) => void;
  onW4gSubmitSuccess?: (e: Event) => void;
  onW4gSubmitError?: (e: Event) => void;
}

/** The stand-in endpoint (.storybook/mock-fetch.ts) that answers with this status. */
const endpoint = (status: number) => `__story/submissions/${status}`;

/** What a visitor types for the Advent singing: valid for the frozen today (3.12.2026). */
const ADVENT_SINGING: Partial<FormValues> = {
  title: 'Adventssingen am Marktbrunnen',
  description: 'Wir singen bekannte Adventslieder, alle dürfen mitsingen. Liedblätter liegen aus.',
  category: 'Musik',
  startDate: '2026-12-19',
  startTime: '16:00',
  endTime: '17:00',
  town: 'Aschersleben',
  placeName: 'Marktbrunnen',
  placeAddress: 'Markt, 06449 Aschersleben',
  organizer: 'Ökumenischer Chor Aschersleben',
  audience: ['Familien'],
  free: true,
  contactName: 'Erika Mustermann',
  contactEmail: 'erika.mustermann@example.org',
  privacy: true,
  publish: true,
};

async function formIn(canvas: HTMLElement): Promise<W4gEventForm> {
  const form = canvas.querySelector<W4gEventForm>('w4g-event-form');
  if (!form) throw new TypeError('no w4g-event-form in the story');
  await form.updateComplete;
  return form;
}

/** Types into the form as a visitor would: every change fires `input` or `change`. */
function fill(form: W4gEventForm, values: Partial<FormValues>): void {
  const root = form.shadowRoot!;
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) {
      for (const item of value) root.querySelector<HTMLInputElement>(`input[name="${name}"][value="${item}"]`)?.click();
      continue;
    }
    const control = root.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${name}"]`);
    if (!control) throw new TypeError(`no control ${name}`);
    if (control instanceof HTMLInputElement && control.type === 'checkbox') {
      if (control.checked !== value) control.click();
    } else {
      control.value = String(value);
      control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    }
  }
}

function submit(form: W4gEventForm): void {
  form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();
}

/** Resolves once `done` is true (the form answers within a few frames; 5 s at most). */
async function until(done: () => boolean): Promise<void> {
  const end = performance.now() + 5000;
  while (!done()) {
    if (performance.now() > end) throw new TypeError('the form did not reach the expected state');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Fills in the Advent singing, sends it and waits for the answer to show. */
async function sendAdventSinging({ canvasElement }: { canvasElement: HTMLElement }): Promise<void> {
  const form = await formIn(canvasElement);
  fill(form, ADVENT_SINGING);
  await form.updateComplete;
  submit(form);
  await until(() => {
    const state = form.getAttribute('state');
    return state === 'success' || state === 'error' || !!form.shadowRoot!.querySelector('[part="error-summary"]');
  });
}

const meta = {
  title: 'w4g-event-form',
  component: 'w4g-event-form',
  render: (args) =>
    html`<w4g-event-form
      action=${ifDefined(args.action)}
      associations-src=${ifDefined(args['associations-src'])}
      license=${ifDefined(args.license)}
      privacy-href=${ifDefined(args['privacy-href'])}
      towns=${ifDefined(args.towns)}
      categories=${ifDefined(args.categories)}
      today=${ifDefined(args.today)}
      locale=${ifDefined(args.locale)}
      theme=${ifDefined(args.theme)}
      @w4g-submit=${args.onW4gSubmit}
      @w4g-submit-success=${args.onW4gSubmitSuccess}
      @w4g-submit-error=${args.onW4gSubmitError}
    ></w4g-event-form>`,
  args: {
    action: endpoint(202),
    'associations-src': FEEDS.region,
    'privacy-href': '#datenschutz',
    today: TODAY,
  },
  argTypes: { ...commonArgTypes },
  // The form keeps a draft per `action` in localStorage; each story starts from its own
  // (`parameters.draft`) or from none, so that it looks the same every time.
  loaders: [
    ({ args, parameters }) => {
      const action = (args as EventFormArgs).action;
      const draft = parameters['draft'] as Partial<FormValues> | undefined;
      if (!action) return {};
      if (draft) saveDraft(action, { values: { ...emptyValues(), ...draft }, key: 'storybook-draft-0001' });
      else removeDraft(action);
      return {};
    },
  ],
  parameters: {
    docs: {
      description: {
        component:
          'Das Formular sendet an `action` (hier ein Platzhalter-Endpunkt in Storybook, der wie `/api/submissions` antwortet). Die Geschichten mit Fehlern und Bestätigung füllen das Formular selbst aus und sind nur einzeln zu sehen.',
      },
    },
  },
} satisfies Meta<EventFormArgs>;

export default meta;
type Story = StoryObj<EventFormArgs>;

/** The empty form, ready to fill in; the organizer field suggests the associations of the region feed. */
export const Populated: Story = {};

/** "Senden" on the empty form: the error summary at the top (focused) and a message at each field. */
export const ErrorsShown: Story = {
  tags: ['!autodocs'],
  args: { action: endpoint(201) },
  play: async ({ canvasElement }) => {
    const form = await formIn(canvasElement);
    submit(form);
    await until(() => !!form.shadowRoot!.querySelector('[part="error-summary"]'));
  },
};

/** Filled in and sent; the server answers 201: the thank-you message (`state="success"`). */
export const Sent: Story = {
  tags: ['!autodocs'],
  args: { action: endpoint(201) },
  play: sendAdventSinging,
};

/** The server answers 500: the message with a retry button; the typing is kept (`state="error"`). */
export const ServerError: Story = {
  tags: ['!autodocs'],
  args: { action: endpoint(500) },
  play: sendAdventSinging,
};

/** The server refuses with 422: its German messages at the fields and in the summary. */
export const RefusedByServer: Story = {
  tags: ['!autodocs'],
  args: { action: endpoint(422) },
  play: sendAdventSinging,
};

/** Too many submissions (429): how long to wait, no retry button. */
export const RateLimited: Story = {
  tags: ['!autodocs'],
  args: { action: endpoint(429) },
  play: sendAdventSinging,
};

/** A draft left in the browser comes back after a reload, with a notice. */
export const DraftRestored: Story = {
  args: { action: endpoint(201) },
  parameters: {
    draft: {
      title: 'Laternenumzug',
      startDate: '2027-11-11',
      startTime: '17:00',
      town: 'Seeland',
      placeName: 'Kirche Hoym',
      repeat: 'none',
    } satisfies Partial<FormValues>,
  },
};

/** A club's series: the last Friday of every month, twelve dates, one of them in the holidays off, with the preview. */
export const Series: Story = {
  args: { action: endpoint(201) },
  parameters: {
    draft: {
      title: 'Stammtisch des Heimatvereins',
      startDate: '2027-01-29',
      startTime: '19:00',
      endTime: '21:00',
      town: 'Arnstein',
      placeName: 'Dorfgemeinschaftshaus',
      repeat: 'monthly-weekday',
      monthWeek: '-1',
      end: 'count',
      count: '12',
      exdates: ['2027-07-30'],
    } satisfies Partial<FormValues>,
  },
};

/** The page's own towns and categories, and another licence. */
export const OwnTownsAndCategories: Story = {
  args: { towns: 'Aschersleben, Seeland', categories: 'Konzert, Lesung, Ausstellung', license: 'CC0 1.0' },
};

/** `locale="en"`: English labels and messages (the values sent stay German). */
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

/** An event of the feed, as a CMS or the workspace hands it to the edit mode. */
const EDITED = {
  id: 'heimatstube',
  title: 'Heimatstube geöffnet',
  description: 'Die Ausstellung zur Ortsgeschichte, mit Kaffee und Kuchen.',
  start: '2027-01-03T14:00',
  end: '2027-01-03T17:00',
  timeZone: 'Europe/Berlin',
  rrule: 'FREQ=MONTHLY;BYDAY=1SU',
  town: 'Arnstein',
  location: { name: 'Heimatstube Sandersleben' },
  categories: ['Kultur'],
  status: 'postponed',
  statusNote: 'wegen Renovierung',
};

/**
 * Edit mode (`.event`, `method="PUT"`, `version` as If-Match): every field prefilled, series and
 * status included, no contact or consent fields; "Änderungen speichern".
 */
export const EditMode: Story = {
  args: { action: endpoint(201) },
  render: (args) =>
    html`<w4g-event-form
      action=${ifDefined(args.action)}
      method="PUT"
      version="v1"
      today=${ifDefined(args.today)}
      locale=${ifDefined(args.locale)}
      .event=${EDITED}
    ></w4g-event-form>`,
};
