import { ROLE_LABELS, ROLES, STAFF_STATUSES, type TStaff } from '@opsdesk/shared';

/** Choices for role and status inputs, labelled from the shared table. */
export const ROLE_CHOICES = ROLES.map((role) => ({ id: role, name: ROLE_LABELS[role] }));
export const STATUS_CHOICES = STAFF_STATUSES.map((status) => ({ id: status, name: status === 'active' ? 'Active' : 'Disabled' }));

/** "Active" / "Disabled": how every staff page writes a member's status (never the stored word). */
export const staffStatusLabel = (status: TStaff['status']) => STATUS_CHOICES.find((choice) => choice.id === status)?.name ?? status;
