/**
 * The grid's keyboard, as in the WAI-ARIA date picker pattern: the arrows move a day or a
 * week, Home and End go to the first and last day of the week (Monday first), Page Up and
 * Page Down a month back or ahead, with Shift a year (the same day, or the month's last).
 */
import { addDaysIso, addMonthsIso, dayInMonth, weekdayIndex } from '../../core/index.js';

/** The day a key moves the focus to from `from`; undefined for a key the grid leaves alone. */
export function keyTarget(key: string, shiftKey: boolean, from: string): string | undefined {
  const weekday = weekdayIndex(from);
  switch (key) {
    case 'ArrowLeft':
      return addDaysIso(from, -1);
    case 'ArrowRight':
      return addDaysIso(from, 1);
    case 'ArrowUp':
      return addDaysIso(from, -7);
    case 'ArrowDown':
      return addDaysIso(from, 7);
    case 'Home':
      return addDaysIso(from, -weekday);
    case 'End':
      return addDaysIso(from, 6 - weekday);
    case 'PageUp':
    case 'PageDown': {
      const months = (key === 'PageUp' ? -1 : 1) * (shiftKey ? 12 : 1);
      return dayInMonth(addMonthsIso(from.slice(0, 7), months), Number(from.slice(8)));
    }
    default:
      return undefined;
  }
}
