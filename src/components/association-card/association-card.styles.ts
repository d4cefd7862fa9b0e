import { css } from 'lit';

export const styles = css`
  .card {
    display: grid;
    gap: var(--_w4g-space-m);
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_w4g-space-m);
    align-items: center;
  }

  .logo {
    display: block;
    max-width: var(--w4g-association-card-logo-size, 5rem);
    max-height: var(--w4g-association-card-logo-size, 5rem);
    object-fit: contain;
  }

  .title {
    flex: 1 1 12rem;
    min-width: 0;
  }

  .name {
    margin: 0;
    font-size: 1.375rem;
    line-height: 1.3;
    overflow-wrap: anywhere;
  }

  .town,
  .muted {
    margin: 0;
    color: var(--_w4g-muted);
  }

  .description {
    margin: 0;
    white-space: pre-line;
    overflow-wrap: anywhere;
  }

  .chips {
    margin: 0;
  }

  .facts {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) 1fr;
    gap: var(--_w4g-space-xs) var(--_w4g-space-m);
    margin: 0;
  }

  .facts dt {
    font-weight: 700;
  }

  .facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }

  .events-heading {
    font-size: 1.125rem;
    margin: 0 0 var(--_w4g-space-s);
  }

  .events {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_w4g-space-s);
  }

  .event {
    display: grid;
    gap: 0;
    padding: var(--_w4g-space-s) var(--_w4g-space-m);
    background: var(--_w4g-surface);
    border-radius: var(--_w4g-radius);
    border-left: 4px solid var(--_w4g-accent);
  }

  .event-time {
    color: var(--_w4g-muted);
    font-variant-numeric: tabular-nums;
  }

  .event-link {
    overflow-wrap: anywhere;
  }

  .all {
    margin: var(--_w4g-space-s) 0 0;
  }

  .next p {
    margin: 0;
  }

  .next .subscribe {
    margin: var(--_w4g-space-s) 0 0;
  }

  .next .subscribe-panel p {
    margin: 0 0 var(--_w4g-space-s);
  }

  @media (max-width: 30rem) {
    .facts {
      grid-template-columns: 1fr;
    }
  }

  @media (forced-colors: active) {
    .event {
      border: 1px solid CanvasText;
      border-left-width: 4px;
    }
  }

  @media print {
    .event {
      break-inside: avoid;
      background: none;
    }
  }
`;
