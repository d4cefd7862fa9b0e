/**
 * The tables as Kysely sees them. Dates are ISO-8601 text (the same in both databases), JSON
 * documents are text (the feed's own field names), epoch milliseconds are bigints.
 */
import type { Generated } from 'kysely';

export type SubmissionStatus = 'pending' | 'approved' | 'rejected';

export interface MetaTable {
  key: string;
  value: string;
}

/** Published events of our own: the seed and approved submissions (origin). */
export interface EventsTable {
  id: string;
  /** '' for a series or a single event; the original start for an override. */
  recurrence_id: string;
  data: string;
  origin: string;
  updated_at: string;
}

export interface AssociationsTable {
  id: string;
  data: string;
  updated_at: string;
}

export interface SubmissionsTable {
  /** Arrival order (created_at alone ties within a millisecond, and under a frozen test clock). */
  seq: Generated<number>;
  id: string;
  status: SubmissionStatus;
  event: string;
  contact: string;
  meta: string;
  created_at: string;
  updated_at: string;
  moderated_at: string | null;
  /** When the retention job deleted the private contact (migration 0007); null while kept. */
  contact_deleted_at: string | null;
}

export interface IdempotencyTable {
  key: string;
  status: number;
  body: string;
  /** SHA-256 of the request as compared (formTime left out); null for rows before migration 2. */
  body_hash: string | null;
  created_at: number;
}

/** One upstream calendar of the hub, shared by every instance. */
export interface SourcesTable {
  id: string;
  url: string;
  /** The tagged FeedResult of the last good load: gzip-compressed JSON in base64 (render.ts). */
  result: string | null;
  /** { events, associations, problems: { count, first } } of that result. */
  stats: string | null;
  /** SHA-256 of the last good body: an unchanged body is not parsed again. */
  body_hash: string | null;
  etag: string | null;
  last_modified: string | null;
  last_success: string | null;
  last_attempt: string | null;
  /** { message, at, status? } of the latest failed attempt, or null. */
  last_error: string | null;
  /** Epoch ms; the instance that moves it forward does the fetch (the lease). */
  next_fetch_at: number;
  lease_owner: string | null;
}

/** An uploaded picture (re-encoded); `renditions` is JSON: [{ width, height, format, name }]. */
export interface ImagesTable {
  id: string;
  width: number;
  height: number;
  renditions: string;
  created_at: string;
  /** The last time the cleanup found the picture referenced (ISO); null: never yet. */
  referenced_at: string | null;
}

/** The bytes of one rendition, named `<width>.<ext>` (`960.webp`). */
export interface ImageFilesTable {
  image_id: string;
  name: string;
  content_type: string;
  data: Buffer;
}

/** "Änderung melden" / "Verein eintragen" (migration 0006). */
export interface AssociationRequestsTable {
  id: string;
  kind: 'change' | 'new';
  association_id: string | null;
  status: 'pending' | 'done' | 'rejected';
  /** JSON: what the sender says (name, town, message, website). */
  data: string;
  /** JSON: the sender's private contact { name, email }. */
  contact: string;
  created_at: string;
  updated_at: string;
}

export type RoleName = 'admin' | 'editor' | 'member';

/** A person who signs in to the workspace (by email link). */
export interface AccountsTable {
  id: string;
  /** Lower-case; unique. */
  email: string;
  name: string;
  /** 'de' or 'en': the language of the emails. */
  locale: string;
  created_at: string;
  /** Set: the account cannot sign in (its sessions were ended). */
  disabled_at: string | null;
}

/** admin (scope ''), editor (scope: a town), member (scope: an association id). */
export interface RolesTable {
  account_id: string;
  role: RoleName;
  scope: string;
  created_at: string;
}

/** A signed-in browser: the SHA-256 of the cookie's value, never the value itself. */
export interface SessionsTable {
  id_hash: string;
  account_id: string;
  /** Epoch ms of the sign-in (absolute expiry). */
  created_at: number;
  /** Epoch ms of the last request (idle expiry). */
  seen_at: number;
}

/** A sign-in link's token (SHA-256), single use. */
export interface LoginTokensTable {
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** An invitation to a role; accepting it signs the person in. */
export interface InvitationsTable {
  token_hash: string;
  email: string;
  role: RoleName;
  scope: string;
  invited_by: string | null;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
}

export interface AssociationSettingsTable {
  association_id: string;
  /** 1: its members' events are published without moderation. */
  trusted: number;
  updated_at: string;
}

/** Who stands behind a submission: an account, or the anonymous submitter's private link. */
export interface SubmissionOwnersTable {
  submission_id: string;
  account_id: string | null;
  /** SHA-256 of the private link's token (anonymous submissions). */
  manage_hash: string | null;
  /** The editor's reason for a rejection. */
  reason: string | null;
}

/** How a town editor hears of new submissions for their towns (migration 0007). */
export type SubmissionNotices = 'instant' | 'digest' | 'off';

/** A person's choices; an account without a row has the defaults (instant, German). */
export interface AccountPreferencesTable {
  account_id: string;
  submission_notices: SubmissionNotices;
  updated_at: string;
}

/** One daily digest: the instance that inserted the row (claimed_by) sends it. */
export interface DigestRunsTable {
  /** The day in the calendar's zone (YYYY-MM-DD). */
  day: string;
  /** The submissions created in [since, until) are in it (ISO-8601). */
  since: string;
  until: string;
  claimed_by: string;
  /** How many mails went out. */
  sent: number;
}

/** One entry of the audit log (migration 0008). */
export interface AuditLogTable {
  seq: Generated<number>;
  /** ISO instant. */
  at: string;
  /** The account that acted; null for the admin token, a submitter's private link, the system. */
  actor_id: string | null;
  /** Who, as shown: the account's address, "Admin-Token", "Einsender (privater Link)". */
  actor: string;
  /** What happened, e.g. `event.edit`, `submission.approve`, `role.revoke` (audit.ts). */
  action: string;
  subject_type: string;
  subject_id: string;
  /** The subject's title or name at the time. */
  subject_label: string;
  /** The town the subject belongs to (decides which editors see the entry). */
  town: string | null;
  /** The association the subject belongs to (decides which members see the entry). */
  association_id: string | null;
  /** JSON of the data before and after; null where there was none. */
  before: string | null;
  after: string | null;
  /** A reason or remark (a rejection's reason). */
  note: string | null;
}

export interface Database {
  meta: MetaTable;
  events: EventsTable;
  associations: AssociationsTable;
  submissions: SubmissionsTable;
  idempotency: IdempotencyTable;
  sources: SourcesTable;
  images: ImagesTable;
  image_files: ImageFilesTable;
  association_requests: AssociationRequestsTable;
  accounts: AccountsTable;
  roles: RolesTable;
  sessions: SessionsTable;
  login_tokens: LoginTokensTable;
  invitations: InvitationsTable;
  association_settings: AssociationSettingsTable;
  submission_owners: SubmissionOwnersTable;
  account_preferences: AccountPreferencesTable;
  digest_runs: DigestRunsTable;
  audit_log: AuditLogTable;
}
