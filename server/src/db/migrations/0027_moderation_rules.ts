import { sql, type Kysely } from 'kysely';

/**
 * Auto-moderation rules (issue 13 §4, docs/moderation.md "Auto-moderation rules"): the
 * rules (conditions validated by the shared schema before they are stored), one row per
 * hit (a rule hits a subject at most once, so a re-scan never acts twice), the rule job's
 * cursors over new content and new reports, and the verdict a moderator's later decision
 * gives each hit (precision). Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.moderation_rules (
      id bigserial primary key,
      name text not null check (length(name) between 1 and 120),
      description text not null default '' check (length(description) <= 1000),
      conditions jsonb not null check (jsonb_typeof(conditions) = 'object' and octet_length(conditions::text) <= 65536),
      action text not null check (action in ('label', 'hide_pending_review', 'raise_priority', 'open_queue_entry')),
      reason_code text not null references ops.moderation_reason_codes (code),
      mode text not null default 'shadow' check (mode in ('shadow', 'live')),
      enabled boolean not null default true,
      revision integer not null default 1 check (revision >= 1),
      created_by uuid references ops.staff (id),
      updated_by uuid references ops.staff (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index moderation_rules_name_key on ops.moderation_rules (lower(name))`.execute(db);

  // `verdict`: null until a moderator decides the subject; then agreed when the decision
  // restricts at least as much as the rule's action asked (see the trigger below).
  await sql`
    create table ops.moderation_rule_hits (
      id bigserial primary key,
      rule_id bigint not null references ops.moderation_rules (id),
      rule_revision integer not null,
      subject_type text not null check (subject_type in ('content', 'account')),
      subject_id text not null check (length(subject_id) between 1 and 200),
      content_id text,
      trigger text not null check (trigger in ('content', 'report')),
      mode text not null check (mode in ('shadow', 'live')),
      action text not null check (action in ('label', 'hide_pending_review', 'raise_priority', 'open_queue_entry')),
      acted boolean not null,
      effect jsonb not null default '{}' check (jsonb_typeof(effect) = 'object'),
      verdict text check (verdict in ('agreed', 'disagreed')),
      decision_id uuid references ops.moderation_decisions (id),
      judged_at timestamptz,
      created_at timestamptz not null default now(),
      unique (rule_id, subject_type, subject_id)
    )`.execute(db);
  await sql`create index moderation_rule_hits_rule_idx on ops.moderation_rule_hits (rule_id, id desc)`.execute(db);
  await sql`create index moderation_rule_hits_pending_idx on ops.moderation_rule_hits (subject_type, subject_id) where verdict is null`.execute(db);

  await sql`
    create table ops.moderation_rule_cursor (
      source text primary key check (source in ('content', 'reports')),
      scanned_to timestamptz not null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  // Any decision path (the router, bulk jobs, appeals) judges the pending hits on its
  // subject in the decision's own transaction: a hide is agreed with by a hide, removal or
  // account measure; the other actions by anything but a dismissal. A decision on a
  // subject a live rule flagged also says so in its DSA record (automated detection).
  await sql`
    create function ops.moderation_rule_hits_judge() returns trigger language plpgsql as $$
    begin
      update ops.moderation_rule_hits h set
        verdict = case
          when new.decision_type = 'dismiss' then 'disagreed'
          when h.action = 'hide_pending_review' and new.decision_type = 'label' then 'disagreed'
          else 'agreed' end,
        decision_id = new.id,
        judged_at = new.created_at
      where h.subject_type = new.subject_type and h.subject_id = new.subject_id and h.verdict is null and h.created_at <= new.created_at;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger moderation_rule_hits_judge after insert on ops.moderation_decisions
      for each row execute function ops.moderation_rule_hits_judge()`.execute(db);
  await sql`
    create function ops.moderation_decisions_automated_detection() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from ops.moderation_rule_hits h
                 where h.subject_type = new.subject_type and h.subject_id = new.subject_id and h.verdict is null and h.acted) then
        new.automated_detection := true;
        if new.statement is not null then
          new.statement := jsonb_set(new.statement, '{automated_detection}', '"Yes"');
        end if;
      end if;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger moderation_decisions_automated_detection before insert on ops.moderation_decisions
      for each row execute function ops.moderation_decisions_automated_detection()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger moderation_decisions_automated_detection on ops.moderation_decisions`.execute(db);
  await sql`drop function ops.moderation_decisions_automated_detection()`.execute(db);
  await sql`drop trigger moderation_rule_hits_judge on ops.moderation_decisions`.execute(db);
  await sql`drop function ops.moderation_rule_hits_judge()`.execute(db);
  await sql`drop table ops.moderation_rule_cursor`.execute(db);
  await sql`drop table ops.moderation_rule_hits`.execute(db);
  await sql`drop table ops.moderation_rules`.execute(db);
}
