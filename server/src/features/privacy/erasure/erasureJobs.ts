import { z } from 'zod';
import type { AppDeps } from '../../../trpc/context.js';
import { defineJobKind, type JobKind } from '../../jobs/jobKind.js';
import { runErasure } from './erasureRun.service.js';

export const ERASURE_JOB = 'privacy.erase';

const ZErasureJobParams = z.strictObject({ requestId: z.uuid() });

/**
 * The erasure as a durable job (erasureRun.service.ts). Resumable: every step is in the
 * ledger with its effect, so a run cut short by a crash carries on where it stopped.
 * Retried after a failure (Stripe unreachable) for the same reason: a retry redoes no
 * step. Its parameters are the request id only; the subject lives on the request.
 */
export function erasureJobKind(deps: AppDeps): JobKind<z.infer<typeof ZErasureJobParams>> {
  return defineJobKind({
    name: ERASURE_JOB,
    title: 'GDPR erasure',
    params: ZErasureJobParams,
    timeoutMs: 30 * 60_000,
    retry: { limit: 4, backoff: { initialMs: 15_000, maxMs: 300_000 } },
    resumable: true,
    run: (ctx) => runErasure(deps, ctx, ctx.params.requestId),
  });
}

export function createErasureJobKinds(deps: AppDeps): JobKind<any>[] {
  return [erasureJobKind(deps)];
}
