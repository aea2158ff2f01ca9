import type { JobKind } from '../../jobs/jobKind.js';
import type { AppDeps } from '../../../trpc/context.js';
import { privacyExportJob } from './privacyExport.job.js';

/**
 * The export's kinds that need the app's services (the export reaches Stripe). The
 * hourly expiry needs only the database: it is a built-in kind (exportExpiry.job.ts).
 */
export function createExportJobKinds(deps: AppDeps): JobKind<any>[] {
  return [privacyExportJob(deps)];
}
