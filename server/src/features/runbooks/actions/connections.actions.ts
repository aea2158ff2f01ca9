import type { AnyRunbookAction } from '../runbookAction.js';
import { connectionsCancelQueriesAction } from './connections.cancel.js';
import { connectionsListAction } from './connections.list.js';
import { connectionsTerminateAction } from './connections.terminate.js';

/** Connection-pool exhaustion: list backends, terminate idle ones, cancel runaway queries (docs/runbook.md). */
export const connectionActions: AnyRunbookAction[] = [connectionsListAction, connectionsTerminateAction, connectionsCancelQueriesAction];
