import { z } from 'zod';

// Parameter schemas of the backup runbook actions, shared by the server and the console's form.

/** `backup.take`: nothing to choose; the file goes to BACKUP_DIR under a timestamped name. */
export const ZBackupTakeParamsSchema = z.object({}).strict();
export type TBackupTakeParams = z.infer<typeof ZBackupTakeParamsSchema>;

/** `backup.verifyLatest`: always the newest dump in BACKUP_DIR (the one a restore would use). */
export const ZBackupVerifyLatestParamsSchema = z.object({}).strict();
export type TBackupVerifyLatestParams = z.infer<typeof ZBackupVerifyLatestParamsSchema>;
