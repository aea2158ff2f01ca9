import { ROLE_LABELS, type Role } from '@opsdesk/shared';

const conjunction = new Intl.ListFormat('en-GB', { type: 'conjunction' });

/** Roles as a sentence reads them: [oncall, admin] → "On-call and Admin". */
export const roleListText = (roles: readonly Role[]): string => conjunction.format(roles.map((role) => ROLE_LABELS[role] ?? role));
