/**
 * Reader of a JSON feed's `associations` (docs/feed-format.md): clubs, churches and groups
 * with their contact, their standing meetings ("jeden 1. Mittwoch im Monat") and whether
 * they look for members or helpers. Like the events reader it never throws: an association
 * without an id or a name is skipped and reported, a bad field is dropped with a warning.
 */
import type { Association, AssociationMeeting } from '../model.js';
import { canonicalZone, formatWall, parseIso } from '../time.js';
import { safeUrl } from '../url.js';
import {
  addressText,
  isObject,
  readEmail,
  readPhone,
  rulesOf,
  shown,
  str,
  strList,
  type ReadContext,
  type Warn,
} from './json-values.js';

/** One entry of `associations`; undefined, with the reason reported, without an id or a name. */
export function readAssociation(raw: unknown, path: string, ctx: ReadContext): Association | undefined {
  if (!isObject(raw)) {
    ctx.report('error', path, 'an association is not an object; skipped');
    return undefined;
  }
  const id = str(raw['id'], 200);
  const name = str(raw['name'], 300);
  if (!id || !name) {
    ctx.report(
      'error',
      `${path}/${id ? 'name' : 'id'}`,
      `association "${id ?? name ?? '?'}" has no ${id ? 'name' : 'id'}; skipped`,
      id,
    );
    return undefined;
  }
  const warn = (field: string, message: string): void =>
    ctx.report('warning', `${path}/${field}`, `association "${id}": ${message}`, id);
  const association: Association = { id, name, categories: strList(raw['categories']) };
  const town = str(raw['town'], 200);
  if (town) association.town = town;
  const description = str(raw['description'], 5000);
  if (description) association.description = description;
  for (const field of ['website', 'logo'] as const) {
    const value = raw[field];
    if (value === undefined || value === '') continue;
    const safe = safeUrl(value, field === 'logo' ? 'image' : 'link', ctx.baseUrl);
    if (safe) association[field] = safe;
    else warn(field, `${field} "${shown(value).slice(0, 80)}" is not an http(s) URL and was dropped`);
  }
  const logoAlt = str(raw['logoAlt'], 300);
  if (logoAlt && association.logo) association.logoAlt = logoAlt;
  const email = readEmail(raw['email'], 'email', 'email', warn);
  if (email) association.email = email;
  const phone = readPhone(raw['phone'], 'phone', 'phone', warn);
  if (phone) association.phone = phone;
  const address = isObject(raw['address']) ? addressText(raw['address']) : str(raw['address'], 500);
  if (address) association.address = address;
  const meetingPlace = str(raw['meetingPlace'], 500);
  if (meetingPlace) association.meetingPlace = meetingPlace;
  const meetings = readMeetings(raw['meetings'], ctx, warn);
  if (meetings.length) association.meetings = meetings;
  for (const [field, text] of [
    ['membersWanted', 'membersWantedText'],
    ['helpersWanted', 'helpersWantedText'],
  ] as const) {
    const value = raw[field];
    if (value === undefined || value === false) continue;
    if (value === true) association[field] = true;
    else if (typeof value === 'string' && str(value, 300)) {
      // A text says both: wanted, and what for.
      association[field] = true;
      association[text] = str(value, 300)!;
    } else warn(field, `${field} is neither true, false nor a short text and was ignored`);
    const extra = str(raw[text], 300);
    if (association[field] && extra && !association[text]) association[text] = extra;
  }
  return association;
}

/** `meetings`: each a first date (wall time), an optional end, a rule, a place and a title. */
function readMeetings(value: unknown, ctx: ReadContext, warn: Warn): AssociationMeeting[] {
  const feedZone = ctx.feedZone;
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    warn('meetings', '"meetings" is not an array and was ignored');
    return [];
  }
  const out: AssociationMeeting[] = [];
  value.slice(0, 20).forEach((raw, i) => {
    const where = `meetings/${i}`;
    if (!isObject(raw)) return warn(where, 'a meeting is not an object and was ignored');
    const start = parseIso(str(raw['start']) ?? '');
    if (!start || start.kind !== 'local') return warn(`${where}/start`, 'a meeting needs a start like 2027-01-06T19:00; ignored');
    const meeting: AssociationMeeting = { start: formatWall(start.wall) };
    const end = parseIso(str(raw['end']) ?? '');
    if (end?.kind === 'local' && formatWall(end.wall) > meeting.start) meeting.end = formatWall(end.wall);
    else if (raw['end'] !== undefined) warn(`${where}/end`, 'the end is not a later local time and was ignored');
    const zone = typeof raw['timeZone'] === 'string' ? canonicalZone(raw['timeZone']) : undefined;
    meeting.timeZone = zone ?? feedZone;
    const rrule = str(raw['rrule']);
    if (rrule) {
      const parsed = rulesOf(ctx).parseRecurrenceRule(rrule);
      if (parsed.error !== undefined) warn(`${where}/rrule`, `${parsed.error}; only the first date is shown`);
      else meeting.rrule = parsed.text;
    }
    const place = str(raw['place'], 300);
    if (place) meeting.place = place;
    const title = str(raw['title'], 200);
    if (title) meeting.title = title;
    out.push(meeting);
  });
  return out;
}
