import type { AnyRunbookAction } from '../runbookAction.js';
import { webhookFetchMissedAction } from './webhookBacklog.fetchMissed.js';
import { webhookReplayAction } from './webhookBacklog.replay.js';
import { webhookBacklogAction } from './webhookBacklog.show.js';

/** Stripe webhook backlog: see failed and stuck events, replay them, fetch missed events (docs/runbook.md). */
export const webhookBacklogActions: AnyRunbookAction[] = [webhookBacklogAction, webhookReplayAction, webhookFetchMissedAction];
