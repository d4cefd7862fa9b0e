import { defineElement } from '../../shared/define.js';
import { W4gEventDetails } from './event-details.js';

defineElement('w4g-event-details', W4gEventDetails);

declare global {
  interface HTMLElementTagNameMap {
    'w4g-event-details': W4gEventDetails;
  }
}

export { W4gEventDetails };
export * from '../../shared/events.js';
