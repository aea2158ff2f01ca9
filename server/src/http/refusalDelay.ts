import { setTimeout as delay } from 'node:timers/promises';
import type { RequestHandler } from 'express';

/**
 * Refusals of unauthenticated abuse (a sign-in refused as rate-limited or busy, a batch
 * over the limit) are answered after a short delay. A flood keeps each of its
 * connections waiting on a timer, which costs the server nothing, instead of being
 * answered at once and sending the next request: a flood of N connections then costs N
 * cheap refusals a second, not thousands, and the event loop stays free for staff.
 */
export const REFUSAL_DELAY_MS = 1_000;

export function delayRefusal(ms = REFUSAL_DELAY_MS): Promise<void> {
  return ms > 0 ? delay(ms) : Promise.resolve();
}

/** Batched tRPC calls (`/trpc/a,b,c?batch=1`) over the limit: refused before tRPC reads the body, after the delay. */
export function refuseOversizedBatches(maxBatchSize: number, delayMs = REFUSAL_DELAY_MS): RequestHandler {
  return async (req, res, next) => {
    if (req.query.batch === undefined || req.path.split(',').length <= maxBatchSize) return next();
    await delayRefusal(delayMs);
    res.status(400).json({ error: { message: `Batch call exceeds maximum size: a batch may carry at most ${maxBatchSize} calls.`, code: -32600, data: { code: 'BAD_REQUEST', httpStatus: 400 } } });
  };
}
