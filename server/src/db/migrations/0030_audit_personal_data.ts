import { sql, type Kysely } from 'kysely';

/**
 * Personal data in the audit log (docs/gdpr.md "The audit log"): rows about a data
 * subject hold their personal values encrypted under the subject's key
 * (ops.audit_subject_keys, migration 0029). Rows written before that are converted once
 * by the application at start (it holds the audit keyring; this migration does not):
 * their stored hash no longer matches their new content, so each converted row gets a
 * record here — the recomputed hash, HMAC-sealed together with the original hash — which
 * is the only thing that lets the verifier accept it. Append-only like the log.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.audit_sealed_rows (
      audit_id bigint primary key,
      content_hash text not null,
      key_id text not null,
      mac text not null
    )`.execute(db);
  await sql`
    create function ops.audit_sealed_rows_reject_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'ops.audit_sealed_rows is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`create trigger audit_sealed_rows_append_only before update or delete on ops.audit_sealed_rows for each row execute function ops.audit_sealed_rows_reject_change()`.execute(db);
  await sql`create trigger audit_sealed_rows_no_truncate before truncate on ops.audit_sealed_rows for each statement execute function ops.audit_sealed_rows_reject_change()`.execute(db);

  // Counting an erasure's rows (the plan) by subject without scanning the log.
  await sql`create index audit_log_sealed_subject_idx on ops.audit_log ((input->>'subject')) where input ? '$sealed'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.audit_log_sealed_subject_idx`.execute(db);
  await sql`drop table ops.audit_sealed_rows`.execute(db);
  await sql`drop function ops.audit_sealed_rows_reject_change()`.execute(db);
}
