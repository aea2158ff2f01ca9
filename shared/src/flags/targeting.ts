import { z } from 'zod';
import { FLAG_OPERATORS, ZFlagName, type FlagConstraint, type FlagContext } from './flags.schemas.js';

/**
 * Opsdesk's targeting (users, workspaces, plans, subscription statuses, countries, signup
 * dates, any attribute) resolved into ordinary Unleash constraints on context fields, so
 * a ruleset stays pure Unleash and every Unleash SDK evaluates it the same way.
 *
 * The product sends these fields (`userId` at the top of the context, the rest in
 * `properties`); `flagContextForAccount` builds that context from an account, so the
 * impact preview and the product describe a user identically.
 */
export const FLAG_CONTEXT_FIELDS = {
  user: 'userId',
  workspace: 'workspaceId',
  plan: 'plan',
  subscriptionStatus: 'subscriptionStatus',
  country: 'country',
  /** The signup day as the number YYYYMMDD (UTC), e.g. 20261130: compared with `NUM_*`. */
  signupDate: 'signupDate',
} as const;

/** Stripe's subscription statuses, plus `none` for an account without a subscription. */
export const FLAG_SUBSCRIPTION_STATUSES = ['none', 'trialing', 'active', 'past_due', 'unpaid', 'canceled', 'incomplete', 'incomplete_expired', 'paused'] as const;

const MAX_TARGETS = 1_000;
const ZTargetId = z.string().min(1).max(255).regex(/^[\w.:@+-]+$/, 'letters, digits and . _ : @ + - only');
const ZIsoDay = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

export const ZFlagAttributeRuleSchema = z.strictObject({
  name: ZFlagName,
  operator: z.enum(FLAG_OPERATORS),
  values: z.array(z.string().max(1_000)).max(MAX_TARGETS).optional(),
  value: z.string().max(1_000).optional(),
  inverted: z.boolean().optional(),
  caseInsensitive: z.boolean().optional(),
});

export const ZFlagTargetingSchema = z
  .strictObject({
    users: z.array(ZTargetId).min(1).max(MAX_TARGETS).optional(),
    workspaces: z.array(ZTargetId).min(1).max(MAX_TARGETS).optional(),
    plans: z.array(ZTargetId).min(1).max(100).optional(),
    subscriptionStatuses: z.array(z.enum(FLAG_SUBSCRIPTION_STATUSES)).min(1).optional(),
    countries: z.array(z.string().regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code')).min(1).max(300).optional(),
    /** Inclusive UTC days. */
    signupDate: z.strictObject({ from: ZIsoDay.optional(), to: ZIsoDay.optional() }).optional(),
    attributes: z.array(ZFlagAttributeRuleSchema).max(50).optional(),
  })
  .refine((t) => !t.signupDate?.from || !t.signupDate.to || t.signupDate.from <= t.signupDate.to, {
    path: ['signupDate'],
    message: 'the first signup day must not be after the last',
  });
export type TFlagTargeting = z.infer<typeof ZFlagTargetingSchema>;

/** `2026-11-30` or a Date → `20261130` (the UTC day). */
export function signupDateValue(date: Date | string): number {
  const iso = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : new Date(date).toISOString().slice(0, 10);
  return Number(iso.replaceAll('-', ''));
}

const inList = (contextName: string, values: readonly string[]): FlagConstraint => ({ contextName, operator: 'IN', values: [...values] });

/**
 * The constraints that together say "this targeting matches" (all must hold; each list
 * matches any of its values). Nothing set: no constraints, i.e. everyone.
 */
export function targetingToConstraints(targeting: TFlagTargeting): FlagConstraint[] {
  const f = FLAG_CONTEXT_FIELDS;
  const constraints: FlagConstraint[] = [];
  if (targeting.users) constraints.push(inList(f.user, targeting.users));
  if (targeting.workspaces) constraints.push(inList(f.workspace, targeting.workspaces));
  if (targeting.plans) constraints.push(inList(f.plan, targeting.plans));
  if (targeting.subscriptionStatuses) constraints.push(inList(f.subscriptionStatus, targeting.subscriptionStatuses));
  if (targeting.countries) constraints.push(inList(f.country, targeting.countries.map((code) => code.toUpperCase())));
  // Not DATE_*: unleash-client's DATE operators only ever compare the current time.
  const { from, to } = targeting.signupDate ?? {};
  if (from) constraints.push({ contextName: f.signupDate, operator: 'NUM_GTE', value: String(signupDateValue(from)) });
  if (to) constraints.push({ contextName: f.signupDate, operator: 'NUM_LTE', value: String(signupDateValue(to)) });
  for (const rule of targeting.attributes ?? []) {
    constraints.push({
      contextName: rule.name,
      operator: rule.operator,
      ...(rule.values ? { values: rule.values } : {}),
      ...(rule.value !== undefined ? { value: rule.value } : {}),
      ...(rule.inverted ? { inverted: true } : {}),
      ...(rule.caseInsensitive ? { caseInsensitive: true } : {}),
    });
  }
  return constraints;
}

export interface FlagAccount {
  userId: string;
  workspaceId?: string | null;
  plan?: string | null;
  subscriptionStatus?: (typeof FLAG_SUBSCRIPTION_STATUSES)[number] | null;
  country?: string | null;
  signedUpAt?: Date | string | null;
  /** Anything else the product sends, by context field name. */
  attributes?: Record<string, string | number | boolean | null>;
}

/** The context the product (and the impact preview) evaluates an account with. */
export function flagContextForAccount(account: FlagAccount): FlagContext {
  const f = FLAG_CONTEXT_FIELDS;
  const properties: Record<string, string | number | boolean | null> = { ...account.attributes };
  if (account.workspaceId) properties[f.workspace] = account.workspaceId;
  if (account.plan) properties[f.plan] = account.plan;
  properties[f.subscriptionStatus] = account.subscriptionStatus ?? 'none';
  if (account.country) properties[f.country] = account.country.toUpperCase();
  if (account.signedUpAt) properties[f.signupDate] = signupDateValue(account.signedUpAt);
  return { userId: account.userId, properties };
}
