/**
 * The one modal dialog of the elements (the event details, the association directory's card):
 * a native `<dialog>` opened with showModal(), so it names itself (aria-labelledby), keeps
 * focus inside, and closes with Escape; a click on the backdrop closes it too, and focus goes
 * where the element says when it closes.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

export interface ModalDialogOptions {
  /** Called after the dialog closed (Escape, close button, backdrop, `close()`). */
  onClose?(): void;
}

export class ModalDialog {
  constructor(
    private readonly host: Host,
    private readonly options: ModalDialogOptions = {},
  ) {}

  /** The host's own dialog (not one inside a nested element's shadow root). */
  get element(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog');
  }

  get open(): boolean {
    return this.element?.open ?? false;
  }

  /** The dialog with its content; `labelledBy` is the id of the heading that names it. */
  render(content: unknown, labelledBy: string): TemplateResult {
    // Escape closes a modal dialog natively; the click only adds closing by the backdrop.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<dialog part="dialog" aria-labelledby=${labelledBy} @close=${this.onClose} @click=${this.onBackdropClick}>
      ${content}
    </dialog>`;
  }

  /** Opens the dialog after the host rendered its content, and focuses `focus` inside it. */
  async show(focus: string): Promise<void> {
    await this.host.updateComplete;
    const dialog = this.element;
    if (dialog && !dialog.open) dialog.showModal();
    this.host.renderRoot.querySelector<HTMLElement>(focus)?.focus();
  }

  close(): void {
    this.element?.close();
  }

  private readonly onBackdropClick = (event: MouseEvent): void => {
    const dialog = this.element;
    // A click on the backdrop lands on the dialog itself, outside its content box.
    if (!dialog || event.target !== dialog) return;
    const rect = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= rect.left && event.clientX <= rect.right && event.clientY >= rect.top && event.clientY <= rect.bottom;
    if (!inside) this.close();
  };

  private readonly onClose = (event: Event): void => {
    // A nested element's dialog may close inside this one; only this dialog's close counts.
    if (event.target !== this.element) return;
    this.options.onClose?.();
  };
}
