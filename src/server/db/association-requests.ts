/**
 * Association requests: "Änderung melden" (a change to an association's directory entry) and
 * "Verein eintragen" (a new association), with the sender's private contact, for the town's
 * editors to accept or reject.
 */
import type { StoreContext } from './context.js';
import type { AssociationRequestsTable } from './schema.js';
import type { PrivateContact } from './submissions.js';

/** "Änderung melden" (kind change, for an association) or "Verein eintragen" (kind new). */
export interface AssociationRequest {
  id: string;
  kind: 'change' | 'new';
  associationId?: string;
  status: 'pending' | 'done' | 'rejected';
  data: { name?: string; town?: string; message?: string; website?: string };
  contact: PrivateContact;
  createdAt: string;
  updatedAt: string;
}

function toAssociationRequest(row: AssociationRequestsTable): AssociationRequest {
  const out: AssociationRequest = {
    id: row.id,
    kind: row.kind,
    status: row.status,
    data: JSON.parse(row.data) as AssociationRequest['data'],
    contact: JSON.parse(row.contact) as PrivateContact,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.association_id) out.associationId = row.association_id;
  return out;
}

export class AssociationRequestStore {
  constructor(private readonly ctx: StoreContext) {}

  async insertAssociationRequest(request: Omit<AssociationRequest, 'status' | 'createdAt' | 'updatedAt'>): Promise<void> {
    const now = this.ctx.now().toISOString();
    await this.ctx.db
      .insertInto('association_requests')
      .values({
        id: request.id,
        kind: request.kind,
        association_id: request.associationId ?? null,
        status: 'pending',
        data: JSON.stringify(request.data),
        contact: JSON.stringify(request.contact),
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async listAssociationRequests(
    status: AssociationRequest['status'] | 'all',
    limit: number,
    offset: number,
  ): Promise<{ items: AssociationRequest[]; total: number }> {
    let list = this.ctx.db.selectFrom('association_requests').selectAll();
    let count = this.ctx.db.selectFrom('association_requests').select((eb) => eb.fn.countAll<number>().as('total'));
    if (status !== 'all') {
      list = list.where('status', '=', status);
      count = count.where('status', '=', status);
    }
    const rows = await list.orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
    const { total } = await count.executeTakeFirstOrThrow();
    return { items: rows.map(toAssociationRequest), total: Number(total) };
  }

  async setAssociationRequestStatus(id: string, status: 'done' | 'rejected'): Promise<AssociationRequest | undefined> {
    const db = this.ctx.db;
    await db
      .updateTable('association_requests')
      .set({ status, updated_at: this.ctx.now().toISOString() })
      .where('id', '=', id)
      .execute();
    const row = await db.selectFrom('association_requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAssociationRequest(row) : undefined;
  }
}
