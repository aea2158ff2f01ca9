import type { AnyRunbookAction } from '../runbookAction.js';
import { takeBackupAction } from './backup.take.js';
import { verifyLatestBackupAction } from './backup.verifyLatest.js';

/** Backups: take one now, verify the latest restores (docs/runbook.md). */
export const backupActions: AnyRunbookAction[] = [takeBackupAction, verifyLatestBackupAction];
