import { ZCreateStaffRequestSchema } from '@opsdesk/shared';
import { CheckboxGroupInput, Create, PasswordInput, SimpleForm, TextInput } from 'react-admin';
import { zodValidate } from '../../app/zodValidate';
import { ROLE_CHOICES } from './roleChoices';

const validateStaff = zodValidate(ZCreateStaffRequestSchema);

export default function StaffCreate() {
  return (
    <Create title="Add a staff member" redirect="list">
      <SimpleForm validate={validateStaff} defaultValues={{ roles: [] }}>
        <TextInput source="email" type="email" autoComplete="off" fullWidth />
        <TextInput source="name" fullWidth />
        <CheckboxGroupInput source="roles" choices={ROLE_CHOICES} />
        <PasswordInput
          source="password"
          label="Initial password"
          autoComplete="new-password"
          helperText="At least 12 characters. Share it securely; they should change it after first sign-in."
          fullWidth
        />
      </SimpleForm>
    </Create>
  );
}
