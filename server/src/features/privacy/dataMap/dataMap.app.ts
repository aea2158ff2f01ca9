import { col, keyedHash, MONTH, NULL, placeholder } from './dataMap.columns.js';
import type { TDataMapTable, TSubjectLink } from './dataMap.types.js';

/**
 * The product's tables (`app`, docs/product-schema.md). A company that adds a column or a
 * table classifies it here (docs/product-schema.md, "Classifying your columns for GDPR").
 * Rows other rows point at (users, workspaces) are masked into tombstones; the rest of the
 * subject's rows are deleted.
 */

const OWN_CONTENT: TSubjectLink['matches'] = { table: 'app.content', column: 'id', link: { column: 'user_id', matches: 'userId' } };
const OWNED_WORKSPACES: TSubjectLink['matches'] = { table: 'app.workspaces', column: 'id', link: { column: 'owner_user_id', matches: 'userId' } };

export const APP_TABLES: readonly TDataMapTable[] = [
  {
    table: 'app.users',
    description: 'The product account: a tombstone stays because workspaces, content and reports point at it.',
    key: ['id'],
    links: [
      { column: 'id', matches: 'userId' },
      { column: 'lower(email)', expression: true, matches: 'emails' },
    ],
    erasure: { action: 'mask' },
    columns: {
      id: col('identifier'),
      email: col('contact', keyedHash('email')),
      name: col('contact', placeholder('Erased user')),
      status: col('none', placeholder('deleted')),
      suspended_until: col('moderation', NULL),
      country: col('contact', NULL),
      created_at: col('behavioural', MONTH),
      last_seen_at: col('behavioural', MONTH),
    },
  },
  {
    table: 'app.workspaces',
    description: 'Workspaces the subject owns: kept (members and content of others point at them), renamed.',
    key: ['id'],
    links: [{ column: 'owner_user_id', matches: 'userId' }],
    erasure: { action: 'mask' },
    columns: {
      id: col('identifier'),
      name: col('contact', placeholder('Erased workspace')),
      owner_user_id: col('identifier'),
      plan: col('financial'),
      // The Stripe customer's id: the invoices kept under the accounting basis still name it.
      stripe_customer_id: col('identifier'),
      created_at: col('behavioural', MONTH),
    },
  },
  {
    table: 'app.workspace_members',
    description: "The subject's memberships.",
    key: ['workspace_id', 'user_id'],
    links: [{ column: 'user_id', matches: 'userId' }],
    erasure: { action: 'delete' },
    columns: { workspace_id: col('identifier'), user_id: col('identifier'), role: col('behavioural'), joined_at: col('behavioural') },
  },
  {
    table: 'app.sessions',
    description: "The subject's sign-ins (IP address, browser).",
    key: ['id'],
    links: [{ column: 'user_id', matches: 'userId' }],
    erasure: { action: 'delete' },
    columns: {
      id: col('identifier'),
      user_id: col('identifier'),
      created_at: col('behavioural'),
      last_seen_at: col('behavioural'),
      expires_at: col('technical'),
      ip: col('technical'),
      user_agent: col('technical'),
    },
  },
  {
    table: 'app.content',
    description: 'What the subject posted.',
    key: ['id'],
    links: [{ column: 'user_id', matches: 'userId' }],
    erasure: { action: 'delete' },
    columns: {
      id: col('identifier'),
      user_id: col('identifier'),
      workspace_id: col('identifier'),
      kind: col('none'),
      title: col('content'),
      body: col('content'),
      status: col('moderation'),
      created_at: col('behavioural'),
    },
  },
  {
    table: 'app.content_reports',
    description: 'Reports the subject filed, and reports on their content (which goes with it).',
    key: ['id'],
    links: [
      { column: 'reporter_user_id', matches: 'userId' },
      { column: 'content_id', matches: OWN_CONTENT },
    ],
    erasure: { action: 'delete' },
    columns: {
      id: col('identifier'),
      content_id: col('identifier'),
      reporter_user_id: col('identifier'),
      reason_code: col('moderation'),
      details: col('content'),
      status: col('moderation'),
      created_at: col('behavioural'),
    },
  },
  {
    table: 'app.account_reports',
    description: 'Reports about the subject, and reports they filed about others.',
    key: ['id'],
    optional: true,
    links: [
      { column: 'reported_user_id', matches: 'userId' },
      { column: 'reporter_user_id', matches: 'userId' },
    ],
    erasure: { action: 'delete' },
    columns: {
      id: col('identifier'),
      reported_user_id: col('identifier'),
      reporter_user_id: col('identifier'),
      reason_code: col('moderation'),
      details: col('content'),
      status: col('moderation'),
      created_at: col('behavioural'),
    },
  },
  {
    table: 'app.moderation_appeals',
    description: 'Appeals the subject filed in the product (Opsdesk keeps its own copy in ops.moderation_appeals).',
    key: ['id'],
    optional: true,
    links: [{ column: 'appellant_user_id', matches: 'userId' }],
    erasure: { action: 'delete' },
    columns: {
      id: col('identifier'),
      decision_id: col('identifier'),
      appellant_user_id: col('identifier'),
      statement: col('content'),
      status: col('moderation'),
      created_at: col('behavioural'),
    },
  },
  {
    table: 'app.usage_events',
    description: "The subject's usage, and their workspaces' usage not tied to another member.",
    key: ['id'],
    links: [
      { column: 'user_id', matches: 'userId' },
      { column: 'workspace_id', matches: OWNED_WORKSPACES, when: 'user_id is null' },
    ],
    erasure: { action: 'delete' },
    columns: {
      id: col('identifier'),
      workspace_id: col('identifier'),
      user_id: col('identifier'),
      kind: col('behavioural'),
      quantity: col('behavioural'),
      occurred_at: col('behavioural'),
    },
  },
  {
    table: 'app.plan_limits',
    description: 'Limits per plan.',
    key: ['plan', 'metric'],
    links: [],
    erasure: { action: 'not_linked', reason: 'Plan configuration: about no person.' },
    columns: { plan: col('none'), metric: col('none'), limit: col('none') },
  },
];
