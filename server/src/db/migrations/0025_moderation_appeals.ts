import { sql, type Kysely } from 'kysely';

/**
 * Moderation appeals, reversals and account measures (issue 13 §2, docs/moderation.md
 * "Appeals and reversal", "Suspend and ban"): one row per appeal against a decision
 * (who appeals, how it arrived, their statement, its status and who decided it why),
 * refused by a trigger once the decision's appeal deadline has passed; decisions learn
 * the account action they went through (request id and its status: done, or held for a
 * second person) and who reversed them why; outcome records gain the appellant.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.moderation_appeals (
      id uuid primary key default gen_random_uuid(),
      decision_id uuid not null references ops.moderation_decisions (id),
      -- Denormalised from the decision: "for me" (not the first decider) filters on it.
      first_decider uuid references ops.staff (id),
      appellant_user_id text not null check (length(appellant_user_id) between 1 and 200),
      appellant_role text not null check (appellant_role in ('author', 'reporter')),
      channel text not null check (channel in ('staff_on_behalf', 'product')),
      statement text not null check (length(statement) between 1 and 5000),
      entered_by uuid references ops.staff (id),
      entered_by_label text not null check (length(entered_by_label) <= 320),
      status text not null default 'open' check (status in ('open', 'upheld', 'reversed')),
      decided_by uuid references ops.staff (id),
      decided_by_label text check (length(decided_by_label) <= 320),
      decision_reason text check (length(decision_reason) between 1 and 1000),
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      check ((status = 'open') = (decided_at is null)),
      check (status = 'open' or (decided_by_label is not null and decision_reason is not null)),
      -- The database's own line behind the service's check: nobody decides their own decision's appeal.
      check (decided_by is null or first_decider is null or decided_by <> first_decider)
    )`.execute(db);
  // One appeal per person and decision: the appellant's outcome record is keyed the same way.
  await sql`create unique index moderation_appeals_decision_appellant_key on ops.moderation_appeals (decision_id, appellant_user_id)`.execute(db);
  await sql`create index moderation_appeals_status_idx on ops.moderation_appeals (status, created_at, id)`.execute(db);

  await sql`
    create function ops.moderation_appeal_deadline() returns trigger language plpgsql as $$
    begin
      if now() > (select appeal_deadline from ops.moderation_decisions where id = new.decision_id) then
        raise exception 'the appeal deadline of decision % has passed', new.decision_id using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger moderation_appeal_deadline before insert on ops.moderation_appeals
      for each row execute function ops.moderation_appeal_deadline()`.execute(db);

  await sql`
    alter table ops.moderation_decisions
      add column account_action_request_id uuid,
      add column account_action_status text check (account_action_status in ('done', 'in_progress', 'pending_approval')),
      add column reversal_reason text check (length(reversal_reason) between 1 and 1000),
      add column reversal_appeal_id uuid references ops.moderation_appeals (id)`.execute(db);

  await sql`alter table ops.moderation_outcomes drop constraint moderation_outcomes_recipient_role_check`.execute(db);
  await sql`alter table ops.moderation_outcomes add constraint moderation_outcomes_recipient_role_check check (recipient_role in ('reporter', 'author', 'appellant'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from ops.moderation_outcomes where recipient_role = 'appellant'`.execute(db);
  await sql`alter table ops.moderation_outcomes drop constraint moderation_outcomes_recipient_role_check`.execute(db);
  await sql`alter table ops.moderation_outcomes add constraint moderation_outcomes_recipient_role_check check (recipient_role in ('reporter', 'author'))`.execute(db);
  await sql`
    alter table ops.moderation_decisions
      drop column reversal_appeal_id, drop column reversal_reason, drop column account_action_status, drop column account_action_request_id`.execute(db);
  await sql`drop table ops.moderation_appeals`.execute(db);
  await sql`drop function ops.moderation_appeal_deadline()`.execute(db);
}
