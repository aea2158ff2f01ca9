import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx, Trx } from '../../db/database.js';
import type { StoredFlagChange } from './flagChangeRequestErasure.js';
import { FLAG_CHANGE_ACTION } from './flagChange.queries.js';

/**
 * The queries of a GDPR erasure in targeting (flagSubjectErasure.service.ts): `db` or a
 * transaction first. The `…Naming` reads are a superset — the rules' JSON text holds one
 * of the identifiers somewhere — narrowed to exact list values in Node; the `lock…`
 * variants lock what they read. Rewrites leave `updated_at` alone: the erasure is not an
 * edit of the rule, so a schedule made against the state still applies (it is rewritten
 * too) instead of turning stale, and a flag does not look freshly changed.
 */

/** `column::text` contains one of the needles (lower case). */
function namesAny(columns: RawBuilder<unknown>[], needles: readonly string[]): RawBuilder<boolean> {
  const tests = columns.map((column) => sql`strpos(lower(${column}::text), n) > 0`);
  return sql<boolean>`exists (select 1 from unnest(${[...needles]}::text[]) as n where ${sql.join(tests, sql` or `)})`;
}

/** Every environment, locked in name order: every write of a flag's rules (setEnvironmentState, the import) takes its environment's lock first. */
export function lockAllEnvironments(trx: Trx) {
  return trx.selectFrom('ops.flagEnvironments').select('name').orderBy('name').forUpdate().execute();
}

export function findStatesNaming(db: DbOrTrx, needles: readonly string[]) {
  return db
    .selectFrom('ops.flagEnvironmentStates as st')
    .innerJoin('ops.flags as f', 'f.id', 'st.flagId')
    .select(['st.flagId', 'f.key', 'st.environment', 'st.strategies', 'st.variants'])
    .where(namesAny([sql.ref('st.strategies'), sql.ref('st.variants')], needles))
    .orderBy('f.key')
    .orderBy('st.environment')
    .execute();
}

export async function updateStateRules(trx: Trx, flagId: string, environment: string, rules: { strategies: unknown; variants: unknown }): Promise<void> {
  await trx
    .updateTable('ops.flagEnvironmentStates')
    .set({ strategies: JSON.stringify(rules.strategies), variants: JSON.stringify(rules.variants) })
    .where('flagId', '=', flagId)
    .where('environment', '=', environment)
    .execute();
}

export function findSegmentsNaming(db: DbOrTrx, needles: readonly string[]) {
  return db.selectFrom('ops.flagSegments').select(['id', 'constraints']).where(namesAny([sql.ref('constraints')], needles)).orderBy('id').execute();
}

export function lockSegmentsNaming(trx: Trx, needles: readonly string[]) {
  return trx.selectFrom('ops.flagSegments').select(['id', 'constraints']).where(namesAny([sql.ref('constraints')], needles)).orderBy('id').forUpdate().execute();
}

export async function updateSegmentConstraints(trx: Trx, id: number, constraints: unknown): Promise<void> {
  await trx.updateTable('ops.flagSegments').set({ constraints: JSON.stringify(constraints) }).where('id', '=', id).execute();
}

/** Schedules of every status: an applied or cancelled one still shows its rules in the console. */
export function findSchedulesNaming(db: DbOrTrx, needles: readonly string[]) {
  return db.selectFrom('ops.flagSchedules').select(['id', 'strategies', 'variants']).where(namesAny([sql.ref('strategies'), sql.ref('variants')], needles)).orderBy('id').execute();
}

/** Locked as the schedule's job locks it (lockSchedule): the job applies the rewritten rules or the erasure waits for it. */
export function lockSchedulesNaming(trx: Trx, needles: readonly string[]) {
  return trx.selectFrom('ops.flagSchedules').select(['id', 'strategies', 'variants']).where(namesAny([sql.ref('strategies'), sql.ref('variants')], needles)).orderBy('id').forUpdate().execute();
}

export async function updateScheduleRules(trx: Trx, id: string, rules: { strategies: unknown; variants: unknown }): Promise<void> {
  await trx.updateTable('ops.flagSchedules').set({ strategies: JSON.stringify(rules.strategies), variants: JSON.stringify(rules.variants) }).where('id', '=', id).execute();
}

/**
 * Flag change requests of every status: a pending one would write its rules back when
 * approved, and any other still shows them in the approvals inbox and its history.
 */
function flagChangesNaming(db: DbOrTrx, needles: readonly string[]) {
  return db
    .selectFrom('ops.actionRequests')
    .select(['id', 'input', 'preview', 'result', 'reason', 'decisionComment'])
    .where('action', '=', FLAG_CHANGE_ACTION)
    .where(namesAny([sql.ref('input'), sql.ref('preview'), sql.ref('result'), sql.ref('reason'), sql.ref('decision_comment')], needles))
    .orderBy('id');
}

export function findFlagChangesNaming(db: DbOrTrx, needles: readonly string[]) {
  return flagChangesNaming(db, needles).execute();
}

/** Locked as an approval locks its request: a decision waits for the rewrite, or the rewrite for the decision. */
export function lockFlagChangesNaming(trx: Trx, needles: readonly string[]) {
  return flagChangesNaming(trx, needles).forUpdate().execute();
}

const jsonOrNull = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

export async function updateStoredFlagChange(trx: Trx, id: string, stored: StoredFlagChange): Promise<void> {
  await trx
    .updateTable('ops.actionRequests')
    .set({ input: JSON.stringify(stored.input), preview: jsonOrNull(stored.preview), result: jsonOrNull(stored.result), reason: stored.reason, decisionComment: stored.decisionComment })
    .where('id', '=', id)
    .execute();
}
