import type { TRevenueExportDataset } from '@opsdesk/shared';
import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useCanAccess } from 'react-admin';
import { revenueExportUrl } from './revenueExport';
import type { RevenueDrill, RevenueView } from './revenueView';

/**
 * "Export CSV" for one chart or drill-down list: the server streams it and audits who took
 * it. Its name starts with what it shows ("Export CSV of the cohorts"), so a voice
 * command naming the visible words finds it, and a screen reader hears which chart.
 */
export function RevenueExportButton({ dataset, view, drill, what }: { dataset: TRevenueExportDataset; view: RevenueView; drill?: RevenueDrill; what: string }) {
  const { canAccess } = useCanAccess({ resource: 'revenue', action: 'export' });
  if (!canAccess) return null;
  return (
    <Button size="small" startIcon={<DownloadIcon />} href={revenueExportUrl(dataset, view, drill)} download aria-label={`Export CSV of ${what}`}>
      Export CSV
    </Button>
  );
}
