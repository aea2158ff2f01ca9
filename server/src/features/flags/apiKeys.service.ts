import { createHash, randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { Trx } from '../../db/database.js';
import { findApiKeyById, insertApiKey, revokeApiKey } from './apiKeys.queries.js';
import { findEnvironment } from './flags.queries.js';

/**
 * API keys (docs/flags.md, "Serving flags"): `opsdesk_<environment>_<43 random
 * characters>`, 256 bits of randomness. The secret is returned once; the database keeps
 * its sha-256 (a fast hash is enough for a random secret: there is nothing to guess
 * from a dictionary) and a short prefix so people can tell keys apart.
 */
const PREFIX_RANDOM_CHARS = 6;

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export async function createApiKey(trx: Trx, input: { environment: string; name: string }, actor: { id: string | null; label: string }) {
  if (!(await findEnvironment(trx, input.environment))) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no environment "${input.environment}".` });
  const head = `opsdesk_${input.environment}_`;
  const secret = head + randomBytes(32).toString('base64url');
  const key = await insertApiKey(trx, {
    environment: input.environment,
    name: input.name,
    tokenHash: hashApiKey(secret),
    prefix: secret.slice(0, Math.min(head.length + PREFIX_RANDOM_CHARS, 32)),
    createdBy: actor.id,
    createdByLabel: actor.label,
  });
  return { key, secret };
}

/** Revoked now; a key already revoked stays as it was (the answer says so), unknown is 404. */
export async function revokeKey(trx: Trx, id: string, actorLabel: string) {
  const revoked = await revokeApiKey(trx, id, actorLabel);
  if (revoked) return { key: revoked, alreadyRevoked: false };
  const existing = await findApiKeyById(trx, id);
  if (!existing) throw new TRPCError({ code: 'NOT_FOUND', message: 'No API key with that id.' });
  return { key: existing, alreadyRevoked: true };
}
