import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Role } from '@opsdesk/shared';

/**
 * Kysely table types for Opsdesk's own `ops` schema. Columns are camelCase here and
 * snake_case in PostgreSQL: the CamelCasePlugin in database.ts maps them in one place.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface StaffTable {
  id: Generated<string>;
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  status: 'active' | 'disabled';
  totpSecret: string | null;
  totpEnrolledAt: Date | null;
  totpLastTimeStep: ColumnType<string | null, number | null | undefined, number | null>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  lastLoginAt: Date | null;
}

export interface StaffSessionTable {
  id: string;
  staffId: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Date;
  revokedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}

export interface SettingTable {
  key: string;
  value: Json;
  updatedAt: Timestamp;
}

export interface AuditLogTable {
  id: ColumnType<string, never, never>;
  occurredAt: ColumnType<Date, never, never>;
  actorId: string | null;
  actorEmail: string | null;
  actorRoles: string[];
  action: string;
  targetType: string | null;
  targetId: string | null;
  reason: string | null;
  input: Json | null;
  before: Json | null;
  after: Json | null;
  result: 'success' | 'failure' | 'denied' | 'attempted';
  error: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: ColumnType<string | null, never, never>;
  hash: ColumnType<string, never, never>;
}

/** An audit row's HMAC seal (features/audit/audit.keyring.ts): insert-only. */
export interface AuditSealTable {
  auditId: string;
  keyId: string;
  mac: string;
}

import type { AppDatabase } from '../features/demo/appSchema/appTables.js';
import type { BillingDatabase } from './billingSchema.js';
import type { ReconciliationDatabase } from '../features/revenue/reconciliation/reconciliation.table.js';
import type { JobsDatabase } from '../features/jobs/jobs.table.js';
import type { RunbooksDatabase } from '../features/runbooks/runbooks.table.js';
import type { SloDatabase } from '../features/slo/slo.table.js';
import type { FlagsDatabase } from '../features/flags/flags.table.js';
import type { FlagSchedulesDatabase } from '../features/flags/flagSchedules.table.js';
import type { PrivacyDatabase } from '../features/privacy/privacy.table.js';

/** `app` is the product's schema: Opsdesk reads it and writes only what its actions mean. */
export interface Database extends BillingDatabase, AppDatabase, ReconciliationDatabase, JobsDatabase, RunbooksDatabase, SloDatabase, FlagsDatabase, FlagSchedulesDatabase, PrivacyDatabase {
  'ops.staff': StaffTable;
  'ops.staffSessions': StaffSessionTable;
  'ops.settings': SettingTable;
  'ops.auditLog': AuditLogTable;
  'ops.auditSeals': AuditSealTable;
  'ops.actionRequests': ActionRequestTable;
  'ops.staffNotes': StaffNoteTable;
  'ops.staffRecentCustomers': StaffRecentCustomerTable;
  'ops.savedFilters': SavedFilterTable;
}

export type StaffRow = Selectable<StaffTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;

export interface ActionRequestTable {
  id: Generated<string>;
  action: string;
  idempotencyKey: string;
  requesterId: string;
  targetType: string;
  targetId: string;
  input: Json;
  preview: Json | null;
  reason: string | null;
  status: ActionRequestStatus;
  approvalReason: string | null;
  approverId: string | null;
  decisionComment: string | null;
  decidedAt: Date | null;
  result: Json | null;
  createdAt: Timestamp;
  expiresAt: Date | null;
  executedAt: Date | null;
  /** Minor units the action moves or promises (money policy), with its currency. */
  moneyAmount: string | number | null;
  moneyCurrency: string | null;
  /** While set in the future, one process is driving this executing request. */
  leaseUntil: Date | null;
  attempts: Generated<number>;
  lastError: string | null;
}

export type ActionRequestStatus = 'pending_approval' | 'executing' | 'succeeded' | 'failed' | 'rejected' | 'expired' | 'void';

export interface StaffNoteTable {
  id: Generated<string>;
  subjectType: string;
  subjectId: string;
  authorId: string;
  body: string;
  pinned: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  deletedAt: Date | null;
}

export interface StaffRecentCustomerTable {
  staffId: string;
  userId: string;
  viewedAt: Timestamp;
}

export interface SavedFilterTable {
  id: Generated<string>;
  resource: string;
  name: string;
  filter: Json;
  ownerId: string;
  shared: Generated<boolean>;
  createdAt: Timestamp;
}
