import type { Kysely } from 'kysely';
import type { Database, InvestigationsTable } from './schema.js';

export interface Investigation {
  id: string;
  name: string;
  purpose: string;
  legalBasis: string;
  createdAt: string;
  createdBy: string;
  closedAt: string | null;
}

export interface Member {
  userId: string;
  username: string;
  displayName: string;
  addedAt: string;
  addedBy: string;
}

function toInvestigation(r: InvestigationsTable): Investigation {
  return {
    id: r.id,
    name: r.name,
    purpose: r.purpose,
    legalBasis: r.legal_basis,
    createdAt: r.created_at,
    createdBy: r.created_by,
    closedAt: r.closed_at,
  };
}

export class InvestigationsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(i: Investigation): Promise<void> {
    await this.db
      .insertInto('investigations')
      .values({
        id: i.id,
        name: i.name,
        purpose: i.purpose,
        legal_basis: i.legalBasis,
        created_at: i.createdAt,
        created_by: i.createdBy,
        closed_at: i.closedAt,
      })
      .execute();
  }

  async byId(id: string): Promise<Investigation | undefined> {
    const row = await this.db
      .selectFrom('investigations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toInvestigation(row);
  }

  async all(): Promise<Investigation[]> {
    const rows = await this.db
      .selectFrom('investigations')
      .selectAll()
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toInvestigation);
  }

  async ofMember(userId: string): Promise<Investigation[]> {
    const rows = await this.db
      .selectFrom('investigations')
      .innerJoin('investigation_members as m', 'm.investigation_id', 'investigations.id')
      .selectAll('investigations')
      .where('m.user_id', '=', userId)
      .orderBy('investigations.created_at', 'desc')
      .execute();
    return rows.map(toInvestigation);
  }

  async isMember(investigationId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('investigation_members')
      .select('user_id')
      .where('investigation_id', '=', investigationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async members(investigationId: string): Promise<Member[]> {
    const rows = await this.db
      .selectFrom('investigation_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.username', 'u.display_name', 'm.added_at', 'm.added_by'])
      .where('m.investigation_id', '=', investigationId)
      .orderBy('u.username')
      .execute();
    return rows.map((r) => ({
      userId: r.user_id,
      username: r.username,
      displayName: r.display_name,
      addedAt: r.added_at,
      addedBy: r.added_by,
    }));
  }

  async addMember(investigationId: string, userId: string, at: string, by: string): Promise<void> {
    await this.db
      .insertInto('investigation_members')
      .values({ investigation_id: investigationId, user_id: userId, added_at: at, added_by: by })
      .onConflict((oc) => oc.columns(['investigation_id', 'user_id']).doNothing())
      .execute();
  }

  async removeMember(investigationId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('investigation_members')
      .where('investigation_id', '=', investigationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
