import type { Permission } from '@opsdesk/shared';

/**
 * Where an audit entry's or approval's target (`type` and `id`, as the server wrote them)
 * has a page of its own in the console, what to call it there, and the permission that
 * page needs. Customers and staff are named by their records instead (TargetLabel).
 * Null: a target with no page (a setting, a saved filter).
 */
export interface RecordTarget {
  path: string;
  label: string;
  permission: Permission;
}

/** A uuid's first block is enough to tell two apart on a page; the whole id is the link's title. */
const short = (id: string) => (/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? id.slice(0, 8) : id);

export function recordTarget(type: string, id: string): RecordTarget | null {
  switch (type) {
    case 'job':
      return { path: `/jobs/${id}/show`, label: `Job ${short(id)}`, permission: 'jobs.read' };
    case 'approval_request':
      return { path: `/approvals/${id}/show`, label: `Approval request ${short(id)}`, permission: 'approvals.read' };
    case 'privacy_request':
      return { path: `/privacy/${id}/show`, label: `Privacy request ${short(id)}`, permission: 'privacy.read' };
    case 'slo':
      return { path: `/slos/${id}/show`, label: `SLO ${short(id)}`, permission: 'slo.read' };
    case 'moderation_entry':
      return { path: `/moderation/${id}/show`, label: `Moderation item ${id}`, permission: 'moderation.read' };
    case 'moderation_appeal':
      // Appeals are one list of cards: the page shows the one appeal, whatever its status.
      return { path: `/moderation-appeals?appeal=${encodeURIComponent(id)}`, label: `Appeal ${short(id)}`, permission: 'moderation.read' };
    case 'moderation_bulk_run':
      return { path: `/moderation-bulk/${id}`, label: `Bulk decision ${short(id)}`, permission: 'moderation.read' };
    case 'moderation_rule':
      // Rules are one list, each a card: the page of all of them.
      return { path: '/moderation-rules', label: `Moderation rule ${id}`, permission: 'moderation.read' };
    case 'revenue_reconciliation':
      return { path: `/revenue/reconciliation?run=${encodeURIComponent(id)}`, label: `Reconciliation ${short(id)}`, permission: 'revenue.read' };
    case 'runbook_run':
      // Read on its action's page; the route finds which action.
      return { path: `/runbook-runs/${id}`, label: `Runbook run ${short(id)}`, permission: 'runbooks.read' };
    case 'runbook_change':
      // A temporary change is listed, while active, on the Runbooks page.
      return { path: '/runbooks', label: `Temporary change ${short(id)}`, permission: 'runbooks.read' };
    case 'flag': {
      // A change in one environment is written `key@environment`.
      const at = id.lastIndexOf('@');
      const key = at > 0 ? id.slice(0, at) : id;
      return { path: `/flags/${encodeURIComponent(key)}/show`, label: at > 0 ? `Flag ${key} in ${id.slice(at + 1)}` : `Flag ${key}`, permission: 'flags.read' };
    }
    default:
      return null;
  }
}
