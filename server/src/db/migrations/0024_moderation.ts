import { sql, type Kysely } from 'kysely';

/**
 * Moderation (issue 13, docs/moderation.md), all in `ops` (the product's content and
 * reports stay in `app`): the policy table of reason codes, one queue entry per subject
 * with open reports (priority, status, leased claim), the reports each entry covers,
 * decisions with their DSA statement of reasons, an append-only event log per subject,
 * outcome records for reporters and authors, internal notes, reporter reliability, and
 * queue counters kept by a trigger so the queue page never counts the whole table.
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ops.moderation_reason_codes (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      label text not null check (length(label) between 1 and 200),
      reason_group text not null check (reason_group ~ '^[a-z][a-z0-9_]{0,39}$'),
      dsa_category text not null check (dsa_category like 'STATEMENT_CATEGORY_%'),
      decision_type text not null check (decision_type in ('dismiss', 'label', 'hide', 'remove', 'suspend_author', 'ban_author')),
      decision_ground text not null default 'DECISION_GROUND_INCOMPATIBLE_CONTENT' check (decision_ground in ('DECISION_GROUND_ILLEGAL_CONTENT', 'DECISION_GROUND_INCOMPATIBLE_CONTENT')),
      ground_reference text not null default 'Terms of service' check (length(ground_reference) between 1 and 500),
      severity integer not null check (severity between 0 and 100),
      active boolean not null default true,
      updated_at timestamptz not null default now()
    )`.execute(db);
  // The product's report reasons (app.content_reports.reason_code) are codes of this table
  // too: their severity ranks the queue. Decision-only codes follow.
  await sql`
    insert into ops.moderation_reason_codes (code, label, reason_group, dsa_category, decision_type, decision_ground, ground_reference, severity) values
      ('child_safety', 'Child safety', 'child_safety', 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS', 'remove', 'DECISION_GROUND_ILLEGAL_CONTENT', 'Directive 2011/93/EU (child sexual abuse material)', 100),
      ('violence', 'Violent threats', 'violence', 'STATEMENT_CATEGORY_VIOLENCE', 'remove', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service: violence and threats', 90),
      ('illegal', 'Illegal content', 'illegal', 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY', 'remove', 'DECISION_GROUND_ILLEGAL_CONTENT', 'Applicable national law (named in the facts)', 85),
      ('hate', 'Hate speech', 'abuse', 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', 'remove', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service: hateful conduct', 75),
      ('sexual', 'Sexual content', 'sexual', 'STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT', 'hide', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service: adult content', 70),
      ('harassment', 'Harassment', 'abuse', 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', 'hide', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service: harassment', 60),
      ('scam', 'Scam or fraud', 'spam', 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD', 'remove', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service: fraud', 50),
      ('ip_violation', 'Intellectual property', 'ip', 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', 'remove', 'DECISION_GROUND_ILLEGAL_CONTENT', 'Directive 2001/29/EC (copyright)', 40),
      ('other', 'Other', 'other', 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE', 'hide', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service', 30),
      ('spam', 'Spam', 'spam', 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE', 'remove', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service: spam and platform manipulation', 20),
      ('sensitive_label', 'Sensitive: label only', 'other', 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE', 'label', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service: sensitive content', 10),
      ('no_violation', 'No violation', 'other', 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE', 'dismiss', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service', 0),
      ('repeat_offender', 'Repeat violations: suspend the author', 'abuse', 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE', 'suspend_author', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service: repeat violations', 60),
      ('severe_violation', 'Severe violation: ban the author', 'abuse', 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE', 'ban_author', 'DECISION_GROUND_INCOMPATIBLE_CONTENT', 'Terms of service: termination', 90)`.execute(db);

  // One live entry per subject (partial unique index); a decided entry stays as history
  // and new reports on the subject open a new one. `priority` is a static sort key with
  // the age term folded in (docs/moderation.md, "Priority"); `bucket` is from the score
  // without age, so it never changes while the entry waits.
  await sql`
    create table ops.moderation_queue (
      id bigserial primary key,
      subject_type text not null check (subject_type in ('content', 'account')),
      subject_id text not null check (length(subject_id) between 1 and 200),
      author_user_id text,
      reason_group text not null,
      reason_codes text[] not null,
      severity integer not null check (severity between 0 and 100),
      report_count integer not null check (report_count >= 0),
      reliability double precision not null check (reliability between 0 and 1),
      priority double precision not null,
      bucket text not null check (bucket in ('urgent', 'high', 'normal', 'low')),
      status text not null default 'open' check (status in ('open', 'claimed', 'decided')),
      claimed_by uuid references ops.staff (id),
      claimed_at timestamptz,
      lease_expires_at timestamptz,
      first_reported_at timestamptz not null,
      last_reported_at timestamptz not null,
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      check ((status = 'claimed') = (claimed_by is not null and lease_expires_at is not null))
    )`.execute(db);
  await sql`create unique index moderation_queue_live_subject_key on ops.moderation_queue (subject_type, subject_id) where status <> 'decided'`.execute(db);
  await sql`create index moderation_queue_next_idx on ops.moderation_queue (priority desc, id desc) where status <> 'decided'`.execute(db);
  await sql`create index moderation_queue_group_next_idx on ops.moderation_queue (reason_group, priority desc, id desc) where status <> 'decided'`.execute(db);
  await sql`create index moderation_queue_claimed_by_idx on ops.moderation_queue (claimed_by) where status = 'claimed'`.execute(db);
  await sql`create index moderation_queue_subject_idx on ops.moderation_queue (subject_type, subject_id)`.execute(db);
  await sql`create index moderation_queue_author_idx on ops.moderation_queue (author_user_id)`.execute(db);

  await sql`
    create table ops.moderation_queue_reports (
      report_id text primary key,
      queue_entry_id bigint not null references ops.moderation_queue (id),
      reporter_user_id text,
      reason_code text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index moderation_queue_reports_entry_idx on ops.moderation_queue_reports (queue_entry_id)`.execute(db);

  // Live (open or claimed) entries per reason group and bucket, kept in step by a
  // trigger: the queue page sums a few rows instead of counting the queue. Claiming and
  // releasing do not touch them (the entry stays live); each count is split over 16
  // shards (entry id mod 16) so concurrent decisions rarely wait on one counter row.
  await sql`
    create table ops.moderation_queue_counts (
      reason_group text not null,
      bucket text not null,
      shard smallint not null check (shard between 0 and 15),
      entries bigint not null default 0,
      primary key (reason_group, bucket, shard)
    )`.execute(db);
  await sql`
    create function ops.moderation_queue_count() returns trigger language plpgsql as $$
    declare
      was_live boolean := tg_op <> 'INSERT' and old.status <> 'decided';
      is_live boolean := tg_op <> 'DELETE' and new.status <> 'decided';
    begin
      if was_live and is_live and old.reason_group = new.reason_group and old.bucket = new.bucket then
        return null;
      end if;
      if was_live then
        update ops.moderation_queue_counts set entries = entries - 1
          where reason_group = old.reason_group and bucket = old.bucket and shard = old.id % 16;
      end if;
      if is_live then
        insert into ops.moderation_queue_counts as c (reason_group, bucket, shard, entries) values (new.reason_group, new.bucket, new.id % 16, 1)
          on conflict (reason_group, bucket, shard) do update set entries = c.entries + 1;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger moderation_queue_count after insert or delete or update of status, reason_group, bucket on ops.moderation_queue
      for each row execute function ops.moderation_queue_count()`.execute(db);

  // Laplace-smoothed share of a reporter's reports that decisions upheld (priority input).
  await sql`
    create table ops.moderation_reporter_stats (
      reporter_user_id text primary key,
      reports integer not null default 0 check (reports >= 0),
      upheld integer not null default 0 check (upheld between 0 and reports),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table ops.moderation_decisions (
      id uuid primary key default gen_random_uuid(),
      queue_entry_id bigint references ops.moderation_queue (id),
      subject_type text not null check (subject_type in ('content', 'account')),
      subject_id text not null,
      author_user_id text,
      decision_type text not null check (decision_type in ('dismiss', 'label', 'hide', 'remove', 'suspend_author', 'ban_author')),
      reason_code text not null references ops.moderation_reason_codes (code),
      statement jsonb check (statement is null or jsonb_typeof(statement) = 'object'),
      automated_detection boolean not null default false,
      automated_decision boolean not null default false,
      decided_by uuid references ops.staff (id),
      decided_by_label text not null check (length(decided_by_label) <= 320),
      ends_at timestamptz,
      appeal_deadline timestamptz not null,
      reversed_at timestamptz,
      reversed_by uuid references ops.staff (id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index moderation_decisions_entry_key on ops.moderation_decisions (queue_entry_id)`.execute(db);
  await sql`create index moderation_decisions_author_idx on ops.moderation_decisions (author_user_id, created_at desc)`.execute(db);
  await sql`create index moderation_decisions_subject_idx on ops.moderation_decisions (subject_type, subject_id, created_at desc)`.execute(db);
  await sql`create index moderation_decisions_created_idx on ops.moderation_decisions (created_at)`.execute(db);

  await sql`
    create table ops.moderation_events (
      id bigserial primary key,
      subject_type text not null check (subject_type in ('content', 'account')),
      subject_id text not null,
      kind text not null check (kind in ('report_received', 'claimed', 'released', 'lease_expired', 'decided', 'note', 'reversal', 'appeal_received', 'appeal_decided', 'rule_hit')),
      queue_entry_id bigint references ops.moderation_queue (id),
      decision_id uuid references ops.moderation_decisions (id),
      actor_id uuid references ops.staff (id),
      actor_label text not null check (length(actor_label) <= 320),
      automated boolean not null default false,
      data jsonb not null default '{}' check (jsonb_typeof(data) = 'object' and octet_length(data::text) <= 65536),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index moderation_events_subject_idx on ops.moderation_events (subject_type, subject_id, id)`.execute(db);
  // Append-only: history is never edited, corrections are new events.
  await sql`
    create function ops.moderation_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'ops.moderation_events is append-only';
    end $$`.execute(db);
  await sql`
    create trigger moderation_events_append_only before update or delete on ops.moderation_events
      for each row execute function ops.moderation_events_append_only()`.execute(db);

  await sql`
    create table ops.moderation_outcomes (
      id uuid primary key default gen_random_uuid(),
      decision_id uuid not null references ops.moderation_decisions (id),
      recipient_role text not null check (recipient_role in ('reporter', 'author')),
      recipient_user_id text not null,
      report_id text,
      message text not null check (length(message) <= 10000),
      how_to_appeal text not null check (length(how_to_appeal) <= 2000),
      appeal_deadline timestamptz not null,
      delivered_at timestamptz,
      created_at timestamptz not null default now(),
      unique (decision_id, recipient_role, recipient_user_id)
    )`.execute(db);
  await sql`create index moderation_outcomes_recipient_idx on ops.moderation_outcomes (recipient_user_id, created_at desc)`.execute(db);

  await sql`
    create table ops.moderation_notes (
      id bigserial primary key,
      subject_type text not null check (subject_type in ('content', 'account')),
      subject_id text not null,
      author_id uuid references ops.staff (id),
      author_label text not null check (length(author_label) <= 320),
      body text not null check (length(body) between 1 and 4000),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index moderation_notes_subject_idx on ops.moderation_notes (subject_type, subject_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table ops.moderation_notes`.execute(db);
  await sql`drop table ops.moderation_outcomes`.execute(db);
  await sql`drop table ops.moderation_events`.execute(db);
  await sql`drop function ops.moderation_events_append_only()`.execute(db);
  await sql`drop table ops.moderation_decisions`.execute(db);
  await sql`drop table ops.moderation_reporter_stats`.execute(db);
  await sql`drop table ops.moderation_queue_reports`.execute(db);
  await sql`drop table ops.moderation_queue`.execute(db);
  await sql`drop function ops.moderation_queue_count()`.execute(db);
  await sql`drop table ops.moderation_queue_counts`.execute(db);
}
