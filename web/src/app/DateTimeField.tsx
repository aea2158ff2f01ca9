import { Typography } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';
import { formatDate, formatDateTime } from './formatDateTime';

/**
 * react-admin's DateField writes in the browser's locale ("12/4/2026, 4:53:12 PM" on one
 * desk, "04/12/2026" on another); this field writes what every other page of the console
 * writes (formatDateTime.ts).
 */
export function DateTimeField({ dateOnly = false, emptyText = '—', ...props }: FieldProps & { dateOnly?: boolean; emptyText?: string }) {
  const value = useFieldValue(props) as string | null | undefined;
  return (
    <Typography component="span" variant="body2">
      {value ? (dateOnly ? formatDate(value) : formatDateTime(value)) : emptyText}
    </Typography>
  );
}
