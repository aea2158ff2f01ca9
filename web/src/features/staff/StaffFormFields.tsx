import { ZCreateStaffRequestSchema } from '@opsdesk/shared';
import { Box } from '@mui/material';
import { FormDataConsumer, PasswordInput, TextInput, type TextInputProps } from 'react-admin';
import type { z } from 'zod';
import { checkText } from '../../app/textCheck';

/**
 * The staff form's text fields, each checked as it is typed against the shared schema
 * staff.create / staff.update apply, with the problem in words and a character counter.
 * Forms using them set `mode="onChange"` so react-hook-form validates on each keystroke.
 */
const fields = ZCreateStaffRequestSchema.shape;

/** A react-admin field validator from a shared text schema. */
export function textValidator(schema: z.ZodType, requiredMessage: string) {
  return (value: unknown) => checkText(typeof value === 'string' ? value : '', schema, { requiredMessage }).error ?? undefined;
}

/** Roles are checkboxes: the shared list schema says when none is picked. */
export function validateRoles(value: unknown) {
  const parsed = fields.roles.safeParse(value ?? []);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

type CountedProps = Omit<TextInputProps, 'validate' | 'helperText'> & { schema: z.ZodType; requiredMessage: string; hint?: string; password?: boolean };

/** The hint on the left, "12 / 200 characters" on the right; the problem replaces the hint. */
function CountedTextInput({ schema, requiredMessage, hint, password, ...props }: CountedProps) {
  const validate = textValidator(schema, requiredMessage);
  const Input = password ? PasswordInput : TextInput;
  return (
    <FormDataConsumer>
      {({ formData }) => {
        const value = (formData as Record<string, unknown>)[props.source];
        const { counter } = checkText(typeof value === 'string' ? value : '', schema);
        const helperText = (
          <Box component="span" sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
            <span>{hint ?? ' '}</span>
            {counter && <span>{counter}</span>}
          </Box>
        );
        return <Input {...props} validate={validate} helperText={helperText} fullWidth />;
      }}
    </FormDataConsumer>
  );
}

export function StaffEmailInput() {
  return <CountedTextInput source="email" type="email" autoComplete="off" schema={fields.email} requiredMessage="Enter their email address." />;
}

export function StaffNameInput() {
  return <CountedTextInput source="name" schema={fields.name} requiredMessage="Enter a name." />;
}

export function StaffPasswordInput() {
  return (
    <CountedTextInput
      source="password"
      label="Initial password"
      autoComplete="new-password"
      password
      schema={fields.password}
      requiredMessage="Choose an initial password."
      hint="Share it securely; they should change it after first sign-in."
    />
  );
}
