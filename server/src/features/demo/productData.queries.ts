import { sql, type Kysely } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AppDatabase } from './appSchema/appTables.js';
import type { ProductData } from './productData.js';

export type AppDb = Kysely<AppDatabase>;

/** The `app` tables on Opsdesk's connection, until AppDatabase is merged into Database. */
export function appTablesOf(db: Db): AppDb {
  return db.withTables<AppDatabase>() as unknown as AppDb;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for every table here. */
const CHUNK = 1000;

async function insertChunked<T extends keyof AppDatabase & string>(db: AppDb, table: T, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.insertInto(table).values(rows.slice(i, i + CHUNK) as never).execute();
  }
}

export async function insertProductData(db: AppDb, data: ProductData, onTable: (table: string, rows: number) => void): Promise<void> {
  const steps: [keyof AppDatabase & string, readonly object[]][] = [
    ['app.users', data.users],
    ['app.workspaces', data.workspaces],
    ['app.workspaceMembers', data.members],
    ['app.sessions', data.sessions],
    ['app.content', data.content],
    ['app.contentReports', data.reports],
    ['app.usageEvents', data.usage],
  ];
  for (const [table, rows] of steps) {
    await insertChunked(db, table, rows);
    onTable(table, rows.length);
  }
}

/**
 * Statistics for the tables just filled, before anyone looks. Autovacuum analyses a table
 * only after a minute's nap, and may do so mid-seed: until then the customer list's
 * "about N customers" (the planner's estimate) and the lookup's plans read a table that
 * is empty or a fraction of itself.
 */
export async function analyzeProductData(db: AppDb): Promise<void> {
  await sql`analyze app.users, app.workspaces, app.workspace_members, app.sessions, app.content, app.content_reports, app.usage_events`.execute(db);
}

/** Limits per plan; null is unlimited. Team seats are bought per seat, so they are not capped. */
export const PLAN_LIMITS: Record<string, Record<string, number | null>> = {
  free: { seats: 3, projects: 3, api_calls: 10_000, storage_mb: 500 },
  pro: { seats: 5, projects: 50, api_calls: 100_000, storage_mb: 10_000 },
  team: { seats: null, projects: null, api_calls: 1_000_000, storage_mb: 100_000 },
  enterprise: { seats: null, projects: null, api_calls: null, storage_mb: null },
};

export async function insertPlanLimits(db: AppDb): Promise<void> {
  const rows = Object.entries(PLAN_LIMITS).flatMap(([plan, metrics]) => Object.entries(metrics).map(([metric, limit]) => ({ plan, metric, limit })));
  await db.insertInto('app.planLimits').values(rows).onConflict((oc) => oc.columns(['plan', 'metric']).doUpdateSet((eb) => ({ limit: eb.ref('excluded.limit') }))).execute();
}

/** Links paying workspaces to their Stripe customer and records their current plan. */
export async function linkWorkspacesToBilling(db: AppDb, links: { workspaceId: string; plan: string; stripeCustomerId: string }[]): Promise<void> {
  for (let i = 0; i < links.length; i += CHUNK) {
    const values = sql.join(links.slice(i, i + CHUNK).map((l) => sql`(${l.workspaceId}::uuid, ${l.plan}, ${l.stripeCustomerId})`));
    await sql`
      update app.workspaces w set plan = v.plan, stripe_customer_id = v.customer_id
      from (values ${values}) as v(id, plan, customer_id)
      where w.id = v.id`.execute(db);
  }
}

export async function countAppUsers(db: AppDb): Promise<number> {
  const row = await db.selectFrom('app.users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** `--reset`: empties the product tables (plan limits are reference data and stay). */
export async function truncateProductData(db: AppDb): Promise<void> {
  await sql`truncate app.usage_events, app.moderation_appeals, app.account_reports, app.content_reports, app.content, app.sessions, app.workspace_members, app.workspaces, app.users`.execute(db);
}
