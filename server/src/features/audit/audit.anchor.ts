import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../../config/config.js';
import type { Db } from '../../db/database.js';
import { sealWithCurrentKey } from './audit.keyring.js';

/**
 * The chain head published outside the database: one JSON line per change of head,
 * appended to AUDIT_ANCHOR_FILE and logged. Shipped off the machine (log collector,
 * write-once bucket), an anchor pins every row up to it: rewriting or cutting off
 * rows it covers is detected even by someone who holds the chain key.
 */
const ZHex64 = z.string().regex(/^[0-9a-f]{64}$/);
const ZAuditAnchor = z.object({ lastId: z.string().regex(/^\d{1,19}$/), lastHash: ZHex64, seal: ZHex64, keyId: z.string().min(1), at: z.string() });
export type AuditAnchor = z.infer<typeof ZAuditAnchor>;

/** Every line of the file, in order; `anchor: null` for a line that is not one. No file: none. */
export async function readAuditAnchors(file: string): Promise<{ line: number; anchor: AuditAnchor | null }[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? '' : Promise.reject(error)));
  return text
    .split('\n')
    .map((content, index) => ({ line: index + 1, content }))
    .filter(({ content }) => content.trim() !== '')
    .map(({ line, content }) => ({ line, anchor: parseAnchor(content) }));
}

function parseAnchor(content: string): AuditAnchor | null {
  try {
    return ZAuditAnchor.parse(JSON.parse(content));
  } catch {
    return null;
  }
}

/** The file's last line only (anchors are small): the file grows for the life of the log. */
async function readLastAuditAnchor(file: string): Promise<AuditAnchor | null> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
  if (!handle) return null;
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 4096);
    const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
    return parseAnchor(buffer.toString('utf8').trimEnd().split('\n').at(-1) ?? '');
  } finally {
    await handle.close();
  }
}

/** Appends the current chain head, sealed, unless the file's last line already has it; returns the new line or null. */
export async function publishAuditAnchor(db: Db, file: string): Promise<AuditAnchor | null> {
  const { rows } = await sql<{ lastId: string | null; lastHash: string | null }>`select last_id, last_hash from ops.audit_chain_head`.execute(db);
  const head = rows[0];
  if (!head?.lastId || !head.lastHash) return null;
  const previous = await readLastAuditAnchor(file);
  if (previous?.lastId === head.lastId && previous.lastHash === head.lastHash) return null;
  const { keyId, mac } = sealWithCurrentKey(head.lastId, head.lastHash);
  const anchor: AuditAnchor = { lastId: head.lastId, lastHash: head.lastHash, seal: mac, keyId, at: new Date().toISOString() };
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(anchor)}\n`);
  return anchor;
}

/**
 * Publishes now (a file that cannot be written fails the start) and every
 * AUDIT_ANCHOR_INTERVAL_SECONDS; the timer does not keep the process alive. Each new
 * anchor is logged too, so shipping the logs ships the anchors.
 */
export async function startAuditAnchoring(
  db: Db,
  config: Pick<Config, 'auditAnchorFile' | 'AUDIT_ANCHOR_INTERVAL_SECONDS'>,
  logger: Logger,
): Promise<{ stop(): void }> {
  const publish = async () => {
    const anchor = await publishAuditAnchor(db, config.auditAnchorFile);
    if (anchor) logger.info({ auditAnchor: anchor }, 'audit chain anchor published');
  };
  await publish();
  const timer = setInterval(
    () => publish().catch((error: unknown) => logger.error({ err: error, file: config.auditAnchorFile }, 'publishing the audit chain anchor failed')),
    config.AUDIT_ANCHOR_INTERVAL_SECONDS * 1000,
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
