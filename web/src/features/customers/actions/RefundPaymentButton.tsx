import { STRIPE_REFUND_REASON_LABELS, STRIPE_REFUND_REASONS, ZRefundRequestSchema, type TCustomerPage } from '@opsdesk/shared';
import { Button, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { formatMoney } from '../money';
import { ActionDialog } from './ActionDialog';
import { amountFieldText, checkAmount, maxCentsOf } from './amountInput';

/** Stripe's cap on one amount; what is still refundable is nearly always lower. */
const MAX_REFUND_CENTS = maxCentsOf(ZRefundRequestSchema.shape.amount);

type Payment = TCustomerPage['payments'][number];
type StripeReason = (typeof STRIPE_REFUND_REASONS)[number];

/** "Refund…" on a payment: amount (defaults to all that is still refundable) and Stripe's reason. */
export function RefundPaymentButton({ payment, customerEmail }: { payment: Payment; customerEmail: string }) {
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [stripeReason, setStripeReason] = useState<StripeReason>('requested_by_customer');
  const { cents, error } = checkAmount(amount, { currency: payment.currency, maxCents: Math.min(payment.refundable, MAX_REFUND_CENTS), what: 'refund', maxMessage: (max) => `At most ${max} can still be refunded.` });
  const valid = error === null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} aria-label={`Refund ${payment.id}`}>
        Refund…
      </Button>
      <ActionDialog
        open={open}
        onClose={() => setOpen(false)}
        action="refund"
        title={`Refund payment ${payment.id}`}
        description={`Up to ${formatMoney(payment.refundable, payment.currency)} can still be refunded.`}
        params={valid ? { chargeId: payment.id, amount: cents, stripeReason, repeat: 0 } : null}
        confirmLabel="Refund"
        customerEmail={customerEmail}
        fields={
          <>
            <TextField
              label={`Amount (${payment.currency.toUpperCase()})`}
              type="number"
              value={amount}
              onChange={(event) => setAmount(event.target.value)}
              placeholder={amountFieldText(payment.refundable, payment.currency)}
              helperText={error ?? 'Leave empty to refund everything still refundable.'}
              error={!valid}
              autoFocus
              slotProps={{ htmlInput: { min: 0, step: '0.01' } }}
            />
            <TextField select label="Reason given to Stripe" value={stripeReason} onChange={(event) => setStripeReason(event.target.value as StripeReason)}>
              {STRIPE_REFUND_REASONS.map((reason) => (
                <MenuItem key={reason} value={reason}>
                  {STRIPE_REFUND_REASON_LABELS[reason]}
                </MenuItem>
              ))}
            </TextField>
          </>
        }
      />
    </>
  );
}
