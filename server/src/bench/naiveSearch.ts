import { sql, type Kysely } from 'kysely';

/**
 * The baseline: how generic admin tools search a table — ILIKE '%q%' on a column, or
 * similarity() for "did you mean", LIMIT 10 — run on copies of the searched columns
 * that have no indexes besides none at all (a sequential scan, as when nobody added
 * pg_trgm indexes).
 */
export type NaiveKind = 'email_ilike' | 'email_similarity' | 'name_ilike' | 'customer_id_ilike' | 'last4_ilike';

export async function createNaiveCopies(db: Kysely<any>, log: (message: string) => void): Promise<void> {
  const started = performance.now();
  await sql`create schema naive`.execute(db);
  await sql`create table naive.users as select id, email, name, status, country, created_at from app.users`.execute(db);
  await sql`create table naive.workspaces as select id, name, owner_user_id, stripe_customer_id from app.workspaces`.execute(db);
  await sql`create table naive.charges as select id, customer_id, card_last4, created from billing.charges`.execute(db);
  await sql`analyze naive.users, naive.workspaces, naive.charges`.execute(db);
  log(`  index-less copies for the naive baseline (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

export async function naiveSearch(db: Kysely<any>, kind: NaiveKind, q: string): Promise<unknown[]> {
  const like = `%${q}%`;
  const query = {
    email_ilike: sql`select id, email, name from naive.users where email ilike ${like} limit 10`,
    email_similarity: sql`select id, email, name from naive.users where similarity(email, ${q}) > 0.3 order by similarity(email, ${q}) desc limit 10`,
    name_ilike: sql`select id, email, name from naive.users where name ilike ${like} limit 10`,
    customer_id_ilike: sql`select owner_user_id from naive.workspaces where stripe_customer_id ilike ${like} limit 10`,
    last4_ilike: sql`select customer_id from naive.charges where card_last4 ilike ${like} limit 10`,
  }[kind];
  return (await query.execute(db)).rows;
}
