import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { escapeLike } from '../../db/likePattern.js';
import type { StripeIdPrefix } from './lookup.classify.js';

/**
 * One query per kind of lookup, each written in the form its index can serve (the
 * EXPLAIN test in lookup.explain.test.ts holds them to it). Each returns user ids, best
 * first; lookup.results.queries.ts turns ids into result rows.
 *
 * Expressions match the index definitions exactly (`lower(email)`, `lower(name)`,
 * `lower(split_part(email, '@', 1|2))`), otherwise the planner cannot use them.
 */
const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

export async function findUserIdById(db: DbOrTrx, id: string): Promise<string[]> {
  return ids(await db.selectFrom('app.users').select('id').where('id', '=', id).execute());
}

/** users_email_key: a unique btree on lower(email). */
export async function findUserIdsByEmail(db: DbOrTrx, email: string): Promise<string[]> {
  return ids(await db.selectFrom('app.users').select('id').where(sql`lower(email)`, '=', email.toLowerCase()).execute());
}

/** users_email_pattern_idx (text_pattern_ops): a range scan, in that index's order. */
export async function findUserIdsByEmailPrefix(db: DbOrTrx, prefix: string, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select id from app.users
    where lower(email) like ${`${escapeLike(prefix.toLowerCase())}%`}
    order by lower(email) using ~<~
    limit ${limit}`.execute(db);
  return ids(rows);
}

/** users_email_trgm_idx (GIN, gin_trgm_ops): LIKE '%…%' extracts trigrams from the pattern. */
export async function findUserIdsByEmailSubstring(db: DbOrTrx, text: string, limit: number): Promise<string[]> {
  return withIndexScans(db, async (trx) => {
    const { rows } = await sql<{ id: string }>`
      select id from app.users
      where lower(email) like ${`%${escapeLike(text.toLowerCase())}%`}
      limit ${limit}`.execute(trx);
    return ids(rows);
  });
}

/** users_name_trgm_idx. */
export async function findUserIdsByName(db: DbOrTrx, text: string, limit: number): Promise<string[]> {
  return withIndexScans(db, async (trx) => {
    const { rows } = await sql<{ id: string }>`
      select id from app.users
      where lower(name) like ${`%${escapeLike(text.toLowerCase())}%`}
      limit ${limit}`.execute(trx);
    return ids(rows);
  });
}

/** workspaces_name_trgm_idx; the customer is the workspace's owner. */
export async function findUserIdsByWorkspaceName(db: DbOrTrx, text: string, limit: number): Promise<string[]> {
  return withIndexScans(db, async (trx) => {
    const { rows } = await sql<{ id: string }>`
      select distinct owner_user_id as id from (
        select owner_user_id from app.workspaces
        where lower(name) like ${`%${escapeLike(text.toLowerCase())}%`}
        limit ${limit * 2}
      ) matches
      limit ${limit}`.execute(trx);
    return ids(rows);
  });
}

/** users_email_domain_idx (domain, created_at desc): newest signups of that domain. */
export async function findUserIdsByDomain(db: DbOrTrx, domain: string, limit: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select id from app.users
    where lower(split_part(email, '@', 2)) = ${domain.toLowerCase()}
    order by created_at desc
    limit ${limit}`.execute(db);
  return ids(rows);
}

/**
 * Similarity thresholds for misspellings. One or two wrong letters in an address's
 * local part ("jonh.smith" for "john.smith") score about 0.5–0.7; unrelated addresses
 * that share a first name score below 0.45. A higher threshold also lets the GIN index
 * skip its most frequent trigrams, which keeps the search fast on big tables.
 */
export const EMAIL_SIMILARITY_THRESHOLD = 0.45;
export const NAME_SIMILARITY_THRESHOLD = 0.4;

/**
 * Misspelt email: `%` on the local part (users_email_local_trgm_idx), ranked by the
 * similarity of the whole address, so the right domain wins among near-identical names.
 */
export async function findUserIdsByEmailFuzzy(db: DbOrTrx, text: string, limit: number): Promise<string[]> {
  const q = text.toLowerCase();
  const local = q.split('@')[0]!;
  return withSimilarityThreshold(db, EMAIL_SIMILARITY_THRESHOLD, async (trx) => {
    const { rows } = await sql<{ id: string }>`
      select id from app.users
      where lower(split_part(email, '@', 1)) % ${local}
      order by similarity(lower(email), ${q}) desc, id
      limit ${limit}`.execute(trx);
    return ids(rows);
  });
}

