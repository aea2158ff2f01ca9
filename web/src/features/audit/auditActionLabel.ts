/** Moved to shared (the server's customer timeline words audit actions the same way). */
export { auditActionLabel } from '@opsdesk/shared';
