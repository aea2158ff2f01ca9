/**
 * The product's own stored words (plans, account statuses) as staff read them. The product
 * stores them lower case; every list, chip and filter shows them through here, so "pro" in
 * one place is never "Pro" in another.
 */
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `pro` → "Pro"; no plan is the free plan. */
export const planLabel = (plan: string | null | undefined) => capitalised(plan ?? 'free');

/** `banned` → "Banned". */
export const accountStatusLabel = (status: string) => capitalised(status);

/**
 * Stripe's status words (`past_due`, `incomplete_expired`, `succeeded`) as a person reads
 * them: "Past due", "Incomplete expired", "Succeeded". Stripe's own spelling otherwise
 * ("Canceled"), so the console and the Stripe Dashboard say the same thing.
 */
export const stripeStatusLabel = (status: string | null | undefined) => (status ? storedWordsLabel(status) : '—');

/** Any stored snake_case word as a person reads it: `past_due` → "Past due", `visible` → "Visible". */
export const storedWordsLabel = (value: string) => capitalised(value.replaceAll('_', ' '));
