import { css } from 'lit';
import { controlBox } from '../../shared/styles.js';

export const styles = css`
  .base {
    max-width: var(--w4g-event-form-max-width, 42rem);
  }

  form {
    display: grid;
    gap: var(--_w4g-space-m);
  }

  fieldset {
    border: 1px solid var(--_w4g-border);
    border-radius: var(--_w4g-radius);
    margin: 0;
    padding: var(--_w4g-space-s) var(--_w4g-space-m) var(--_w4g-space-m);
    display: grid;
    gap: var(--_w4g-space-m);
    min-width: 0;
  }

  legend {
    font-weight: 700;
    padding: 0 var(--_w4g-space-xs);
  }

  fieldset.group {
    gap: var(--_w4g-space-xs);
  }

  fieldset.group legend {
    font-weight: 600;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_w4g-space-m);
  }

  .row > .field {
    flex: 1 1 12rem;
  }

  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_w4g-space-xs);
    min-width: 0;
  }

  .field[hidden],
  [hidden] {
    display: none !important;
  }

  .field label {
    font-weight: 600;
  }

  .field--check {
    display: flex;
    flex-flow: row wrap;
    align-items: flex-start;
    gap: var(--_w4g-space-xs) var(--_w4g-space-s);
  }

  .field--check label {
    font-weight: 400;
    flex: 1 1 0;
    min-width: 0;
    overflow-wrap: anywhere;
  }

  .field--check .error {
    flex-basis: 100%;
  }

  input[type='checkbox'],
  input[type='radio'] {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.125rem 0 0;
    accent-color: var(--_w4g-accent);
    flex: none;
  }

  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    ${controlBox}
    max-width: 100%;
  }

  textarea {
    resize: vertical;
  }

  [aria-invalid='true'] {
    border: 2px solid var(--_w4g-danger);
  }

  .hint,
  .note {
    margin: 0;
    color: var(--_w4g-muted);
    font-size: 0.9375em;
  }

  .error {
    margin: 0;
    color: var(--_w4g-danger);
    font-weight: 600;
  }

  .required {
    color: var(--_w4g-danger);
  }

  .alert ul {
    margin: 0;
    padding-left: var(--_w4g-space-l);
  }

  .alert a {
    color: var(--_w4g-danger);
  }

  .notice {
    margin: 0;
  }

  .confirmation {
    border: 2px solid var(--_w4g-accent);
    border-radius: var(--_w4g-radius);
    padding: var(--_w4g-space-m);
  }

  .confirmation p {
    margin: 0 0 var(--_w4g-space-s);
    font-weight: 700;
  }

  /* The honeypot: off-screen for people, still in the form for bots. */
  .trap {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }

  button[type='submit'] {
    justify-self: start;
  }

  .series {
    display: grid;
    gap: var(--_w4g-space-m);
    padding-left: var(--_w4g-space-m);
    border-left: 3px solid var(--_w4g-border);
  }

  .date-add {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_w4g-space-xs) var(--_w4g-space-s);
  }

  .date-add label {
    flex-basis: 100%;
    font-weight: 600;
  }

  .date-list {
    list-style: none;
    margin: var(--_w4g-space-s) 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_w4g-space-xs);
  }

  .date-list li {
    display: inline-flex;
    align-items: center;
    gap: var(--_w4g-space-xs);
    padding-left: var(--_w4g-space-s);
    border: 1px solid var(--_w4g-border);
    border-radius: var(--_w4g-radius);
  }

  .date-list .button {
    min-width: 2.75rem;
  }

  .preview {
    padding: var(--_w4g-space-s) var(--_w4g-space-m);
    background: var(--_w4g-surface);
    border-radius: var(--_w4g-radius);
  }

  .preview-heading {
    margin: 0 0 var(--_w4g-space-xs);
    font-size: 1rem;
  }

  .preview-list {
    margin: 0;
    padding-left: 1.5rem;
  }

  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }

  .dropzone {
    display: flex;
    flex-direction: column;
    gap: var(--_w4g-space-xs);
    padding: var(--_w4g-space-m);
    border: 2px dashed var(--_w4g-border);
    border-radius: var(--_w4g-radius);
  }

  .dropzone--active {
    border-color: var(--_w4g-accent);
    border-style: solid;
  }

  .dropzone label {
    font-weight: 600;
  }

  .upload-status {
    margin: 0;
  }

  .upload-status:empty {
    display: none;
  }

  progress {
    width: 100%;
  }

  .image-preview {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_w4g-space-s);
  }

  .image-preview img {
    max-width: min(100%, 20rem);
    height: auto;
    border-radius: var(--_w4g-radius);
  }

  @media (forced-colors: active) {
    .dropzone {
      border: 2px dashed CanvasText;
    }

    fieldset,
    input:not([type='checkbox'], [type='radio']),
    select,
    textarea,
    .confirmation {
      border: 1px solid CanvasText;
    }

    [aria-invalid='true'] {
      border: 3px solid Mark;
    }

    .error,
    .required {
      color: CanvasText;
    }
  }

  .clash-hint--shown {
    margin-top: var(--_w4g-space-m);
    padding: var(--_w4g-space-s) var(--_w4g-space-m);
    border: 1px solid var(--_w4g-border, currentColor);
    border-left: 4px solid var(--_w4g-accent);
    border-radius: var(--_w4g-radius);
    background: var(--_w4g-surface);
  }

  .clash-hint p,
  .clash-hint ul {
    margin: 0;
  }

  .clash-hint__title {
    font-weight: 700;
  }

  .conflict__scroll {
    max-width: 100%;
    overflow-x: auto;
  }

  .conflict__table {
    width: 100%;
    border-collapse: collapse;
    margin-block: var(--_w4g-space-s);
  }

  .conflict__table caption {
    text-align: start;
    font-weight: 700;
  }

  .conflict__table th,
  .conflict__table td {
    padding: var(--_w4g-space-xs, 0.25rem);
    border-bottom: 1px solid var(--_w4g-border, currentColor);
    text-align: start;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
`;
