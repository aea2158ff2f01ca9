import { FLAG_STALE_AFTER_DAYS, type FlagType } from '@opsdesk/shared/flags/flagsApi.schemas';
import { DAY_MS } from './flagText';

/** The server's stale rule (FLAG_STALE_AFTER_DAYS) for one flag, for pages that read a single flag. */
export function isStaleFlag(flag: { type: string; updatedAt: string | Date; archivedAt?: string | Date | null }, now: Date = new Date()): boolean {
  const days = FLAG_STALE_AFTER_DAYS[flag.type as FlagType];
  if (days === null || days === undefined || flag.archivedAt) return false;
  return now.getTime() - new Date(flag.updatedAt).getTime() > days * DAY_MS;
}
