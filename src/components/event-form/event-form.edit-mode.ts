/**
 * The edit mode's code in one module that the form imports when it is first needed (`.event`,
 * `no-contact` or `organizers`): pages with the public submission form do not load it.
 */
export { differences, editBody, editMessages, eventToValues, ruleIsEditable } from './event-form.edit.js';
export { conflictView } from './event-form.conflict-view.js';
