import { sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * The erasure plan's "Mentions elsewhere" looks for the subject's addresses and full name
 * inside the free text staff write (privacy/erasure/erasureMentions.queries.ts): an
 * `ilike '%…%'` no B-tree serves, so every preview, and again every erasure request, read
 * every note, reason and comment of seven tables — about 0.7 s per 200,000 texts of 400
 * characters here, growing with the tables for as long as the installation runs. A
 * trigram GIN index per table (pg_trgm, installed by 0002) answers the same `ilike` from
 * the pattern's trigrams, rechecking the few candidate rows.
 *
 * Each index covers the table's mention columns joined by line breaks, in the order the
 * mention sources list them; the statement filters on the same expression
 * (`mentionHaystack`), and erasureMentions.indexes.test.ts checks the planner can use
 * every one. One index per table rather than per column: one GIN entry list per row
 * written. A plain `create index` (migrations run in one transaction); these tables are
 * written by staff, not by traffic.
 *
 * Frozen in time: never import application code here.
 */
const NL = sql.raw(`E'\\n'`);
const INDEXES: Array<[name: string, table: string, expression: RawBuilder<unknown>]> = [
  ['staff_notes_mentions_trgm_idx', 'ops.staff_notes', sql`body`],
  ['action_requests_mentions_trgm_idx', 'ops.action_requests', sql`coalesce(reason, '') || ${NL} || coalesce(decision_comment, '')`],
  ['moderation_notes_mentions_trgm_idx', 'ops.moderation_notes', sql`body`],
  [
    'moderation_decisions_mentions_trgm_idx',
    'ops.moderation_decisions',
    sql`coalesce(reversal_reason, '') || ${NL} || coalesce(statement->>'decision_facts', '') || ${NL} || coalesce(statement->>'illegal_content_explanation', '')
      || ${NL} || coalesce(statement->>'incompatible_content_explanation', '')`,
  ],
  ['moderation_appeals_mentions_trgm_idx', 'ops.moderation_appeals', sql`decision_reason`],
  ['moderation_bulk_runs_mentions_trgm_idx', 'ops.moderation_bulk_runs', sql`coalesce(reason, '') || ${NL} || coalesce(facts, '')`],
  [
    'privacy_requests_mentions_trgm_idx',
    'ops.privacy_requests',
    sql`coalesce(note, '') || ${NL} || coalesce(verification_note, '') || ${NL} || coalesce(extension_reason, '') || ${NL} || coalesce(hold_reason, '')
      || ${NL} || coalesce(rejected_reason, '')`,
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, expression] of INDEXES) {
    await sql`create index ${sql.raw(name)} on ${sql.raw(table)} using gin ((${expression}) gin_trgm_ops)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await sql`drop index ops.${sql.raw(name)}`.execute(db);
}
