import { ROLE_LABELS, type TStaff } from '@opsdesk/shared';
import { Box, Typography } from '@mui/material';
import {
  CreateButton,
  Datagrid,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
} from 'react-admin';
import { PageHeading } from '../../app/PageHeading';
import { RecordLink } from '../../app/RecordLink';
import { usePhoneLayout } from '../../app/usePhoneLayout';
import { DateTimeField } from '../../app/DateTimeField';
import { ROLE_CHOICES, STATUS_CHOICES, staffStatusLabel } from './roleChoices';
import { RolesField } from './RolesField';

const staffFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search name or email" />,
  <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn />,
  <SelectInput key="role" source="role" label="Role" choices={ROLE_CHOICES} alwaysOn />,
];

function StaffEmpty() {
  return (
    <Box textAlign="center" m={4}>
      <Typography variant="h6" component="p" gutterBottom>
        No staff members yet
      </Typography>
      <CreateButton label="Add a staff member" />
    </Box>
  );
}

const NO_MATCH = <Typography p={2}>No staff member matches these filters.</Typography>;

/** On a phone, one staff member per line (name, email, roles) instead of a wide table. */
function StaffSimpleList() {
  return (
    <SimpleList<TStaff>
      rowClick="edit"
      primaryText={(staff) => staff.name}
      secondaryText={(staff) => `${staff.email} · ${staff.roles.map((role) => ROLE_LABELS[role] ?? role).join(', ')}`}
      tertiaryText={(staff) => staffStatusLabel(staff.status)}
      empty={NO_MATCH}
    />
  );
}

export default function StaffList() {
  const phone = usePhoneLayout();
  return (
    <>
      <PageHeading>Staff</PageHeading>
      <List title="Staff" filters={staffFilters} sort={{ field: 'name', order: 'ASC' }} perPage={25} empty={<StaffEmpty />}>
        {phone ? <StaffSimpleList /> : <StaffDatagrid />}
      </List>
    </>
  );
}

function StaffDatagrid() {
  return (
    <Datagrid rowClick="edit" bulkActionButtons={false} empty={NO_MATCH}>
      <FunctionField<TStaff> label="Name" render={(member) => <RecordLink to={`/staff/${encodeURIComponent(member.id)}`}>{member.name}</RecordLink>} />
      <TextField source="email" sx={{ overflowWrap: 'anywhere' }} />
      <RolesField label="Roles" />
      <FunctionField<TStaff> label="Status" render={(member) => staffStatusLabel(member.status)} />
      {/* Words, not a tick or a cross: an admin scanning for members without it reads "Not set up". */}
      <FunctionField<TStaff> label="Two-factor" sortable={false} render={(member) => (member.totpEnrolled ? 'Set up' : 'Not set up')} />
      <DateTimeField source="lastLoginAt" label="Last sign-in" emptyText="Never" />
    </Datagrid>
  );
}
