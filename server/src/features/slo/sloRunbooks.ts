import { fillRunbookParams, runbookActionHref, type SloAlertLabels, type SloAlertRunbook, type TSloRunbookLink } from '@opsdesk/shared';
import { RUNBOOK_ACTIONS } from '../runbooks/runbookActions.js';
import { runbookActionMap } from '../runbooks/runbookJobs.js';

/**
 * The runbook action an SLO's alerts open (docs/observability.md): checked when the SLO
 * is written (the action exists and its parameters, filled from the SLO's labels, are
 * what the action accepts), filled from each alert's labels when it is shown or sent.
 */
const ACTIONS = runbookActionMap(RUNBOOK_ACTIONS);

export function alertRunbook(link: TSloRunbookLink | null, labels: SloAlertLabels): SloAlertRunbook | null {
  if (!link) return null;
  const params = fillRunbookParams(link.params, labels);
  const action = ACTIONS.get(link.action);
  return { action: link.action, title: action?.title ?? link.action, params, href: runbookActionHref(link.action, params), entry: action?.runbookEntry ?? null };
}

/** Null when the link is usable; otherwise what is wrong with it, for a BAD_REQUEST. */
export function runbookLinkProblem(link: TSloRunbookLink, labels: Omit<SloAlertLabels, 'alert' | 'severity'>): string | null {
  const action = ACTIONS.get(link.action);
  if (!action) return `Unknown runbook action "${link.action}".`;
  const parsed = action.params.safeParse(fillRunbookParams(link.params, { ...labels, alert: 'page-1h', severity: 'page' }));
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  return `The parameters do not suit ${link.action}: ${issue?.path.join('.') || 'params'}: ${issue?.message ?? 'invalid'}`;
}
