import { ZCreditRequestSchema } from '@opsdesk/shared';
import { Button, TextField } from '@mui/material';
import { useState } from 'react';
import { ActionDialog } from './ActionDialog';
import { checkAmount, maxCentsOf } from './amountInput';
import { useActionPermissions } from './useActionPermissions';

/** The server's cap on one credit, said in money before submitting. */
const MAX_CREDIT_CENTS = maxCentsOf(ZCreditRequestSchema.shape.amount);

/** "Add credit…" on a Stripe customer: an amount applied to their future invoices. */
export function CreditBalanceButton({ stripeCustomerId, currency, customerEmail }: { stripeCustomerId: string; currency: string | null; customerEmail: string }) {
  const may = useActionPermissions();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  if (!may('credit')) return null;
  const code = currency ?? 'usd';
  const { cents, error } = checkAmount(amount, { currency: code, maxCents: MAX_CREDIT_CENTS, what: 'credit', maxMessage: (max) => `At most ${max} can be credited at once.` });
  const valid = cents !== undefined;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        Add credit…
      </Button>
      <ActionDialog
        open={open}
        onClose={() => setOpen(false)}
        action="credit"
        title={`Credit the balance of ${stripeCustomerId}`}
        params={valid ? { stripeCustomerId, amount: cents, currency: code } : null}
        confirmLabel="Add credit"
        customerEmail={customerEmail}
        fields={
          <TextField
            label={`Amount (${code.toUpperCase()})`}
            type="number"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            error={error !== null}
            helperText={error ?? 'Applied to their next invoices.'}
            autoFocus
            slotProps={{ htmlInput: { min: 0, step: '0.01' } }}
          />
        }
      />
    </>
  );
}
