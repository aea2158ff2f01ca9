import { PersonLabel } from '../../app/EmailAddress';
import { recordTarget } from '../../app/recordTargets';
import { TargetAnchor } from '../../app/TargetAnchor';
import { useHasPermission } from '../../app/useHasPermission';
import { StaffTargetLink } from '../staff/StaffTargetLink';
import { isCustomerId, useCustomerReference } from './useCustomerReference';

/**
 * The target of an approval or audit entry, in words: a customer or a staff member becomes
 * a link to their page, labelled with their name and email; a job, flag, SLO or request
 * with a page of its own links to it by name (recordTargets.ts); anything else stays "type id".
 * `plain`: the name without the link, inside something that is already a link (TargetAnchor).
 */
export function TargetLabel({ targetType, targetId, plain = false }: { targetType: string | null; targetId: string | null; plain?: boolean }) {
  if (!targetType) return <>—</>;
  if (targetType === 'customer' && targetId && isCustomerId(targetId)) return <CustomerTargetLink id={targetId} plain={plain} />;
  if (targetType === 'staff' && targetId) return <StaffTargetLink id={targetId} plain={plain} />;
  if (targetId) return <RecordTargetLink targetType={targetType} targetId={targetId} plain={plain} />;
  return <>{targetType}</>;
}

/** A job, flag, SLO, request… (recordTargets.ts): its name in words, linking to its page for those who may open it. */
function RecordTargetLink({ targetType, targetId, plain }: { targetType: string; targetId: string; plain: boolean }) {
  const may = useHasPermission();
  const target = recordTarget(targetType, targetId);
  if (!target) return <>{`${targetType} ${targetId}`}</>;
  return (
    <TargetAnchor to={may(target.permission) ? target.path : null} title={targetId} plain={plain}>
      {target.label}
    </TargetAnchor>
  );
}

function CustomerTargetLink({ id, plain }: { id: string; plain: boolean }) {
  const customer = useCustomerReference(id);
  if (!customer.userId) return <>{`customer ${id}`}</>;
  return (
    <TargetAnchor to={`/customers/${customer.userId}/show`} title={id} plain={plain}>
      {customer.email ? <PersonLabel name={customer.name} email={customer.email} /> : (customer.name ?? id)}
    </TargetAnchor>
  );
}
