import type { Permission, Role } from '@opsdesk/shared';
import type { ComponentType } from 'react';
import { approvalsHomeCards } from '../features/approvals/approvalsHomeCards';
import { customersHomeCards } from '../features/customers/customersHomeCards';
import { flagsHomeCards } from '../features/flags/flagsHomeCards';
import { jobsHomeCards } from '../features/jobs/jobsHomeCards';
import { lookupHomeCards } from '../features/lookup/lookupHomeCards';
import { moderationHomeCards } from '../features/moderation/moderationHomeCards';
import { privacyHomeCards } from '../features/privacy/privacyHomeCards';
import { revenueHomeCards } from '../features/revenue/revenueHomeCards';
import { runbooksHomeCards } from '../features/runbooks/runbooksHomeCards';
import { sloHomeCards } from '../features/slo/sloHomeCards';

/**
 * The home page's cards. Edit this list when a feature gets cards of its own (MRR for
 * finance, the moderation queue, SLO burn for on-call, due GDPR requests): the feature
 * exports its definitions, each saying which permission of the shared table it serves,
 * and the home page shows the ones the signed-in staff member holds: those that lead for
 * one of their roles first, then the rest, each lowest order first (homeCardOrder.ts).
 */
export interface HomeCardDefinition {
  id: string;
  /** Who the card is for, as a row of the shared permission table (so roles never drift). */
  permission: Permission;
  order: number;
  /** The roles whose day starts with this card: for them it comes before the cards every role shares. */
  leadsFor?: readonly Role[];
  Card: ComponentType;
}

export const homeCards: HomeCardDefinition[] = [...approvalsHomeCards, ...customersHomeCards, ...lookupHomeCards, ...revenueHomeCards, ...jobsHomeCards, ...runbooksHomeCards, ...sloHomeCards, ...flagsHomeCards, ...moderationHomeCards, ...privacyHomeCards];
