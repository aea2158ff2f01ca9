import type { ColumnType, Generated, Selectable } from 'kysely';
import type { RunbookChangeStatus, RunbookRunStatus } from '@opsdesk/shared';

/** Kysely types of migration 0014_runbooks (camelCase here, snake_case in PostgreSQL). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb written as JSON text (bounded by the caller), read back parsed. */
type Json = ColumnType<unknown, string | undefined, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;

export interface RunbookRunTable {
  id: Generated<string>;
  action: string;
  target: string;
  params: Json;
  plan: Json;
  planHash: string;
  status: ColumnType<RunbookRunStatus, RunbookRunStatus | undefined, RunbookRunStatus>;
  requestedBy: string | null;
  reason: string | null;
  jobId: string | null;
  result: NullableJson;
  error: string | null;
  queuedAt: Timestamp;
  startedAt: NullableTimestamp;
  finishedAt: NullableTimestamp;
}

export interface RunbookTemporaryChangeTable {
  id: Generated<string>;
  runId: string;
  action: string;
  description: string;
  revertParams: Json;
  expiresAt: Date;
  status: ColumnType<RunbookChangeStatus, RunbookChangeStatus | undefined, RunbookChangeStatus>;
  revertJobId: string | null;
  createdAt: Timestamp;
  revertedAt: NullableTimestamp;
  revertedBy: string | null;
}

export interface RunbooksDatabase {
  'ops.runbookRuns': RunbookRunTable;
  'ops.runbookTemporaryChanges': RunbookTemporaryChangeTable;
}

export type RunbookRunRow = Selectable<RunbookRunTable>;
export type RunbookTemporaryChangeRow = Selectable<RunbookTemporaryChangeTable>;
