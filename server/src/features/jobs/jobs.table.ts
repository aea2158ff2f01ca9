import type { ColumnType, Generated, Selectable } from 'kysely';
import type { JobStatus } from '@opsdesk/shared';

/** Kysely types of migration 0013_jobs (camelCase here, snake_case in PostgreSQL). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb written as JSON text (bounded by the caller), read back parsed. */
type Json = ColumnType<unknown, string | undefined, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;

export interface JobTable {
  id: Generated<string>;
  kind: string;
  parameters: Json;
  startedBy: string | null;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  progressDone: Generated<number>;
  progressTotal: number | null;
  result: NullableJson;
  error: string | null;
  checkpoint: NullableJson;
  attempts: Generated<number>;
  queuedAt: Timestamp;
  runAt: Timestamp;
  startedAt: NullableTimestamp;
  finishedAt: NullableTimestamp;
  cancelRequestedAt: NullableTimestamp;
  cancelRequestedBy: string | null;
  workerId: string | null;
  workerKey: number | null;
  logLines: Generated<number>;
  logDropped: Generated<number>;
}

export interface JobLogTable {
  jobId: string;
  seq: number;
  at: Timestamp;
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface JobsDatabase {
  'ops.jobs': JobTable;
  'ops.jobLog': JobLogTable;
}

export type JobRow = Selectable<JobTable>;
