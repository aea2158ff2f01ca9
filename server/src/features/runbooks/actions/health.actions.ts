import type { AnyRunbookAction } from '../runbookAction.js';

/** Site slow / site down: the read-only health check (docs/runbook.md). */
export const healthActions: AnyRunbookAction[] = [];
