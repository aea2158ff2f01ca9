import type { TPrivacyMaskStrategy } from '@opsdesk/shared';

/**
 * Types of the data map (docs/gdpr.md "The data map"): every column of `app` and `billing`,
 * and of every `ops` table that can hold personal data, classified, with each table's
 * erasure strategy and the columns that link its rows to a data subject. Edit the map
 * files (dataMap.app.ts, dataMap.billing.ts, dataMap.ops.ts) when a column is added;
 * dataMap.completeness.test.ts fails until you do.
 */

export const DATA_CATEGORIES = ['contact', 'identifier', 'content', 'financial', 'technical', 'behavioural', 'moderation', 'none'] as const;
export type TDataCategory = (typeof DATA_CATEGORIES)[number];

/** How a masked column is rewritten (the shared PRIVACY_MASK_STRATEGIES, with their parameters). */
export type TMaskSpec =
  | { strategy: 'null' }
  /** A fixed value (e.g. 'Erased user'); a null stays null. */
  | { strategy: 'placeholder'; value: string }
  /**
   * HMAC-SHA256 under PRIVACY_MASKING_KEY, computed in Node: `kh_<32 hex>`, or
   * `erased-<32 hex>@invalid` for email columns, so joins and counts survive. Text columns only.
   */
  | { strategy: 'keyed_hash'; format?: 'email' }
  | { strategy: 'truncate_to_month' }
  /**
   * The JSON emptied: `{}`, or only the listed non-personal paths kept (dotted, e.g.
   * `data.object.customer`), so readers of the kept keys still work.
   */
  | { strategy: 'empty_json'; keep?: readonly string[] }
  /** ops.audit_log only: the values are sealed under a per-subject key that the erasure destroys (features/audit). */
  | { strategy: 'crypto_shred' };

export interface TColumnSpec {
  category: TDataCategory;
  /** Set on masked columns (tables whose action is mask or keep). */
  mask?: TMaskSpec;
}

/** The subject's own values (ErasureSubject). */
export type TSubjectValue = 'userId' | 'customerIds' | 'emails' | 'requestIds';

/**
 * How a row belongs to the subject: a column (or, with `expression`, an SQL expression
 * over the row) equal to one of the subject's values, or to a column of another table's
 * rows that belong to them (e.g. reports on their content). `when` narrows it with a
 * fixed SQL condition; `asText` compares as text (ops stores product ids as text).
 */
export interface TSubjectLink {
  column: string;
  expression?: boolean;
  matches: TSubjectValue | { table: string; column: string; link: TSubjectLink };
  when?: string;
  asText?: boolean;
  /**
   * An index serves `column` (partial on exactly `when`): another table's values are sent
   * as one array, `= any(array(select …))`, which PostgreSQL looks up in that index even
   * inside the OR of the table's links, where `in (select …)` is a filter on every row the
   * rest lets through. For a subject's few values (their charges), not a large set.
   */
  indexed?: boolean;
}

export type TErasureAction =
  | { action: 'delete' }
  | { action: 'mask' }
  /** Kept under a legal basis for a retention period, with the masked columns' personal values removed. */
  | { action: 'keep'; basis: string; retention: string | ((settings: DataMapSettings) => string) }
  /** Holds personal data that no product subject links to (e.g. staff accounts); never in a plan. */
  | { action: 'not_linked'; reason: string };

export interface TDataMapTable {
  /** `schema.table`. */
  table: string;
  /** What a row is, in words. */
  description: string;
  /** Columns of a unique key: the export pages by them and batches follow them. */
  key: readonly string[];
  /** A product table the company may not have (docs/product-schema.md): skipped when absent. */
  optional?: boolean;
  links: readonly TSubjectLink[];
  erasure: TErasureAction;
  columns: Readonly<Record<string, TColumnSpec>>;
}

/** The company's settings the map's retention periods depend on (from config). */
export interface DataMapSettings {
  invoiceRetentionYears: number;
}

/** Who is erased or exported: the product user, their Stripe customers, their emails and their privacy requests. */
export interface ErasureSubject {
  userId: string | null;
  customerIds: string[];
  emails: string[];
  requestIds: string[];
}

/** The key of the keyed hash (maskingKeyFromConfig); kept out of SQL text. */
export interface MaskingKey {
  readonly bytes: Buffer;
}

export type { TPrivacyMaskStrategy };
