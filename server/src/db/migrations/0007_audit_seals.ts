import { sql, type Kysely } from 'kysely';

/**
 * One seal per audit row: an HMAC over the row's id and hash, made with a key the
 * database never holds (AUDIT_CHAIN_KEYS), so a database superuser who rewrites a row
 * and re-chains every later hash cannot make the seals match. Append-only like the log.
 * Rows written before this migration are sealed once by the application at its next
 * start (it holds the key; the migration does not). Frozen in time: never import
 * application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // No foreign key to ops.audit_log: it would add nothing the verifier does not check
  // (it joins every row to its seal), and it would make TRUNCATE of the log fail on the
  // key before the log's own append-only trigger could refuse it.
  await sql`
    create table ops.audit_seals (
      audit_id bigint primary key,
      key_id text not null,
      mac text not null
    )`.execute(db);

  await sql`
    create function ops.audit_seals_reject_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'ops.audit_seals is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_seals_append_only before update or delete on ops.audit_seals for each row execute function ops.audit_seals_reject_change()`.execute(db);
  await sql`create trigger audit_seals_no_truncate before truncate on ops.audit_seals for each statement execute function ops.audit_seals_reject_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.audit_seals`.execute(db);
  await sql`drop function ops.audit_seals_reject_change()`.execute(db);
}
