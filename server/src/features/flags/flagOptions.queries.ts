import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { hasProductSchema } from './flagImpact.queries.js';

/**
 * What the flag forms offer: the staff who can own a flag (any active staff member: the
 * staff directory itself is for admins, but a name to pick as owner is not a secret among
 * staff) and the product's plan names, most common first.
 */
export function findOwnerOptions(db: DbOrTrx) {
  return db.selectFrom('ops.staff').select(['id', 'name', 'email']).where('status', '=', 'active').orderBy('name').limit(1_000).execute();
}

export async function findPlanOptions(db: DbOrTrx): Promise<string[]> {
  if (!(await hasProductSchema(db))) return [];
  const { rows } = await sql<{ plan: string }>`
    select plan from app.workspaces where plan is not null group by plan order by count(*) desc, plan limit 50`.execute(db);
  return rows.map((row) => row.plan);
}
