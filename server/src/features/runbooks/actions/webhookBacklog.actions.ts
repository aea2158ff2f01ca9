import type { AnyRunbookAction } from '../runbookAction.js';

/** Stripe webhook backlog: see failed and stuck events, replay them, fetch missed events (docs/runbook.md). */
export const webhookBacklogActions: AnyRunbookAction[] = [];
