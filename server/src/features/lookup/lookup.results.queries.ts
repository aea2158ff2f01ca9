import { sql } from 'kysely';
import type { TCustomerSearchResult, TSearchMatchKind } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';

interface ResultRow {
  id: string;
  email: string;
  name: string;
  status: TCustomerSearchResult['status'];
  country: string | null;
  createdAt: Date;
  plan: string | null;
  workspaceNames: string[];
  stripeCustomerIds: string[];
}

/**
 * What tells two John Smiths apart: email, status, signup date, the workspaces they
 * belong to, the plan and Stripe customers of those they own. One query for a page of
 * ids; explicit columns so nothing else about the user leaks into search results.
 */
export async function findCustomerSummaries(db: DbOrTrx, userIds: string[]): Promise<Map<string, Omit<TCustomerSearchResult, 'matchedOn'>>> {
  if (userIds.length === 0) return new Map();
  const { rows } = await sql<ResultRow>`
    select u.id, u.email, u.name, u.status, u.country, u.created_at,
      owned.plan, coalesce(owned.stripe_customer_ids, '{}') as stripe_customer_ids,
      coalesce(member.workspace_names, '{}') as workspace_names
    from app.users u
    left join lateral (
      -- A paid plan says more than a free one when someone owns several workspaces.
      select (array_agg(w.plan order by w.plan = 'free', w.created_at))[1] as plan,
        array_remove(array_agg(w.stripe_customer_id order by w.created_at), null) as stripe_customer_ids
      from app.workspaces w where w.owner_user_id = u.id
    ) owned on true
    left join lateral (
      select array_agg(ws.name order by ws.name) as workspace_names from (
        select w.id, w.name from app.workspaces w where w.owner_user_id = u.id
        union
        select w.id, w.name from app.workspace_members m join app.workspaces w on w.id = m.workspace_id where m.user_id = u.id
      ) ws
    ) member on true
    where u.id = any(${userIds}::uuid[])`.execute(db);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        userId: row.id,
        email: row.email,
        name: row.name,
        status: row.status,
        plan: row.plan,
        country: row.country?.trim() ?? null,
        signupAt: row.createdAt.toISOString(),
        stripeCustomerIds: row.stripeCustomerIds,
        workspaceNames: [...new Set(row.workspaceNames)],
      },
    ]),
  );
}

/** Summaries in the order of `matches`, each labelled with what it matched on. */
export async function toSearchResults(db: DbOrTrx, matches: { userId: string; matchedOn: TSearchMatchKind }[]): Promise<TCustomerSearchResult[]> {
  const summaries = await findCustomerSummaries(db, matches.map((m) => m.userId));
  return matches.flatMap((m) => {
    const summary = summaries.get(m.userId);
    return summary ? [{ ...summary, matchedOn: m.matchedOn }] : [];
  });
}
