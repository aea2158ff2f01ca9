import type { TStaff } from '@opsdesk/shared';
import { CheckboxGroupInput, Create, SimpleForm, useNotify, useRedirect } from 'react-admin';
import { PageHeading } from '../../app/PageHeading';
import { ROLE_CHOICES } from './roleChoices';
import { StaffEmailInput, StaffNameInput, StaffPasswordInput, validateRoles } from './StaffFormFields';

// Checked on every change, in the shared schema's words, before anything is submitted.
export default function StaffCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  // Says who was added, instead of react-admin's "Element created".
  const onSuccess = (staff: TStaff) => {
    notify(`Staff member ${staff.email} added. They can sign in with the initial password.`, { type: 'success' });
    redirect('list', 'staff');
  };
  return (
    <>
      <PageHeading>Add a staff member</PageHeading>
      <Create title="Add a staff member" mutationOptions={{ onSuccess }}>
        <SimpleForm mode="onChange" defaultValues={{ roles: [] }}>
          <StaffEmailInput />
          <StaffNameInput />
          <CheckboxGroupInput source="roles" choices={ROLE_CHOICES} validate={validateRoles} />
          <StaffPasswordInput />
        </SimpleForm>
      </Create>
    </>
  );
}
