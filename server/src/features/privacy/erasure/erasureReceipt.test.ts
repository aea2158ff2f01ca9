import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TDeletionReceipt } from '@opsdesk/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../testing/runCli.js';
import { signReceipt, verifyReceipt, type TReceiptBody } from './erasureReceipt.js';
import { receiptKeyFromConfig, receiptKeyOf } from './receiptKey.js';

/** Receipts signed with Ed25519 and checked against the key the verifier trusts, in-process and through the CLI. */
const body: TReceiptBody = {
  version: 1,
  requestId: '5d0c3f0e-8a3b-4a51-9a53-0b4f9c1e2d3a',
  subjectHash: 'kh_0123456789abcdef0123456789abcdef',
  receivedAt: '2026-11-02T09:00:00.000Z',
  approvedBy: 'second@example.test',
  startedAt: '2026-11-03T10:00:00.000Z',
  completedAt: '2026-11-03T10:00:05.000Z',
  planHash: 'a'.repeat(64),
  tables: [{ table: 'app.sessions', action: 'delete', rows: 3, columns: [], basis: null, retention: null }],
  stripe: [{ customerId: 'cus_Test1', deleted: true, response: { id: 'cus_Test1', object: 'customer', deleted: true } }],
  audit: { subjectKeysShredded: 2, rowsCovered: 7, chainVerified: true },
};
const SECRET = 'receipt-test-session-secret-of-enough-length';
const configured = receiptKeyFromConfig({ sessionSecret: SECRET, PRIVACY_RECEIPT_KEY: undefined });
const other = receiptKeyOf(generateKeyPairSync('ed25519').privateKey);

describe('deletion receipts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'opsdesk-receipt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };

  it('verifies a signed receipt, whatever order its keys are serialised in', () => {
    const receipt = signReceipt(body, configured);
    expect(receipt.signature).toMatchObject({ algorithm: 'Ed25519', keyId: configured.keyId, publicKey: configured.publicKeyBase64 });
    expect(verifyReceipt(receipt, configured.publicKey)).toEqual({ valid: true, keyId: configured.keyId });
    const reordered = JSON.parse(JSON.stringify({ signature: receipt.signature, receipt: Object.fromEntries(Object.entries(receipt.receipt).reverse()) }));
    expect(verifyReceipt(reordered, configured.publicKey)).toMatchObject({ valid: true });
  });

  it('derives the same key from the same secret, and uses PRIVACY_RECEIPT_KEY when set (PEM or base64)', () => {
    expect(receiptKeyFromConfig({ sessionSecret: SECRET, PRIVACY_RECEIPT_KEY: undefined }).keyId).toBe(configured.keyId);
    const pem = other.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(receiptKeyFromConfig({ sessionSecret: SECRET, PRIVACY_RECEIPT_KEY: pem }).keyId).toBe(other.keyId);
    expect(receiptKeyFromConfig({ sessionSecret: SECRET, PRIVACY_RECEIPT_KEY: Buffer.from(pem).toString('base64') }).keyId).toBe(other.keyId);
    const der = other.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    expect(receiptKeyFromConfig({ sessionSecret: SECRET, PRIVACY_RECEIPT_KEY: der }).keyId).toBe(other.keyId);
  });

  it('refuses a receipt with one changed byte, and one signed by another key (even with that key embedded)', () => {
    const receipt = signReceipt(body, configured);
    const edited: TDeletionReceipt = { ...receipt, receipt: { ...receipt.receipt, tables: [{ ...receipt.receipt.tables[0]!, rows: 4 }] } };
    expect(verifyReceipt(edited, configured.publicKey)).toEqual({ valid: false, why: expect.stringMatching(/edited after signing/) });
    const forged = signReceipt(body, other);
    expect(verifyReceipt(forged, other.publicKey)).toMatchObject({ valid: true });
    expect(verifyReceipt(forged, configured.publicKey)).toEqual({ valid: false, why: expect.stringMatching(/not the trusted key/) });
    expect(verifyReceipt({ hello: 'world' }, configured.publicKey)).toMatchObject({ valid: false, why: expect.stringMatching(/not a deletion receipt/) });
  });

  it('gdpr:verify-receipt exits 0 on a valid receipt and 1 with the reason otherwise', async () => {
    const env = { SESSION_SECRET: SECRET };
    const receipt = signReceipt(body, configured);
    const good = write('good.json', receipt);
    await expect(runCli('gdprVerifyReceipt.cli.ts', [good], env)).resolves.toMatchObject({ stdout: expect.stringContaining(`valid: signed by ${configured.keyId}`) });

    // One byte changed in the file: a count 3 → 4.
    const text = JSON.stringify(receipt, null, 2);
    const tampered = write('tampered.json', text.replace('"rows": 3', '"rows": 4'));
    expect(text).toContain('"rows": 3');
    await expect(runCli('gdprVerifyReceipt.cli.ts', [tampered], env)).resolves.toMatchObject({ failed: true, code: 1, stderr: expect.stringContaining('edited after signing') });

    const forged = write('forged.json', signReceipt(body, other));
    await expect(runCli('gdprVerifyReceipt.cli.ts', [forged], env)).resolves.toMatchObject({ failed: true, code: 1, stderr: expect.stringContaining('not the trusted key') });
    // Checked against a key given on the command line instead (PEM or base64 SPKI).
    const otherPem = other.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    await expect(runCli('gdprVerifyReceipt.cli.ts', [forged, '--public-key', otherPem], env)).resolves.toMatchObject({ stdout: expect.stringContaining('valid') });
    await expect(runCli('gdprVerifyReceipt.cli.ts', [good, '--public-key', other.publicKeyBase64], env)).resolves.toMatchObject({ failed: true, code: 1 });
    await expect(runCli('gdprVerifyReceipt.cli.ts', [write('broken.json', '{ not json')], env)).resolves.toMatchObject({ failed: true, code: 1, stderr: expect.stringContaining('Cannot read') });
  }, 60_000);
});
