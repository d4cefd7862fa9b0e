import { type PropertyDeclarations, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { addDaysIso, filterAssociations, foldText, type Association } from '../../core/index.js';
import { W4gAssociationSelectEvent } from '../../shared/events.js';
import { FeedController } from '../../shared/feed-controller.js';
import { W4gFeedElement } from '../../shared/feed-element.js';
import { chips } from '../../shared/chips.js';
import { heading } from '../../shared/heading.js';
import { AssociationRequestForm } from '../../shared/association-request.js';
import { filterBar, placeChoices, type FilterField } from '../../shared/filter-bar.js';
import { filterBarStyles } from '../../shared/filter-styles.js';
import { dialogStyles } from '../../shared/dialog-styles.js';
import { ModalDialog } from '../../shared/modal-dialog.js';
import { tokens } from '../../shared/styles.js';
import { styles } from './association-list.styles.js';
import { associations as associationTexts } from '../../i18n/associations.js';
import type { AssociationMessages } from '../../i18n/messages.js';
import { partMessages } from '../../shared/localize.js';

interface Choice {
  town?: string;
  category?: string;
  q?: string;
  /** "members" or "helpers": only associations looking for them. */
  wanted?: string;
}

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/** The letter an association is filed under: umlauts with their base letter, digits and signs under "#". */
function letterOf(name: string): string {
  const first = foldText(name).charAt(0).toUpperCase();
  return /^[A-Z]$/.test(first) ? first : '#';
}

/**
 * The region's associations ("Vereinslandschaft"), alphabetical with letter headings,
 * filterable by town and category and searchable by name. Each entry opens the association's
 * card in a modal dialog.
 *
 * @summary An alphabetical directory of associations that opens each one's card.
 * @tag w4g-association-list
 * @slot empty - Shown when no association matches (default: "Keine Vereine gefunden.").
 * @csspart base - The wrapper of everything.
 * @csspart filter-bar - The visitor filter form (with `filters`).
 * @csspart skeleton - The placeholder while loading.
 * @csspart error - The error message with the retry button.
 * @csspart retry-button - The retry button.
 * @csspart notice - The notice shown above old data after a failed refresh.
 * @csspart empty - The wrapper of the empty slot.
 * @csspart letter - One letter's group.
 * @csspart letter-heading - The heading of a letter, e.g. "A".
 * @csspart association - One association.
 * @csspart association-name - The heading with the button that opens the card.
 * @csspart association-meta - The town.
 * @csspart categories - The list of category chips.
 * @csspart category - One category chip.
 * @csspart dialog - The native dialog with the card.
 * @csspart dialog-title - The dialog's heading (the association's name).
 * @csspart close-button - The dialog's close button.
 * @csspart card - The `<w4g-association-card>` in the dialog.
 * @cssprop [--w4g-color-accent=#0b5394] - Links, letter rules and focus.
 * @cssprop [--w4g-color-text=#1a1a1a] - Text.
 * @cssprop [--w4g-color-muted=#555] - Secondary text.
 * @cssprop [--w4g-color-background=#fff] - Background.
 * @cssprop [--w4g-color-surface=#f3f5f7] - Entries and the filter bar.
 * @cssprop [--w4g-color-border=#c3c9d0] - Borders and chips.
 * @cssprop [--w4g-radius=0.375rem] - Corner radius.
 * @cssprop [--w4g-space-m=1rem] - Base spacing (also -xs, -s, -l).
 * @cssprop [--w4g-focus-ring=3px solid #1a73e8] - Focus outline.
 * @cssprop [--w4g-font-family=inherit] - Font; inherits the page's.
 * @cssprop [--w4g-association-list-letter-size=1.25rem] - Size of the letter headings.
 * @csspart request-button - "Verein eintragen" (with `requests-action`).
 * @csspart request-form - Its form, while open.
 * @csspart association-wanted - "Mitglieder gesucht" / "Helfer gesucht" labels of an entry.
 * @event {W4gLoadEvent} w4g-load - The feed arrived and is shown (count: its upcoming dates in `town`/`category`).
 * @event {W4gErrorEvent} w4g-error - The feed failed (stale: older data is still shown).
 * @event {W4gAssociationSelectEvent} w4g-association-select - The visitor opened an association; cancelable.
 * @event {W4gEventSelectEvent} w4g-event-select - The visitor opened an event in a card; cancelable.
 */
export class W4gAssociationList extends W4gFeedElement {
  static override properties: PropertyDeclarations = {
    filters: { type: Boolean, reflect: true },
    requestsAction: { attribute: 'requests-action' },
    choice: { state: true },
    chosen: { state: true },
  };

  static override styles = [tokens, dialogStyles, filterBarStyles, styles];

  /** Show the visitor filter bar: search by name, and town and category where the page set none. */
  filters = false;

  /**
   * The server's `/api/association-requests`: with it the list offers "Verein eintragen" and every
   * card "Änderung melden", small forms whose messages go to the town's editors.
   */
  requestsAction?: string;

  private readonly requests = new AssociationRequestForm(this, () => ({ kind: 'new', idPrefix: 'register' }));

  /** The associations currently listed, in order (read-only). */
  get associations(): Association[] {
    const data = this.feed.data;
    if (!data) return [];
    const c = this.choice;
    const words = foldText(c.q ?? '')
      .split(' ')
      .filter(Boolean);
    // The visitor can only narrow what the page set: the selects show only where the page set nothing.
    return filterAssociations(data.associations, {
      town: this.town || c.town || '',
      category: this.category || c.category || '',
      membersWanted: c.wanted === 'members',
      helpersWanted: c.wanted === 'helpers',
    })
      .filter((a) => words.every((w) => foldText(a.name).includes(w)))
      .sort((a, b) => collator.compare(a.name, b.name));
  }

  private choice: Choice = {};
  private chosen?: Association;

  private readonly feed: FeedController = new FeedController(this, {
    window: (zone) => {
      const start = this.feed.today(zone);
      return { start, end: addDaysIso(start, 366) };
    },
    windowed: false,
    found: () => this.associations.length > 0,
    announce: () => this.texts.loaded(this.associations.length),
  });
  /** The entry that opened the dialog, to get focus back. */
  private openerId?: string;

  private readonly dialog = new ModalDialog(this, { onClose: () => this.focusOpener() });

  /** Opens an association's card, as a click on its entry does (without the event). */
  async show(association: Association): Promise<void> {
    this.chosen = association;
    await this.dialog.show('#dialog-title');
  }

  /** Closes the card; focus returns to the entry that opened it. */
  close(): void {
    this.dialog.close();
  }

  /** The texts of the association elements in the element's language. */
  private get texts(): AssociationMessages {
    return partMessages('associations', associationTexts, this.language);
  }

  override render(): TemplateResult {
    const list = this.feed.state === 'loading' ? [] : this.associations;
    return html`${this.feed.frame({
      before: this.filters ? this.renderFilters() : undefined,
      content: list.length ? this.renderList(list) : nothing,
      empty: list.length === 0,
      emptyText: this.texts.empty,
    })}${this.requests.render(this.requestsAction, this.texts)}${this.renderDialog()}`;
  }

  private renderList(list: Association[]): TemplateResult {
    const groups = new Map<string, Association[]>();
    for (const a of list) {
      const letter = letterOf(a.name);
      const group = groups.get(letter);
      if (group) group.push(a);
      else groups.set(letter, [a]);
    }
    return html`<ul class="letters" role="list">
      ${repeat(
        groups,
        ([letter]) => letter,
        ([letter, group]) =>
          html`<li class="letter" part="letter">
            ${heading(this.level, 'letter-heading', letter, `letter-${letter === '#' ? 'other' : letter}`)}
            <ul class="entries" role="list" aria-labelledby=${`letter-${letter === '#' ? 'other' : letter}`}>
              ${repeat(
                group,
                (a) => a.id,
                (a) => this.renderEntry(a),
              )}
            </ul>
          </li>`,
      )}
    </ul>`;
  }

  private renderEntry(a: Association): TemplateResult {
    return html`<li class="entry" part="association" data-id=${a.id}>
      ${heading(
        this.level + 1,
        'association-name',
        html`<button class="entry-button" type="button" aria-haspopup="dialog" data-id=${a.id} @click=${() => this.select(a)}>
          ${a.name}
        </button>`,
      )}
      ${a.town ? html`<p class="meta" part="association-meta">${a.town}</p>` : nothing} ${this.renderWanted(a)}
      ${chips(a.categories)}
    </li>`;
  }

  /** "Mitglieder gesucht" / "Helfer gesucht" as labels in words. */
  private renderWanted(a: Association): TemplateResult | typeof nothing {
    const t = this.texts;
    const labels = [a.membersWanted && t.membersWanted, a.helpersWanted && t.helpersWanted].filter(Boolean);
    if (!labels.length) return nothing;
    return html`<p class="meta" part="association-wanted">
      ${labels.map((l, i) => html`${i ? ' ' : ''}<span class="badge">${l}</span>`)}
    </p>`;
  }

  /*
   * Why a modal dialog and not a card expanded inline: the card is long (description,
   * contacts, events), and unfolding it inside the alphabetical list would push the
   * following entries a screen away and nest its headings and lists inside the list's, which
   * is hard to navigate with a screen reader or at 200 % zoom. The native modal dialog is the
   * pattern the calendar already uses for event details: it names itself (aria-labelledby),
   * keeps focus inside, closes with Escape and its close button, and focus returns to the
   * entry, so the visitor continues in the list where they left it.
   */
  private renderDialog(): TemplateResult {
    const t = this.texts;
    const a = this.chosen;
    return this.dialog.render(
      a
        ? html`<div class="dialog-header">
              <h2 id="dialog-title" part="dialog-title" tabindex="-1">${a.name}</h2>
              <button class="button" part="close-button" type="button" @click=${this.close}>${t.close}</button>
            </div>
            <w4g-association-card
              part="card"
              class="dialog-card"
              no-heading
              heading-level="3"
              association=${a.id}
              src=${this.src ?? nothing}
              .events=${this.events}
              locale=${this.locale ?? nothing}
              theme=${this.theme ?? nothing}
              time-zone=${this.timeZone ?? nothing}
              today=${this.today ?? nothing}
              image-origins=${this.imageOrigins ?? nothing}
              requests-action=${this.requestsAction ?? nothing}
            ></w4g-association-card>`
        : nothing,
      'dialog-title',
    );
  }

  private select(a: Association): void {
    const event = new W4gAssociationSelectEvent({ association: a });
    this.dispatchEvent(event);
    if (event.defaultPrevented) return;
    this.openerId = a.id;
    void this.show(a);
  }

  private focusOpener(): void {
    const id = this.openerId;
    this.openerId = undefined;
    if (!id) return;
    const button = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button.entry-button')].find(
      (b) => b.dataset['id'] === id,
    );
    button?.focus();
  }

  private renderFilters(): TemplateResult {
    const t = this.msg.filters;
    const all = this.feed.data?.associations ?? [];
    const c = this.choice;
    // The selects show only where the page set nothing: the visitor can only narrow.
    return filterBar({
      label: this.texts.filterLabel,
      all: t.all,
      reset: t.reset,
      fields: [
        ...placeChoices(t, { town: this.town, category: this.category }, all, c),
        { kind: 'search', name: 'q', label: this.texts.search, value: c.q ?? '' },
        this.wantedField(all),
      ],
      onChange: (name, value) =>
        this.setChoice({ [name]: name === 'wanted' ? (this.wantedKeys.get(String(value)) ?? '') : String(value) }),
      onReset: () => this.setChoice({ town: '', category: '', q: '', wanted: '' }),
    });
  }

  /** Label shown in the "Sucht Unterstützung" select → the choice it stands for. */
  private get wantedKeys(): Map<string, string> {
    const t = this.texts;
    return new Map([
      [t.membersWanted, 'members'],
      [t.helpersWanted, 'helpers'],
    ]);
  }

  /** "Sucht Unterstützung: Mitglieder gesucht / Helfer gesucht", offered when some association asks. */
  private wantedField(all: readonly Association[]): FilterField | undefined {
    const t = this.texts;
    const offered = [all.some((a) => a.membersWanted) && t.membersWanted, all.some((a) => a.helpersWanted) && t.helpersWanted];
    const labels = offered.filter((l): l is string => typeof l === 'string');
    if (!labels.length && !this.choice.wanted) return undefined;
    const value = this.choice.wanted === 'members' ? t.membersWanted : this.choice.wanted === 'helpers' ? t.helpersWanted : '';
    // Not choice(): its options are sorted, these keep their order.
    return { kind: 'select', name: 'wanted', label: t.wantedFilter, options: labels, value };
  }

  private setChoice(change: Choice): void {
    this.choice = { ...this.choice, ...change };
  }
}
