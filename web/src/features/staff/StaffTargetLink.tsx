import { useQuery } from '@tanstack/react-query';
import { PersonLabel } from '../../app/EmailAddress';
import { TargetAnchor } from '../../app/TargetAnchor';
import { trpc } from '../../app/trpcClient';
import { useHasPermission } from '../../app/useHasPermission';

/**
 * A staff member named by id (an audit entry's target), as their name and email linking
 * to their page. Staff is a small table: one `staff.find` of everyone serves every row of
 * a page (one cached query, not a request per row). Without `staff.read`, or before the
 * list arrives, the id stays as it was.
 */
export function StaffTargetLink({ id, plain = false }: { id: string; plain?: boolean }) {
  const mayRead = useHasPermission()('staff.read');
  const everyone = useQuery({ ...trpc.staff.find.queryOptions({}), enabled: mayRead, staleTime: 60_000 });
  const member = everyone.data?.find((staff) => staff.id === id);
  if (!member) return <>{`staff ${id}`}</>;
  return (
    <TargetAnchor to={`/staff/${id}`} title={id} plain={plain}>
      <PersonLabel name={member.name} email={member.email} />
    </TargetAnchor>
  );
}
