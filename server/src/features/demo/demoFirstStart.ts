import type Stripe from 'stripe';
import type { Db } from '../../db/database.js';
import type { StripeEmulator } from '../../stripe-emulator/index.js';
import { migrateReferenceProductSchema } from './appSchema/migrateReferenceProductSchema.js';
import { hasProductUsers } from './demoReset.js';
import { seedDemoCompany } from './seedDemoCompany.js';
import { formatProgress, formatSummary, readSeedSummary } from './seedSummary.js';

/**
 * First `npm start` in demo mode: an empty product schema gets the default demo company,
 * progress printed as it goes. Call once the server listens and the emulator's webhooks
 * point at it. Never throws: a failed seed leaves a working (if empty) console, and says why.
 */
export async function seedDemoCompanyOnFirstStart(input: { db: Db; stripe: Stripe; emulator: StripeEmulator | null; users?: number; print?: (line: string) => void }): Promise<boolean> {
  const print = input.print ?? ((line: string) => console.log(line));
  const users = input.users;
  if (!input.emulator || users === 0) return false;
  try {
    await migrateReferenceProductSchema(input.db);
    if (await hasProductUsers(input.db)) return false;
    const started = performance.now();
    print('\nFirst start: creating the demo company (about a minute; `npm run seed -- --users N` builds a bigger one)…');
    const result = await seedDemoCompany({ db: input.db, stripe: input.stripe, emulator: input.emulator, users, onProgress: (p) => print(formatProgress(p)) });
    print(formatSummary(await readSeedSummary(input.db), result, (performance.now() - started) / 1000));
    return true;
  } catch (error) {
    print(`Demo company could not be created: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
