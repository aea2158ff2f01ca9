import { z } from 'zod';
import { safeText } from '../text/safeText.js';

/**
 * The EU DSA Transparency Database's statement-of-reasons fields and enumerations, written
 * down from its documentation so a stored statement validates against them.
 * Source: https://transparency.dsa.ec.europa.eu/page/api-documentation and the database's
 * own model (github.com/digital-services-act/transparency-database, app/Models/Statement.php:
 * DECISION_VISIBILITIES, DECISION_MONETARIES, DECISION_PROVISIONS, DECISION_ACCOUNTS,
 * DECISION_GROUNDS, STATEMENT_CATEGORIES, CONTENT_TYPES, SOURCE_TYPES). The API takes the
 * keys (e.g. `DECISION_VISIBILITY_CONTENT_REMOVED`), not the labels.
 */
export const DSA_DECISION_VISIBILITIES = ['DECISION_VISIBILITY_CONTENT_REMOVED', 'DECISION_VISIBILITY_CONTENT_DISABLED', 'DECISION_VISIBILITY_CONTENT_DEMOTED', 'DECISION_VISIBILITY_OTHER'] as const;
export const DSA_DECISION_MONETARIES = ['DECISION_MONETARY_SUSPENSION', 'DECISION_MONETARY_TERMINATION', 'DECISION_MONETARY_OTHER'] as const;
export const DSA_DECISION_PROVISIONS = ['DECISION_PROVISION_PARTIAL_SUSPENSION', 'DECISION_PROVISION_TOTAL_SUSPENSION', 'DECISION_PROVISION_PARTIAL_TERMINATION', 'DECISION_PROVISION_TOTAL_TERMINATION'] as const;
export const DSA_DECISION_ACCOUNTS = ['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'] as const;
export const DSA_DECISION_GROUNDS = ['DECISION_GROUND_ILLEGAL_CONTENT', 'DECISION_GROUND_INCOMPATIBLE_CONTENT'] as const;
export const DSA_CATEGORIES = [
  'STATEMENT_CATEGORY_ANIMAL_WELFARE',
  'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR',
  'STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT',
  'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  'STATEMENT_CATEGORY_SELF_HARM',
  'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
  'STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS_OR_SERVICES',
  'STATEMENT_CATEGORY_VIOLENCE',
] as const;
export const DSA_CONTENT_TYPES = ['CONTENT_TYPE_APP', 'CONTENT_TYPE_AUDIO', 'CONTENT_TYPE_IMAGE', 'CONTENT_TYPE_PRODUCT', 'CONTENT_TYPE_SYNTHETIC_MEDIA', 'CONTENT_TYPE_TEXT', 'CONTENT_TYPE_VIDEO', 'CONTENT_TYPE_OTHER'] as const;
export const DSA_SOURCE_TYPES = ['SOURCE_ARTICLE_16', 'SOURCE_TRUSTED_FLAGGER', 'SOURCE_VOLUNTARY'] as const;
export const DSA_YES_NO = ['Yes', 'No'] as const;
/** Territorial scope: ISO 3166-1 alpha-2 codes of the EU and EEA member states (the database accepts these). */
export const DSA_EEA_COUNTRIES = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IS', 'IT', 'LI', 'LT', 'LU', 'LV', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'] as const;

export type TDsaCategory = (typeof DSA_CATEGORIES)[number];
export type TDsaDecisionGround = (typeof DSA_DECISION_GROUNDS)[number];

const ZDsaDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const ZDsaText = (max: number) => safeText({ max, multiline: true });

/**
 * One statement of reasons as stored and later exported. At least one of the four
 * restrictions (visibility, monetary, provision, account) is set; the ground's own
 * fields follow the ground (illegal: legal ground + explanation; incompatible:
 * contractual ground + explanation + whether it is also illegal).
 */
export const ZDsaStatementSchema = z
  .strictObject({
    decision_visibility: z.array(z.enum(DSA_DECISION_VISIBILITIES)).max(4).optional(),
    decision_visibility_other: ZDsaText(500).optional(),
    decision_monetary: z.enum(DSA_DECISION_MONETARIES).optional(),
    decision_provision: z.enum(DSA_DECISION_PROVISIONS).optional(),
    decision_account: z.enum(DSA_DECISION_ACCOUNTS).optional(),
    decision_ground: z.enum(DSA_DECISION_GROUNDS),
    illegal_content_legal_ground: ZDsaText(500).optional(),
    illegal_content_explanation: ZDsaText(2000).optional(),
    incompatible_content_ground: ZDsaText(500).optional(),
    incompatible_content_explanation: ZDsaText(2000).optional(),
    incompatible_content_illegal: z.enum(DSA_YES_NO).optional(),
    category: z.enum(DSA_CATEGORIES),
    content_type: z.array(z.enum(DSA_CONTENT_TYPES)).min(1).max(8),
    content_date: ZDsaDate,
    application_date: ZDsaDate,
    end_date: ZDsaDate.nullable(),
    decision_facts: ZDsaText(5000).refine((text) => text.length > 0, 'the facts and circumstances are required'),
    source_type: z.enum(DSA_SOURCE_TYPES),
    automated_detection: z.enum(DSA_YES_NO),
    automated_decision: z.enum(['AUTOMATED_DECISION_FULLY', 'AUTOMATED_DECISION_PARTIALLY', 'AUTOMATED_DECISION_NOT_AUTOMATED']),
    territorial_scope: z.array(z.enum(DSA_EEA_COUNTRIES)).min(1).max(DSA_EEA_COUNTRIES.length),
    puid: z.string().min(1).max(500),
  })
  .refine((s) => Boolean(s.decision_visibility?.length || s.decision_monetary || s.decision_provision || s.decision_account), 'a statement names at least one restriction')
  .refine((s) => (s.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT' ? Boolean(s.illegal_content_legal_ground && s.illegal_content_explanation) : Boolean(s.incompatible_content_ground && s.incompatible_content_explanation)), 'the ground needs its legal or contractual reference and an explanation')
  .refine((s) => !s.decision_visibility?.includes('DECISION_VISIBILITY_OTHER') || Boolean(s.decision_visibility_other), 'an "other" restriction needs its description');
export type TDsaStatement = z.infer<typeof ZDsaStatementSchema>;
