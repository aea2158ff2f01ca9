import { newId } from '../ids.js';
import type { Engine } from '../engine.js';
import type { StripeObject } from '../store.js';
import { invalidRequest } from '../wire/errors.js';

interface TestCard {
  brand: string;
  last4: string;
  declineCode: string | null;
  message: string | null;
}

const OK = { declineCode: null, message: null };
const DECLINED = 'Your card was declined.';

/**
 * Stripe's magic test payment methods. Leniency on purpose: every card can be attached
 * (real Stripe refuses to attach some decline cards), so tests can switch a customer's
 * default card to a declining one and watch renewals fail.
 */
const TEST_CARDS: Record<string, TestCard> = {
  pm_card_visa: { brand: 'visa', last4: '4242', ...OK },
  pm_card_visa_debit: { brand: 'visa', last4: '5556', ...OK },
  pm_card_mastercard: { brand: 'mastercard', last4: '4444', ...OK },
  pm_card_amex: { brand: 'amex', last4: '8431', ...OK },
  pm_card_chargeDeclined: { brand: 'visa', last4: '0002', declineCode: 'generic_decline', message: DECLINED },
  pm_card_chargeCustomerFail: { brand: 'visa', last4: '0341', declineCode: 'generic_decline', message: DECLINED },
  pm_card_chargeDeclinedInsufficientFunds: { brand: 'visa', last4: '9995', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  pm_card_chargeDeclinedExpiredCard: { brand: 'visa', last4: '0069', declineCode: 'expired_card', message: 'Your card has expired.' },
  pm_card_chargeDeclinedFraudulent: { brand: 'visa', last4: '0019', declineCode: 'fraudulent', message: DECLINED },
  pm_card_chargeDeclinedLostCard: { brand: 'visa', last4: '9987', declineCode: 'lost_card', message: DECLINED },
  pm_card_chargeDeclinedStolenCard: { brand: 'visa', last4: '9979', declineCode: 'stolen_card', message: DECLINED },
};

/** tok_* tokens (card[token]=tok_visa) map onto the same cards. */
const TOKENS: Record<string, string> = {
  tok_visa: 'pm_card_visa',
  tok_mastercard: 'pm_card_mastercard',
  tok_amex: 'pm_card_amex',
  tok_chargeDeclined: 'pm_card_chargeDeclined',
  tok_chargeDeclinedInsufficientFunds: 'pm_card_chargeDeclinedInsufficientFunds',
  tok_chargeDeclinedExpiredCard: 'pm_card_chargeDeclinedExpiredCard',
};

function testCardFor(token: string): TestCard | undefined {
  const name = TOKENS[token] ?? token.replace(/^pm_card_visa_charge/, 'pm_card_charge');
  return TEST_CARDS[name];
}

export function isTestToken(id: string): boolean {
  return testCardFor(id) !== undefined;
}

/** Create a card PaymentMethod from a test token (pm_card_visa, tok_visa …). */
export function createCardPaymentMethod(engine: Engine, token: string, customer: string | null, param = 'payment_method'): StripeObject {
  const card = testCardFor(token);
  if (!card) throw invalidRequest(`No such PaymentMethod: '${token}'`, param, 'resource_missing');
  const id = newId('pm');
  const pm: StripeObject = {
    id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null }, email: null, name: null, phone: null, tax_id: null },
    card: {
      brand: card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: 'US',
      display_brand: card.brand,
      exp_month: 12,
      exp_year: new Date().getUTCFullYear() + 3,
      fingerprint: id.slice(3, 19),
      funding: 'credit',
      generated_from: null,
      last4: card.last4,
      networks: { available: [card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: engine.now(customer),
    customer,
    customer_account: null,
    livemode: false,
    metadata: {},
    type: 'card',
  };
  engine.cardBehaviour.set(id, { declineCode: card.declineCode, message: card.message });
  engine.store.insert(pm);
  return pm;
}

/**
 * Resolve a payment method param: an existing pm_… or a test token. Tokens become new
 * PaymentMethods attached to `customer` (when given), as Stripe does when you attach them.
 */
export function resolvePaymentMethod(engine: Engine, idOrToken: string, customer: string | null, param = 'payment_method'): StripeObject {
  const existing = engine.store.get('payment_method', idOrToken);
  if (existing) {
    if (customer && !existing.customer) attachPaymentMethod(engine, existing, customer);
    return existing;
  }
  const pm = createCardPaymentMethod(engine, idOrToken, null, param);
  if (customer) attachPaymentMethod(engine, pm, customer);
  return pm;
}

export function attachPaymentMethod(engine: Engine, pm: StripeObject, customer: string): void {
  if (pm.customer && pm.customer !== customer) {
    throw invalidRequest(`The payment method you provided has already been attached to a customer.`, 'payment_method');
  }
  if (pm.customer === customer) return;
  pm.customer = customer;
  engine.bus.emit('payment_method.attached', pm);
}
