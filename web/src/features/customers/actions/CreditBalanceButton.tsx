import { Button, TextField } from '@mui/material';
import { useState } from 'react';
import { ActionDialog } from './ActionDialog';
import { useActionPermissions } from './useActionPermissions';

/** "Add credit…" on a Stripe customer: cents applied to their future invoices. */
export function CreditBalanceButton({ stripeCustomerId, currency, customerEmail }: { stripeCustomerId: string; currency: string | null; customerEmail: string }) {
  const may = useActionPermissions();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  if (!may('credit')) return null;
  const cents = Math.round(Number(amount) * 100);
  const valid = amount.trim() !== '' && Number.isFinite(cents) && cents > 0;
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
        params={valid ? { stripeCustomerId, amount: cents, currency: currency ?? 'usd' } : null}
        confirmLabel="Add credit"
        customerEmail={customerEmail}
        fields={<TextField label={`Amount (${(currency ?? 'usd').toUpperCase()})`} type="number" value={amount} onChange={(event) => setAmount(event.target.value)} />}
      />
    </>
  );
}
