import { sql, type Kysely } from 'kysely';

/**
 * The approvals list (approvals.queries.ts): requests that needed a second person, newest
 * first, in the scopes `all` (the viewer's own and those they may decide) and `mine`.
 * No index served them, so each page read all of ops.action_requests (about 390 ms at
 * 208,000 rows). Partial on `approval_reason is not null`: they hold only the requests
 * that were held for approval, a small share of the table, in the list's order (the id
 * breaks ties between requests made in one transaction); `mine` starts from its requester.
 * `to_decide` keeps the pending-only index of migration 0003.
 *
 * A plain `create index`, as 0006 and 0030 did on tables in use: Kysely runs the pending
 * migrations in one transaction, where `concurrently` is not allowed. Reads go on while
 * they build; writes to ops.action_requests wait, about 0.1 s per index at 208,000 rows.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index action_requests_approvals_idx on ops.action_requests (created_at desc, id desc) where approval_reason is not null`.execute(db);
  await sql`create index action_requests_approvals_requester_idx on ops.action_requests (requester_id, created_at desc, id desc) where approval_reason is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.action_requests_approvals_requester_idx`.execute(db);
  await sql`drop index ops.action_requests_approvals_idx`.execute(db);
}
