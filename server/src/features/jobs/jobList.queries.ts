import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { isUuid, type JobDetail, type JobListPage, type JobSummary, type TJobListRequest } from '@opsdesk/shared';
import type { DbOrTrx } from '../../db/database.js';
import { distinctIndexedValues } from '../../db/distinctIndexedValues.js';

/**
 * The console's reads: the list (newest first, keyset-paginated on queued_at and id,
 * filtered by kind, status, who started it and whether it was a routine scheduled run)
 * and one job. Explicit columns: the worker's identity and the checkpoint are the
 * engine's business, not the console's.
 */
function baseQuery(db: DbOrTrx) {
  return db
    .selectFrom('ops.jobs as j')
    .leftJoin('ops.staff as s', 's.id', 'j.startedBy')
    .select([
      'j.id',
      'j.kind',
      'j.status',
      'j.startedBy',
      's.name as startedByName',
      'j.progressDone',
      'j.progressTotal',
      'j.attempts',
      'j.queuedAt',
      'j.startedAt',
      'j.finishedAt',
      'j.error',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toSummary(row: SummaryRow): JobSummary {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    startedBy: row.startedBy ? { id: row.startedBy, name: row.startedByName ?? 'Unknown staff' } : null,
    progressDone: row.progressDone,
    progressTotal: row.progressTotal,
    attempts: row.attempts,
    queuedAt: row.queuedAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
  };
}

export function encodeJobCursor(queuedAt: string, id: string): string {
  return Buffer.from(JSON.stringify(['j', queuedAt, id])).toString('base64url');
}

export function decodeJobCursor(cursor: string): { queuedAt: Date; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value[0] === 'j' && typeof value[1] === 'string' && typeof value[2] === 'string') {
      const queuedAt = new Date(value[1]);
      if (!Number.isNaN(queuedAt.getTime()) && queuedAt.getUTCFullYear() >= 1970 && queuedAt.getUTCFullYear() <= 9999 && isUuid(value[2])) return { queuedAt, id: value[2] };
    }
  } catch {
    // Not JSON: answered below like any other cursor the server did not hand out.
  }
  throw new TRPCError({ code: 'BAD_REQUEST', message: 'This page link is not valid; start from the first page.' });
}

/** The list's statement, apart so a test can read its plan. */
export function jobsPageQuery(db: DbOrTrx, filter: TJobListRequest) {
  let query = baseQuery(db);
  if (filter.kind) query = query.where('j.kind', '=', filter.kind);
  if (filter.status) query = query.where('j.status', '=', filter.status);
  if (filter.startedBy === 'system') query = query.where('j.startedBy', 'is', null);
  else if (filter.startedBy === 'staff') query = query.where('j.startedBy', 'is not', null);
  else if (filter.startedBy) query = query.where('j.startedBy', '=', filter.startedBy);
  // jobs_notable_recent_idx's predicate, with a literal (not a parameter) so the planner can match it.
  if (filter.hideRoutine) query = query.where((eb) => eb.or([eb('j.startedBy', 'is not', null), eb('j.status', '<>', sql.lit('succeeded'))]));
  if (filter.cursor) {
    const after = decodeJobCursor(filter.cursor);
    query = query.where(({ eb, refTuple, tuple }) => eb(refTuple('j.queuedAt', 'j.id'), '<', tuple(after.queuedAt, after.id)));
  }
  return query.orderBy('j.queuedAt', 'desc').orderBy('j.id', 'desc').limit(filter.limit + 1);
}

export async function findJobsPage(db: DbOrTrx, filter: TJobListRequest): Promise<JobListPage> {
  const rows = await jobsPageQuery(db, filter).execute();
  const jobs = rows.slice(0, filter.limit).map(toSummary);
  const last = jobs.at(-1);
  return { jobs, nextCursor: rows.length > filter.limit && last ? encodeJobCursor(last.queuedAt, last.id) : null };
}

export async function findJobDetail(db: DbOrTrx, id: string): Promise<JobDetail | undefined> {
  const row = await baseQuery(db)
    .select(['j.parameters', 'j.result', 'j.runAt', 'j.cancelRequestedAt', 'j.logLines', 'j.logDropped'])
    .where('j.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toSummary(row),
    parameters: row.parameters,
    result: row.result,
    runAt: row.runAt.toISOString(),
    cancelRequestedAt: row.cancelRequestedAt?.toISOString() ?? null,
    logLines: row.logLines,
    logDropped: row.logDropped,
  };
}

/** Distinct kinds seen, for the console's filter and titles (jobs_kind_recent_idx leads with the kind). */
export function findJobKindsSeen(db: DbOrTrx): Promise<string[]> {
  return distinctIndexedValues(db, 'ops.jobs', 'kind', 100);
}
