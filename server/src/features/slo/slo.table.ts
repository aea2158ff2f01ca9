import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AlertState } from '@opsdesk/shared';

/** Kysely types of migration 0017_slos (camelCase here, snake_case in PostgreSQL). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb written as JSON text (validated and bounded by the caller), read back parsed. */
type Json = ColumnType<unknown, string, string>;
type NullableJson = ColumnType<unknown, string | null | undefined, string | null>;

export type SloAlertRuleId = 'page-1h' | 'page-6h' | 'ticket-1d' | 'ticket-3d';
export type SloDeliveryStatus = 'not_configured' | 'pending' | 'delivered' | 'failed';

export interface SloTable {
  id: Generated<string>;
  service: string;
  name: string;
  definition: Json;
  runbook: NullableJson;
  notify: boolean;
  createdAt: Timestamp;
  createdBy: string | null;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface SloStatusTable {
  sloId: string;
  evaluatedAt: Date;
  status: Json;
}

export interface SloAlertStateTable {
  sloId: string;
  rule: SloAlertRuleId;
  state: AlertState;
  since: Date;
  firingEventId: string | null;
}

export interface SloAlertEventTable {
  id: Generated<string>;
  sloId: string;
  rule: SloAlertRuleId;
  severity: 'page' | 'ticket';
  state: 'firing' | 'resolved';
  at: Date;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  budgetRemaining: number;
  deliveryStatus: SloDeliveryStatus;
  deliveryAttempts: Generated<number>;
  deliveryLastError: string | null;
  deliveredAt: Date | null;
}

export interface SloDatabase {
  'ops.slos': SloTable;
  'ops.sloStatuses': SloStatusTable;
  'ops.sloAlertStates': SloAlertStateTable;
  'ops.sloAlertEvents': SloAlertEventTable;
}

export type SloRow = Selectable<SloTable>;
export type SloAlertEventRow = Selectable<SloAlertEventTable>;
