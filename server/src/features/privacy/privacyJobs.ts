import type { JobKind } from '../jobs/jobKind.js';
import type { AppDeps } from '../../trpc/context.js';
import { createErasureJobKinds } from './erasure/erasureJobs.js';
import { createExportJobKinds } from './export/exportJobs.js';

/** The privacy feature's durable job kinds, built from the app's deps (the erasure reaches Stripe). */
export function createPrivacyJobKinds(deps: AppDeps): JobKind<any>[] {
  return [...createExportJobKinds(deps), ...createErasureJobKinds(deps)];
}
