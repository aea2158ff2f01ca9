import type { AnyRunbookAction } from '../runbookAction.js';
import { rateLimitsBlockedAction } from './rateLimits.blocked.js';
import { rateLimitsRaiseAction } from './rateLimits.raise.js';
import { rateLimitsUnblockAction } from './rateLimits.unblock.js';

/** 429 spike: who is blocked, raise a named limit for a while, unblock a key (docs/runbook.md). */
export const rateLimitActions: AnyRunbookAction[] = [rateLimitsBlockedAction, rateLimitsRaiseAction, rateLimitsUnblockAction];
