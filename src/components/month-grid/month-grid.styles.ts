import { css } from 'lit';

export const styles = css`
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_w4g-space-s);
    margin-bottom: var(--_w4g-space-s);
  }

  .month-heading-wrap {
    margin: 0 auto 0 0;
    order: -1;
    flex: 1 1 auto;
  }

  .month-heading {
    margin: 0;
    font-size: 1.25rem;
  }

  .grid {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }

  th {
    font-weight: 600;
    padding: var(--_w4g-space-xs);
    text-align: center;
    font-size: 0.875rem;
  }

  th.week-number,
  th.week-number-header {
    width: 2.75rem;
    color: var(--_w4g-muted);
    font-weight: 400;
  }

  td {
    vertical-align: top;
    border: 1px solid var(--_w4g-border);
    padding: 2px;
    height: var(--w4g-month-grid-cell-height, 6.5rem);
  }

  td.outside {
    background: var(--_w4g-surface);
  }

  td.outside .day-button {
    color: var(--_w4g-muted);
  }

  td.today {
    background: var(--_w4g-today);
  }

  .day-button {
    display: block;
    width: 100%;
    min-height: 2rem;
    border: 0;
    border-radius: var(--_w4g-radius);
    background: transparent;
    text-align: start;
    padding: 0 var(--_w4g-space-xs);
    cursor: pointer;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }

  .day-button:hover {
    background: var(--_w4g-surface);
  }

  .day-button[aria-current='date'] .day-number {
    display: inline-block;
    min-width: 1.75rem;
    text-align: center;
    border-radius: 999px;
    background: var(--_w4g-accent);
    color: var(--_w4g-on-accent);
  }

  .day-button[aria-pressed='true'] {
    outline: 2px solid var(--_w4g-accent);
    outline-offset: -2px;
  }

  .day-button:focus-visible {
    outline: var(--_w4g-focus);
    outline-offset: -3px;
  }

  .day-events {
    list-style: none;
    margin: 2px 0 0;
    padding: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 2px;
  }

  .day-events li {
    min-width: 0;
  }

  .event-chip,
  .more-chip {
    /* Holds the visually hidden "(Abgesagt)" inside the chip (it would widen the page). */
    position: relative;
    display: block;
    width: 100%;
    border: 0;
    border-radius: 3px;
    padding: 0 var(--_w4g-space-xs);
    font-size: 0.8125rem;
    line-height: 1.4;
    text-align: start;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    cursor: pointer;
    background: var(--w4g-month-grid-event-background, var(--_w4g-accent));
    color: var(--w4g-month-grid-event-color, var(--_w4g-on-accent));
  }

  .event-chip.is-cancelled {
    background: transparent;
    color: var(--_w4g-danger);
    border: 1px solid var(--_w4g-danger);
  }

  .event-chip.is-cancelled .title-text {
    text-decoration: line-through;
  }

  .more-chip {
    background: transparent;
    color: var(--_w4g-accent);
    text-decoration: underline;
  }

  .day-panel {
    margin-top: var(--_w4g-space-m);
    padding: var(--_w4g-space-m);
    border: 1px solid var(--_w4g-border);
    border-radius: var(--_w4g-radius);
  }

  .panel-heading {
    margin: 0 0 var(--_w4g-space-s);
    font-size: 1.125rem;
  }

  .panel-events {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_w4g-space-s);
  }

  .panel-event a {
    color: var(--_w4g-accent);
  }

  .panel-time {
    color: var(--_w4g-muted);
    margin-inline-end: var(--_w4g-space-s);
    font-variant-numeric: tabular-nums;
  }

  /* Narrow screens (320 px): cells show the day and a count, the panel lists the events. */
  @media (max-width: 40rem) {
    td {
      height: 3rem;
    }

    .day-events {
      display: none;
    }

    .day-button {
      text-align: center;
      padding: 0;
    }

    .has-events .day-button::after {
      content: '';
      display: block;
      width: 0.4rem;
      height: 0.4rem;
      margin: 2px auto 0;
      border-radius: 50%;
      background: var(--_w4g-accent);
    }

    th.week-number,
    th.week-number-header {
      width: 2rem;
    }
  }

  @media (forced-colors: active) {
    td {
      border-color: CanvasText;
    }

    .event-chip {
      border: 1px solid CanvasText;
    }

    .day-button[aria-current='date'] .day-number {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }

    .day-button[aria-pressed='true'] {
      outline: 2px solid Highlight;
    }

    .has-events .day-button::after {
      background: CanvasText;
    }
  }

  @media print {
    .header .button,
    .day-panel {
      display: none;
    }

    td {
      height: auto;
    }

    .event-chip {
      background: none;
      color: #000;
      white-space: normal;
    }
  }
`;

export const printStyles = css`
  .print-listing {
    display: none;
  }

  @media print {
    .grid,
    .header .button {
      display: none;
    }

    .print-listing {
      display: block;
    }

    .print-listing dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 2pt 12pt;
    }

    .print-listing dt {
      font-weight: 700;
    }

    .print-listing dd {
      margin: 0;
    }
  }
`;
