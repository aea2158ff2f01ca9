import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useCanAccess, useListContext } from 'react-admin';
import { exportUrl } from './customerListFilter';

/** CSV of every customer matching the current filters, streamed by the server (no row cap). */
export function CustomerExportButton() {
  const { filterValues } = useListContext();
  const { canAccess } = useCanAccess({ resource: 'customers', action: 'export' });
  if (!canAccess) return null;
  return (
    <Button size="small" startIcon={<DownloadIcon />} href={exportUrl(filterValues)} download>
      Export CSV
    </Button>
  );
}
