import { Button } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';

/** The Revenue page's way to the Reconciliation page, for those who may run one. */
export function ReconciliationLink() {
  const { canAccess } = useCanAccess({ resource: 'revenue', action: 'reconcile' });
  if (!canAccess) return null;
  return (
    <Button component={RouterLink} to="/revenue/reconciliation" variant="outlined" size="small">
      Reconcile with Stripe
    </Button>
  );
}
