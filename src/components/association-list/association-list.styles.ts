import { css } from 'lit';

export const styles = css`
  .letters,
  .entries {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .letter + .letter {
    margin-top: var(--_w4g-space-l);
  }

  .letter-heading {
    font-size: var(--w4g-association-list-letter-size, 1.25rem);
    margin: 0 0 var(--_w4g-space-s);
    padding-bottom: var(--_w4g-space-xs);
    border-bottom: 2px solid var(--_w4g-accent);
  }

  .entries {
    display: grid;
    gap: var(--_w4g-space-s);
  }

  .entry {
    padding: var(--_w4g-space-s) var(--_w4g-space-m);
    background: var(--_w4g-surface);
    border-radius: var(--_w4g-radius);
  }

  .association-name {
    margin: 0;
    font-size: 1.0625rem;
    line-height: 1.35;
  }

  .entry-button {
    display: inline;
    min-height: 1.5rem;
    padding: 0;
    border: 0;
    background: none;
    color: var(--_w4g-accent);
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 0.15em;
    font-weight: inherit;
    cursor: pointer;
    overflow-wrap: anywhere;
  }

  .meta {
    margin: 0;
    color: var(--_w4g-muted);
  }

  dialog {
    --_w4g-dialog-width: 44rem;
  }

  .dialog-header {
    display: flex;
    justify-content: space-between;
    align-items: flex-start;
    gap: var(--_w4g-space-m);
    padding: var(--_w4g-space-m) var(--_w4g-space-m) 0;
  }

  .dialog-header h2 {
    margin: 0;
    font-size: 1.375rem;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }

  .dialog-card {
    padding: var(--_w4g-space-m);
  }

  @media (forced-colors: active) {
    .entry {
      border: 1px solid CanvasText;
    }

    .entry-button {
      color: LinkText;
    }
  }

  @media print {
    .filters {
      display: none;
    }

    .entry {
      break-inside: avoid;
      background: none;
    }
  }
`;
