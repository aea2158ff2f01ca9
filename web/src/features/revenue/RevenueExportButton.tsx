import type { TRevenueExportDataset } from '@opsdesk/shared';
import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { revenueExportUrl } from './revenueExport';
import type { RevenueDrill, RevenueView } from './revenueView';

/** "Export CSV" for one chart or drill-down list: the server streams it and audits who took it. */
export function RevenueExportButton({ dataset, view, drill, what }: { dataset: TRevenueExportDataset; view: RevenueView; drill?: RevenueDrill; what: string }) {
  const { canAccess } = useCanAccess({ resource: 'revenue', action: 'export' });
  if (!canAccess) return null;
  return (
    <Button size="small" startIcon={<DownloadIcon />} href={revenueExportUrl(dataset, view, drill)} download aria-label={`Export ${what} as CSV`}>
      Export CSV
    </Button>
  );
}
