import { CustomerInvoices } from './CustomerInvoices';
import { CustomerPayments } from './CustomerPayments';
import { CustomerRefunds } from './CustomerRefunds';
import type { TCustomerRecord } from './customersDataHandler';
import { CustomerSubscriptions } from './CustomerSubscriptions';
import { Empty, Section } from './Section';

/**
 * The four billing cards — or, for a customer with nothing in any of them (most of a
 * product's users are on the free plan), one card that says so. Four cards of "No …"
 * pushed the notes and the timeline a screen further down at 1440 px, for the customers
 * support hears from most.
 */
export function CustomerBilling({ customer }: { customer: TCustomerRecord }) {
  if (hasNoBilling(customer)) {
    return (
      <Section title="Billing">
        <Empty>
          {customer.stripeCustomers.length === 0
            ? 'Not a Stripe customer: no subscription, payment, invoice or refund.'
            : 'No subscription, payment, invoice or refund yet.'}
        </Empty>
      </Section>
    );
  }
  return (
    <>
      <CustomerSubscriptions customer={customer} />
      <CustomerPayments customer={customer} />
      <CustomerInvoices customer={customer} />
      <CustomerRefunds customer={customer} />
    </>
  );
}

/** Nothing in any of the four billing cards: the page shows one "Billing" card instead. */
export function hasNoBilling(customer: TCustomerRecord): boolean {
  return customer.subscriptions.length === 0 && customer.payments.length === 0 && customer.invoices.length === 0 && customer.refunds.length === 0;
}
