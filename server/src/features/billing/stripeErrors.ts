import { TRPCError } from '@trpc/server';
import Stripe from 'stripe';

/**
 * Stripe's answer, in Stripe's words, as the right tRPC error: the staff member sees
 * what Stripe said; only Stripe being down or unreachable is a 5xx on our side.
 */
export function stripeErrorToTrpc(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  const message = `Stripe: ${error.message}`;
  if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeIdempotencyError) {
    return new TRPCError({ code: error.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', message, cause: error });
  }
  if (error instanceof Stripe.errors.StripeRateLimitError) return new TRPCError({ code: 'TOO_MANY_REQUESTS', message, cause: error });
  if (error instanceof Stripe.errors.StripeConnectionError) return new TRPCError({ code: 'GATEWAY_TIMEOUT', message: 'Stripe did not answer in time. Nothing was changed; try again.', cause: error });
  return new TRPCError({ code: 'BAD_GATEWAY', message, cause: error });
}

/** Runs a Stripe call and rethrows its failure as a tRPC error. */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw stripeErrorToTrpc(error);
  }
}
