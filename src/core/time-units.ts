/** Milliseconds of a minute, an hour and a day (a day of UTC or floating time: 24 hours). */
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
