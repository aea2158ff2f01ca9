import type Stripe from 'stripe';
import type { Db } from '../../../db/database.js';
import type { Logger } from 'pino';
import { DEFAULT_BATCH_SIZE, drainInboxOnce, type ReceivedEvents } from './eventLedger.js';

/** How often a worker with failed events looks whether one is due for its retry. */
const RETRY_CHECK_MS = 30_000;
/**
 * While events keep coming, passes start at most this often: the backlog of a busy
 * moment goes in one batch, so an object's burst is coalesced (one write, at most one
 * re-fetch) instead of trickling through many small batches. A first pass after a
 * quiet moment starts at once.
 */
const PASS_SPACING_MS = 250;
/**
 * Parsed events kept for the drain at most. Past it they are dropped (the drain reads
 * them back from the ledger): this bounds memory when another process applies what this
 * one received, or when the backlog outgrows the batch.
 */
const MAX_REMEMBERED_EVENTS = 20_000;

export interface InboxWorker {
  /** Something arrived: drain (now, or right after the current pass). */
  nudge(): void;
  /** Events this process just stored, as parsed at receipt, for the drain to apply without reading them back. */
  remember(events: Stripe.Event[]): void;
  /** Resolves once nothing due is left and no pass is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** This process's running workers: "webhooks idle" means delivered and applied. */
const running = new Set<InboxWorker>();

/** Resolves when every worker in this process is idle (the emulator's webhooksIdle, the demo seed). */
export async function inboxWorkersIdle(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.idle()));
}

/**
 * The in-process drain loop behind the webhook endpoint. It runs while there is work
 * (a nudge after each stored event, one pass at start for what a previous process left
 * pending) and sleeps otherwise; failed events are looked at again every 30 s until
 * their backoff lets them through. Any number of workers, in any number of processes,
 * may drain one inbox: batches claim their events (processEvents).
 */
export function startInboxWorker(deps: { db: Db; stripe: Stripe; logger?: Logger; batchSize?: number }): InboxWorker {
  let wanted = false;
  let stopped = false;
  let pass: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  const received: ReceivedEvents = new Map();

  let lastPassStarted = -Infinity;
  const drain = async () => {
    while (wanted && !stopped) {
      const wait = lastPassStarted + PASS_SPACING_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastPassStarted = performance.now();
      wanted = false;
      const result = await drainInboxOnce(deps.db, deps.stripe, { batchSize: deps.batchSize ?? DEFAULT_BATCH_SIZE, received });
      if (result.due > 0 && result.applied + result.retry > 0) wanted = true;
      if (result.failed > 0) scheduleRetry();
    }
  };

  const scheduleRetry = () => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => worker.nudge(), RETRY_CHECK_MS).unref();
  };

  const worker: InboxWorker = {
    remember(events) {
      if (received.size + events.length > MAX_REMEMBERED_EVENTS) received.clear();
      for (const event of events) received.set(event.id, event);
    },
    nudge() {
      wanted = true;
      if (pass || stopped) return;
      pass = drain()
        .catch((error: Error) => {
          // A closed database handle ends the worker; anything else (the database
          // restarting) is retried later — the events wait safely in the inbox.
          if (/destroyed|after calling end/i.test(error.message)) void worker.stop();
          else {
            deps.logger?.error({ err: error }, 'stripe inbox drain failed');
            scheduleRetry();
          }
        })
        .finally(() => {
          pass = null;
          if (wanted && !stopped) worker.nudge();
        });
    },
    async idle() {
      while (pass) await pass;
    },
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      received.clear();
      running.delete(worker);
      await pass;
    },
  };
  running.add(worker);
  worker.nudge();
  return worker;
}
