/** Job kind names of runbook runs: one kind per action, so each has its own timeout and shows by name on the Jobs page. */
export function runbookRunJobName(action: string): string {
  return `runbook.${action}`;
}

export const RUNBOOK_REVERT_JOB = 'runbook.revert';

/** What the Jobs page calls a runbook kind: "Runbook: Terminate idle connections". */
export function runbookJobTitles(actions: ReadonlyArray<{ name: string; title: string }>): Map<string, string> {
  const titles = new Map(actions.map((action) => [runbookRunJobName(action.name), `Runbook: ${action.title}`]));
  titles.set(RUNBOOK_REVERT_JOB, 'Runbook: revert a temporary change');
  return titles;
}
