import type { TStaff } from '@opsdesk/shared';
import { CheckboxGroupInput, Edit, FunctionField, Labeled, SimpleForm, TextField, useNotify, useRedirect } from 'react-admin';
import { Stack } from '@mui/material';
import { PageHeading } from '../../app/PageHeading';
import { DateTimeField } from '../../app/DateTimeField';
import { ROLE_CHOICES, staffStatusLabel } from './roleChoices';
import { StaffActions } from './StaffActions';
import { StaffNameInput, validateRoles } from './StaffFormFields';

function StaffFacts() {
  return (
    <Stack direction="row" spacing={4} flexWrap="wrap" useFlexGap mb={2}>
      <Labeled label="Email">
        <TextField source="email" />
      </Labeled>
      <Labeled label="Status">
        <FunctionField<TStaff> render={(member) => staffStatusLabel(member.status)} />
      </Labeled>
      <Labeled label="Created">
        <DateTimeField source="createdAt" />
      </Labeled>
      <Labeled label="Last sign-in">
        <DateTimeField source="lastLoginAt" emptyText="Never" />
      </Labeled>
    </Stack>
  );
}

export default function StaffEdit() {
  const notify = useNotify();
  const redirect = useRedirect();
  // Says whose record changed, instead of react-admin's "Element updated".
  const onSuccess = (staff: TStaff) => {
    notify(`Saved the name and roles of ${staff.email}.`, { type: 'success' });
    redirect('list', 'staff');
  };
  return (
    <>
      <PageHeading>Edit staff member</PageHeading>
      <Edit title="Edit staff member" actions={<StaffActions />} mutationMode="pessimistic" mutationOptions={{ onSuccess }}>
        {/* Checked on every change; the id travels in the URL, not the form. */}
        <SimpleForm mode="onChange">
          <StaffFacts />
          <StaffNameInput />
          <CheckboxGroupInput source="roles" choices={ROLE_CHOICES} validate={validateRoles} />
        </SimpleForm>
      </Edit>
    </>
  );
}
