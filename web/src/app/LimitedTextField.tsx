import { Box, TextField, type TextFieldProps } from '@mui/material';
import type { TextCheck } from './textCheck';

/**
 * A text field with its character counter and its problem in words, both updated as
 * people type. `showError` lets a form hold back "required" until the first submit
 * while a value that is too long says so at once.
 */
export type LimitedTextFieldProps = Omit<TextFieldProps, 'error' | 'helperText'> & {
  check: TextCheck;
  showError: boolean;
  hint?: string;
};

export function LimitedTextField({ check, showError, hint, ...props }: LimitedTextFieldProps) {
  const problem = showError ? check.error : null;
  return (
    <TextField
      {...props}
      error={problem !== null}
      helperText={
        <Box component="span" sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
          <span>{problem ?? hint ?? ' '}</span>
          {check.counter && <span>{check.counter}</span>}
        </Box>
      }
    />
  );
}
