import type { Role } from './roles.js';

/**
 * The one permission table. The server's `authorize` middleware and the console's
 * `authProvider.canAccess` both read it, so what the UI offers and what the server
 * allows cannot drift apart. Keys are `feature.action`; values are the roles allowed.
 * Add a row here before adding a procedure that needs it.
 */
export const PERMISSIONS = {
  'staff.read': ['admin'],
  'staff.create': ['admin'],
  'staff.update': ['admin'],
  'staff.disable': ['admin'],
  'staff.resetPassword': ['admin'],
  'staff.resetTotp': ['admin'],
  'security.read': ['admin'],
  'security.update': ['admin'],
  'audit.read': ['admin'],
  'customers.read': ['support', 'moderator', 'finance', 'oncall', 'privacy', 'admin'],
  'customers.notes': ['support', 'moderator', 'finance', 'admin'],
  /** Streamed CSV of a customer list (no row cap). */
  'customers.export': ['support', 'finance', 'admin'],
  'customers.suspend': ['moderator', 'admin'],
  'customers.ban': ['moderator', 'admin'],
  'customers.refund': ['support', 'finance', 'admin'],
  'customers.changePlan': ['support', 'finance', 'admin'],
  'customers.cancel': ['support', 'finance', 'admin'],
  'customers.extendTrial': ['support', 'finance', 'admin'],
  'customers.credit': ['finance', 'admin'],
  'customers.pauseCollection': ['support', 'finance', 'admin'],
  /** See the approvals inbox: requests you made and requests you may decide. */
  'approvals.read': ['support', 'moderator', 'finance', 'privacy', 'admin'],
  /** Decide a request; the approver must also hold the requested action's permission. */
  'approvals.decide': ['moderator', 'finance', 'privacy', 'admin'],
  /** Revenue dashboards, drill-downs and explanations (MRR, movements, cohorts). */
  'revenue.read': ['finance', 'admin'],
  /** Start a reconciliation with Stripe (a background run that lists every subscription). */
  'revenue.reconcile': ['finance', 'admin'],
  /** Streamed CSV of every revenue chart and drill-down list. */
  'revenue.export': ['finance', 'admin'],
  /** See durable jobs (docs/architecture.md, "Jobs"): list, progress and log. */
  'jobs.read': ['oncall', 'admin'],
  /** Start the built-in jobs and cancel a running one. */
  'jobs.manage': ['oncall', 'admin'],
  /** See runbook actions, their plans (dry runs), runs and active temporary changes (docs/runbook.md). */
  'runbooks.read': ['oncall', 'admin'],
  /** Run a runbook action that changes a live system, and revert a temporary change early. */
  'runbooks.run': ['oncall', 'admin'],
  /** See the golden signals (traffic, errors, latency, saturation) and what their samples cost; read-only. */
  'signals.read': ['oncall', 'admin', 'support'],
  /** See SLOs, their error budgets and burn, and the alert history; read-only. */
  'slo.read': ['oncall', 'admin', 'support'],
  /** Create and edit SLOs (an audited change: it decides who gets paged). */
  'slo.edit': ['oncall', 'admin'],
  /** See feature flags, their per-environment rules and history (docs/flags.md). */
  'flags.read': ['support', 'moderator', 'finance', 'oncall', 'admin'],
  /** Create flags, edit their metadata, archive them, and change their rules outside protected environments. */
  'flags.edit': ['oncall', 'admin'],
  /** Change a flag's rules in a protected environment (production by default). */
  'flags.editProduction': ['admin'],
  /** Create, list and revoke the API keys products use to read flags. */
  'flags.keys': ['admin'],
  /** The moderation queue, items, event logs and notes (docs/moderation.md). Support has no moderation access. */
  'moderation.read': ['moderator', 'admin'],
  /** Claim items (leases), add notes, decide with a statement of reasons. */
  'moderation.decide': ['moderator', 'admin'],
  /** Edit the policy table and auto-moderation rules: admins only (a change re-ranks every queue). */
  'moderation.rules': ['admin'],
  /**
   * GDPR requests (docs/gdpr.md). A `privacy` role of its own (docs/security.md, "Roles"):
   * the people who answer data-subject requests see exports of one person's data and can
   * erase it, which support, finance and on-call must not; admins keep every permission.
   */
  /** The Privacy section: requests, deadlines, plans, receipts; a customer's requests on their page. */
  'privacy.read': ['privacy', 'admin'],
  /** Record requests, verify identity, extend deadlines, place and lift legal holds, reject, build exports. */
  'privacy.manage': ['privacy', 'admin'],
  /** Request an erasure (always approved by a second person who also holds this permission). */
  'privacy.erase': ['privacy', 'admin'],
  /** Download an export ZIP or a deletion receipt (each download audited). */
  'privacy.download': ['privacy', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * Access levels that are not in the table: `public` procedures need no session (login),
 * `authenticated` ones need any active staff session (my account, logout).
 */
export const PUBLIC = 'public';
export const AUTHENTICATED = 'authenticated';
export type AccessRule = Permission | typeof PUBLIC | typeof AUTHENTICATED;

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** True when any of `roles` grants `permission`. Unknown permissions are denied (fail closed). */
export function hasPermission(roles: readonly Role[], permission: string): boolean {
  if (!isPermission(permission)) return false;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}

/** Whether a caller with `roles` (undefined: anonymous) may call a procedure guarded by `rule`. */
export function isAllowed(rule: AccessRule, roles: readonly Role[] | undefined): boolean {
  if (rule === PUBLIC) return true;
  if (roles === undefined) return false;
  if (rule === AUTHENTICATED) return true;
  return hasPermission(roles, rule);
}
