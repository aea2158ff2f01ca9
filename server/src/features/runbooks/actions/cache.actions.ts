import type { AnyRunbookAction } from '../runbookAction.js';

/** Cache flush: a key or a registered key family, found by SCAN (docs/runbook.md). */
export const cacheActions: AnyRunbookAction[] = [];
