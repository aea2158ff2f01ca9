import { adjustCustomerBalance } from '../billing/customerBalance.js';
import { invalidRequest, notFound } from '../wire/errors.js';
import { int, mergeMetadata, reqStr, str } from '../wire/params.js';
import { listOf, type Api } from './common.js';
import { getCustomer } from './customers.js';

/** A customer's credit balance ledger (negative balance = credit owed to the customer). */
export function registerCustomerBalanceTransactions(api: Api): void {
  const { engine, router } = api;
  router.on('POST', '/v1/customers/:id/balance_transactions', ({ path, params: p }) => {
    const c = getCustomer(api, path.id!, 'id');
    const amount = int(p, 'amount');
    if (amount === undefined) throw invalidRequest('Missing required param: amount.', 'amount', 'parameter_missing');
    const currency = reqStr(p, 'currency').toLowerCase();
    if (c.currency && c.currency !== currency) throw invalidRequest(`The currency ${currency} does not match the customer's currency ${c.currency}.`, 'currency');
    c.currency = c.currency ?? currency;
    return adjustCustomerBalance(engine, c, amount, { type: 'adjustment', description: str(p, 'description') ?? null, metadata: mergeMetadata({}, p) });
  });

  router.on('GET', '/v1/customers/:id/balance_transactions', ({ path, params: p, url }) => {
    getCustomer(api, path.id!, 'id');
    return listOf(engine, 'customer_balance_transaction', p, url, (t) => t.customer === path.id);
  });

  router.on('GET', '/v1/customers/:id/balance_transactions/:txn', ({ path }) => {
    const t = engine.store.require('customer_balance_transaction', path.txn);
    if (t.customer !== path.id) throw notFound('customer_balance_transaction', path.txn!);
    return t;
  });
}
