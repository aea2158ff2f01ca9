/** Job kind names of runbook runs: one kind per action, so each has its own timeout and shows by name on the Jobs page. */
export function runbookRunJobName(action: string): string {
  return `runbook.${action}`;
}

export const RUNBOOK_REVERT_JOB = 'runbook.revert';
