import { Typography } from '@mui/material';
import { useFieldValue, type FieldProps } from 'react-admin';
import { formatDate, formatDateTime } from './formatDateTime';

/**
 * react-admin's DateField writes in the browser's locale ("12/4/2026, 4:53:12 PM" on one
 * desk, "04/12/2026" on another); this field writes what every other page of the console
 * writes (formatDateTime.ts), on one line.
 */
export function DateTimeField({ dateOnly = false, emptyText = '—', ...props }: FieldProps & { dateOnly?: boolean; emptyText?: string }) {
  const value = useFieldValue(props) as string | null | undefined;
  // On one line: in a table column "6 Dec 2026, 04:53" broken over two lines doubled every row's height.
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {value ? (dateOnly ? formatDate(value) : formatDateTime(value)) : emptyText}
    </Typography>
  );
}
