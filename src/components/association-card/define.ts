import { defineElement } from '../../shared/define.js';
import { W4gAssociationCard } from './association-card.js';

defineElement('w4g-association-card', W4gAssociationCard);

declare global {
  interface HTMLElementTagNameMap {
    'w4g-association-card': W4gAssociationCard;
  }
}

export { W4gAssociationCard };
export * from '../../shared/events.js';
