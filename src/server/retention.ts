/**
 * Deleting a submitter's contact N days after their event ended (config privacy.
 * contactRetentionDays, W4G_CONTACT_RETENTION_DAYS, default 30). An event "still runs" from a
 * day when it has a date on or after that day: a single event by its start and end, a series
 * by its dates (core's own expansion); a series without an end never ends, so its contact stays
 * as long as the series does. Idempotent: several instances may run it at once.
 */
import { addDaysIso, expandOccurrences, parseJsonFeed, todayIn } from '../core/index.js';
import type { PreferenceStore } from './db/preferences.js';

/** Dates are looked for this far after the cut-off (beyond the furthest a submission may lie ahead). */
const LOOKAHEAD_DAYS = 5 * 366;

/** The event's last day in `zone` ('YYYY-MM-DD') is on or after `day`, or it is a series that has a date then. */
export function runsOnOrAfter(event: Record<string, unknown>, day: string, zone: string): boolean {
  const parsed = parseJsonFeed({ timeZone: zone, events: [event] }).events;
  if (!parsed.length) {
    // Unreadable (it was valid when stored): decide by the written dates, keeping it when unsure.
    const last = [event['end'], event['start']].find((v): v is string => typeof v === 'string');
    return !last || last.slice(0, 10) >= day;
  }
  return expandOccurrences(parsed, { start: day, end: addDaysIso(day, LOOKAHEAD_DAYS), zone }).length > 0;
}

/**
 * One pass: deletes the contact of every submission whose event ended more than `days` days
 * before today (in `zone`), and the sender's contact of association requests finished that
 * long ago. Returns how many of each.
 */
export async function deleteExpiredContacts(
  preferences: PreferenceStore,
  options: { days: number; zone: string; now: Date },
): Promise<{ submissions: number; requests: number }> {
  // The event's last day must lie before this day: it ended more than `days` days ago.
  const cutoff = addDaysIso(todayIn(options.zone, options.now.getTime()), -options.days);
  let submissions = 0;
  let after = 0;
  for (;;) {
    const page = await preferences.contactCandidates(after, 200);
    if (!page.length) break;
    after = page[page.length - 1]!.seq;
    const due = page
      .filter((c) => {
        try {
          return !runsOnOrAfter(JSON.parse(c.event) as Record<string, unknown>, cutoff, options.zone);
        } catch {
          return false;
        }
      })
      .map((c) => c.id);
    submissions += await preferences.deleteContacts(due);
  }
  const before = new Date(options.now.getTime() - options.days * 86_400_000).toISOString();
  const requests = await preferences.deleteRequestContacts(before);
  return { submissions, requests };
}
