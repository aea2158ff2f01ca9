import type { ColumnType, Generated, Selectable } from 'kysely';
import type { TPrivacyRequestChannel, TPrivacyRequestKind, TPrivacyRequestStatus, TPrivacySubjectKind, TPrivacyVerificationMethod } from '@opsdesk/shared';

/** Kysely types of migration 0029_privacy (camelCase here, snake_case in PostgreSQL). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A calendar date: written as YYYY-MM-DD; pg reads `date` as a local-midnight Date, so queries select it `::text`. */
type CalendarDate = ColumnType<string, string, string>;
/** jsonb written as JSON text, read back parsed. */
type Json = ColumnType<unknown, string | null | undefined, string | null>;

export interface PrivacyRequestTable {
  id: Generated<string>;
  kind: TPrivacyRequestKind;
  status: ColumnType<TPrivacyRequestStatus, TPrivacyRequestStatus | undefined, TPrivacyRequestStatus>;
  subjectKind: TPrivacySubjectKind;
  subjectValue: string;
  subjectLabel: string | null;
  userId: string | null;
  customerIds: ColumnType<string[], string[] | undefined, string[]>;
  channel: TPrivacyRequestChannel;
  note: string | null;
  receivedAt: Timestamp;
  originalDueOn: CalendarDate;
  dueOn: CalendarDate;
  extensionMonths: number | null;
  extensionReason: string | null;
  extendedAt: NullableTimestamp;
  extendedBy: string | null;
  verificationMethod: TPrivacyVerificationMethod | null;
  verificationNote: string | null;
  verifiedAt: NullableTimestamp;
  verifiedBy: string | null;
  holdReason: string | null;
  heldAt: NullableTimestamp;
  heldBy: string | null;
  statusBeforeHold: TPrivacyRequestStatus | null;
  rejectedReason: string | null;
  approvalRequestId: string | null;
  plan: Json;
  planHash: string | null;
  jobId: string | null;
  exportPath: string | null;
  exportSha256: string | null;
  exportBytes: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  exportExpiresAt: NullableTimestamp;
  exportDeletedAt: NullableTimestamp;
  receipt: Json;
  completedAt: NullableTimestamp;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}
export type PrivacyRequestRow = Selectable<PrivacyRequestTable>;

export interface PrivacyErasureStepTable {
  requestId: string;
  stepKey: string;
  state: 'attempted' | 'done';
  result: Json;
  startedAt: Timestamp;
  finishedAt: NullableTimestamp;
}

export interface AuditSubjectKeyTable {
  subjectRef: string;
  key: Buffer | null;
  createdAt: Timestamp;
  shreddedAt: NullableTimestamp;
  shreddedByRequest: string | null;
}

export interface PrivacyDatabase {
  'ops.privacyRequests': PrivacyRequestTable;
  'ops.privacyErasureSteps': PrivacyErasureStepTable;
  'ops.auditSubjectKeys': AuditSubjectKeyTable;
}
