import { sql, type Kysely } from 'kysely';

/**
 * The Jobs page hides routine runs by default (scheduled jobs that succeeded: the
 * housekeeping runs several times a minute, about 50,000 rows in its 7 days of
 * retention). Without an index of the rest, the newest 25 runs people started or that
 * failed were found by walking every routine row in between.
 *
 * Frozen in time: never import application code here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index jobs_notable_recent_idx on ops.jobs (queued_at desc, id desc) where started_by is not null or status <> 'succeeded'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ops.jobs_notable_recent_idx`.execute(db);
}
