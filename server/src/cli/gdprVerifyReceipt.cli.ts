import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { verifyReceipt } from '../features/privacy/erasure/erasureReceipt.js';
import { parsePublicKey, receiptKeyFromConfig } from '../features/privacy/erasure/receiptKey.js';

/**
 * `npm run gdpr:verify-receipt <file> [--public-key <pem|base64>]`: checks a deletion
 * receipt's Ed25519 signature (docs/gdpr.md, "Receipts"). By default against the public
 * half of this install's receipt key (PRIVACY_RECEIPT_KEY, or the one derived from
 * SESSION_SECRET), never only against the key the file carries: whoever edits a receipt
 * can re-sign it and embed their own key. Exit 0 "valid", or 1 with the reason (edited,
 * another key, unreadable file or key). Needs no database.
 */
const program = new Command('gdpr:verify-receipt')
  .description('Verify a signed GDPR deletion receipt')
  .argument('<file>', 'the receipt (JSON, as downloaded from the console)')
  .option('--public-key <key>', 'check against this Ed25519 public key (PEM or base64 SPKI) instead of the configured one')
  .parse();
const [file] = program.args as [string];
const options = program.opts<{ publicKey?: string }>();

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let document: unknown;
try {
  document = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  fail(`Cannot read ${file} as JSON: ${(error as Error).message}`);
}

let trusted;
try {
  trusted = options.publicKey ? parsePublicKey(options.publicKey) : receiptKeyFromConfig(loadConfig()).publicKey;
} catch (error) {
  fail(`Cannot load the public key: ${(error as Error).message}`);
}

const verdict = verifyReceipt(document, trusted);
if (!verdict.valid) fail(`INVALID: ${verdict.why}`);
console.log(`valid: signed by ${verdict.keyId}`);
