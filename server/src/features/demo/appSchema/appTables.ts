import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely types of the reference product schema (`app`), camelCase like the rest (the
 * CamelCasePlugin maps them). Merge `AppDatabase` into `Database` to query `app.*`.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type BigIntColumn = ColumnType<string, number | string | undefined, number | string>;

export type AppUserStatus = 'active' | 'suspended' | 'banned' | 'deleted';
export type WorkspaceRole = 'owner' | 'admin' | 'member';
export type ContentStatus = 'visible' | 'hidden' | 'removed';
export type ReportReasonCode = 'spam' | 'harassment' | 'hate' | 'violence' | 'sexual' | 'illegal' | 'ip_violation' | 'other';
export const REPORT_REASON_CODES: readonly ReportReasonCode[] = ['spam', 'harassment', 'hate', 'violence', 'sexual', 'illegal', 'ip_violation', 'other'];

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  name: string;
  status: ColumnType<AppUserStatus, AppUserStatus | undefined, AppUserStatus>;
  suspendedUntil: NullableTimestamp;
  country: string | null;
  createdAt: Timestamp;
  lastSeenAt: NullableTimestamp;
}

export interface AppWorkspaceTable {
  id: Generated<string>;
  name: string;
  ownerUserId: string;
  plan: ColumnType<string, string | undefined, string>;
  stripeCustomerId: string | null;
  createdAt: Timestamp;
}

export interface AppWorkspaceMemberTable {
  workspaceId: string;
  userId: string;
  role: WorkspaceRole;
  joinedAt: Timestamp;
}

export interface AppSessionTable {
  id: Generated<string>;
  userId: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Date | string;
  ip: string | null;
  userAgent: string | null;
}

export interface AppContentTable {
  id: Generated<string>;
  userId: string;
  workspaceId: string | null;
  kind: string;
  title: string | null;
  body: string;
  status: ColumnType<ContentStatus, ContentStatus | undefined, ContentStatus>;
  createdAt: Timestamp;
}

export interface AppContentReportTable {
  id: Generated<string>;
  contentId: string;
  reporterUserId: string | null;
  reasonCode: ReportReasonCode;
  details: string | null;
  status: ColumnType<'open' | 'resolved', 'open' | 'resolved' | undefined, 'open' | 'resolved'>;
  createdAt: Timestamp;
}

export interface AppAccountReportTable {
  id: Generated<string>;
  reportedUserId: string;
  reporterUserId: string | null;
  reasonCode: ReportReasonCode;
  details: string | null;
  status: ColumnType<'open' | 'resolved', 'open' | 'resolved' | undefined, 'open' | 'resolved'>;
  createdAt: Timestamp;
}

export interface AppUsageEventTable {
  id: ColumnType<string, never, never>;
  workspaceId: string;
  userId: string | null;
  kind: string;
  quantity: BigIntColumn;
  occurredAt: Timestamp;
}

export interface AppPlanLimitTable {
  plan: string;
  metric: string;
  limit: ColumnType<string | null, number | string | null, number | string | null>;
}

// A type alias (not an interface) so it satisfies Kysely's `withTables` constraint.
export type AppDatabase = {
  'app.users': AppUserTable;
  'app.workspaces': AppWorkspaceTable;
  'app.workspaceMembers': AppWorkspaceMemberTable;
  'app.sessions': AppSessionTable;
  'app.content': AppContentTable;
  'app.contentReports': AppContentReportTable;
  'app.accountReports': AppAccountReportTable;
  'app.usageEvents': AppUsageEventTable;
  'app.planLimits': AppPlanLimitTable;
};
