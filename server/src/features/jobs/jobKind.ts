import type { z } from 'zod';
import type { Db } from '../../db/database.js';

/**
 * What a kind of durable job declares (docs/architecture.md, "Jobs"): typed parameters,
 * a timeout, whether a failed attempt may be retried (only where running it twice is
 * harmless), whether a run cut short by a crash may carry on from where it stopped, and
 * the work itself. The engine gives the work everything it may touch through `ctx`.
 */
export interface JobContext<P> {
  jobId: string;
  params: P;
  /** The app's database (not a transaction: long work commits as it goes). */
  db: Db;
  /** Aborted when the job is cancelled from the console or runs past its timeout: stop promptly. */
  signal: AbortSignal;
  /** 1 on the first attempt. */
  attempt: number;
  /** Resumable kinds, after a crash: how far the interrupted run got. Otherwise null. */
  resume: { done: number; checkpoint: unknown } | null;
  progress(done: number, total?: number | null): Promise<void>;
  /** One line on the job's log (made safe and capped; the log keeps its first and last lines). */
  log(line: string, level?: 'info' | 'warn' | 'error'): Promise<void>;
  /** Resumable kinds: a marker of how far the work got, handed back as `resume.checkpoint`. */
  checkpoint(value: unknown): Promise<void>;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  limit: number;
  /** Wait before attempt n+1: initialMs × 2^(n-1), at most maxMs. */
  backoff: { initialMs: number; maxMs?: number };
}

export interface JobKind<P = unknown> {
  /** `feature.verb`, as shown in the console and stored on the row. */
  name: string;
  /** What the console calls it. */
  title: string;
  params: z.ZodType<P, any>;
  timeoutMs: number;
  retry: RetryPolicy | 'none';
  /**
   * True only when the work can pick up after a crash (it reads `ctx.resume`); otherwise
   * such a run is failed with the reason. A function when it depends on the parameters.
   */
  resumable: boolean | ((params: P) => boolean);
  run(ctx: JobContext<P>): Promise<unknown>;
}

export function defineJobKind<P>(kind: JobKind<P>): JobKind<P> {
  if (!/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/.test(kind.name)) throw new Error(`job kind name "${kind.name}" must look like feature.verb`);
  if (kind.retry !== 'none' && kind.retry.limit < 1) throw new Error(`job kind ${kind.name}: retry.limit counts every attempt, so at least 1`);
  return kind;
}

/** The wait before the next attempt after `attempt` failed. */
export function backoffMs(retry: RetryPolicy, attempt: number): number {
  const wait = retry.backoff.initialMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(wait, retry.backoff.maxMs ?? 3_600_000);
}

/** The kinds one engine runs, by name. */
export type JobKindRegistry = ReadonlyMap<string, JobKind<any>>;

export function jobKindRegistry(kinds: readonly JobKind<any>[]): JobKindRegistry {
  const registry = new Map<string, JobKind<any>>();
  for (const kind of kinds) {
    if (registry.has(kind.name)) throw new Error(`job kind ${kind.name} is defined twice`);
    registry.set(kind.name, kind);
  }
  return registry;
}

/** Whether a run of `kind` with these stored parameters may resume after a crash. */
export function canResume(kind: JobKind<any>, parameters: unknown): boolean {
  if (typeof kind.resumable === 'boolean') return kind.resumable;
  const parsed = kind.params.safeParse(parameters);
  return parsed.success && kind.resumable(parsed.data);
}
