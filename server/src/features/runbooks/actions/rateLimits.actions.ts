import type { AnyRunbookAction } from '../runbookAction.js';

/** 429 spike: who is blocked, raise a named limit for a while, unblock a key (docs/runbook.md). */
export const rateLimitActions: AnyRunbookAction[] = [];
