import type { ColumnType, Generated, Selectable } from 'kysely';

/** Kysely types of migration 0022_flag_schedules (camelCase here, snake_case in PostgreSQL). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb written as JSON text (validated by the shared schemas first), read back parsed. */
type Json = ColumnType<unknown, string | undefined, string>;

export const FLAG_SCHEDULE_STATUSES = ['pending', 'applied', 'cancelled', 'failed', 'stale'] as const;
export type FlagScheduleStatus = (typeof FLAG_SCHEDULE_STATUSES)[number];

export interface FlagScheduleTable {
  id: Generated<string>;
  flagId: string;
  environment: string;
  enabled: boolean;
  strategies: Json;
  variants: Json;
  runAt: Timestamp;
  status: ColumnType<FlagScheduleStatus, FlagScheduleStatus | undefined, FlagScheduleStatus>;
  /** The flag's state in that environment when scheduled (its updated_at; null: it had none). */
  baseUpdatedAt: Date | null;
  jobId: string | null;
  createdBy: string;
  createdByEmail: string;
  createdAt: Timestamp;
  finishedAt: NullableTimestamp;
  error: string | null;
}

export interface FlagSchedulesDatabase {
  'ops.flagSchedules': FlagScheduleTable;
}

export type FlagScheduleRow = Selectable<FlagScheduleTable>;
