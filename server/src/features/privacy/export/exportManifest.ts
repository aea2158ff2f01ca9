import type { ManifestFile } from './exportEntities.js';
import type { StripeRefresh } from './stripeRefresh.js';

/**
 * What the archive says about itself: `manifest.json` for machines (every file with its
 * entity, row count and SHA-256, so the person can check nothing was altered or left
 * out) and `README.txt` for the person, in words.
 */
export const MANIFEST_FORMAT = 'opsdesk-privacy-export/1';

export interface ExportSubject {
  kind: string;
  value: string;
  label: string | null;
  userId: string | null;
  customerIds: string[];
  emails: string[];
}

export interface ExportManifest {
  format: typeof MANIFEST_FORMAT;
  requestId: string;
  subject: ExportSubject;
  generatedAt: string;
  /** Each Stripe customer as refreshed from Stripe just before the files were written. */
  stripe: StripeRefresh[];
  files: ManifestFile[];
  /** Entities searched that held nothing about the subject (no files). */
  emptyEntities: string[];
}

export function readmeText(manifest: ExportManifest): string {
  const who = manifest.subject.label ?? manifest.subject.value;
  return [
    `Your personal data held by this service`,
    ``,
    `This archive answers the request ${manifest.requestId} for a copy of the personal data we hold about ${who}.`,
    `It was made on ${manifest.generatedAt} (UTC), from one consistent view of our database.`,
    ``,
    `What is inside`,
    `- One folder per part of our systems: app/ (the product: your account, workspaces, content, sessions, usage),`,
    `  billing/ (our copy of your billing data at Stripe, our payment processor, refreshed from Stripe just before`,
    `  this archive was made), ops/ (notes and records our staff keep about you) and audit/ (our log of what staff did`,
    `  about you or your account; staff names and addresses are left out, their roles are kept).`,
    `- Each kind of record comes twice: a .json file (machine-readable, values as stored) and a .csv file (the same`,
    `  rows, for a spreadsheet). Dates are in UTC (ISO 8601).`,
    `- manifest.json lists every file with the number of records it holds and its SHA-256 checksum, and names the`,
    `  kinds of records we searched that held nothing about you.`,
    ``,
    `If something is missing or wrong, reply to the message this archive came with: you may ask us to correct or`,
    `erase your data.`,
    ``,
  ].join('\n');
}
