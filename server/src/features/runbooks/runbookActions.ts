import { backupActions } from './actions/backup.actions.js';
import { cacheActions } from './actions/cache.actions.js';
import { connectionActions } from './actions/connections.actions.js';
import { flagKillSwitchAction } from './actions/flags.killSwitch.js';
import { healthActions } from './actions/health.actions.js';
import { rateLimitActions } from './actions/rateLimits.actions.js';
import { webhookBacklogActions } from './actions/webhookBacklog.actions.js';
import type { AnyRunbookAction } from './runbookAction.js';

/** Every runbook action, in the order the console lists them. A new action is one line in its area's file. */
export const RUNBOOK_ACTIONS: readonly AnyRunbookAction[] = [
  ...healthActions,
  ...webhookBacklogActions,
  ...connectionActions,
  ...rateLimitActions,
  ...cacheActions,
  ...backupActions,
  flagKillSwitchAction,
];
