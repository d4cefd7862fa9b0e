/**
 * Request schemas every route module shares: the `:id` parameter, no query at all, the
 * paged list query of the moderation queues, and a query's period of days.
 */
import { HttpError } from '../context.js';
import { MSG } from '../messages.js';

export const ID_PARAMS = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

export const EMPTY_QUERY = { type: 'object', additionalProperties: false, properties: {} } as const;

/**
 * A queue's list query: `status` (one of `statuses` or `all`, default `pending`), `limit`
 * (1–500, default 100) and `offset`. Numbers as digit patterns, not `integer`: Ajv's coercion
 * turns "1e400" into Infinity and lets it through, and the database then fails (a 500 before
 * this was written).
 */
export function listQuery<S extends string>(statuses: readonly S[]) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { type: 'string', enum: [...statuses, 'all'], default: 'pending' },
      limit: { type: 'string', pattern: '^([1-9][0-9]?|[1-4][0-9]{2}|500)$', default: '100' },
      offset: { type: 'string', pattern: '^(0|[1-9][0-9]{0,6})$', default: '0' },
    },
  } as const;
}

/** A day in a query: `YYYY-MM-DD`. */
export const DAY_PARAM = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

/** A query's period of days (`from`..`to`, both `DAY_PARAM`, inclusive): a `to` before the `from` is a 400. */
export function checkPeriod(query: { from?: string | undefined; to?: string | undefined }): void {
  if (query.from && query.to && query.to < query.from) throw new HttpError(400, MSG.periodOrder);
}
