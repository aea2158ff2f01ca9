import type { Api } from './common.js';
import { registerCharges } from './charges.js';
import { registerCoupons } from './coupons.js';
import { registerCreditNotes } from './creditNotes.js';
import { registerCustomerBalanceTransactions } from './customerBalanceTransactions.js';
import { registerCustomers } from './customers.js';
import { registerDisputes } from './disputes.js';
import { registerEvents } from './events.js';
import { registerInvoiceActions } from './invoiceActions.js';
import { registerInvoiceItems } from './invoiceItems.js';
import { registerInvoicePayments } from './invoicePayments.js';
import { registerInvoices } from './invoices.js';
import { registerPaymentIntents } from './paymentIntents.js';
import { registerPaymentMethods } from './paymentMethods.js';
import { registerPrices } from './prices.js';
import { registerProducts } from './products.js';
import { registerRefunds } from './refunds.js';
import { registerSubscriptionItems } from './subscriptionItems.js';
import { registerSubscriptions } from './subscriptions.js';
import { registerTestClocks } from './testClocks.js';
import { registerWebhookEndpoints } from './webhookEndpoints.js';

/**
 * Every resource's routes, one file each. The router takes the first match, so a literal
 * segment (`/v1/customers/search`) must come before `:id` — each file keeps its own in
 * that order, and no two files share a path prefix that could shadow the other.
 */
const RESOURCES = [
  registerCustomers,
  registerCustomerBalanceTransactions,
  registerProducts,
  registerPrices,
  registerCoupons,
  registerPaymentMethods,
  registerPaymentIntents,
  registerCharges,
  registerRefunds,
  registerDisputes,
  registerInvoiceItems,
  registerInvoices,
  registerInvoiceActions,
  registerInvoicePayments,
  registerCreditNotes,
  registerSubscriptions,
  registerSubscriptionItems,
  registerEvents,
  registerTestClocks,
  registerWebhookEndpoints,
];

export function registerAllResources(api: Api): void {
  for (const register of RESOURCES) register(api);
}
