import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Stripe-looking ids (`cus_` + 24 base62 chars): random so ids never collide across runs. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % ALPHABET.length];
  return `${prefix}_${out}`;
}

/** Object-type → id prefix; also used to resolve an id back to its collection (expand). */
export const ID_PREFIX = {
  customer: 'cus',
  product: 'prod',
  price: 'price',
  subscription: 'sub',
  subscription_item: 'si',
  invoice: 'in',
  line_item: 'il',
  invoiceitem: 'ii',
  payment_intent: 'pi',
  charge: 'ch',
  refund: 're',
  credit_note: 'cn',
  dispute: 'dp',
  event: 'evt',
  payment_method: 'pm',
  customer_balance_transaction: 'cbtxn',
  'test_helpers.test_clock': 'clock',
  webhook_endpoint: 'we',
  invoice_payment: 'inpay',
  discount: 'di',
  coupon: 'coupon',
} as const;
