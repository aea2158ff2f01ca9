import { Alert, Skeleton } from '@mui/material';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../app/trpcErrors';
import { sloFormValuesOf } from './sloForm';
import { SloFormPage } from './SloFormPage';
import { sloTitle } from './sloText';
import { useSlo } from './useSlos';

/** The form opens on the SLO as stored; a change made meanwhile by someone else is not merged (the audit log shows both). */
export default function SloEdit() {
  const { id = '' } = useParams();
  const slo = useSlo(id);
  if (slo.isPending) return <Skeleton variant="rounded" height={320} role="status" aria-label="Loading the SLO" sx={{ mt: 2 }} />;
  if (slo.error) return <Alert severity="error" sx={{ mt: 2 }}>{errorMessage(slo.error)}</Alert>;
  return <SloFormPage key={slo.data.id} id={slo.data.id} initial={sloFormValuesOf(slo.data)} title={`Edit SLO ${sloTitle(slo.data)}`} />;
}
