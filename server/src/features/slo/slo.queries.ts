import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { SloRow } from './slo.table.js';

/**
 * Every query on ops.slos and ops.slo_statuses (migration 0017). The definition is
 * validated by the shared zod schema before it gets here; service and name are copied
 * into their own columns so the unique pair is enforced by PostgreSQL.
 */
export interface SloValues {
  service: string;
  name: string;
  definitionJson: string;
  runbookJson: string | null;
  notify: boolean;
}

export interface SloWithStatus extends SloRow {
  status: unknown;
  evaluatedAt: Date | null;
  updatedByEmail: string | null;
}

const valuesOf = (slo: SloValues) => ({ service: slo.service, name: slo.name, definition: slo.definitionJson, runbook: slo.runbookJson, notify: slo.notify });

function selectWithStatus(db: DbOrTrx) {
  return db
    .selectFrom('ops.slos as s')
    .leftJoin('ops.sloStatuses as st', 'st.sloId', 's.id')
    .leftJoin('ops.staff as u', 'u.id', 's.updatedBy')
    .selectAll('s')
    .select(['st.status', 'st.evaluatedAt', 'u.email as updatedByEmail']);
}

export async function findSlos(db: DbOrTrx): Promise<SloWithStatus[]> {
  return selectWithStatus(db).orderBy('s.service').orderBy('s.name').execute();
}

export async function findSloById(db: DbOrTrx, id: string): Promise<SloWithStatus | undefined> {
  return selectWithStatus(db).where('s.id', '=', id).executeTakeFirst();
}

export async function findSloByName(db: DbOrTrx, service: string, name: string): Promise<SloRow | undefined> {
  return db.selectFrom('ops.slos').selectAll().where('service', '=', service).where('name', '=', name).executeTakeFirst();
}

/** Locked for the rest of the caller's transaction (mutations run in one), so the audit row's "before" is what was replaced. */
export async function lockSloById(trx: DbOrTrx, id: string): Promise<SloRow | undefined> {
  return trx.selectFrom('ops.slos').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/**
 * Prometheus knows an SLO by its rules id, `service-name` (sloRules.ts), so checkout/api-latency
 * and checkout-api/latency would export the same series and rule groups. The unique pair
 * cannot see that; writers of one rules id take this lock for the rest of their
 * transaction, so two such creates cannot both pass the check below.
 */
export async function lockSloRulesId(trx: DbOrTrx, rulesId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`opsdesk.slo.rules-id:${rulesId}`}))`.execute(trx);
}

/** Another SLO (not `exceptId`, not this very service and name) whose rules id is `service-name` too. */
export async function findSloSharingRulesId(db: DbOrTrx, service: string, name: string, exceptId: string | null): Promise<Pick<SloRow, 'service' | 'name'> | undefined> {
  let query = db
    .selectFrom('ops.slos')
    .select(['service', 'name'])
    .where(sql<string>`service || '-' || name`, '=', `${service}-${name}`)
    .where((eb) => eb.or([eb('service', '!=', service), eb('name', '!=', name)]));
  if (exceptId) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

/** Undefined when the service and name are taken (the unique pair decides, so two concurrent creates cannot both win). */
export async function insertSloIfNameFree(db: DbOrTrx, slo: SloValues, by: string): Promise<SloRow | undefined> {
  return db
    .insertInto('ops.slos')
    .values({ ...valuesOf(slo), createdBy: by, updatedBy: by })
    .onConflict((oc) => oc.columns(['service', 'name']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateSlo(db: DbOrTrx, id: string, slo: SloValues, by: string): Promise<SloRow> {
  return db
    .updateTable('ops.slos')
    .set({ ...valuesOf(slo), updatedBy: by, updatedAt: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A changed definition makes the stored status wrong until the next pass; better none than a wrong one. */
export async function deleteSloStatus(db: DbOrTrx, sloId: string): Promise<void> {
  await db.deleteFrom('ops.sloStatuses').where('sloId', '=', sloId).execute();
}

export async function upsertSloStatuses(db: DbOrTrx, rows: readonly { sloId: string; evaluatedAt: Date; statusJson: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('ops.sloStatuses')
    .values(rows.map((r) => ({ sloId: r.sloId, evaluatedAt: r.evaluatedAt, status: r.statusJson })))
    .onConflict((oc) => oc.column('sloId').doUpdateSet((eb) => ({ evaluatedAt: eb.ref('excluded.evaluatedAt'), status: eb.ref('excluded.status') })))
    .execute();
}

/** When the latest pass evaluated (null before the first). */
export async function findLatestEvaluation(db: DbOrTrx): Promise<Date | null> {
  const row = await db.selectFrom('ops.sloStatuses').select((eb) => eb.fn.max('evaluatedAt').as('latest')).executeTakeFirst();
  return row?.latest ?? null;
}
