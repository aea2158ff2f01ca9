import type { Logger } from 'pino';
import type { Db } from '../../db/database.js';
import type { JobKindRegistry } from './jobKind.js';
import type { WorkerIdentity } from './liveness.js';

/** What one engine instance holds while it runs: shared by the run, recovery and watcher code. */
export interface EngineRuntime {
  db: Db;
  worker: WorkerIdentity;
  kinds: JobKindRegistry;
  logger: Logger;
  /** Runs in progress on this instance, by job id: aborting one stops it. */
  running: Map<string, AbortController>;
}
