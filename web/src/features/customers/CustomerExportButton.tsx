import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useCanAccess, useListContext } from 'react-admin';
import { exportUrl } from './customerListFilter';
import { toSort } from './customersDataHandler';

/** CSV of every customer matching the current filters, in the list's order, streamed by the server (no row cap). */
export function CustomerExportButton() {
  const { filterValues, sort } = useListContext();
  const { canAccess } = useCanAccess({ resource: 'customers', action: 'export' });
  if (!canAccess) return null;
  return (
    <Button size="small" startIcon={<DownloadIcon />} href={exportUrl(filterValues, toSort(sort))} download>
      Export CSV
    </Button>
  );
}
