import { defineElement } from '../../shared/define.js';
import { W4gEventForm } from './event-form.js';

defineElement('w4g-event-form', W4gEventForm);

declare global {
  interface HTMLElementTagNameMap {
    'w4g-event-form': W4gEventForm;
  }
}

export { W4gEventForm };
export * from '../../shared/events.js';