/** Misspelt name: `%` on users_name_trgm_idx. */
export async function findUserIdsByNameFuzzy(db: DbOrTrx, text: string, limit: number): Promise<string[]> {
  const q = text.toLowerCase();
  return withSimilarityThreshold(db, NAME_SIMILARITY_THRESHOLD, async (trx) => {
    const { rows } = await sql<{ id: string }>`
      select id from app.users
      where lower(name) % ${q}
      order by similarity(lower(name), ${q}) desc, id
      limit ${limit}`.execute(trx);
    return ids(rows);
  });
}

/**
 * `LIKE '%…%' LIMIT 10` tempts the planner into a sequential scan when it guesses many
 * rows match: fine for "smith", a full scan of millions of rows for a rare name it
 * guessed wrong. An interactive lookup must never do that, so these searches run with
 * sequential scans off, for this transaction only; the trigram index is always used.
 */
async function withIndexScans<T>(db: DbOrTrx, run: (trx: DbOrTrx) => Promise<T>): Promise<T> {
  const apply = async (trx: DbOrTrx) => {
    await sql`select set_config('enable_seqscan', 'off', true)`.execute(trx);
    return run(trx);
  };
  return db.isTransaction ? apply(db) : db.transaction().execute(apply);
}

/** `%` reads pg_trgm.similarity_threshold; set it for this transaction only. */
async function withSimilarityThreshold<T>(db: DbOrTrx, threshold: number, run: (trx: DbOrTrx) => Promise<T>): Promise<T> {
  const apply = async (trx: DbOrTrx) => {
    await sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`.execute(trx);
    return run(trx);
  };
  return db.isTransaction ? apply(db) : db.transaction().execute(apply);
}

/**
 * Card last 4 (charges_card_last4_idx) → Stripe customer → owning user, most recent
 * charge first; `narrow` ("4242 smith") keeps users whose email or name contains it.
 */
export async function findUserIdsByCardLast4(db: DbOrTrx, last4: string, narrow: string | null, limit: number): Promise<string[]> {
  const pattern = narrow ? `%${escapeLike(narrow.toLowerCase())}%` : null;
  const { rows } = await sql<{ id: string }>`
    select w.owner_user_id as id
    from billing.charges c
    join app.workspaces w on w.stripe_customer_id = c.customer_id
    join app.users u on u.id = w.owner_user_id
    where c.card_last4 = ${last4}
      and (${pattern}::text is null or lower(u.email) like ${pattern} or lower(u.name) like ${pattern})
    group by w.owner_user_id
    order by max(c.created) desc
    limit ${limit}`.execute(db);
  return ids(rows);
}

/** A Stripe object id → its customer (cus_…), through the mirror's primary keys. */
export async function findStripeCustomerIdFor(db: DbOrTrx, prefix: StripeIdPrefix, id: string): Promise<string | null> {
  const query = {
    cus: sql<{ customerId: string }>`select ${id}::text as customer_id`,
    sub: sql<{ customerId: string }>`select customer_id from billing.subscriptions where id = ${id}`,
    in: sql<{ customerId: string }>`select customer_id from billing.invoices where id = ${id}`,
    ch: sql<{ customerId: string }>`select customer_id from billing.charges where id = ${id}`,
    // No LIMIT on the invoice side: with one, the planner may prefer a sequential scan.
    pi: sql<{ customerId: string }>`
      select customer_id from billing.charges where payment_intent_id = ${id} and customer_id is not null
      union
      select customer_id from billing.invoices where payment_intent_ids @> array[${id}::text]`,
    re: sql<{ customerId: string }>`
      select c.customer_id from billing.refunds r
      join billing.charges c on c.id = r.charge_id or (r.charge_id is null and c.payment_intent_id = r.payment_intent_id)
      where r.id = ${id} limit 1`,
  }[prefix];
  const { rows } = await query.execute(db);
  return rows[0]?.customerId ?? null;
}

/** An invoice number (`1A2B3C4D-0007`, upper-case as Stripe prints it) → its customer (invoices_number_idx). */
export async function findStripeCustomerIdByInvoiceNumber(db: DbOrTrx, number: string): Promise<string | null> {
  const { rows } = await sql<{ customerId: string }>`select customer_id from billing.invoices where number = ${number} and customer_id is not null limit 1`.execute(db);
  return rows[0]?.customerId ?? null;
}

/**
 * The user behind a Stripe customer: the owner of the workspace it bills, else (a
 * customer created outside the product) the user with the customer's email.
 */
export async function findUserIdByStripeCustomer(db: DbOrTrx, customerId: string): Promise<string | null> {
  const { rows } = await sql<{ id: string }>`
    (select owner_user_id as id from app.workspaces where stripe_customer_id = ${customerId})
    union all
    (select u.id from billing.customers c join app.users u on lower(u.email) = lower(c.email) where c.id = ${customerId})
    limit 1`.execute(db);
  return rows[0]?.id ?? null;
}
