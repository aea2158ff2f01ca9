import { hasControlCharacters, isWellFormedText } from '@opsdesk/shared';
import { isPoolExhausted, poolStats, type Db } from '../../../db/database.js';
import type { RunbookFact } from '../runbookAction.js';
import { countConnections } from './connections.queries.js';

export const CONNECTIONS_TARGET = 'postgres:backends';
export const CONNECTIONS_ENTRY = 'connection-pool-exhaustion';

/** Characters of query text shown: enough to recognise a query, not a wall of SQL. */
const QUERY_SHOWN = 160;
/** Quoted literals (strings, also one cut off by the truncation): values may be personal data or secrets. */
const STRING_LITERAL = /'(?:[^']|'')*(?:'|$)/g;
const DOLLAR_QUOTED = /\$([A-Za-z_]*)\$[\s\S]*?(?:\$\1\$|$)/g;

/**
 * Query text fit for the console and the audit log: string literals masked (an ad-hoc
 * `where email = '…'` names a customer), control characters and runs of whitespace made
 * single spaces, cut to a readable length. Parameterised queries (all of Opsdesk's) lose
 * nothing: their values are never in the text.
 */
export function safeQueryText(query: string | null): string | null {
  if (query === null) return null;
  const masked = query.replace(DOLLAR_QUOTED, () => '$$…$$').replace(STRING_LITERAL, () => "'…'");
  const flat = [...masked].map((c) => (hasControlCharacters(c) || !isWellFormedText(c) ? ' ' : c)).join('').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > QUERY_SHOWN ? `${chars.slice(0, QUERY_SHOWN - 1).join('')}…` : flat;
}

/** Opsdesk's pool (in use / max, queries waiting) and the server's connections against max_connections. */
export async function saturationFacts(db: Db): Promise<RunbookFact[]> {
  const counts = await countConnections(db);
  const pool = poolStats(db);
  const facts: RunbookFact[] = [];
  if (pool) {
    const inUse = pool.total - pool.idle;
    facts.push({ label: 'Opsdesk pool in use', value: `${inUse} / ${pool.max}`, status: isPoolExhausted(pool) ? 'fail' : inUse >= pool.max ? 'warn' : 'ok', runbookEntry: CONNECTIONS_ENTRY });
    facts.push({ label: 'Queries waiting for a pool connection', value: pool.waiting, kind: 'number', status: pool.waiting > 0 ? 'warn' : 'ok' });
  }
  const usable = counts.maxConnections - counts.reservedConnections;
  const share = counts.serverConnections / usable;
  facts.push({
    label: 'Server connections (all databases)',
    value: `${counts.serverConnections} / ${usable}`,
    status: share >= 0.95 ? 'fail' : share >= 0.8 ? 'warn' : 'ok',
    runbookEntry: CONNECTIONS_ENTRY,
  });
  facts.push({ label: 'Workers and replication (never touched)', value: counts.otherBackends, kind: 'number' });
  return facts;
}
