import { defineElement } from '../../shared/define.js';
import { W4gEventList } from './event-list.js';

defineElement('w4g-event-list', W4gEventList);

declare global {
  interface HTMLElementTagNameMap {
    'w4g-event-list': W4gEventList;
  }
}

export { W4gEventList };
export * from '../../shared/events.js';
