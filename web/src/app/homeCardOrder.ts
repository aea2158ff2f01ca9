import { hasPermission, type Role } from '@opsdesk/shared';
import type { HomeCardDefinition } from './homeCards';

/**
 * The cards a staff member sees, in the order they read them: first the cards that lead
 * for one of their roles (finance's MRR, on-call's alerts, a moderator's queue), then
 * the ones every role shares (recent customers, the lookup hint); each group by `order`.
 * Without this, a card every role gets (low `order`, written first) pushed each role's own
 * work below the fold.
 */
export function homeCardsFor(roles: readonly Role[], cards: readonly HomeCardDefinition[]): HomeCardDefinition[] {
  const leads = (card: HomeCardDefinition) => card.leadsFor?.some((role) => roles.includes(role)) ?? false;
  return cards.filter((card) => hasPermission(roles, card.permission)).sort((a, b) => Number(leads(b)) - Number(leads(a)) || a.order - b.order);
}
