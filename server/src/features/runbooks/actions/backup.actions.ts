import type { AnyRunbookAction } from '../runbookAction.js';

/** Backups: take one now, verify the latest restores (docs/runbook.md). */
export const backupActions: AnyRunbookAction[] = [];
