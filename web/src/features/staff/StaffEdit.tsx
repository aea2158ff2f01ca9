import { ZUpdateStaffRequestSchema } from '@opsdesk/shared';
import { CheckboxGroupInput, DateField, Edit, Labeled, SimpleForm, TextField, TextInput } from 'react-admin';
import { Stack } from '@mui/material';
import { zodValidate } from '../../app/zodValidate';
import { ROLE_CHOICES } from './roleChoices';
import { StaffActions } from './StaffActions';

// The id travels in the URL, not the form; validate the editable fields only.
const validateStaff = zodValidate(ZUpdateStaffRequestSchema.omit({ id: true }), ({ name, roles }) => ({ name, roles }));

function StaffFacts() {
  return (
    <Stack direction="row" spacing={4} flexWrap="wrap" useFlexGap mb={2}>
      <Labeled label="Email">
        <TextField source="email" />
      </Labeled>
      <Labeled label="Status">
        <TextField source="status" />
      </Labeled>
      <Labeled label="Created">
        <DateField source="createdAt" showTime />
      </Labeled>
      <Labeled label="Last sign-in">
        <DateField source="lastLoginAt" showTime emptyText="Never" />
      </Labeled>
    </Stack>
  );
}

export default function StaffEdit() {
  return (
    <Edit title="Edit staff member" actions={<StaffActions />} mutationMode="pessimistic">
      <SimpleForm validate={validateStaff}>
        <StaffFacts />
        <TextInput source="name" fullWidth />
        <CheckboxGroupInput source="roles" choices={ROLE_CHOICES} />
      </SimpleForm>
    </Edit>
  );
}
