import type { JobKind } from '../../jobs/jobKind.js';
import type { AppDeps } from '../../../trpc/context.js';

/** Export job kinds (helper D fills this in). */
export function createExportJobKinds(_deps: AppDeps): JobKind<any>[] {
  return [];
}
