import type { AnyRunbookAction } from '../runbookAction.js';
import { healthCheckAction } from './health.check.js';

/** Site slow / site down: the read-only health check (docs/runbook.md). */
export const healthActions: AnyRunbookAction[] = [healthCheckAction];
