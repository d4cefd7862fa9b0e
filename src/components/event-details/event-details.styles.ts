import { css } from 'lit';

export const styles = css`
  :host {
    display: contents;
  }

  /* Set on the dialog itself: a value inherited from an enclosing dialog must not apply. */
  dialog {
    --_w4g-dialog-width: 40rem;
  }

  .header {
    display: flex;
    justify-content: space-between;
    align-items: flex-start;
    gap: var(--_w4g-space-m);
    padding: var(--_w4g-space-m) var(--_w4g-space-m) 0;
  }

  h2 {
    margin: 0;
    min-width: 0;
    font-size: 1.375rem;
    line-height: 1.3;
    /* Long German compounds break at syllables where the browser can, else only when they must. */
    overflow-wrap: break-word;
    hyphens: auto;
  }

  @media (max-width: 30rem) {
    h2 {
      font-size: 1.125rem;
    }
  }

  .content {
    padding: var(--_w4g-space-m);
  }

  .figure {
    margin: 0 0 var(--_w4g-space-m);
  }

  .credit {
    margin-top: var(--_w4g-space-xs);
    color: var(--_w4g-muted);
    font-size: 0.875em;
  }

  .image {
    display: block;
    width: 100%;
    height: auto;
    max-height: 18rem;
    object-fit: cover;
    border-radius: var(--_w4g-radius);
  }

  dl {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) 1fr;
    gap: var(--_w4g-space-xs) var(--_w4g-space-m);
    margin: 0 0 var(--_w4g-space-m);
  }

  dt {
    font-weight: 700;
  }

  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .description {
    white-space: pre-line;
    overflow-wrap: anywhere;
    margin: 0 0 var(--_w4g-space-m);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_w4g-space-s);
  }

  .hint {
    color: var(--_w4g-muted);
    font-size: 0.875em;
    margin: var(--_w4g-space-xs) 0 0;
  }

  .status {
    margin: 0 0 var(--_w4g-space-s);
  }

  @media (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }

    dd {
      margin-bottom: var(--_w4g-space-xs);
    }
  }

  @media (forced-colors: active) {
    dialog {
      border: 2px solid CanvasText;
    }
  }
`;
