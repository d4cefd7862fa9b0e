import { css } from 'lit';

/**
 * The box of a text field or select, the same in the filter bars and the form: the page's
 * font, at least 44 px high (WCAG 2.5.8), full width. Declarations only, for use inside a rule.
 */
export const controlBox = css`
  font: inherit;
  min-height: 2.75rem;
  padding: var(--_w4g-space-xs) var(--_w4g-space-s);
  border: 1px solid var(--_w4g-muted);
  border-radius: var(--_w4g-radius);
  background: var(--_w4g-bg);
  color: var(--_w4g-text);
  width: 100%;
`;

/** The private tokens in dark mode: `theme="dark"`, and `theme="auto"` on a dark system. */
const darkTokens = css`
  --_w4g-text: var(--w4g-color-text, #f1f3f4);
  --_w4g-muted: var(--w4g-color-muted, #c0c4c8);
  --_w4g-bg: var(--w4g-color-background, #1b1d1f);
  --_w4g-surface: var(--w4g-color-surface, #2a2d31);
  --_w4g-border: var(--w4g-color-border, #5f6368);
  --_w4g-accent: var(--w4g-color-accent, #8ab4f8);
  --_w4g-on-accent: var(--w4g-color-on-accent, #111);
  --_w4g-danger: var(--w4g-color-danger, #f28b82);
  --_w4g-warning-bg: var(--w4g-color-warning-surface, #4a3b0b);
  --_w4g-today: var(--w4g-color-today, #203a57);
  --_w4g-focus: var(--w4g-focus-ring, 3px solid #8ab4f8);
`;

/**
 * Design tokens and the shared base of every element. Public tokens (`--w4g-*`) are only read,
 * with fallbacks, so a page can set them on any ancestor; the private `--_w4g-*` copies
 * switch between light and dark.
 */
