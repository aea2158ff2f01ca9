import type { ColumnType, Generated, Selectable } from 'kysely';
import type { FlagType } from '@opsdesk/shared/flags/flagsApi.schemas';

/** Kysely types of migration 0021_flags (camelCase here, snake_case in PostgreSQL). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb written as JSON text (validated by the shared schemas first), read back parsed. */
type Json = ColumnType<unknown, string | undefined, string>;
/** bigint: read as text by pg, written as a number or a SQL expression. */
type Revision = ColumnType<string, never, string | number>;

export interface FlagEnvironmentTable {
  name: string;
  sortOrder: ColumnType<number, number | undefined, number>;
  /** A protected environment (production) needs flags.editProduction to change. */
  protected: ColumnType<boolean, boolean | undefined, boolean>;
  revision: Revision;
  createdAt: Timestamp;
}

export interface FlagTable {
  id: Generated<string>;
  key: string;
  description: ColumnType<string, string | undefined, string>;
  type: FlagType;
  ownerId: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** Migration 0023: Unleash-shaped `dependencies` (parent flags), served with the flag. */
  dependencies: Json;
  archivedAt: NullableTimestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface FlagEnvironmentStateTable {
  flagId: string;
  environment: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  strategies: Json;
  variants: Json;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface FlagSegmentTable {
  id: Generated<number>;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  constraints: Json;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface FlagApiKeyTable {
  id: Generated<string>;
  environment: string;
  name: string;
  tokenHash: string;
  prefix: string;
  createdBy: string | null;
  createdByLabel: string;
  createdAt: Timestamp;
  revokedAt: NullableTimestamp;
  revokedByLabel: string | null;
  lastUsedAt: NullableTimestamp;
}

/** Migration 0023: evaluation counts reported by SDKs, per flag × environment × hour. */
export interface FlagMetricsHourlyTable {
  flagId: string;
  environment: string;
  hour: Timestamp;
  /** bigint, read as text. */
  yes: ColumnType<string, number | undefined, number>;
  no: ColumnType<string, number | undefined, number>;
  variants: Json;
  updatedAt: Timestamp;
}

/** Migration 0023: SDK instances that registered (`POST /api/client/register`). */
export interface FlagClientTable {
  environment: string;
  appName: string;
  instanceId: string;
  sdkVersion: string | null;
  startedAt: NullableTimestamp;
  intervalMs: number | null;
  firstSeenAt: Timestamp;
  lastSeenAt: Timestamp;
}

export interface FlagsDatabase {
  'ops.flagEnvironments': FlagEnvironmentTable;
  'ops.flags': FlagTable;
  'ops.flagEnvironmentStates': FlagEnvironmentStateTable;
  'ops.flagSegments': FlagSegmentTable;
  'ops.flagApiKeys': FlagApiKeyTable;
  'ops.flagMetricsHourly': FlagMetricsHourlyTable;
  'ops.flagClients': FlagClientTable;
}

export type FlagRow = Selectable<FlagTable>;
export type FlagEnvironmentStateRow = Selectable<FlagEnvironmentStateTable>;
export type FlagApiKeyRow = Selectable<FlagApiKeyTable>;
