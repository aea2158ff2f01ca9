import { ROLE_LABELS, ROLES, STAFF_STATUSES } from '@opsdesk/shared';

/** Choices for role and status inputs, labelled from the shared table. */
export const ROLE_CHOICES = ROLES.map((role) => ({ id: role, name: ROLE_LABELS[role] }));
export const STATUS_CHOICES = STAFF_STATUSES.map((status) => ({ id: status, name: status === 'active' ? 'Active' : 'Disabled' }));
