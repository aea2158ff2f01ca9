import type { JobKind } from '../../jobs/jobKind.js';
import type { AppDeps } from '../../../trpc/context.js';

/** Erasure job kinds (helper E fills this in). */
export function createErasureJobKinds(_deps: AppDeps): JobKind<any>[] {
  return [];
}
