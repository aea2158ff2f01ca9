import { Link } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { StaffTargetLink } from '../staff/StaffTargetLink';
import { isCustomerId, useCustomerReference } from './useCustomerReference';

/**
 * The target of an approval or audit entry, in words: a customer or a staff member becomes
 * a link to their page, labelled with their name and email; anything else stays "type id". Clicks do not
 * reach the list row underneath (which would open the entry instead). `plain`: the name
 * without the link, inside something that is already a link (a phone list's row).
 */
export function TargetLabel({ targetType, targetId, plain = false }: { targetType: string | null; targetId: string | null; plain?: boolean }) {
  if (!targetType) return <>—</>;
  if (targetType === 'customer' && targetId && isCustomerId(targetId)) return <CustomerTargetLink id={targetId} plain={plain} />;
  if (targetType === 'staff' && targetId) return <StaffTargetLink id={targetId} plain={plain} />;
  return <>{`${targetType} ${targetId ?? ''}`.trim()}</>;
}

function CustomerTargetLink({ id, plain }: { id: string; plain: boolean }) {
  const customer = useCustomerReference(id);
  if (!customer.userId) return <>{`customer ${id}`}</>;
  const label = customer.name ? `${customer.name} <${customer.email}>` : (customer.email ?? id);
  if (plain) return <>{label}</>;
  return (
    // An inline style: a table cell's theme keeps words whole in its Typography (a Link is one),
    // but an email address is one long word that must break rather than widen the column.
    <Link component={RouterLink} to={`/customers/${customer.userId}/show`} onClick={(event) => event.stopPropagation()} title={id} style={{ overflowWrap: 'anywhere' }}>
      {label}
    </Link>
  );
}
