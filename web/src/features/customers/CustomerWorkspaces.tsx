import { Chip, Stack, Typography } from '@mui/material';
import type { TCustomerRecord } from './customersDataHandler';
import { planLabel } from '../../app/productWords';
import { Empty, Section } from './Section';
import { ShowMoreButton } from './ShowMoreButton';
import { useRevealed } from './useRevealed';

export function CustomerWorkspaces({ customer }: { customer: TCustomerRecord }) {
  return (
    <Section title="Workspaces">
      {customer.workspaces.length === 0 && <Empty>Not a member of any workspace.</Empty>}
      <Stack spacing={2}>
        {customer.workspaces.map((workspace) => (
          <div key={workspace.id}>
            <Stack direction="row" spacing={1} alignItems="center">
              <Typography fontWeight={600}>{workspace.name}</Typography>
              <Chip size="small" label={planLabel(workspace.plan)} variant="outlined" />
              <Typography variant="body2" color="text.secondary">
                their role: {workspace.role}
              </Typography>
            </Stack>
            <Members members={workspace.members} />
          </div>
        ))}
      </Stack>
    </Section>
  );
}

function Members({ members }: { members: TCustomerRecord['workspaces'][number]['members'] }) {
  const { visible, hidden, showMore, step } = useRevealed(members, 8);
  return (
    <>
      <Typography variant="body2" color="text.secondary">
        {visible.map((member) => `${member.email} (${member.role})`).join(' · ')}
      </Typography>
      <ShowMoreButton hidden={hidden} step={step} onClick={showMore} />
    </>
  );
}
