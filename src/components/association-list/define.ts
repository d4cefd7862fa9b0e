import { defineElement } from '../../shared/define.js';
import '../association-card/define.js';
import { W4gAssociationList } from './association-list.js';

defineElement('w4g-association-list', W4gAssociationList);

declare global {
  interface HTMLElementTagNameMap {
    'w4g-association-list': W4gAssociationList;
  }
}

export { W4gAssociationList };
export * from '../../shared/events.js';
