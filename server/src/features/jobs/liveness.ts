import { randomInt } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';

/**
 * How an engine instance shows it is alive: a session advisory lock (namespace, key),
 * held on a connection of its own for as long as the process runs. PostgreSQL releases
 * it when that connection closes — on a clean stop, on kill -9, on a power cut (once the
 * server notices the socket) — so "running on a worker whose lock nobody holds" means
 * "its process is gone" without heartbeats or clocks (jobs.queries.ts, findOrphanedJobs).
 */
export const WORKER_LOCK_NAMESPACE = 190_000_013;

export interface WorkerIdentity {
  id: string;
  key: number;
  /** Called (once) if the lock's connection is lost: the engine must stop running jobs, as others will take them over. */
  onLost(listener: () => void): void;
  release(): Promise<void>;
}

export async function holdWorkerLock(connectionString: string): Promise<WorkerIdentity> {
  const client = new pg.Client({ connectionString, application_name: 'opsdesk-jobs-liveness' });
  await client.connect();
  let key = 0;
  for (;;) {
    key = randomInt(1, 2 ** 31 - 1);
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [WORKER_LOCK_NAMESPACE, key]);
    if (rows[0]?.locked) break;
  }
  const listeners: (() => void)[] = [];
  let released = false;
  const lost = () => {
    if (released) return;
    released = true;
    for (const listener of listeners) listener();
  };
  client.on('error', lost);
  client.on('end', lost);
  return {
    id: `${hostname()}:${process.pid}:${key}`,
    key,
    onLost: (listener) => listeners.push(listener),
    release: async () => {
      released = true;
      await client.end().catch(() => undefined);
    },
  };
}
