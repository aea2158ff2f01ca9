import type { AnyRunbookAction } from '../runbookAction.js';

/** Connection-pool exhaustion: list backends, terminate idle ones, cancel runaway queries (docs/runbook.md). */
export const connectionActions: AnyRunbookAction[] = [];
