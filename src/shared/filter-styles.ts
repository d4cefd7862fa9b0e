import { css } from 'lit';
import { controlBox } from './styles.js';

/** The visitor filter bar shared by the event list and the association directory. */
export const filterBarStyles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_w4g-space-s) var(--_w4g-space-m);
    align-items: flex-end;
    margin: 0 0 var(--_w4g-space-m);
    padding: var(--_w4g-space-s) var(--_w4g-space-m);
    background: var(--_w4g-surface);
    border-radius: var(--_w4g-radius);
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_w4g-space-xs);
    min-width: min(100%, 11rem);
    flex: 1 1 11rem;
  }

  .field label {
    font-weight: 600;
  }

  .field select,
  .field input:not([type='checkbox']) {
    ${controlBox}
  }

  .field--check {
    flex: 0 1 auto;
    flex-direction: row;
    align-items: center;
    min-width: auto;
    min-height: 2.75rem;
  }

  .field--check input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_w4g-accent);
  }

  @media print {
    .filters {
      display: none;
    }
  }
`;
