import type { Trx } from '../../../db/database.js';
import { findStoredVersions, markMirrorRowDeleted, replaceChildRows, upsertMirrorRows, type StoredVersion } from './mirror.queries.js';
import type { MirrorKind, MirrorTable } from './mirrorKinds.js';
import type { ObjectPlan } from './mirrorState.js';
import type { Resolution } from './resolvePlans.js';
import { yieldTurn } from './yieldTurn.js';

/** Rows built between turns of the event loop (each is a snapshot's JSON, a few kB). */
const ROWS_PER_TURN = 200;

/**
 * Writes a resolved batch inside the caller's transaction, which holds the mirror
 * write lock (lockMirrorWrites). Each object's stored version is read again first: if
 * another writer (a backfill, another process) changed it since the batch was resolved,
 * the object is written only when the batch is still newer, and otherwise handed back
 * as `deferred`, to be resolved again (a re-fetch may now be needed, and never inside a
 * transaction).
 */
export async function writeResolutions(trx: Trx, resolutions: Resolution[]): Promise<{ deferred: ObjectPlan[] }> {
  const current = new Map<MirrorTable, Map<string, StoredVersion>>();
  for (const table of new Set(resolutions.map((r) => r.plan.kind.table))) {
    current.set(table, await findStoredVersions(trx, table, resolutions.filter((r) => r.plan.kind.table === table).map((r) => r.plan.id)));
  }
  const deferred: ObjectPlan[] = [];
  const rows = new Map<MirrorKind, Array<Record<string, unknown> & { id: string }>>();
  const children = new Map<MirrorKind, { parents: string[]; rows: Record<string, unknown>[] }>();
  for (const [index, resolution] of resolutions.entries()) {
    if (index > 0 && index % ROWS_PER_TURN === 0) await yieldTurn();
    const { plan } = resolution;
    const now = current.get(plan.kind.table)!.get(plan.id);
    if (!sameVersion(now, resolution.version)) {
      if (now && now.asOf > plan.asOf) continue; // the batch is stale now: nothing to write
      deferred.push(plan);
      continue;
    }
    if (resolution.action === 'gone') await markMirrorRowDeleted(trx, plan.kind.table, plan.id, { asOf: plan.asOf, eventId: resolution.eventId });
    if (resolution.action !== 'write') continue;
    const { state, childSource } = resolution;
    const row = { ...plan.kind.row(state.object), asOf: state.asOf, asOfEventId: state.eventId, deletedAt: state.deleted ? new Date(state.asOf * 1000) : null, data: state.snapshotInLedger && state.eventId ? null : JSON.stringify(state.object), syncedAt: new Date() };
    (rows.get(plan.kind) ?? rows.set(plan.kind, []).get(plan.kind)!).push(row);
    if (plan.kind.children) {
      const entry = children.get(plan.kind) ?? children.set(plan.kind, { parents: [], rows: [] }).get(plan.kind)!;
      entry.parents.push(plan.id);
      entry.rows.push(...plan.kind.children.rows(childSource));
    }
  }
  for (const [kind, kindRows] of rows) await upsertMirrorRows(trx, kind.table, kindRows);
  for (const [kind, entry] of children) await replaceChildRows(trx, kind.children!.table, entry.parents, entry.rows);
  return { deferred };
}

function sameVersion(a: StoredVersion | undefined, b: StoredVersion | undefined): boolean {
  if (!a || !b) return a === b;
  return a.asOf === b.asOf && a.asOfEventId === b.asOfEventId && (a.deletedAt === null) === (b.deletedAt === null);
}