export const tokens = css`
  :host {
    --_w4g-text: var(--w4g-color-text, #1a1a1a);
    --_w4g-muted: var(--w4g-color-muted, #555);
    --_w4g-bg: var(--w4g-color-background, #fff);
    --_w4g-surface: var(--w4g-color-surface, #f3f5f7);
    --_w4g-border: var(--w4g-color-border, #c3c9d0);
    --_w4g-accent: var(--w4g-color-accent, #0b5394);
    --_w4g-on-accent: var(--w4g-color-on-accent, #fff);
    --_w4g-danger: var(--w4g-color-danger, #a4161a);
    --_w4g-warning-bg: var(--w4g-color-warning-surface, #fff4d6);
    --_w4g-today: var(--w4g-color-today, #e6f0fa);
    --_w4g-radius: var(--w4g-radius, 0.375rem);
    --_w4g-space-xs: var(--w4g-space-xs, 0.25rem);
    --_w4g-space-s: var(--w4g-space-s, 0.5rem);
    --_w4g-space-m: var(--w4g-space-m, 1rem);
    --_w4g-space-l: var(--w4g-space-l, 1.5rem);
    --_w4g-focus: var(--w4g-focus-ring, 3px solid #1a73e8);
    display: block;
    color: var(--_w4g-text);
    font-family: var(--w4g-font-family, inherit);
    line-height: 1.5;
  }

  :host([theme='dark']) {
    ${darkTokens}
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
    }
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  .base {
    background: var(--_w4g-bg);
    color: var(--_w4g-text);
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  a {
    color: var(--_w4g-accent);
  }

  :focus-visible {
    outline: var(--_w4g-focus);
    outline-offset: 2px;
  }

  button {
    font: inherit;
    color: inherit;
  }

  .button {
    display: inline-flex;
    align-items: center;
    gap: var(--_w4g-space-xs);
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: var(--_w4g-space-xs) var(--_w4g-space-m);
    border: 1px solid var(--_w4g-accent);
    border-radius: var(--_w4g-radius);
    background: var(--_w4g-bg);
    color: var(--_w4g-accent);
    cursor: pointer;
    text-decoration: none;
    justify-content: center;
  }

  .button:hover {
    background: var(--_w4g-surface);
  }

  .button--primary {
    background: var(--_w4g-accent);
    color: var(--_w4g-on-accent);
  }

  .button--primary:hover {
    background: var(--_w4g-accent);
    filter: brightness(1.1);
  }

  .alert {
    border: 2px solid var(--_w4g-danger);
    border-radius: var(--_w4g-radius);
    padding: var(--_w4g-space-m);
  }

  .alert__title {
    font-weight: 700;
    margin: 0 0 var(--_w4g-space-xs);
  }

  .alert p {
    margin: 0 0 var(--_w4g-space-s);
  }

  .notice {
    background: var(--_w4g-warning-bg);
    border-radius: var(--_w4g-radius);
    padding: var(--_w4g-space-s) var(--_w4g-space-m);
    margin: 0 0 var(--_w4g-space-m);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_w4g-space-s);
    align-items: center;
  }

  .skeleton {
    display: grid;
    gap: var(--_w4g-space-m);
  }

  .skeleton__bar {
    height: 1rem;
    border-radius: var(--_w4g-radius);
    background: var(--_w4g-surface);
    animation: w4g-pulse 1.5s ease-in-out infinite;
  }

  .skeleton__bar:nth-child(3n + 1) {
    width: 40%;
  }

  .skeleton__bar:nth-child(3n + 2) {
    width: 85%;
  }

  .skeleton__bar:nth-child(3n) {
    width: 65%;
  }

  @keyframes w4g-pulse {
    50% {
      opacity: 0.5;
    }
  }

  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_w4g-space-xs);
    list-style: none;
    margin: var(--_w4g-space-xs) 0 0;
    padding: 0;
  }

  .chip {
    border: 1px solid var(--_w4g-border);
    border-radius: 999px;
    padding: 0 var(--_w4g-space-s);
    font-size: 0.875em;
  }

  .badge {
    display: inline-block;
    border-radius: var(--_w4g-radius);
    padding: 0 var(--_w4g-space-xs);
    font-size: 0.875em;
    font-weight: 700;
    border: 1px solid currentColor;
  }

  .badge--cancelled {
    color: var(--_w4g-danger);
  }

  .is-cancelled .title-text {
    text-decoration: line-through;
  }

  /* Sold out: a dashed border, so it differs from the other badges without colour. */
  .badge--sold-out {
    border-style: dashed;
  }

  .status-note {
    margin: 0;
    font-style: italic;
  }

  /* "Änderung melden" / "Verein eintragen" (association-request.ts). */
  .request {
    margin-top: var(--_w4g-space-m);
  }

  .request form {
    display: grid;
    gap: var(--_w4g-space-s);
    margin-top: var(--_w4g-space-s);
  }

  .request-field {
    display: grid;
    gap: var(--_w4g-space-xs);
  }

  .request-field input,
  .request-field textarea {
    font: inherit;
    padding: var(--_w4g-space-xs);
    border: 1px solid var(--_w4g-border);
    border-radius: var(--_w4g-radius);
  }

  .request-hint,
  .request-error,
  .request-sent {
    margin: 0;
  }

  .request-error {
    color: var(--_w4g-danger);
    font-weight: 700;
  }

  .request-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_w4g-space-s);
  }

  .request .trap {
    position: absolute;
    left: -10000px;
    width: 1px;
    height: 1px;
    overflow: hidden;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }

  @media (forced-colors: active) {
    .button,
    .chip,
    .badge,
    .alert,
    .notice {
      border: 1px solid CanvasText;
    }

    .button--primary {
      background: ButtonText;
      color: ButtonFace;
      forced-color-adjust: none;
    }

    :focus-visible {
      outline: 3px solid Highlight;
    }

    .skeleton__bar {
      background: GrayText;
    }
  }

  @media print {
    .button,
    .notice,
    .no-print {
      display: none !important;
    }

    :host {
      color: #000;
    }
  }
`;
