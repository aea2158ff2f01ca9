import { formatMoney, ZChangePlanRequestSchema, ZExtendTrialRequestSchema } from '@opsdesk/shared';
import type { TCustomerRecord } from '../customersDataHandler';
import { Checkbox, FormControlLabel, MenuItem, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { trpc } from '../../../app/trpcClient';
import { useState } from 'react';
import { ActionDialog } from './ActionDialog';
import { ActionMenuButton } from './ActionMenuButton';
import { checkCount } from './countInput';
import { useActionPermissions } from './useActionPermissions';

type TCustomerSubscription = TCustomerRecord['subscriptions'][number];

type SubscriptionAction = 'changePlan' | 'cancel' | 'undoCancel' | 'extendTrial' | 'pauseCollection' | 'resumeCollection';

const LIVE = new Set(['active', 'trialing', 'past_due', 'unpaid', 'incomplete']);

function availableActions(sub: TCustomerSubscription): { action: SubscriptionAction; label: string }[] {
  if (!LIVE.has(sub.status)) return [];
  return [
    { action: 'changePlan' as const, label: 'Change plan…' },
    ...(sub.cancelAtPeriodEnd ? [{ action: 'undoCancel' as const, label: 'Undo scheduled cancellation…' }] : []),
    { action: 'cancel' as const, label: 'Cancel…' },
    ...(sub.status === 'trialing' ? [{ action: 'extendTrial' as const, label: 'Extend trial…' }] : []),
    sub.pauseCollection ? { action: 'resumeCollection' as const, label: 'Resume collection…' } : { action: 'pauseCollection' as const, label: 'Pause collection…' },
  ];
}

/** The actions of one subscription, each through the generic action dialog. */
export function SubscriptionActionsMenu({ subscription, customerEmail }: { subscription: TCustomerSubscription; customerEmail: string }) {
  const may = useActionPermissions();
  const [open, setOpen] = useState<SubscriptionAction | null>(null);
  const actions = availableActions(subscription).filter(({ action }) => may(action));
  if (actions.length === 0) return null;
  const close = () => setOpen(null);
  const common = { customerEmail, onClose: close };
  const subscriptionId = subscription.id;
  return (
    <>
      <ActionMenuButton label="Actions" items={actions} onPick={setOpen} buttonProps={{ size: 'small', 'aria-label': `Actions on ${subscriptionId}` }} />
      <ChangePlanDialog subscription={subscription} open={open === 'changePlan'} {...common} />
      <CancelDialog subscriptionId={subscriptionId} open={open === 'cancel'} {...common} />
      <ExtendTrialDialog subscriptionId={subscriptionId} open={open === 'extendTrial'} {...common} />
      <ActionDialog open={open === 'undoCancel'} action="undoCancel" title={`Keep ${subscriptionId}`} description="The scheduled cancellation is removed; billing continues." params={{ subscriptionId }} confirmLabel="Undo cancellation" {...common} />
      <ActionDialog open={open === 'pauseCollection'} action="pauseCollection" title={`Pause collection on ${subscriptionId}`} description="Invoices are voided while collection is paused." params={{ subscriptionId, behavior: 'void' }} confirmLabel="Pause collection" {...common} />
      <ActionDialog open={open === 'resumeCollection'} action="resumeCollection" title={`Resume collection on ${subscriptionId}`} params={{ subscriptionId }} confirmLabel="Resume collection" {...common} />
    </>
  );
}

/** "Pro — 29.00 USD / month", "Enterprise — 4,500.00 USD / 3 months". */
function describePrice(price: { productName: string; nickname: string | null; unitAmount: number | null; currency: string; interval: string | null; intervalCount: number | null }): string {
  const amount = price.unitAmount === null ? 'custom' : formatMoney(price.unitAmount, price.currency);
  const every = price.intervalCount && price.intervalCount > 1 ? `${price.intervalCount} ${price.interval}s` : (price.interval ?? '');
  return `${price.nickname ?? price.productName} — ${amount} / ${every}`;
}

type DialogProps = { open: boolean; onClose: () => void; customerEmail: string };

function ChangePlanDialog({ subscription, ...props }: DialogProps & { subscription: TCustomerSubscription }) {
  const [priceId, setPriceId] = useState('');
  const [quantity, setQuantity] = useState(String(subscription.quantity));
  const prices = useQuery({ ...trpc.customers.prices.queryOptions({ currency: subscription.currency ?? 'usd' }), enabled: props.open });
  const choices = (prices.data ?? []).filter((price) => price.id !== subscription.priceId);
  const priceValid = /^price_\w+$/.test(priceId.trim());
  const quantityCheck = checkCount(quantity, ZChangePlanRequestSchema.shape.quantity, 'seats');
  return (
    <ActionDialog
      {...props}
      action="changePlan"
      title={`Change the plan of ${subscription.id}`}
      description={`Now on ${subscription.planName ?? subscription.priceId ?? 'an unknown price'}. The proration shown is exactly what will be charged.`}
      params={priceValid && quantityCheck.value !== undefined ? { subscriptionId: subscription.id, priceId: priceId.trim(), quantity: quantityCheck.value } : null}
      confirmLabel="Change plan"
      fields={
        <>
          <TextField
            select
            label="New plan"
            value={priceId}
            onChange={(event) => setPriceId(event.target.value)}
            helperText={prices.isPending ? 'Loading plans…' : prices.isError ? prices.error.message : choices.length ? 'The price the subscription moves to.' : 'No other plans in this currency.'}
          >
            {choices.map((price) => (
              <MenuItem key={price.id} value={price.id}>
                {describePrice(price)}
              </MenuItem>
            ))}
          </TextField>
          <TextField label="Quantity" type="number" value={quantity} onChange={(event) => setQuantity(event.target.value)} error={quantityCheck.error !== null} helperText={quantityCheck.error ?? ' '} />
        </>
      }
    />
  );
}

function CancelDialog({ subscriptionId, ...props }: DialogProps & { subscriptionId: string }) {
  const [now, setNow] = useState(false);
  const [prorate, setProrate] = useState(false);
  return (
    <ActionDialog
      {...props}
      action="cancel"
      title={`Cancel ${subscriptionId}`}
      params={{ subscriptionId, when: now ? 'now' : 'period_end', prorate: now && prorate }}
      confirmLabel="Cancel subscription"
      fields={
        <>
          <FormControlLabel control={<Checkbox checked={now} onChange={(event) => setNow(event.target.checked)} />} label="Cancel immediately (otherwise at the end of the period)" />
          {now && <FormControlLabel control={<Checkbox checked={prorate} onChange={(event) => setProrate(event.target.checked)} />} label="Credit the unused time" />}
        </>
      }
    />
  );
}

function ExtendTrialDialog({ subscriptionId, ...props }: DialogProps & { subscriptionId: string }) {
  const [days, setDays] = useState('7');
  const daysCheck = checkCount(days, ZExtendTrialRequestSchema.shape.days, 'days');
  return (
    <ActionDialog
      {...props}
      action="extendTrial"
      title={`Extend the trial of ${subscriptionId}`}
      params={daysCheck.value !== undefined ? { subscriptionId, days: daysCheck.value } : null}
      confirmLabel="Extend trial"
      fields={<TextField label="Days" type="number" value={days} onChange={(event) => setDays(event.target.value)} error={daysCheck.error !== null} helperText={daysCheck.error ?? ' '} />}
    />
  );
}
