import { css } from 'lit';

/** The modal dialogs of the details view and the association directory. */
export const dialogStyles = css`
  dialog {
    width: min(var(--_w4g-dialog-width, 40rem), calc(100vw - 2rem));
    max-height: calc(100dvh - 2rem);
    overflow: auto;
    padding: 0;
    border: 1px solid var(--_w4g-border);
    border-radius: var(--_w4g-radius);
    background: var(--_w4g-bg);
    color: var(--_w4g-text);
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.3);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
`;
