import { css } from 'lit';

export const styles = css`
  .days {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .day + .day {
    margin-top: var(--_w4g-space-l);
  }

  /* Long lists: days below the fold are laid out only when scrolled to. */
  .day {
    content-visibility: auto;
    contain-intrinsic-size: auto 7rem;
  }

  .day-heading {
    font-size: var(--w4g-event-list-day-size, 1.125rem);
    margin: 0 0 var(--_w4g-space-s);
    padding-bottom: var(--_w4g-space-xs);
    border-bottom: 2px solid var(--_w4g-accent);
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
    grid-template-columns: minmax(7rem, max-content) 1fr;
    gap: 0 var(--_w4g-space-m);
    padding: var(--_w4g-space-s) var(--_w4g-space-m);
    background: var(--_w4g-surface);
    border-radius: var(--_w4g-radius);
    border-left: 4px solid var(--w4g-event-list-marker, var(--_w4g-accent));
  }

  .event.is-cancelled {
    border-left-color: var(--_w4g-danger);
  }

  .event-time {
    margin: 0;
    font-variant-numeric: tabular-nums;
    color: var(--_w4g-muted);
    grid-row: span 4;
  }

  .event-title {
    margin: 0;
    font-size: 1.0625rem;
    line-height: 1.35;
  }

  .event-title a {
    color: var(--_w4g-accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    overflow-wrap: anywhere;
  }

  .event-meta,
  .status-note {
    margin: 0;
    color: var(--_w4g-muted);
    overflow-wrap: anywhere;
  }

  /* With the images attribute: the picture in a column of its own at the end. */
  .event.has-image {
    grid-template-columns: minmax(7rem, max-content) 1fr auto;
  }

  .event picture {
    display: contents;
  }

  .event-image {
    grid-column: -2;
    grid-row: 1 / span 5;
    align-self: start;
    display: block;
    width: 7rem;
    height: auto;
    max-height: 7rem;
    object-fit: cover;
    border-radius: var(--_w4g-radius);
  }

  .more {
    margin-top: var(--_w4g-space-m);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_w4g-space-s);
    align-items: center;
  }

  @media (max-width: 36rem) {
    .event {
      grid-template-columns: 1fr;
    }

    .event-time {
      grid-row: auto;
    }

    .event.has-image {
      grid-template-columns: 1fr auto;
    }

    .event-image {
      width: 6rem;
      max-height: 6rem;
    }
  }

  @media (forced-colors: active) {
    .event {
      border: 1px solid CanvasText;
      border-left-width: 4px;
    }
  }

  @media print {
    .more {
      display: none;
    }

    .day {
      content-visibility: visible;
    }

    .event {
      break-inside: avoid;
      background: none;
      border-left: 2px solid #000;
    }

    .event-title a {
      color: #000;
      text-decoration: none;
    }
  }
`;
