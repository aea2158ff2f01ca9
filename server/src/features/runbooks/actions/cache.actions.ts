import type { AnyRunbookAction } from '../runbookAction.js';
import { cacheFamiliesAction } from './cache.families.js';
import { cacheFlushAction } from './cache.flush.js';

/** Cache flush: a key or a registered key family, found by SCAN (docs/runbook.md). */
export const cacheActions: AnyRunbookAction[] = [cacheFamiliesAction, cacheFlushAction];
