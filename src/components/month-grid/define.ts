import { defineElement } from '../../shared/define.js';
import { W4gMonthGrid } from './month-grid.js';

defineElement('w4g-month-grid', W4gMonthGrid);

declare global {
  interface HTMLElementTagNameMap {
    'w4g-month-grid': W4gMonthGrid;
  }
}

export { W4gMonthGrid };
export * from '../../shared/events.js';
