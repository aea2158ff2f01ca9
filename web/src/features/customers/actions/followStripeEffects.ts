/**
 * Stripe confirms what an action did by webhook, a moment after the action answers: a
 * refund reaches the Refunds card, a cancellation the Subscriptions card, only once the
 * mirror has it. After an action is done, the customer page asks again every couple of
 * seconds for a short while, so the staff member sees the effect land without reloading
 * (the one refresh right after the action often comes before the webhook).
 */
const FOLLOW_MS = 30_000;
const POLL_MS = 2_000;

let followUntil = 0;

export function followStripeEffects(now = Date.now()): void {
  followUntil = now + FOLLOW_MS;
}

/** For react-query's `refetchInterval`: poll while following, otherwise not at all. */
export function customerPageRefetchInterval(now = Date.now()): number | false {
  return now < followUntil ? POLL_MS : false;
}
